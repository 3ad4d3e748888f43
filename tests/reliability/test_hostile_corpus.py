"""Every command against a corpus of hostile values, in every option and argument position.

Each run must end with a documented exit code (0 success, 1 bad input or unknown id, 2 usage,
3 database problem), print no traceback, not hang, and leave the journal readable by
`list --json` and `export --format json`. The corpus is the table ``CASES`` below: a value list
per kind of input (ids, weeks, days, WHEN phrases, cursors, limits, texts, paths, import files)
crossed with the positions that take that kind. Most runs go through ``journal.cli.main`` in
this process; ``PROCESS_SAMPLE`` of them run again as real processes. Add a value to a list, or a
position to a kind, and every command that takes it is tried with it.
"""

from __future__ import annotations

import io
import json
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest

from journal.cli import main
from tests.reliability._helpers import sj

OK, INPUT, USAGE, DATABASE = 0, 1, 2, 3
HANG_SECONDS = 60
"""A guard against a hang, far above any run's time: not a speed assertion."""

# --- the values ------------------------------------------------------------------------------

IDS = [
    "1",
    "0",
    "-1",
    "2",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999",
    "abc",
    "",
    "1.5",
    "1e3",
    "0x10",
    " 3",
    "\uff11",  # a full-width digit one
    "\x00",
]
WEEKS = [
    "2026-W47",
    "2026-w7",
    "2026W07",
    "2026-W53",
    "2020-W53",
    "2026-W00",
    "2026-W54",
    "0999-W10",
    "9999-W52",
    "0001-W01",
    "1900-W01",
    "2200-W52",
    "2201-W01",
    "W47",
    "",
    "2026-W47\x00",
    "\u0968\u0966\u0968\u0966-W47",  # Devanagari digits
    "2026-11-20",
]
DAYS = [
    "2026-11-01",
    "0001-01-01",
    "0999-12-31",
    "1899-12-31",
    "1900-01-01",
    "2200-12-31",
    "2201-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-01",
    "20261101",
    "2026-W47-1",
    "yesterday",
    "",
    "\x1b[2J",
]
WHENS = [
    "now",
    "today 14:30",
    "yesterday 9am",
    "2h ago",
    "last friday",
    "0026-11-20 14:30",
    "9999-12-31 23:59",
    "0001-01-01",
    "1899-12-31 23:59",
    "2201-01-01",
    "today 25:00",
    "today 8:10pm",
    "tomorrow",
    "99999999999 days ago",
    "100000 weeks ago",
    "2026-11-20T14:30+14:00",
    "2026-11-20T14:30Z",
    "2026-11-20 14:30:00.123456789",
    "2999-01-01",
    "",
    "\x00",
    "x" * 10_000,
]
CURSORS = [
    "abc",
    "x|99999999999999999999",
    "|",
    "|1",
    "2026-01-01 00:00:00.000000|1",
    "9999-12-31 23:59:59.999999|9223372036854775807",
    "r:0",
    "r:-1",
    "r:99999999999999999999",
    "i:5",
    "i:abc",
    "\x00|1",
    "",
]
LIMITS = ["1", "0", "-1", "1000", "1001", "99999999999999999999", "abc", "", "1e3"]
TEXTS = [
    "plain words",
    "",
    " ",
    "\x00",
    "NUL\x00inside",
    "\x1b]0;PWNED\x07x",
    "\x1b[31mred\x1b[0m",
    "a\u2028b",
    "a\u2029b",
    "a\tb",
    "a\r\nb",
    "a\x85b",
    "\u202egnp.exe",
    "\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "e\u0301\u0301\u0301",
    "%s%n{0}{entry}",
    "'; DROP TABLE entry; --",
    '"quoted" NEAR(a b) OR -x ^y col:z *',
    "\udcff\udcfe",  # bytes that were not UTF-8 in argv
    "x" * 4001,
    "y" * 100_000,
]
SLUGS = ["called-back", "a", "", "Wait Time", "-x", "+x", "x" * 41, "\x1b[2J", "caf\u00e9", "🙂"]

# --- import files: (name, bytes) -------------------------------------------------------------

EXPORT_HEAD = '{"format": "service-journal", "version": 1, "entries": '
UUID = "0b7c6a1e-8f51-4c3e-9d2a-5e4f3a2b1c0d"


def _entry(**fields: object) -> str:
    data = {"uuid": UUID, "occurred_at": "2026-11-20T14:30:00+01:00", "what": "imported"}
    data.update(fields)
    return EXPORT_HEAD + json.dumps([data]) + "}"


IMPORT_FILES: list[tuple[str, bytes]] = [
    ("empty.json", b""),
    ("space.json", b"   \n"),
    ("null.json", b"null"),
    ("list.json", b"[]"),
    ("bad.json", b'{"format": '),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000),
    ("deep-object.json", b'{"a":' * 5_000 + b"1" + b"}" * 5_000),
    ("huge-int.json", _entry(what=1).encode().replace(b"1}", b"9" * 5_000 + b"}", 1)),
    ("huge-int-field.json", (EXPORT_HEAD + "[" + "9" * 5_000 + "]}").encode()),
    ("binary.json", bytes(range(256)) * 8),
    ("nul.json", b"\x00" * 1_000),
    ("utf16.json", _entry().encode("utf-16")),
    ("bom.json", b"\xef\xbb\xbf" + _entry().encode()),
    ("newer.json", b'{"format": "service-journal", "version": 99, "entries": []}'),
    ("other.json", b'{"format": "something-else"}'),
    ("good.json", _entry().encode()),
    ("int-uuid.json", _entry(uuid=5).encode()),
    ("year-0999.json", _entry(occurred_at="0999-01-01T00:00:00+00:00").encode()),
    ("year-9999.json", _entry(occurred_at="9999-12-31T23:59:59-05:00").encode()),
    ("naive.json", _entry(occurred_at="2026-11-20T14:30:00").encode()),
    ("control.json", _entry(what="\x1b]52;c;aGk=\x07").encode()),
    ("long.json", _entry(what="x" * 100_000).encode()),
    ("tags.json", _entry(tags=[{"slug": "\x1b[2J", "polarity": 7}]).encode()),
    ("items.json", _entry(action_items=[{"text": "x", "created_at": "0001-01-01"}]).encode()),
    ("bad.csv", b"not,a,journal\n1,2,3\n"),
    ("empty.csv", b""),
    (
        "huge.csv",
        b"uuid,occurred_at,what,action_items\n"
        + f"{UUID},2026-11-20T14:30:00+01:00,x,".encode()
        + b"9" * 5_000
        + b"\n",
    ),
    ("year.csv", f"uuid,occurred_at,what\n{UUID},0026-11-20T14:30:00+00:00,x\n".encode()),
    ("quote.csv", b'uuid,occurred_at,what\n"unterminated\n'),
    ("binary.csv", bytes(range(256))),
    ("jrnl.json", b'{"entries": [{"date": "0999-01-01", "time": "10:00", "title": "x"}]}'),
    ("jrnl-bad.json", b'{"entries": [{"date": 5, "time": [], "title": {}}]}'),
    (
        "jrnl-tag.json",
        b'{"entries": [{"date": "2026-11-20", "title": "x", "tags": ["@\\u001b]0;P\\u0007x"]}]}',
    ),
    ("no-suffix", _entry().encode()),
]

LONG_NAME = "n" * 300
"""A file name longer than the system allows."""

# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One run: the arguments after --db, the exit codes it may end with, and any stdin."""

    args: tuple[str, ...]
    codes: frozenset[int]
    stdin: bytes | None = None

    @property
    def label(self) -> str:
        shown = " ".join(repr(a) if len(a) < 40 else repr(a[:37] + "...") for a in self.args)
        return shown[:120]


ANY_INPUT = frozenset({OK, INPUT})
ANY_USER = frozenset({OK, INPUT, USAGE})
WRITES = frozenset({OK, INPUT, DATABASE})  # a path may be refused as a database problem


def _positions(root: Path) -> list[Case]:
    """Each kind of value crossed with every position that takes it."""
    cases: list[Case] = []

    def each(values: list[str], template: tuple[str, ...], codes: frozenset[int]) -> None:
        for value in values:
            args = tuple(value if a == "{}" else a for a in template)
            cases.append(Case(args, codes))

    for command in ("show", "delete", "restore"):
        each(IDS, (command, "{}"), ANY_USER)
    each(IDS, ("show", "--json", "--", "{}"), ANY_USER)
    each(IDS, ("edit", "{}", "--lesson", "learned"), ANY_USER)
    for template in (("list", "--week", "{}"), ("review", "--week", "{}")):
        each(WEEKS, template, ANY_USER)
    each(WEEKS, ("review", "--week", "{}", "--json", "--include-private"), ANY_USER)
    for fmt in ("markdown", "json", "csv"):
        each(WEEKS, ("export", "--format", fmt, "--week", "{}"), ANY_USER)
    for option in ("--from", "--to"):
        each(DAYS, ("list", option, "{}"), ANY_INPUT)
        each(DAYS, ("export", "--format", "json", option, "{}"), ANY_INPUT)
        each(DAYS, ("export", option, "{}"), ANY_INPUT)
    each(WHENS, ("add", "when test", "--at", "{}"), ANY_INPUT)
    each(WHENS, ("edit", "1", "--at", "{}"), ANY_INPUT)
    each(CURSORS, ("list", "--cursor", "{}"), ANY_INPUT)
    each(CURSORS, ("list", "--json", "--search", "words", "--cursor", "{}"), ANY_INPUT)
    each(LIMITS, ("list", "--limit", "{}"), ANY_USER)
    each(TEXTS, ("add", "{}"), ANY_INPUT)
    for option in ("--setting", "--differently", "--well", "--badly", "--at"):
        each(TEXTS, ("add", "text test", option, "{}"), ANY_INPUT)
    for option in ("--what", "--details", "--behaviour", "--impact", "--lesson", "--action"):
        each(TEXTS, ("edit", "1", option, "{}"), ANY_INPUT)
    for option in ("--search", "--setting", "--tag"):
        each(TEXTS, ("list", option, "{}"), ANY_INPUT)
    each(TEXTS, ("tags", "add", "{}", "--group", "Mine"), ANY_USER)
    each(TEXTS, ("tags", "add", "own-tag", "--group", "{}"), ANY_INPUT)
    each(TEXTS, ("tags", "add", "own-tag-2", "--group", "Mine", "--description", "{}"), ANY_INPUT)
    # A value starting with "-" reads as an option: argparse's usage error (2).
    each(SLUGS, ("add", "slug test", "--well", "{}"), ANY_USER)
    each(SLUGS, ("list", "--tag", "{}"), ANY_USER)
    each(SLUGS, ("tags", "add", "{}", "--group", "Mine"), ANY_USER)
    for choice in ("--perspective", "--overall"):
        each(["", "WITNESSED", "\x00", "well"], ("add", "choice test", choice, "{}"), ANY_USER)
    each(["", "skill", "nope"], ("edit", "1", "--why", "{}"), ANY_USER)

    folder = root / "paths"
    paths = [
        str(folder / "out.txt"),
        str(folder),
        str(folder / LONG_NAME),
        str(folder / "missing" / "x.md"),
        str(folder / "new\nline.md"),
        "",
        "/dev/null",
        str(folder / "existing.txt"),
    ]
    each(paths, ("export", "-o", "{}"), WRITES | {USAGE})
    each(paths, ("export", "--format", "csv", "-o", "{}", "--force"), WRITES | {USAGE})
    each(paths, ("backup", "{}"), WRITES | {USAGE})
    each(paths, ("import", "{}"), ANY_USER)
    each(paths, ("import", "{}", "--format", "json"), ANY_USER)

    imports = root / "imports"
    imports.mkdir()
    for name, content in IMPORT_FILES:
        path = imports / name
        path.write_bytes(content)
        for extra in ((), ("--dry-run",), ("--format", "json"), ("--format", "csv")):
            cases.append(Case(("import", str(path), *extra), ANY_USER))
        cases.append(Case(("import", str(path), "--format", "jrnl"), ANY_USER))
        cases.append(Case(("import", "-", "--format", "json"), ANY_USER, content))

    for args in (
        ("list",),
        ("list", "--json", "--trash"),
        ("list", "--flagged", "--unreflected", "--json"),
        ("tags",),
        ("tags", "--json"),
        ("review",),
        ("review", "--json"),
        ("doctor",),
        ("doctor", "--repair"),
        ("export", "--only-flagged"),
    ):
        cases.append(Case(args, frozenset({OK})))
    for bad_db in ("folder", "empty", "text"):
        for args in (("list",), ("add", "x"), ("doctor",), ("export",)):
            cases.append(Case(("--db-" + bad_db, *args), frozenset({DATABASE})))
    return cases


# --- the runner ------------------------------------------------------------------------------


class Hang(Exception):
    """A run went past ``HANG_SECONDS``."""


@contextmanager
def hang_guard() -> Iterator[None]:
    def alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _argv(case: Case, db: Path, root: Path) -> list[str]:
    if case.args[0].startswith("--db-"):
        return ["--db", str(root / "bad" / case.args[0].removeprefix("--db-")), *case.args[1:]]
    return ["--db", str(db), *case.args]


def run_in_process(argv: list[str], stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err), hang_guard():
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's usage errors and --help
                code = exc.code if isinstance(exc.code, int) else 2
            except Exception as exc:  # noqa: BLE001 (a real process would print a traceback)
                return -1, out.getvalue(), f"Traceback: {exc!r:.200}"
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def assert_readable(db: Path, after: Case) -> None:
    for args in (("list", "--json", "--limit", "1000"), ("export", "--format", "json")):
        code, out, err = run_in_process(["--db", str(db), *args])
        assert (code, err) == (0, ""), f"journal unreadable after {after.label}: {err}"
        json.loads(out)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with an entry of every kind, made once and copied by each test."""
    path = tmp_path_factory.mktemp("corpus") / "template.db"
    db = ["--db", str(path)]
    steps = [
        (
            "add",
            "full entry",
            "--setting",
            "bank",
            "--perspective",
            "provider",
            "--overall",
            "badly",
            "--badly",
            "wait-time",
            "--well",
            "apology",
            "--differently",
            "greet first",
            "--at",
            "2026-11-20 14:30",
        ),
        (
            "edit",
            "1",
            "--details",
            "said",
            "--lesson",
            "learned",
            "--action",
            "call back",
            "--why",
            "process",
            "--left",
            "better",
            "--flag",
        ),
        ("add", "private entry", "--private", "--at", "2026-11-19 09:00"),
        ("add", "trashed entry", "--at", "2026-11-18 09:00"),
        ("delete", "3"),
        ("add", "words to search for", "--at", "yesterday 9am"),
        ("tags", "add", "called-back", "--group", "Mine"),
    ]
    for step in steps:
        code, _, err = run_in_process([*db, *step])
        assert (code, err) == (0, ""), (step, err)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, template: Path) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(template, root / "template.db")
    (root / "paths").mkdir()
    (root / "paths" / "existing.txt").write_text("a file already there\n")
    bad = root / "bad"
    (bad / "folder").mkdir(parents=True)
    (bad / "empty").write_bytes(b"")
    (bad / "text").write_text("not a journal\n")
    return root, _positions(root)


COMMANDS = (
    "add", "list", "show", "edit", "delete", "restore", "tags", "review", "export", "import",
    "backup", "doctor", "--db-folder", "--db-empty", "--db-text",
)  # fmt: skip


def _group(case: Case) -> str:
    return case.args[0]


def _fingerprint(db: Path) -> tuple[tuple[int, int], ...]:
    files = [db, db.with_name(db.name + "-wal")]
    return tuple((f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists())


def run_cases(cases: list[Case], db: Path, root: Path) -> list[str]:
    """Each case in turn on one journal; what went wrong, one line a case.

    The journal is read back (``assert_readable``) after every run that changed its files; a
    run that left every byte as it was cannot have made it unreadable.
    """
    failures = []
    assert_readable(db, cases[0])
    for case in cases:
        before = _fingerprint(db)
        try:
            code, _, err = run_in_process(_argv(case, db, root), case.stdin)
        except Hang:
            failures.append(f"{case.label}: no answer within {HANG_SECONDS} s")
            continue
        if code not in case.codes or "Traceback" in err:
            failures.append(f"{case.label}: exit {code}, stderr {err[-300:]!r}")
        if _fingerprint(db) != before:
            assert_readable(db, case)
    return failures


@pytest.mark.parametrize("command", COMMANDS)
def test_every_hostile_value_gets_a_documented_answer(
    corpus: tuple[Path, list[Case]], command: str, tmp_path: Path
) -> None:
    root, cases = corpus
    db = tmp_path / "journal.db"
    shutil.copy(root / "template.db", db)
    mine = [case for case in cases if _group(case) == command]
    assert mine, command
    failures = run_cases(mine, db, root)
    assert not failures, "\n".join(failures)


def test_the_corpus_is_several_hundred_runs(corpus: tuple[Path, list[Case]]) -> None:
    _, cases = corpus
    assert len(cases) >= 500
    assert {_group(case) for case in cases} == set(COMMANDS)
    print(f"\nhostile corpus: {len(cases)} runs in process, {PROCESS_SAMPLE} as processes")


PROCESS_SAMPLE = 20


def test_a_sample_as_real_processes(corpus: tuple[Path, list[Case]], tmp_path: Path) -> None:
    """NUL cannot travel in a real argv, so the sample is drawn from the other cases."""
    root, cases = corpus
    db = tmp_path / "journal.db"
    shutil.copy(root / "template.db", db)
    usable = [c for c in cases if not c.stdin and not any("\x00" in a for a in c.args)]
    usable = [c for c in usable if not any("\udc80" <= ch <= "\udcff" for a in c.args for ch in a)]
    step = max(1, len(usable) // PROCESS_SAMPLE)
    sample = usable[::step][:PROCESS_SAMPLE]
    assert len(sample) == PROCESS_SAMPLE
    for case in sample:
        argv = _argv(case, db, root)
        result = sj(Path(argv[1]), *argv[2:])
        assert result.returncode in case.codes, (case.label, result.stderr)
        assert "Traceback" not in result.stderr, (case.label, result.stderr)
    assert_readable(db, sample[-1])
