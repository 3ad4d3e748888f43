"""A stand-in for a tab's app: announces itself as textual-serve expects, exits when told to quit.

The guard's tests need a websocket that starts a process without paying for the whole app.
"""

import os
import sys

sys.stdout.write("__GANGLION__\n")
sys.stdout.flush()
for chunk in iter(lambda: os.read(0, 65536), b""):
    if b'"quit"' in chunk:
        break
