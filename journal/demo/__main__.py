"""``python -m journal.demo PATH [--seed N] [--now ISO]``: write a demo journal to a new file."""

import sys

from journal.demo import main

if __name__ == "__main__":
    sys.exit(main())
