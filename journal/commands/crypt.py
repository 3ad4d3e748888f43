"""encrypt, decrypt and rekey: turning a journal into an encrypted one and back, in place.

The conversion itself lives in ``journal.db.cipher``; here are the passphrase prompts, the
confirmation before decrypting and the plaintext backups the user is offered to remove.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from journal.commands._common import PASSPHRASE_TRIES, ask_passphrase, settings_from
from journal.errors import DatabaseError, InputError
from journal.terminal import say, shout

ENV_NEW_PASSPHRASE = "SERVICE_JOURNAL_NEW_PASSPHRASE"
NOTICE_BYTES = 20 * 1024 * 1024
"""From this size a conversion is announced: it rewrites and checks every page, which takes a
while, and a silent wait looks like a hang."""


def encrypt(args: argparse.Namespace) -> int:
    from journal.db import sqlite_path_from
    from journal.db.cipher import ENV_PASSPHRASE, convert, remember
    from journal.db.files import looks_encrypted
    from journal.store import open_store

    settings = settings_from(args)
    path = _existing(sqlite_path_from(settings.db_target))
    if looks_encrypted(path):
        if not args.remove_backups:
            raise InputError(f"{path} is encrypted already; change its passphrase with rekey.")
        _unlock(path)  # only the journal's owner removes its backups
        _offer_backup_removal(path, True)
        return 0
    open_store(settings).close()  # refuses a foreign file, upgrades an old one first
    passphrase = os.environ.get(ENV_PASSPHRASE) or _new_passphrase(ENV_PASSPHRASE)
    _announce(path)
    count, _ = convert(path, "", passphrase)
    say(f"Encrypted {path} ({_entries(count)}, checked against the original).")
    if args.remember:
        remember(path, passphrase)
        say("The passphrase is remembered in this device's keyring.")
    _offer_backup_removal(path, args.remove_backups)
    return 0


def decrypt(args: argparse.Namespace) -> int:
    from journal.db import sqlite_path_from
    from journal.db.cipher import convert, forget

    path = _existing(sqlite_path_from(settings_from(args).db_target))
    passphrase = _unlock(path)
    if not args.yes:
        _confirm(
            f"Decrypt {path}? Anyone who gets the file can then read every entry. [y/N] ",
            "decrypting needs --yes when not run in a terminal.",
        )
    _announce(path)
    count, _ = convert(path, passphrase, "")
    forget(path)
    say(f"Decrypted {path} ({_entries(count)}); it is no longer encrypted.")
    return 0


def rekey(args: argparse.Namespace) -> int:
    from journal.db import sqlite_path_from
    from journal.db.cipher import convert, remember

    path = _existing(sqlite_path_from(settings_from(args).db_target))
    old = _unlock(path)
    new = os.environ.get(ENV_NEW_PASSPHRASE) or _new_passphrase(ENV_NEW_PASSPHRASE)
    _announce(path)
    count, _ = convert(path, old, new)
    say(f"Changed the passphrase of {path} ({_entries(count)}).")
    if args.remember:
        remember(path, new)
        say("The new passphrase is remembered in this device's keyring.")
    else:
        from journal.db.cipher import forget

        forget(path)  # a remembered old passphrase would no longer open it
    return 0


def _announce(path: Path) -> None:
    size = path.stat().st_size
    if size >= NOTICE_BYTES:
        shout(
            f"service-journal: rewriting {path.name} ({size / 1e6:,.0f} MB) and checking the "
            "copy; this takes a while at this size."
        )


def _existing(path: Path | None) -> Path:
    if path is None or not path.is_file():
        raise DatabaseError(f"{path} does not exist; there is no journal to convert.")
    return path


def _unlock(path: Path) -> str:
    """The journal's current passphrase, checked by opening it (refuses a plain journal)."""
    from journal.db.cipher import unlock

    return unlock(path, ask_passphrase, PASSPHRASE_TRIES)


def _new_passphrase(env: str) -> str:
    """A new passphrase typed twice at the terminal (the environment is read by the caller)."""
    if not sys.stdin.isatty():
        raise DatabaseError(f"No passphrase given; set {env} or run in a terminal to type one.")
    import getpass

    first = getpass.getpass("New passphrase: ")
    if not first:
        raise InputError("An empty passphrase would not protect anything; nothing was changed.")
    if getpass.getpass("Type it again: ") != first:
        raise InputError("The two passphrases differ; nothing was changed.")
    return first


def _confirm(question: str, refusal: str) -> None:
    if not sys.stdin.isatty():
        raise InputError(f"Nothing was changed: {refusal}")
    answer = input(question).strip().lower()
    if answer not in ("y", "yes"):
        raise InputError("Nothing was changed.")


def _offer_backup_removal(path: Path, remove: bool) -> None:
    """Plain copies made before schema upgrades would defeat the encryption: offer to wipe them."""
    from journal.db.cipher import plaintext_backups, wipe

    backups = plaintext_backups(path)
    if not backups:
        return
    say("These earlier backups next to it are NOT encrypted:")
    for backup in backups:
        say(f"  {backup}")
    if not remove and sys.stdin.isatty():
        remove = input("Remove them now? [y/N] ").strip().lower() in ("y", "yes")
    if not remove:
        say("Remove them with: service-journal encrypt --remove-backups")
        return
    for backup in backups:
        wipe(backup)
    say(f"Removed {len(backups)} plaintext {'backup' if len(backups) == 1 else 'backups'}.")


def _entries(count: int) -> str:
    return f"{count:,} {'entry' if count == 1 else 'entries'}"
