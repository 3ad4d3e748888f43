"""``make bench``: time Service Journal against jrnl on the same generated journals.

    python -m benchmarks.run [--sizes "1000 10000 100000"] [--repeat 5] [--no-peers] [--no-tui]

``SIZES`` and ``REPEAT`` in the environment set the defaults (``make bench SIZES=1000000``).
Results go to ``docs/benchmarks.md`` (``--out``) and ``benchmarks/.work/results.json``
(``--json``); see docs/benchmarks.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

from benchmarks import words
from benchmarks.generate import DEFAULT_SEED, WORK, JournalFiles, anchor_now, ensure_journal
from benchmarks.procs import Measurement, measure, run_once
from benchmarks.store_bench import current_week_label, store_timings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = "1000 10000 100000"
TAG = "patience"
ADD_TEXT = "Teller explained the fee before being asked. Calm and clear, no jargon."
PEER_MAX_SIZE = 100_000
"""jrnl reads its whole text file on every command; above this size it is not run."""

# (key, label): the commands compared, in table order.
COMMANDS = (
    ("add", "add an entry"),
    ("list", "list the last 10"),
    ("search", f'search "{words.SEARCH_WORD}" (10 shown)'),
    ("tag", f"filter by tag {TAG} (10 shown)"),
    ("last7", "last 7 days as Markdown"),
    ("week", "week export, last full week (Markdown)"),
    ("review", "review --json, last full week"),
    ("import", "import the journal's JSON export into a new journal"),
)


def log(message: str) -> None:
    print(message, flush=True)


def base_env() -> dict[str, str]:
    """The environment every timed process gets: UTC, no journal settings from the user."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SERVICE_JOURNAL_")}
    env.update(TZ="UTC", SERVICE_JOURNAL_TZ="UTC", PYTHONUNBUFFERED="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def our_program() -> list[str]:
    script = Path(sys.executable).parent / "service-journal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "journal.cli"]


def our_commands(db: Path, add_db: Path, today: datetime, week: str) -> dict[str, list[str]]:
    sj = our_program()
    first = (today - timedelta(days=7)).date().isoformat()
    last = today.date().isoformat()
    return {
        "add": [
            *sj,
            "--db",
            str(add_db),
            "add",
            ADD_TEXT,
            "--setting",
            "bank",
            "--well",
            TAG,
            "--badly",
            "queue",
        ],
        "list": [*sj, "--db", str(db), "list", "--limit", "10"],
        "search": [*sj, "--db", str(db), "list", "--search", words.SEARCH_WORD, "--limit", "10"],
        "tag": [*sj, "--db", str(db), "list", "--tag", TAG, "--limit", "10"],
        "last7": [*sj, "--db", str(db), "export", "--from", first, "--to", last],
        "week": [*sj, "--db", str(db), "export", "--week", week],
        "review": [*sj, "--db", str(db), "review", "--week", week, "--json"],
    }


def import_command(db: Path, scratch: Path, env: dict[str, str]) -> list[str]:
    """The journal exported as JSON once (not timed); each timed run imports it into a journal
    made fresh for that run (``benchmarks.import_once``)."""
    exported = scratch / "export.json"
    subprocess.run(
        [*our_program(), "--db", str(db), "export", "--format", "json", "-o", str(exported)],
        env=env,
        check=True,
        capture_output=True,
    )
    target = scratch / "import.db"
    helper = ROOT / "benchmarks" / "import_once.py"
    return [sys.executable, str(helper), str(exported), str(target), *our_program()]


def jrnl_commands(jrnl, config: Path, add_config: Path) -> dict[str, list[str]]:
    base = [str(jrnl.bin), "--config-file"]
    return {
        "add": [*base, str(add_config), f"{ADD_TEXT} @{TAG} @queue"],
        "list": [*base, str(config), "-n", "10"],
        "search": [*base, str(config), "-contains", words.SEARCH_WORD, "-n", "10"],
        "tag": [*base, str(config), f"@{TAG}", "-n", "10"],
        "last7": [*base, str(config), "-from", "7 days ago", "--format", "markdown"],
    }


def _needs_output(out: str, err: str) -> str | None:
    return None if out.strip() else f"no output ({err.strip()[:120] or 'empty'})"


# ----------------------------------------------------------------------------- one size


def bench_size(
    files: JournalFiles,
    *,
    repeat: int,
    peers: list,
    timeout_s: float,
    work: Path,
    week: str,
    warm: bool,
) -> dict:
    size = files.size
    scratch = work / "run" / f"n{size}"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    env = base_env()
    today = datetime.now(UTC)
    # Adds go to a copy, once per size: the journal grows by ``repeat`` entries (negligible).
    add_db = scratch / "add.db"
    shutil.copy2(files.db, add_db)
    rows: dict[str, dict[str, Measurement]] = {key: {} for key, _ in COMMANDS}
    ours = our_commands(files.db, add_db, today, week)
    ours["import"] = import_command(files.db, scratch, env)
    for key, label in COMMANDS:
        cmd = ours[key]
        if warm:  # the first run after installing compiles bytecode; not timed
            run_once(cmd, env=env, timeout_s=timeout_s)
        check = None if key == "add" else _needs_output
        m = measure(
            label, cmd, env=env, repeat=repeat, timeout_s=timeout_s, scratch=scratch, check=check
        )
        if m.status == "failed" and key in ("review", "week", "last7") and _not_built(m.note):
            m.status, m.note = "n/a", f"not built yet ({m.note})"
        rows[key]["ours"] = m
        log(f"    ours  {key:<7} {_fmt_m(m)}")
    for jrnl in peers:
        if files.jrnl is None:
            break
        add_txt = scratch / f"jrnl-{jrnl.name}.txt"
        shutil.copy2(files.jrnl, add_txt)
        config = jrnl.config(files.jrnl, scratch / "read")
        add_config = jrnl.config(add_txt, scratch)
        jenv = jrnl.env(env)
        for key, cmd in jrnl_commands(jrnl, config, add_config).items():
            if warm:
                run_once(cmd if key != "add" else [*cmd[:-1], "warm-up entry."], env=jenv)
            check = None if key == "add" else _needs_output
            m = measure(
                dict(COMMANDS)[key],
                cmd,
                env=jenv,
                repeat=repeat,
                timeout_s=timeout_s,
                scratch=scratch,
                check=check,
            )
            rows[key][jrnl.name] = m
            log(f"    jrnl {jrnl.name:<7} {key:<7} {_fmt_m(m)}")
    # The copies can be big (a million entries is over a gigabyte): drop them.
    for copy in (
        add_db,
        *scratch.glob("add.db-*"),
        *scratch.glob("jrnl-*.txt"),
        *scratch.glob("import.db*"),
        scratch / "export.json",
    ):
        copy.unlink(missing_ok=True)
    return {key: {who: m.to_json() for who, m in by.items()} for key, by in rows.items()} | {
        "_meta": files.meta
    }


def _not_built(note: str) -> bool:
    return "No module named" in note or "ModuleNotFoundError" in note


def _fmt_m(m: Measurement) -> str:
    if m.median is None:
        return f"{m.status}: {m.note}"
    return f"{m.median:.3f} s ({m.min:.3f}-{m.max:.3f}) rss {m.max_rss_mb:.0f} MB {m.note}"


# ----------------------------------------------------------------------------- extras


def db_size(files: JournalFiles) -> dict:
    conn = sqlite3.connect(files.db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = (
            dict(
                conn.execute(
                    "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
                ).fetchall()
            )
            if _has_dbstat(conn)
            else {}
        )
    finally:
        conn.close()
    total = files.db.stat().st_size
    data = {
        "entries": files.size,
        "bytes": total,
        "bytes_per_entry": round(total / files.size, 1),
        "largest_objects": {k: v for k, v in list(pages.items())[:6]},
    }
    if files.jrnl and files.jrnl.exists():
        data["jrnl_bytes_per_entry"] = round(files.jrnl.stat().st_size / files.size, 1)
    return data


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except sqlite3.OperationalError:  # SQLite built without the dbstat table
        return False


def import_time(db: Path, env: dict[str, str]) -> dict:
    """``python -X importtime`` of ``list --limit 10``: total and the costliest imports."""
    code = (
        "import sys; from journal.cli import main; "
        f"sys.exit(main(['--db', {str(db)!r}, 'list', '--limit', '10']))"
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        env=env,
    )
    rows = _importtime_rows(result.stderr)
    top_level = [r for r in rows if r[2] == 0]
    total_us = sum(r[1] for r in top_level)
    by_cumulative = sorted(top_level, key=lambda r: -r[1])[:12]
    by_self = sorted(rows, key=lambda r: -r[0])[:10]
    return {
        "command": "service-journal list --limit 10",
        "total_ms": round(total_us / 1000, 1),
        "top_cumulative": [
            {"module": r[3], "cumulative_ms": round(r[1] / 1000, 1)} for r in by_cumulative
        ],
        "top_self": [{"module": r[3], "self_ms": round(r[0] / 1000, 1)} for r in by_self],
        "package_ms": _by_package(rows),
    }


def _importtime_rows(stderr: str) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, depth, module) for each line of ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    return rows


def _by_package(rows: list[tuple[int, int, int, str]]) -> dict[str, float]:
    totals: dict[str, int] = {}
    for self_us, _, _, name in rows:
        root = name.split(".")[0]
        totals[root] = totals.get(root, 0) + self_us
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:10]
    return {name: round(us / 1000, 1) for name, us in top}


def profile_search(db: Path, env: dict[str, str], scratch: Path) -> dict:
    """cProfile of ``list --search WORD --limit 10``, twice: the whole command (how much of it is
    importing) and the command with its modules imported beforehand (where the rest goes)."""
    argv = ["--db", str(db), "list", "--search", words.SEARCH_WORD, "--limit", "10"]
    whole = _profile(argv, env, scratch / "search-whole.prof", preimport=False)
    warm = _profile(argv, env, scratch / "search-warm.prof", preimport=True)
    if whole is None or warm is None:
        return {"error": "profile not written"}
    imports = max(
        (
            cum
            for (fn, _, func), (_, _, _, cum, _) in whole.stats.items()
            if func == "_find_and_load"
        ),
        default=0.0,
    )
    entries = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in warm.stats.items():
        entries.append((cumtime, tottime, ncalls, _short(filename), line, func))
    skip = ("<frozen", "importlib", "cProfile", "<string>")
    own = [e for e in entries if not any(k in e[3] for k in skip)]
    by_cum = sorted(own, key=lambda e: -e[0])
    by_tot = sorted(own, key=lambda e: -e[1])

    def row(e: tuple) -> dict:
        return {
            "function": f"{e[3]}:{e[4]}({e[5]})",
            "calls": e[2],
            "cumulative_ms": round(e[0] * 1000, 1),
            "own_ms": round(e[1] * 1000, 1),
        }

    return {
        "command": f"service-journal list --search {words.SEARCH_WORD} --limit 10",
        "total_ms": round(whole.total_tt * 1000, 1),
        "imports_ms": round(imports * 1000, 1),
        "after_imports_ms": round(warm.total_tt * 1000, 1),
        "top_cumulative": [row(e) for e in by_cum[:14]],
        "top_own": [row(e) for e in by_tot[:8]],
    }


def _profile(argv: list[str], env: dict[str, str], out: Path, *, preimport: bool):
    import pstats

    pre = (
        "import journal.commands.entries, journal.present, journal.db, journal.store, "
        "journal.when, journal.weeks, journal.config\n"
        if preimport
        else ""
    )
    code = (
        "import cProfile, sys\n"
        f"{pre}"
        "from journal.cli import main\n"
        f"argv = {argv!r}\n"
        f"cProfile.run('main(argv)', {str(out)!r})\n"
    )
    subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    return pstats.Stats(str(out)) if out.exists() else None


def startup_floor(env: dict[str, str], repeat: int, scratch: Path) -> dict:
    """What any Python command line pays before doing anything: the interpreter, then our CLI
    parser, then the TUI's imports (Textual)."""
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -I -S -c pass (no site)": [sys.executable, "-I", "-S", "-c", "pass"],
        "service-journal --version": [*our_program(), "--version"],
        "python -c 'import journal.store'": [sys.executable, "-c", "import journal.store"],
        "python -c 'import tui.app'": [sys.executable, "-c", "import tui.app"],
    }
    out = {}
    for label, cmd in cases.items():
        m = measure(label, cmd, env=env, repeat=repeat, scratch=scratch)
        out[label] = m.to_json()
        log(f"    {label:<36} {_fmt_m(m)}")
    return out


def import_time_tui(env: dict[str, str]) -> dict:
    """``python -X importtime -c 'import tui.app'``: what the app imports before its first paint."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import tui.app"],
        capture_output=True,
        text=True,
        env=env,
    )
    rows = _importtime_rows(result.stderr)
    if not rows:
        return {"error": (result.stderr.strip().splitlines() or ["no output"])[-1][:200]}
    top_level = [r for r in rows if r[2] == 0]
    return {
        "command": "import tui.app",
        "total_ms": round(sum(r[1] for r in top_level) / 1000, 1),
        "package_ms": _by_package(rows),
    }


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/work/main/", str(ROOT) + "/", "/lib/python3."):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem_gb = round(kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "ram_gb": mem_gb,
        "os": f"{platform.system()} {platform.release()}",
        "load_at_start": [round(x, 2) for x in load],
    }


def versions(peers: list) -> dict:
    def ver(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    names = ("service-journal", "textual", "sqlmodel", "sqlalchemy", "pydantic", "alembic")
    data = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    data.update({name: ver(name) for name in names})
    data["jrnl"] = {p.name: p.version for p in peers}
    try:
        data["tmux"] = subprocess.run(
            ["tmux", "-V"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        data["tmux"] = "-"
    return data


def git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=False,
        )
        return out.stdout.strip() or "-"
    except OSError:
        return "-"


# ----------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark Service Journal against jrnl.")
    parser.add_argument("--sizes", default=os.environ.get("SIZES") or DEFAULT_SIZES)
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("REPEAT") or 5))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--timeout", type=float, default=60.0, help="per jrnl/our command run")
    parser.add_argument("--no-peers", action="store_true", help="do not install or run jrnl")
    parser.add_argument("--no-tui", action="store_true", help="skip the tmux-driven TUI timings")
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-process timings")
    parser.add_argument(
        "--tui-only",
        action="store_true",
        help="redo only the TUI timings, merged into the previous run's results (--json)",
    )
    parser.add_argument("--store-repeat", type=int, default=20)
    parser.add_argument("--work", type=Path, default=WORK, help="cache and scratch folder")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=None, help="default: WORK/results.json")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s.replace(",", "").replace("_", "")) for s in args.sizes.split()})
    args.json = args.json or args.work / "results.json"
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    env = base_env()
    now = anchor_now()
    # The review and week export use the last complete week: the current one may hold a few
    # hours of entries only (on a Monday), which would flatter the figures.
    this_week = current_week_label(now)
    week = current_week_label(now - timedelta(days=7))
    log(
        f"Service Journal benchmark: sizes {args.sizes}, repeat {args.repeat}, "
        f"week {week} (the TUI opens {this_week})"
    )
    if args.tui_only:
        return tui_only(args, env, now, this_week)
    peers = []
    if not args.no_peers:
        from benchmarks.peers import PEERS, ensure_jrnl

        for name in PEERS:
            peers.append(ensure_jrnl(name, args.work, log=log))
        log("  jrnl: " + ", ".join(f"{p.name} = {p.version}" for p in peers))
    results: dict = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": git_revision(),
        "machine": machine(),
        "versions": versions(peers),
        "settings": {
            "sizes": args.sizes,
            "repeat": args.repeat,
            "seed": args.seed,
            "timeout_s": args.timeout,
            "week": week,
            "current_week": this_week,
            "search_word": words.SEARCH_WORD,
            "tag": TAG,
            "peers": [p.name for p in peers],
            "tui": not args.no_tui,
        },
        "sizes": {},
        "store": {},
        "db_size": {},
        "tui": [],
    }
    journals: dict[int, JournalFiles] = {}
    for i, size in enumerate(args.sizes):
        log(f"\n== {size:,} entries")
        with_jrnl = bool(peers) and size <= PEER_MAX_SIZE
        files = ensure_journal(
            size, args.seed, now=now, with_jrnl=with_jrnl, work=args.work, log=log
        )
        journals[size] = files
        results["db_size"][str(size)] = db_size(files)
        if not args.no_cli:
            results["sizes"][str(size)] = bench_size(
                files,
                repeat=args.repeat,
                peers=peers if with_jrnl else [],
                timeout_s=args.timeout,
                work=args.work,
                week=week,
                warm=i == 0,
            )
        log("    store-level queries")
        timings = store_timings(
            files.db, word=words.SEARCH_WORD, tag=TAG, week=week, repeat=args.store_repeat
        )
        results["store"][str(size)] = [t.to_json() for t in timings]
        for t in timings:
            log(f"      {t.label:<45} {t.median_ms} ms {t.status} {t.note}")
    largest = journals[args.sizes[-1]]
    scratch = args.work / "run"
    scratch.mkdir(parents=True, exist_ok=True)
    if not args.no_cli:
        log("\n== import time and profile")
        results["importtime"] = import_time(largest.db, env)
        results["importtime_tui"] = import_time_tui(env)
        results["profile"] = profile_search(largest.db, env, scratch)
        results["startup"] = startup_floor(env, args.repeat, scratch)
    if not args.no_tui:
        results["tui"] = bench_tui(journals, args, env, this_week)
    results["encryption"] = bench_encryption(journals, args, week, this_week)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))
    from benchmarks.report import write_report

    write_report(results, args.out)
    log(f"\nWrote {args.out} and {args.json} in {results['elapsed_s']:.0f} s")
    return 0


def bench_encryption(
    journals: dict[int, JournalFiles], args: argparse.Namespace, week: str, this_week: str
) -> dict:
    """Plain against encrypted copies at 10,000 and 100,000 entries (benchmarks/encryption.py)."""
    from benchmarks import encryption

    chosen = {s: f for s, f in journals.items() if s in encryption.ENCRYPTED_SIZES}
    if not chosen:
        return {}
    log("\n== encrypted against plain")
    cli = {}
    if not args.no_cli:
        for size, files in chosen.items():
            cli[str(size)] = encryption.compare_cli(
                files, repeat=args.repeat, work=args.work, week=week
            )
    tui = []
    if not args.no_tui:
        tui = encryption.compare_tui(chosen, repeat=args.repeat, work=args.work, week=this_week)
    return {"cli": cli, "tui": tui}


def tui_only(args: argparse.Namespace, env: dict[str, str], now: datetime, week: str) -> int:
    """Redo only the TUI timings and merge them into the previous results (``--json``)."""
    if not args.json.exists():
        log(f"--tui-only needs the results of a previous run in {args.json}")
        return 2
    results = json.loads(args.json.read_text())
    sizes = [s for s in results["settings"]["sizes"] if s in args.sizes] or args.sizes
    journals = {
        size: ensure_journal(
            size, results["settings"]["seed"], now=now, with_jrnl=False, work=args.work, log=log
        )
        for size in sizes
    }
    results["tui"] = bench_tui(journals, args, env, week)
    results["tui_measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    args.json.write_text(json.dumps(results, indent=2, default=str))
    from benchmarks.report import write_report

    write_report(results, args.out)
    log(f"\nUpdated the TUI timings in {args.out} and {args.json}")
    return 0


def bench_tui(journals: dict[int, JournalFiles], args, env: dict[str, str], week: str) -> list:
    from benchmarks import tui_bench

    why = tui_bench.available()
    if why:
        log(f"\n== TUI: skipped ({why})")
        return [{"label": "TUI", "status": {"capture": f"n/a: {why}"}}]
    log("\n== TUI (tmux)")
    scratch = args.work / "run" / "tui"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    from journal.db import open_database

    empty = scratch / "empty.db"
    open_database(str(empty)).close()
    floor = [sys.executable, str(Path(__file__).parent / "textual_floor.py")]
    cases = [
        tui_bench.TuiCase(
            "Textual floor (minimal app)",
            empty,
            0,
            steps=("capture",),
            app=floor,
            whole_form=False,
        ),
        tui_bench.TuiCase("empty journal", empty, 0, steps=("capture",)),
    ]
    for size, files in journals.items():
        copy = scratch / f"n{size}.db"
        shutil.copy2(files.db, copy)
        cases.append(
            tui_bench.TuiCase(
                f"{size:,} entries",
                copy,
                size,
                newest_what=files.meta.get("newest_what"),
                steps=("capture", "browse", "review"),
            )
        )
    biggest = max(journals, default=0)
    if biggest:
        # The same journal with the keys pressed once start-up is over: the screens' own cost.
        cases.append(
            tui_bench.TuiCase(
                f"{biggest:,} entries, keys 2 s after the form",
                scratch / f"n{biggest}-settled.db",
                biggest,
                newest_what=journals[biggest].meta.get("newest_what"),
                steps=("capture", "browse", "review"),
                settle_s=2.0,
            )
        )
        shutil.copy2(journals[biggest].db, cases[-1].db)
    # Round-robin: one run of every case per round, so that the shared machine's slow spells
    # (its speed drifts by up to 2x within a minute) fall on all cases alike.
    results = [tui_bench.TuiResult(case.label, case.entries) for case in cases]
    for _ in range(args.repeat):
        for case, into in zip(cases, results, strict=True):
            if into.status.get("capture", "ok") != "ok":
                continue  # the app did not start in an earlier round: once is enough
            r = tui_bench.run_case(case, our_program(), env, repeat=1, week=week, scratch=scratch)
            into.merge(r)
    out = []
    for case, r in zip(cases, results, strict=True):
        if case.entries:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{case.db}{suffix}").unlink(missing_ok=True)
        summary = ", ".join(f"{k} {r.stat(k)[0]:.3f} s" for k in r.samples if r.stat(k))
        log(f"    {case.label:<16} {summary} {r.status}")
        out.append(r.to_json())
    return out


if __name__ == "__main__":
    sys.exit(main())
