"""The benchmark suite runs: its generator and the store-level part on a tiny journal.

No jrnl, no tmux and no wall-clock assertions here; ``make bench`` does the real measuring.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, procs, report  # noqa: E402
from journal.taxonomy import BUILTIN_SETTINGS, BUILTIN_TAGS  # noqa: E402

NOW = datetime(2026, 11, 18, 15, 30, tzinfo=UTC)
N = 50


def entries(seed: int = 3) -> list[generate.BenchEntry]:
    return list(generate.generate_entries(N, seed, NOW))


def test_generated_entries_are_realistic_and_repeatable() -> None:
    first, again, other = entries(), entries(), entries(seed=4)
    assert first == again
    assert first != other
    assert len(first) == N
    slugs = {t.slug for t in BUILTIN_TAGS}
    for e in first:
        assert 1 <= len(e.tags) <= 6
        assert len({slug for slug, _ in e.tags}) == len(e.tags)
        assert all(slug in slugs and polarity in (1, -1) for slug, polarity in e.tags)
        assert 40 <= len(e.text) <= 600
        assert len(e.what) <= 500
        assert e.setting in BUILTIN_SETTINGS
        assert e.occurred_at < NOW
    times = [e.occurred_at for e in first]
    assert times == sorted(times)
    assert [e.id for e in first] == list(range(1, N + 1))
    assert any(e.differently or e.lesson for e in first)


def test_written_journals_hold_exactly_the_generated_entries(tmp_path: Path) -> None:
    made = entries()
    db = tmp_path / "journal.db"
    generate.write_sqlite(db, made)
    generate.write_jrnl(tmp_path / "journal.txt", made)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM entry").fetchone()[0] == N
        per_entry = [n for (n,) in conn.execute("SELECT count(*) FROM entry_tag GROUP BY entry_id")]
        assert len(per_entry) == N and all(1 <= n <= 6 for n in per_entry)
        word = made[0].what.split()[1].lower()
        found = conn.execute(
            "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH ?", (f'"{word}"',)
        ).fetchone()[0]
        assert found >= 1  # the search index was filled by the triggers
    finally:
        conn.close()
    text = (tmp_path / "journal.txt").read_text()
    blocks = re.findall(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d\] ", text, flags=re.MULTILINE)
    assert len(blocks) == N
    for e, block in zip(made, text.split("\n\n"), strict=True):
        assert block.startswith(f"[{e.occurred_at:%Y-%m-%d %H:%M}] {e.what}")
        assert all(f"@{slug}" in block for slug, _ in e.tags)


def test_process_measurement_reports_time_and_memory(tmp_path: Path) -> None:
    m = procs.measure(
        "echo",
        [sys.executable, "-c", "print('x')"],
        env={"PATH": "/usr/bin:/bin"},
        repeat=2,
        scratch=tmp_path,
    )
    assert m.status == "ok" and len(m.runs) == 2
    assert m.median is not None and m.max_rss_mb and m.max_rss_mb > 0
    failed = procs.measure(
        "fails",
        [sys.executable, "-c", "import sys; sys.exit('broken')"],
        env={},
        repeat=2,
        scratch=tmp_path,
    )
    assert failed.status == "failed" and "broken" in failed.note


@pytest.fixture(scope="module")
def suite_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    work = tmp_path_factory.mktemp("bench")
    out = work / "benchmarks.md"
    out.write_text("old\n<!-- reading -->\nHand-written notes stay.\n<!-- /reading -->\n")
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--sizes",
        str(N),
        "--repeat",
        "1",
        "--store-repeat",
        "2",
        "--no-peers",
        "--no-tui",
        "--no-cli",
        "--work",
        str(work),
        "--out",
        str(out),
        "--json",
        str(work / "results.json"),
    ]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((work / "results.json").read_text()), out.read_text(), work


def test_suite_writes_store_timings_and_sizes(suite_run: tuple[dict, str, Path]) -> None:
    results, _, work = suite_run
    assert results["settings"]["sizes"] == [N]
    assert {"machine", "versions", "store", "db_size"} <= set(results)
    rows = {r["label"]: r for r in results["store"][str(N)]}
    for prefix in ("list(limit=10)", "list(search=", "list(tag=", "count()"):
        row = next(r for label, r in rows.items() if label.startswith(prefix))
        assert row["status"] == "ok" and row["median_ms"] is not None
    assert rows["count()"]["rows"] == N
    size = results["db_size"][str(N)]
    assert size["entries"] == N and size["bytes_per_entry"] > 0
    cached = list((work / "journals").glob(f"n{N}-s*/journal.db"))
    assert len(cached) == 1


def test_report_has_the_sections_and_keeps_the_reading(suite_run: tuple[dict, str, Path]) -> None:
    _, text, _ = suite_run
    for heading in (
        "## Machine and versions",
        "## Targets of issue 7",
        "## Store-level queries",
        "## Database size per entry",
        "## How to run",
    ):
        assert heading in text
    assert "Hand-written notes stay." in text
    assert text.count(report.READING_START) == 1


def test_report_tables_and_verdicts_from_results() -> None:
    def m(median: float | None, status: str = "ok") -> dict:
        runs = [] if median is None else [{"returncode": 0, "wall_s": median}] * 3
        return {
            "median_s": median,
            "min_s": median,
            "max_s": median,
            "max_rss_mb": 40.0,
            "status": status,
            "note": "",
            "timeout_s": 60,
            "runs": runs,
        }

    rows = {key: {"ours": m(0.3), "current": m(2.0), "4.3": m(1.0)} for key, _ in report.ROWS}
    rows["add"]["current"] = m(None, "timeout")
    results = {
        "settings": {"sizes": [100000], "peers": ["current", "4.3"], "tag": "patience"},
        "sizes": {"100000": rows},
        "store": {},
        "tui": [],
    }
    text = "\n".join(report._size_tables(results))
    assert "> 60 s" in text and ">200.0×" in text
    verdicts = {t: v for t, v, _ in report.evaluate_targets(results)}
    assert verdicts["CLI list ≤ 0.7 s (100,000)"] == "met"
    assert verdicts["Every command faster than jrnl current and 4.3 at 100,000"] == "met"
    assert verdicts["Browse first page ≤ 0.15 s after the key (100,000)"] == "not measured"


def test_encryption_rows_put_plain_and_encrypted_side_by_side() -> None:
    from benchmarks import encryption

    def m(s: float) -> dict:
        return {"median_s": s}

    results = {
        "cli": {
            "10000": {key: {"plain": m(0.2), "encrypted": m(0.3)} for key, _ in encryption.KEYS}
        },
        "tui": [
            {"label": "10,000 plain", "samples": {"form": [0.5], "open": [0.8]}},
            {"label": "10,000 encrypted", "samples": {"form": [0.5], "open": [0.9]}},
        ],
    }
    text = "\n".join(encryption.report_lines(results))
    assert "| 10,000 | list the last 10 | 0.200 | 0.300 | 1.50× (over target) |" in text
    assert "| 10,000 | TUI: journal open | 0.800 | 0.900 | 1.12× |" in text
    assert encryption.report_lines({}) == []


def test_the_import_row_imports_into_a_fresh_journal_each_run(tmp_path: Path) -> None:
    from benchmarks.run import base_env, import_command

    db = tmp_path / "bench.db"
    generate.write_sqlite(db, entries())
    exported = sum(not e.private for e in entries())  # an export leaves private entries out
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**base_env(), "PYTHONPATH": str(ROOT)}
    command = import_command(db, scratch, env)
    for _ in range(2):  # the second run adds everything again: the journal was made fresh
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert f"added {exported}," in result.stdout
