"""The coaching document's ``## Since last session``, and the export's month, quarter and
since-last-session ranges."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from cli_run import run

from journal.db import Database
from journal.export import render_export
from journal.schemas import EntryIn, validate
from journal.store import Store
from journal.values import TagMark

ZONE = ZoneInfo("Europe/Berlin")


class Clock:
    """The store's clock, moved by the test between writes."""

    def __init__(self) -> None:
        self.at = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=ZONE)


def add(store: Store, what: str, **fields: object) -> int:
    return store.add(validate(EntryIn, {"what": what, **fields})).id


def build(db: Database, clock: Clock) -> Store:
    """Two sessions, a focus, decided items and check-ins over November 2026.

    Session #1 (10 Nov) agreed "Old agreement"; the review of 2026-W46 answered the check-in.
    Entry #1 (17 Nov, serving) was slow to greet and got an action item. Session #2 (20 Nov)
    agreed two things; the review of 2026-W47 chose the focus "acknowledged". Then one own
    entry greeted well, one observed clerk did not, and one private entry stays private. On 27
    Nov the review of 2026-W48 decided every item and answered the check-in again.
    """
    store = Store(db, now=clock)
    reviews, coaching = store.review, store.coaching
    clock.at = at(11, 10, 17)
    coaching.add_session(at(11, 10, 16), "First talk", ["Old agreement"])
    clock.at = at(11, 15, 18)
    reviews.save_checkin("2026-W46", {1: "no", 2: "partly", 5: "yes"})
    reviews.mark_reviewed("2026-W46")
    clock.at = at(11, 17, 19)
    add(
        store,
        "Greeted a customer late",
        perspective="provider",
        overall="badly",
        tags=[TagMark(slug="acknowledged", polarity=-1)],
        action="Look up when the door opens",
        occurred_at=at(11, 17, 10),
    )
    clock.at = at(11, 20, 17)
    coaching.add_session(
        at(11, 20, 16), "Greeting", ["Greet within 5 seconds", "Smile at the door"]
    )
    clock.at = at(11, 22, 18)
    reviews.set_focus("2026-W47", "acknowledged", "When someone walks in, I look up")
    reviews.mark_reviewed("2026-W47")
    clock.at = at(11, 24, 19)
    add(
        store,
        "Looked up at once",
        perspective="provider",
        overall="well",
        tags=[TagMark(slug="acknowledged", polarity=1)],
        occurred_at=at(11, 24, 10),
    )
    add(
        store,
        "Clerk ignored me",
        perspective="customer",
        overall="badly",
        tags=[TagMark(slug="acknowledged", polarity=-1)],
        occurred_at=at(11, 25, 10),
    )
    add(
        store,
        "SECRET private greeting",
        perspective="provider",
        private=True,
        tags=[TagMark(slug="acknowledged", polarity=1)],
        action="SECRET private action",
        occurred_at=at(11, 25, 11),
    )
    clock.at = at(11, 27, 18)
    items = {item.text: item.id for item in store.action_items()}
    reviews.decide_action("2026-W48", items["Greet within 5 seconds"], "done")
    reviews.decide_action("2026-W48", items["Smile at the door"], "dropped")
    reviews.decide_action("2026-W48", items["Old agreement"], "carried")
    reviews.decide_action("2026-W48", items["Look up when the door opens"], "done")
    reviews.save_checkin("2026-W48", {1: "yes", 2: "partly", 5: "no"})
    reviews.mark_reviewed("2026-W48")
    clock.at = at(11, 28, 9)
    return store


def section(document: str, heading: str = "Since last session") -> str:
    parts = re.split(r"^## (.+)$", document, flags=re.MULTILINE)
    found = {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}
    return found.get(heading, "")


def month_document(store: Store) -> str:
    start, end = at(11, 1, 0), at(12, 1, 0)
    return render_export(store, "markdown", start, end, label="2026-11", zone=ZONE).text


MONTH_SECTION = """

Last session: Fri 20 Nov 2026 16:00 (session \\#2).

### Focus since then

- **acknowledged** (chosen in the review of 2026-W47): When someone walks in, I look up
  - done well 1: \\#2 Tue 24 Nov
  - done badly 2: \\#1 Tue 17 Nov, \\#3 Wed 25 Nov (observed)

### Action items in this range

- [ ] Old agreement\\
  \\#1 · opened Tue 10 Nov; carried over Fri 27 Nov (2026-W48) · agreed in session \\#1
- [x] Look up when the door opens\\
  \\#2 · opened Tue 17 Nov; done Fri 27 Nov (2026-W48) · from \\#1: Greeted a customer late
- [x] Greet within 5 seconds\\
  \\#3 · opened Fri 20 Nov; done Fri 27 Nov (2026-W48) · agreed in session \\#2
- [ ] Smile at the door\\
  \\#4 · opened Fri 20 Nov; dropped Fri 27 Nov (2026-W48) · agreed in session \\#2

### Agreements of the last session

- [x] Greet within 5 seconds (done Fri 27 Nov 2026, action item \\#3)
- [ ] Smile at the door (dropped Fri 27 Nov 2026, action item \\#4)

### Check-in

From the review of 2026-W46 to that of 2026-W48:
- 1\\. I enjoy dealing with customers and co-workers. no → yes (up)
- 2\\. I would rather solve someone's problem than just close a sale. partly → partly (same)
- 5\\. I can easily see things from the customer's side. yes → no (down)

"""


def test_a_month_shows_focus_evidence_every_item_agreements_and_the_check_in(
    db: Database,
) -> None:
    document = month_document(build(db, Clock()))
    assert section(document) == MONTH_SECTION
    headings = re.findall(r"^## (.+)$", document, flags=re.MULTILINE)
    assert headings[:3] == ["Summary", "Since last session", "My own service"]
    # The Summary's agenda opens with going through it.
    assert "min: Follow up the agreements and the focus since last session" in section(
        document, "Summary"
    )


def test_private_entries_and_their_items_never_appear(db: Database) -> None:
    store = build(db, Clock())
    document = month_document(store)
    assert "SECRET" not in document
    # The private entry (#4) marked the focus done well: it is not evidence.
    assert "  - done well 1: \\#2 Tue 24 Nov\n" in section(document)


def test_the_section_is_left_out_when_there_is_nothing_to_follow_up(db: Database) -> None:
    store = Store(db, now=lambda: at(11, 28, 9))
    add(store, "Just an observation", perspective="witnessed", occurred_at=at(11, 24))
    document = month_document(store)
    assert "Since last session" not in document
    assert document.count("\n## ") >= 1  # the rest of the document is still there


def test_a_later_session_is_not_the_last_one_of_an_earlier_range(db: Database) -> None:
    store = build(db, Clock())
    start, end = at(11, 16, 0), at(11, 20, 0)  # Mon 16 to Thu 19 Nov, before session #2
    text = render_export(store, "markdown", start, end, label="x", zone=ZONE).text
    since = section(text)
    assert "Last session: Tue 10 Nov 2026 16:00 (session \\#1)." in since
    assert "Old agreement (open, action item \\#1)" not in since  # it was carried: status now
    assert "- [ ] Old agreement (carried over, action item \\#1)" in since
    assert "Greet within 5 seconds" not in since


# ----------------------------------------------------------------- the export's ranges


@pytest.fixture
def cli_journal(db: Database, db_path: object, monkeypatch: pytest.MonkeyPatch) -> Store:
    clock = Clock()
    store = build(db, clock)
    monkeypatch.setenv("SERVICE_JOURNAL_DB", str(db_path))
    monkeypatch.setattr(Store, "now", lambda self: at(11, 28, 9))
    return store


def test_since_last_session_runs_from_the_session_to_now(
    capsys: pytest.CaptureFixture[str], cli_journal: Store
) -> None:
    code, out, err = run(capsys, "export", "--since-last-session")
    assert (code, err) == (0, "")
    assert out.startswith("# Coaching notes: since the session of 2026-11-20 16:00\n")
    assert "Fri 20 Nov 2026 to Sat 28 Nov 2026, all entries." in out
    assert "Greeted a customer late" not in section(out, "Appendix: all entries")
    assert "Looked up at once" in section(out, "Appendix: all entries")
    code, out, _ = run(capsys, "export", "--since-last-session", "--format", "json")
    assert code == 0
    assert "Looked up at once" in out and "Greeted a customer late" not in out


def test_month_and_quarter_ranges(capsys: pytest.CaptureFixture[str], cli_journal: Store) -> None:
    code, out, _ = run(capsys, "export", "--month", "2026-11")
    assert code == 0
    assert out.startswith("# Coaching notes: 2026-11\n\nSun 01 Nov 2026 to Mon 30 Nov 2026")
    assert section(out) == MONTH_SECTION
    code, out, _ = run(capsys, "export", "--quarter", "2026-q4")
    assert code == 0
    assert out.startswith("# Coaching notes: 2026-Q4\n\nThu 01 Oct 2026 to Thu 31 Dec 2026")
    code, out, _ = run(capsys, "export", "--month", "2026-10", "--format", "csv")
    assert (code, out.count("\n")) == (0, 1)  # the header only: October has no entries


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--month", "2026-13"], 2, '--month "2026-13" is not a month; write it like 2026-11.'),
        (["--month", "Nov"], 2, '--month "Nov" is not a month; write it like 2026-11.'),
        (["--quarter", "2026-Q5"], 2,
         '--quarter "2026-Q5" is not a quarter; write it like 2026-Q4.'),
        (["--month", "2201-01"], 1,
         '"2201-01" is outside the supported range; use years 1900 to 2200.'),
        (["--month", "2026-11", "--to", "2026-11-03"], 2,
         "--to does not go with --month; use --from DATE --to DATE instead."),
    ],
)  # fmt: skip
def test_bad_ranges_are_refused_with_an_example(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    result, out, err = run(capsys, "export", *args)
    assert (result, out) == (code, "")
    assert err == f"service-journal: {message}\n"


def test_two_ranges_at_once_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result, _, err = run(capsys, "export", "--month", "2026-11", "--week", "2026-W47")
    assert result == 2
    assert "not allowed with argument" in err


def test_since_last_session_without_a_session_says_how_to_record_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result, out, err = run(capsys, "export", "--since-last-session")
    assert (result, out) == (1, "")
    assert err == (
        "service-journal: No coaching session is recorded yet; record one with "
        "`service-journal coaching add --at WHEN`, or choose a range with --week or --month.\n"
    )
