"""Encrypted journals (SQLCipher): converting in place, opening, nothing readable left behind."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from cli_run import run
from journal_templates import RAW_KEY

from journal.db import open_database
from journal.db.cipher import content_digest, convert
from journal.db.files import SQLITE_HEADER
from journal.migrations import HEAD
from tests.test_architecture import loaded_modules

MARKER = "Zanzibar-quokka-7731"
"""Text that occurs nowhere but in the entries, to look for in the files' bytes."""

PHRASE = "correct horse 'battery' staple"
"""A real passphrase, with quotes: SQLCipher derives the key from it (the slow PBKDF2)."""
PASS = RAW_KEY
"""Every other test: a raw key skips the derivation; the file is encrypted all the same."""
FIXTURES = Path(__file__).parent / "fixtures" / "schemas"


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("service-journal: ") and lines[0].endswith("."), err
    assert "Traceback" not in err and "ERROR" not in err and "CORE" not in err
    return lines[0]


def seed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries with every field filled, one private, one in the trash, one custom tag."""
    d = ["--db", str(db)]
    assert run(capsys, *d, "tags", "add", "called-back", "--group", "Follow-up")[0] == 0
    assert run(capsys, *d, "add", f"{MARKER} teller explained fees", "--setting", "bank",
               "--perspective", "customer", "--overall", "well", "--well", "listening",
               "--well", "called-back", "--badly", "patience", "--differently", "ask first",
               "--at", "2026-11-20T14:30:00+01:00", "--flag")[0] == 0  # fmt: skip
    assert run(capsys, *d, "edit", "1", "--details", f"details {MARKER}", "--behaviour", "b",
               "--impact", "i", "--why", "process", "--lesson", "l", "--action", "a",
               "--left", "better")[0] == 0  # fmt: skip
    assert (
        run(capsys, *d, "add", "private one — שלום 🙂", "--private", "--at", "2026-11-21")[0] == 0
    )
    assert run(capsys, *d, "add", "trashed one", "--at", "2026-11-22")[0] == 0
    assert run(capsys, *d, "delete", "3")[0] == 0


def export_json(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = run(capsys, "--db", str(db), "export", "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    document.pop("exported_at")
    return dict(document)


def raw_digest(db: Path, passphrase: str = "") -> tuple[int, str]:
    from journal.db.cipher import _connect_keyed

    conn = _connect_keyed(db, passphrase)
    try:
        return content_digest(conn)
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_plain(path: Path) -> bool:
    return path.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER


@pytest.fixture
def journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "journal.db"
    seed(path, capsys)
    return path


def test_round_trip_plain_encrypted_plain_keeps_every_field(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before, rows = export_json(journal, capsys), raw_digest(journal)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PHRASE)
    code, out, err = run(capsys, "--db", str(journal), "encrypt")
    assert (code, err) == (0, ""), err
    assert "3 entries" in out
    assert not is_plain(journal)
    assert export_json(journal, capsys) == before
    assert raw_digest(journal, PHRASE) == rows
    code, out, err = run(capsys, "--db", str(journal), "decrypt", "--yes")
    assert (code, err) == (0, ""), err
    assert is_plain(journal)
    assert export_json(journal, capsys) == before
    assert raw_digest(journal) == rows
    assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]


def test_encrypted_journal_and_its_backup_hold_no_entry_text(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    assert run(capsys, "--db", str(journal), "encrypt")[0] == 0
    backup = journal.parent / "copy.db"
    code, out, _ = run(capsys, "--db", str(journal), "backup", str(backup))
    assert code == 0 and "encrypted" in out
    for path in journal.parent.iterdir():
        data = path.read_bytes()
        assert MARKER.encode() not in data, path
        assert MARKER.encode("utf-16-le") not in data, path
        assert not is_plain(path), path
    assert sorted(p.name for p in journal.parent.iterdir()) == ["copy.db", "journal.db"]
    code, out, _ = run(capsys, "--db", str(backup), "list", "--search", MARKER)
    assert code == 0 and "teller explained fees" in out  # the backup opens with the same key


def test_every_command_works_on_an_encrypted_journal(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    d = ["--db", str(journal)]
    assert run(capsys, *d, "encrypt")[0] == 0
    code, out, _ = run(capsys, *d, "add", "after encryption", "--well", "listening")
    assert (code, out.strip()) == (0, "4")
    assert "after encryption" in run(capsys, *d, "list")[1]
    assert "teller" in run(capsys, *d, "list", "--search", "fees")[1]
    assert run(capsys, *d, "review", "--week", "2026-W47")[0] == 0
    assert run(capsys, *d, "edit", "4", "--lesson", "keep going")[0] == 0
    target = journal.parent / "out.json"
    code, out, _ = run(capsys, *d, "export", "--format", "json", "-o", str(target))
    assert code == 0
    assert out.count("not encrypted") == 1
    code, out, _ = run(capsys, *d, "import", str(target))
    assert code == 0, out
    code, out, _ = run(capsys, *d, "doctor")
    assert code == 0, out
    assert "encryption: encrypted" in out and "plaintext backups: none" in out
    target.unlink()
    assert not any(is_plain(p) for p in journal.parent.iterdir())


def test_plain_export_says_nothing_about_encryption(
    journal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = journal.parent / "out.json"
    code, out, _ = run(
        capsys, "--db", str(journal), "export", "--format", "json", "-o", str(target)
    )
    assert code == 0 and "encrypted" not in out


@pytest.mark.parametrize("passphrase", [None, "wrong"])
def test_a_wrong_or_missing_passphrase_changes_nothing(
    journal: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    passphrase: str | None,
) -> None:
    convert(journal, "", PASS)
    before = {p.name: sha(p) for p in journal.parent.iterdir()}
    if passphrase is None:
        monkeypatch.delenv("SERVICE_JOURNAL_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", passphrase)
    for command in (["list"], ["add", "x"], ["doctor"], ["backup", "b.db"], ["decrypt", "--yes"]):
        code, _, err = run(capsys, "--db", str(journal), *command)
        assert code == 3, (command, err)
        sentence = one_sentence(err)
        assert ("wrong" if passphrase else "SERVICE_JOURNAL_PASSPHRASE") in sentence
        assert {p.name: sha(p) for p in journal.parent.iterdir()} == before


def test_sqlcipher_log_lines_do_not_reach_the_terminal(journal: Path) -> None:
    """SQLCipher logs a failed key to stderr from C; only our sentence may be there."""
    import subprocess
    import sys

    from tests.reliability._helpers import ROOT, cli_env

    convert(journal, "", PASS)
    result = subprocess.run(
        [sys.executable, "-m", "journal.cli", "--db", str(journal), "list"],
        capture_output=True,
        text=True,
        env=cli_env(SERVICE_JOURNAL_PASSPHRASE="wrong"),
        cwd=ROOT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 3
    one_sentence(result.stderr)


def test_rekey_changes_the_passphrase(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    convert(journal, "", PASS)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    monkeypatch.setenv("SERVICE_JOURNAL_NEW_PASSPHRASE", "new one")
    code, _, err = run(capsys, "--db", str(journal), "rekey")
    assert code == 0, err
    assert run(capsys, "--db", str(journal), "list")[0] == 3
    capsys.readouterr()
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", "new one")
    assert "teller" in run(capsys, "--db", str(journal), "list")[1]
    assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]


def test_decrypt_without_a_terminal_needs_yes(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    convert(journal, "", PASS)
    before = sha(journal)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    code, _, err = run(capsys, "--db", str(journal), "decrypt")
    assert code == 1 and "--yes" in one_sentence(err)
    assert sha(journal) == before


def test_encrypting_twice_or_decrypting_a_plain_journal_is_refused(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    before = sha(journal)
    code, _, err = run(capsys, "--db", str(journal), "decrypt", "--yes")
    assert code == 1 and "not encrypted" in one_sentence(err)
    assert sha(journal) == before
    assert run(capsys, "--db", str(journal), "encrypt")[0] == 0
    code, _, err = run(capsys, "--db", str(journal), "encrypt")
    assert code == 1 and "rekey" in one_sentence(err)


def test_plaintext_upgrade_backups_are_reported_and_removed_on_request(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = journal.with_name(f"{journal.name}.pre-0003-from-0002-20261101T000000.bak")
    shutil.copyfile(journal, old)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    code, out, _ = run(capsys, "--db", str(journal), "encrypt")
    assert code == 0 and str(old) in out and "NOT encrypted" in out
    assert old.exists()  # without a terminal nothing is removed unasked
    code, out, _ = run(capsys, "--db", str(journal), "doctor")
    assert code == 1 and f"plaintext backups: 1 beside it, readable by anyone: {old.name}" in out
    code, out, _ = run(capsys, "--db", str(journal), "encrypt", "--remove-backups")
    assert code == 0 and not old.exists()
    assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]
    assert "plaintext backups: none" in run(capsys, "--db", str(journal), "doctor")[1]


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.db")), ids=lambda p: p.stem)
def test_an_old_encrypted_journal_is_upgraded_with_an_encrypted_backup(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fixture: Path,
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(fixture, path)
    path.chmod(0o600)
    words = sqlite3.connect(path).execute("SELECT what FROM entry").fetchall()
    rows = raw_digest(path)
    convert(path, "", PASS)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    code, out, err = run(capsys, "--db", str(path), "list", "--json", "--trash")
    assert code == 0, err
    code, out, err = run(capsys, "--db", str(path), "doctor")
    assert code == 0, out + err
    backups = sorted(tmp_path.glob("old.db.pre-*.bak"))
    if fixture.stem == HEAD:  # already current: nothing to upgrade
        assert backups == []
        return
    assert len(backups) == 1
    assert raw_digest(backups[0], PASS) == rows  # the old schema, readable with the key only
    for file in (path, backups[0]):
        data = file.read_bytes()
        assert not is_plain(file)
        assert not any(w[0].encode() in data for w in words if len(w[0]) > 8)


def test_a_plain_journal_never_loads_sqlcipher(journal: Path) -> None:
    """Start-up speed: the driver is loaded only when a file is encrypted."""
    modules = loaded_modules(
        "import contextlib, io\n"
        "from journal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--db', {str(journal)!r}, 'list']) == 0"
    )
    assert not {m for m in modules if m.split(".")[0] in ("sqlcipher3", "keyring")}


def test_a_file_that_is_neither_kind_is_still_refused_as_not_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some notes\n")
    code, _, err = run(capsys, "--db", str(path), "list")
    assert code == 3 and "not SQLite" in one_sentence(err)


def test_the_keyring_is_used_when_remembered_and_optional_otherwise(
    journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in keyring module: the real one needs a desktop session."""
    import sys
    import types

    stored: dict[tuple[str, str], str] = {}
    fake = types.ModuleType("keyring")
    fake.get_password = lambda s, u: stored.get((s, u))  # type: ignore[attr-defined]
    fake.set_password = lambda s, u, p: stored.__setitem__((s, u), p)  # type: ignore[attr-defined]
    fake.delete_password = lambda s, u: stored.pop((s, u))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", fake)
    monkeypatch.setenv("SERVICE_JOURNAL_PASSPHRASE", PASS)
    assert run(capsys, "--db", str(journal), "encrypt", "--remember")[0] == 0
    assert list(stored.values()) == [PASS]
    monkeypatch.delenv("SERVICE_JOURNAL_PASSPHRASE")
    assert "teller" in run(capsys, "--db", str(journal), "list")[1]
    assert run(capsys, "--db", str(journal), "decrypt", "--yes")[0] == 0
    assert stored == {}
    stored[("service-journal", str(journal.resolve()))] = "out of date"  # rekeyed elsewhere
    told: list[bool] = []

    def prompt(_path: Path, wrong: bool) -> str:
        told.append(wrong)
        return PASS

    convert(journal, "", PASS)
    open_database(str(journal), passphrase=prompt).close()
    assert told == [False]  # a stale remembered passphrase falls back to asking
    assert run(capsys, "--db", str(journal), "list")[0] == 3  # no terminal: one sentence
    capsys.readouterr()
    convert(journal, PASS, "")
    monkeypatch.setitem(sys.modules, "keyring", None)  # not installed: import fails
    convert(journal, "", PASS)
    code, _, err = run(capsys, "--db", str(journal), "list")
    assert code == 3 and "SERVICE_JOURNAL_PASSPHRASE" in one_sentence(err)


def test_open_database_asks_again_after_a_wrong_passphrase(journal: Path) -> None:
    convert(journal, "", PASS)
    answers = iter(["nope", "still no", PASS])
    told: list[bool] = []

    def prompt(_path: Path, wrong: bool) -> str | None:
        told.append(wrong)
        return next(answers)

    db = open_database(str(journal), passphrase=prompt)
    try:
        assert db.encrypted
        assert db.execute("SELECT count(*) FROM entry").fetchone()[0] == 3
    finally:
        db.close()
    assert told == [False, True, True]
