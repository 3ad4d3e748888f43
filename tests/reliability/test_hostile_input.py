"""Hostile and odd input: any text is stored and read back exactly, or refused with one sentence.

Never a traceback, never a partial write. Search text is always text, never query syntax.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.cli import main
from journal.db import open_database
from journal.errors import InputError
from journal.schemas import EntryIn, validate
from journal.store import Store

FIELDS = ("what", "setting", "differently")

# Text that people (and pasted clipboards) produce: emoji with joiners, right-to-left scripts and
# their override marks, combining marks, every control character including NUL, lone surrogates
# excluded (they cannot be encoded at all), and sometimes far too much of it.
SPECIALS = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b[31m",
        "\x7f",
        "\x85",
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "\u2028",
        "\ufeff",
        "\ufffd",
        "👩‍👩‍👧",
        "🏳️‍🌈",
        "e\u0301\u0302\u0303",
        "שלום",
        "مرحبا",
        "\t",
        "\n",
        "\r\n",
        " ",
        "'",
        '"',
        ";--",
        "%s",
        "{}",
    ]
)
TEXT = st.lists(
    st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), SPECIALS),
    max_size=12,
).map("".join)
LONG_TEXT = st.integers(min_value=400, max_value=4200).map(lambda n: "ü" * n)
ANY_TEXT = st.one_of(TEXT, TEXT, TEXT, LONG_TEXT)

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _trimmed(original: str, stored: str) -> bool:
    """stored is original without leading and trailing white space, and nothing else changed."""
    if not stored:
        return False
    start = original.find(stored)
    if start < 0:
        return False
    head, tail = original[:start], original[start + len(stored) :]
    return (not head or head.isspace()) and (not tail or tail.isspace())


@PROPERTY
@given(what=ANY_TEXT, setting=ANY_TEXT, differently=ANY_TEXT)
def test_schema_accepts_exactly_or_refuses_with_one_sentence(
    what: str, setting: str, differently: str
) -> None:
    data = {"what": what, "setting": setting, "differently": differently}
    try:
        entry = validate(EntryIn, data)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and message.endswith(".")
        return
    for name in FIELDS:
        value = getattr(entry, name)
        if value is None:  # an optional field that was only white space
            assert name != "what" and not data[name].strip()
        else:
            assert _trimmed(data[name], value), (name, data[name], value)
            assert "\x00" not in value


@PROPERTY
@given(what=ANY_TEXT, setting=ANY_TEXT, differently=ANY_TEXT)
def test_store_reads_back_exactly_what_the_schema_accepted(
    store: Store, what: str, setting: str, differently: str
) -> None:
    try:
        entry = validate(EntryIn, {"what": what, "setting": setting, "differently": differently})
    except InputError:
        return
    stored = store.get(store.add(entry).id)
    for name in FIELDS:
        assert getattr(stored, name) == getattr(entry, name)


@pytest.fixture
def cli_db(tmp_path: Path) -> str:
    path = tmp_path / "hostile.db"
    open_database(str(path)).close()
    return str(path)


def _count(db: str) -> int:
    database = open_database(db)
    try:
        return Store(database).count()
    finally:
        database.close()


@PROPERTY
@given(what=ANY_TEXT, setting=ANY_TEXT, differently=ANY_TEXT, private=st.booleans())
def test_cli_add_round_trips_or_refuses_and_writes_nothing(
    cli_db: str,
    capsys: pytest.CaptureFixture[str],
    what: str,
    setting: str,
    differently: str,
    private: bool,
) -> None:
    before = _count(cli_db)
    args = ["--db", cli_db, "add", f"--setting={setting}", f"--differently={differently}"]
    if private:
        args.append("--private")
    code = main([*args, "--", what])
    out, err = capsys.readouterr()
    if code != 0:
        assert code == 1, err
        assert len(err.splitlines()) == 1 and err.rstrip().endswith("."), err
        assert _count(cli_db) == before
        return
    assert err == ""
    expected = validate(EntryIn, {"what": what, "setting": setting, "differently": differently})
    assert main(["--db", cli_db, "show", out.strip(), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {name: shown[name] for name in FIELDS} == {
        name: getattr(expected, name) for name in FIELDS
    }
    assert shown["private"] is private
    assert _count(cli_db) == before + 1


@PROPERTY
@given(lesson=ANY_TEXT, details=ANY_TEXT)
def test_cli_edit_applies_everything_or_nothing(
    cli_db: str, capsys: pytest.CaptureFixture[str], lesson: str, details: str
) -> None:
    if _count(cli_db) == 0:
        assert main(["--db", cli_db, "add", "The nurse explained the wait"]) == 0
        capsys.readouterr()
    assert main(["--db", cli_db, "show", "1", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    code = main(["--db", cli_db, "edit", "1", f"--lesson={lesson}", f"--details={details}"])
    _, err = capsys.readouterr()
    assert main(["--db", cli_db, "show", "1", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    if code != 0:
        assert code == 1 and len(err.splitlines()) == 1, err
        assert after == before  # not one field of the two changed
    else:
        assert after["lesson"] == (lesson.strip() or None)
        assert after["situation"] == (details.strip() or None)


# ------------------------------------------------------------------ search syntax is text

SEARCH_ENTRIES = [
    "Manager said NEAR the door, then left",
    "Customer asked: is this OR that cheaper?",
    "Cashier (new) apologised twice",
    'The sign read "closed" at noon',
    "Could NOT find the queue ticket",
    "what: the clerk wrote it down",
    "Price was 5*3 euros and -2 off",
    "Caret ^ drawn on the receipt",
]

QUERIES = {
    "NEAR": [0],
    "NEAR(door left)": [0],
    '"NEAR the door"': [0],
    "OR that": [1],
    "this OR that": [1],
    "(new)": [2],
    "cashier (new": [2],
    '"closed"': [3],
    '"closed': [3],
    "NOT find": [4],
    "NOT": [4],
    "-queue": [4],
    "what:": [5],
    "what: clerk": [5],
    "5*3": [6],
    "-2": [6],
    "^drawn": [7],
    "^": [],
    "*": [],
    '"': [],
    "AND": [6],  # the word "and", as text
    "'; DROP TABLE entry; --": [],
    "entry_fts MATCH 'a'": [],
    "{what}: door": [],
}


def test_fts_and_sql_syntax_in_search_is_plain_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "search.db")
    ids = []
    for text in SEARCH_ENTRIES:
        assert main(["--db", db, "add", "--", text]) == 0
        ids.append(int(capsys.readouterr().out))
    for query, expected in QUERIES.items():
        code = main(["--db", db, "list", f"--search={query}", "--json"])
        out, err = capsys.readouterr()
        assert (code, err) == (0, ""), query
        found = sorted(e["id"] for e in json.loads(out)["entries"])
        assert found == sorted(ids[i] for i in expected), query
    assert main(["--db", db, "list", "--json", "--limit", "100"]) == 0
    assert len(json.loads(capsys.readouterr().out)["entries"]) == len(SEARCH_ENTRIES)


@PROPERTY
@given(query=ANY_TEXT)
def test_any_search_text_is_answered_without_error(
    cli_db: str, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    if _count(cli_db) == 0:
        for text in SEARCH_ENTRIES:
            main(["--db", cli_db, "add", "--", text])
    capsys.readouterr()
    code = main(["--db", cli_db, "list", "--json", f"--search={query}"])
    out, err = capsys.readouterr()
    if code == 1:  # refused, e.g. longer than a search may be
        assert len(err.splitlines()) == 1, err
    else:
        assert (code, err) == (0, "")
        json.loads(out)
    assert _count(cli_db) == len(SEARCH_ENTRIES)
