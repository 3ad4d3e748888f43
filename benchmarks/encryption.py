"""A plain and an encrypted copy of the same journal, the same commands, side by side.

    python -m benchmarks.encryption [--sizes "10000 100000"] [--repeat 5] [--no-tui]

``make bench`` (``benchmarks.run``) adds these rows to its report; run alone, this prints the
table (the figures in docs/benchmarks.md come from such a run). Plain and encrypted runs
alternate, one of each per round, so the shared machine's slow spells fall on both alike.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.generate import DEFAULT_SEED, WORK, JournalFiles, anchor_now, ensure_journal
from benchmarks.procs import Measurement, measure

PASSPHRASE = "benchmark passphrase"
ENCRYPTED_SIZES = (10_000, 100_000)
"""The sizes ``make bench`` compares plain and encrypted at (the issue's two sizes)."""
KEYS = (
    ("add", "add an entry"),
    ("list", "list the last 10"),
    ("search", "search (10 shown)"),
    ("review", "review --json, last full week"),
)
TARGET = 1.3
"""An encrypted journal should stay within this factor of a plain one."""


def encrypted_copy(source: Path, target: Path) -> Path:
    """A copy of ``source`` encrypted with ``PASSPHRASE`` through ``service-journal encrypt``'s
    own conversion."""
    from journal.db.cipher import convert

    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy2(source, target)
    convert(target, "", PASSPHRASE)
    return target


def compare_cli(
    files: JournalFiles, *, repeat: int, work: Path, week: str
) -> dict[str, dict[str, Any]]:
    """Medians for plain and encrypted, per command, measured in alternation."""
    from benchmarks.run import base_env, our_commands

    scratch = work / "run" / f"encrypted-n{files.size}"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    today = datetime.now(UTC)
    plain_env = base_env()
    secret_env = {**plain_env, "SERVICE_JOURNAL_PASSPHRASE": PASSPHRASE}
    plain, plain_add = scratch / "plain.db", scratch / "plain-add.db"
    shutil.copy2(files.db, plain)
    shutil.copy2(files.db, plain_add)
    secret = encrypted_copy(files.db, scratch / "encrypted.db")
    secret_add = encrypted_copy(files.db, scratch / "encrypted-add.db")
    commands = {
        "plain": (our_commands(plain, plain_add, today, week), plain_env),
        "encrypted": (our_commands(secret, secret_add, today, week), secret_env),
    }
    rows: dict[str, dict[str, Measurement]] = {key: {} for key, _ in KEYS}
    for key, label in KEYS:
        for cmds, env in commands.values():  # one untimed run: bytecode, file cache
            measure(label, cmds[key], env=env, repeat=1, scratch=scratch)
        for _ in range(repeat):
            for who, (cmds, env) in commands.items():
                m = measure(label, cmds[key], env=env, repeat=1, scratch=scratch)
                if who in rows[key]:
                    rows[key][who].runs.extend(m.runs)
                else:
                    rows[key][who] = m
    for path in scratch.iterdir():
        path.unlink()
    return {key: {who: m.to_json() for who, m in by.items()} for key, by in rows.items()}


def compare_tui(
    journals: dict[int, JournalFiles], *, repeat: int, work: Path, week: str
) -> list[dict[str, Any]]:
    """The capture form and the journal opened in the app, plain and encrypted.

    Through Textual's headless driver (``benchmarks/tui_headless.py``): tmux is not usable on
    every machine, and what encryption changes is the opening of the journal behind the form.
    """
    from benchmarks.run import base_env

    scratch = work / "run" / "encrypted-tui"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    script = str(Path(__file__).with_name("tui_headless.py"))
    root = str(Path(__file__).resolve().parents[1])
    env = {**base_env(), "PYTHONPATH": root}
    cases = []
    for size, files in journals.items():
        plain = scratch / f"plain-{size}.db"
        shutil.copy2(files.db, plain)
        secret = encrypted_copy(files.db, scratch / f"encrypted-{size}.db")
        cases.append((f"{size:,} plain", plain, env))
        cases.append(
            (f"{size:,} encrypted", secret, {**env, "SERVICE_JOURNAL_PASSPHRASE": PASSPHRASE})
        )
    samples: dict[str, dict[str, list[float]]] = {label: {} for label, _, _ in cases}
    status: dict[str, str] = {}
    for round_ in range(repeat + 1):  # round 0 warms up (bytecode, file cache); not kept
        for label, db, case_env in cases:
            start = time.time_ns()
            done = subprocess.run(
                [sys.executable, script, str(db), str(start)],
                capture_output=True,
                text=True,
                env=case_env,
                cwd=root,
                check=False,
                timeout=120,
            )
            if done.returncode != 0:
                status[label] = (done.stderr.strip().splitlines() or ["failed"])[-1][:80]
                continue
            for line in done.stdout.split("\n"):
                step, _, value = line.partition(" ")
                if value and round_:
                    samples[label].setdefault(step, []).append(float(value))
    shutil.rmtree(scratch)
    return [
        {"label": label, "samples": samples[label], "status": status.get(label, "ok")}
        for label, _, _ in cases
    ]


def _median(m: dict[str, Any] | None, step: str | None = None) -> float | None:
    if not m:
        return None
    if step is None:
        value = m.get("median_s")
        return float(value) if isinstance(value, (int, float)) else None
    values = sorted((m.get("samples") or {}).get(step) or [])
    if not values:
        return None
    mid = len(values) // 2
    return float(values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2)


def report_lines(encryption: dict[str, Any]) -> list[str]:
    """The section of docs/benchmarks.md comparing plain and encrypted journals."""
    if not encryption:
        return []
    lines = [
        "## Encrypted journal (SQLCipher) against plain",
        "",
        "The same journal, plain and encrypted (`service-journal encrypt`), the passphrase in "
        "`SERVICE_JOURNAL_PASSPHRASE`; runs alternate between the two. Seconds, medians; the "
        f"target is encrypted within {TARGET}× of plain.",
        "",
        "| entries | command | plain | encrypted | encrypted ÷ plain |",
        "|---|---|---|---|---|",
    ]
    for size, rows in (encryption.get("cli") or {}).items():
        for key, label in KEYS:
            by = rows.get(key) or {}
            a, b = _median(by.get("plain")), _median(by.get("encrypted"))
            lines.append(f"| {int(size):,} | {label} | {_s(a)} | {_s(b)} | {_ratio(a, b)} |")
    tui = encryption.get("tui") or []
    by_label = {case["label"]: case for case in tui}
    for case in tui:
        label = case["label"]
        if not label.endswith(" plain"):
            continue
        size = label.removesuffix(" plain")
        secret = by_label.get(f"{size} encrypted")
        for step, what in (("form", "TUI: capture form drawn"), ("open", "TUI: journal open")):
            a, b = _median(case, step), _median(secret, step)
            lines.append(f"| {size} | {what} | {_s(a)} | {_s(b)} | {_ratio(a, b)} |")
    lines.append("")
    return lines


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _ratio(plain: float | None, secret: float | None) -> str:
    if not plain or secret is None:
        return "–"
    ratio = secret / plain
    return f"{ratio:.2f}×" + ("" if ratio <= TARGET else " (over target)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Plain against encrypted journals.")
    parser.add_argument("--sizes", default=" ".join(str(s) for s in ENCRYPTED_SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-tui", action="store_true")
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args(argv)
    from benchmarks.store_bench import current_week_label

    now = anchor_now()
    week = current_week_label(now - timedelta(days=7))
    journals = {
        int(size): ensure_journal(int(size), DEFAULT_SEED, now=now, with_jrnl=False, work=args.work)
        for size in args.sizes.split()
    }
    result = {
        "cli": {
            str(size): compare_cli(files, repeat=args.repeat, work=args.work, week=week)
            for size, files in journals.items()
        },
        "tui": []
        if args.no_tui
        else compare_tui(
            journals, repeat=args.repeat, work=args.work, week=current_week_label(now)
        ),
    }
    print("\n".join(report_lines(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
