"""docs/benchmarks.md from the results of a run; the hand-written reading is kept.

Everything in the file is generated except the text between ``<!-- reading -->`` and
``<!-- /reading -->``, which is carried over from the previous file on every run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

READING_START = "<!-- reading -->"
READING_END = "<!-- /reading -->"
DEFAULT_READING = """\
_Not written yet: after a run, describe here where the time goes (import time, queries, rendering)
and what was done about it, with before and after figures._
"""

ROWS = (
    ("add", "add an entry"),
    ("list", "list the last 10"),
    ("search", "full-text search, 10 shown"),
    ("tag", "filter by one tag, 10 shown"),
    ("last7", "last 7 days as Markdown"),
    ("week", "week export (last full week)"),
    ("review", "`review --json` (last full week)"),
    ("import", "import the JSON export into a new journal"),
)
PEER_NAMES = ("current", "4.3")
TARGET_SIZE = "100000"


# ----------------------------------------------------------------------------- helpers


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _cell(m: dict | None) -> str:
    """``0.312 (0.301–0.330)`` or "> 60 s" / "n/a ..." / "failed: ..."."""
    if not m:
        return "–"
    if m.get("median_s") is None:
        if m.get("status") == "timeout":
            return f"> {m.get('timeout_s', 0):g} s"
        note = (m.get("note") or "").replace("|", "/")
        return f"{m.get('status')}: {note[:70]}" if note else m.get("status", "–")
    text = f"{_s(m['median_s'])} ({_s(m['min_s'])}–{_s(m['max_s'])})"
    runs = len([r for r in m.get("runs", []) if r["returncode"] == 0])
    if runs == 1:
        text = f"{_s(m['median_s'])} (1 run)"
    return text


def _seconds(m: dict | None) -> float | None:
    """A comparable figure: the median, or the time limit for a timeout (a lower bound)."""
    if not m:
        return None
    if m.get("median_s") is not None:
        return m["median_s"]
    if m.get("status") == "timeout":
        return m.get("timeout_s")
    return None


def _ratio(ours: dict | None, peer: dict | None) -> str:
    a, b = _seconds(ours), _seconds(peer)
    if a is None or b is None or a <= 0:
        return "–"
    prefix = ">" if peer and peer.get("status") == "timeout" else ""
    return f"{prefix}{b / a:.1f}×"


def _mb(m: dict | None) -> str:
    if not m or m.get("max_rss_mb") is None:
        return "–"
    return f"{m['max_rss_mb']:.0f} MB"


def _n(size: str | int) -> str:
    return f"{int(size):,}"


# ----------------------------------------------------------------------------- sections


def _machine(results: dict) -> list[str]:
    m, v = results["machine"], results["versions"]
    jrnl = v.get("jrnl") or {}
    jrnl_text = ", ".join(f"{k}: {val}" for k, val in jrnl.items()) or "not run"
    load = " ".join(str(x) for x in m.get("load_at_start", []))
    sizes = ", ".join(_n(s) for s in results["settings"]["sizes"])
    return [
        "## Machine and versions",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM, {m['os']}; "
        f"load average at start {load}",
        f"- Python {v['python']}, SQLite {v['sqlite']}; service-journal {v['service-journal']} "
        f"(revision {results.get('revision', '-')}), textual {v['textual']}, "
        f"sqlmodel {v['sqlmodel']}, sqlalchemy {v['sqlalchemy']}, pydantic {v['pydantic']}, "
        f"alembic {v['alembic']}; {v.get('tmux', '')}",
        f"- jrnl ({jrnl_text}), each in its own virtual environment under `benchmarks/.work/`",
        f"- Run {results['generated_at']}, sizes {sizes}, "
        f"{results['settings']['repeat']} repetitions, seed {results['settings']['seed']}, "
        f"took {results.get('elapsed_s', 0):.0f} s",
        "",
    ]


def _size_tables(results: dict) -> list[str]:
    lines: list[str] = []
    peers = [p for p in PEER_NAMES if p in (results["settings"].get("peers") or [])]
    for size, rows in results["sizes"].items():
        meta = rows.get("_meta", {})
        lines += [f"## {_n(size)} entries", ""]
        if meta:
            lines += [
                f'Search word "{meta.get("search_word")}" is in {meta.get("search_matches", 0):,} '
                f"entries; tag `{results['settings']['tag']}` is on "
                f"{meta.get('tag_counts', {}).get(results['settings']['tag'], 0):,}. "
                'Ratios are jrnl\'s median divided by ours (above 1× ours is faster); "> N s" '
                "is a run stopped at the time limit.",
                "",
            ]
        head = ["command", "ours median (min–max), s"]
        head += [f"jrnl {p}" for p in peers]
        head += [f"jrnl {p} ÷ ours" for p in peers]
        head += ["our max RSS"] + [f"jrnl {p} RSS" for p in peers]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for key, label in ROWS:
            by = rows.get(key) or {}
            ours = by.get("ours")
            cells = [label, _cell(ours)]
            ran = any(p in (rows.get(k) or {}) for k, _ in ROWS for p in peers)
            missing = "(no equivalent)" if ran else "not run above 100,000"
            cells += [_cell(by.get(p)) if p in by else missing for p in peers]
            cells += [_ratio(ours, by.get(p)) for p in peers]
            cells += [_mb(ours)] + [_mb(by.get(p)) for p in peers]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _store_table(results: dict) -> list[str]:
    store = results.get("store") or {}
    if not store:
        return []
    sizes = list(store)
    labels: list[str] = []
    for rows in store.values():
        for r in rows:
            if r["label"] not in labels:
                labels.append(r["label"])
    lines = [
        "## Store-level queries (in process)",
        "",
        "Median of the repeated calls in milliseconds, the first (cold) call in brackets; rows "
        "returned after the slash.",
        "",
        "| query | " + " | ".join(f"{_n(s)}" for s in sizes) + " |",
        "|" + "---|" * (len(sizes) + 1),
    ]
    for label in labels:
        cells = [label]
        for s in sizes:
            r = next((x for x in store[s] if x["label"] == label), None)
            if r is None:
                cells.append("–")
            elif r["status"] != "ok":
                cells.append(f"{r['status']}: {r['note'][:60]}")
            else:
                cells.append(f"{r['median_ms']:.2f} ({r['first_ms']:.1f}) / {r['rows']}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def _tui_table(results: dict) -> list[str]:
    tui = results.get("tui") or []
    if not tui:
        return ["## TUI", "", "Not measured in this run (`--no-tui`).", ""]
    lines = [
        "## TUI (tmux, 120×40, read from the screen)",
        "",
        "Seconds, median (min–max). *Form*, *key shown* and *whole form* count from the app's "
        'process start (the app draws "What happened" first, with the focus in it, and mounts '
        "the other fields right after: *whole form* is when the last of them is on screen); "
        "*browse* and *review* from the key press. The Textual floor is the smallest Textual app "
        "with a label and an input (`benchmarks/textual_floor.py`), timed the same way. ctrl+b is "
        "pressed as soon as the key is shown, while the app is still opening the journal in the "
        "background, except in the row *keys 2 s after the form*, once start-up is over; the "
        "targets are judged on the first 100,000 row."
        + (f" Measured {results['tui_measured_at']}." if results.get("tui_measured_at") else ""),
        "",
        "| journal | form drawn | key shown | whole form | browse first page | review screen "
        "| max RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for case in tui:
        cells = [case.get("label", "?")]
        for step in ("form", "capture", "form_whole", "browse", "review"):
            values = (case.get("samples") or {}).get(step) or []
            own = "capture" if step in ("form", "form_whole") else step
            status = (case.get("status") or {}).get(own, "")
            if values:
                ordered = sorted(values)
                median = (
                    ordered[len(ordered) // 2]
                    if len(ordered) % 2
                    else (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2
                )
                cells.append(f"{median:.3f} ({ordered[0]:.3f}–{ordered[-1]:.3f})")
            elif status and status != "ok":
                cells.append(status.replace("|", "/")[:80])
            else:
                cells.append("–")
        rss = case.get("rss_mb") or []
        cells.append(f"{max(rss):.0f} MB" if rss else "–")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def _encryption_table(results: dict) -> list[str]:
    from benchmarks.encryption import report_lines

    return report_lines(results.get("encryption") or {})


def _db_size(results: dict) -> list[str]:
    sizes = results.get("db_size") or {}
    if not sizes:
        return []
    lines = [
        "## Database size per entry",
        "",
        "File size after `PRAGMA wal_checkpoint(TRUNCATE)`, divided by the number of entries "
        "(the jrnl text file of the same entries for comparison).",
        "",
        "| entries | file | bytes per entry | jrnl text, bytes per entry | largest objects |",
        "|---|---|---|---|---|",
    ]
    for size, d in sizes.items():
        objects = ", ".join(
            f"{k} {v / 1024 / 1024:.1f} MB" for k, v in (d.get("largest_objects") or {}).items()
        )
        lines.append(
            f"| {_n(size)} | {d['bytes'] / 1024 / 1024:.1f} MB | {d['bytes_per_entry']:.0f} | "
            f"{d.get('jrnl_bytes_per_entry', '–')} | {objects} |"
        )
    lines.append("")
    return lines


def _importtime(results: dict) -> list[str]:
    it = results.get("importtime")
    if not it:
        return []
    lines = [
        "## Import time",
        "",
        f"`python -X importtime` of `{it['command']}`: {it['total_ms']:.0f} ms of imports in all.",
        "",
        "| top-level import | cumulative ms |",
        "|---|---|",
    ]
    lines += [f"| {r['module']} | {r['cumulative_ms']:.1f} |" for r in it["top_cumulative"]]
    lines += [
        "",
        "Own (self) import time by top-level package: "
        + ", ".join(f"{k} {v:.0f} ms" for k, v in it["package_ms"].items())
        + ".",
        "",
    ]
    tui = results.get("importtime_tui") or {}
    if tui.get("package_ms"):
        lines += [
            f"The app (`{tui['command']}`, before its first paint): {tui['total_ms']:.0f} ms of "
            "imports; by package: "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in tui["package_ms"].items())
            + ".",
            "",
        ]
    startup = results.get("startup") or {}
    if startup:
        lines += [
            "Start-up floor (whole processes, median (min–max) s, max RSS):",
            "",
            "| process | time | max RSS |",
            "|---|---|---|",
        ]
        lines += [f"| `{label}` | {_cell(m)} | {_mb(m)} |" for label, m in startup.items()]
        lines.append("")
    return lines


def _profile(results: dict) -> list[str]:
    prof = results.get("profile")
    if not prof or "error" in prof:
        return []
    size = _n(results["settings"]["sizes"][-1])
    lines = [
        f"## Profile: `{prof['command']}` at {size} entries",
        "",
        f"cProfile (its overhead included): {prof['total_ms']:.0f} ms in all, of which "
        f"{prof.get('imports_ms', 0):.0f} ms importing modules. With the modules imported "
        f"beforehand the command takes {prof.get('after_imports_ms', 0):.0f} ms; the functions "
        "with the most time in that part:",
        "",
        "| function | calls | cumulative ms | own ms |",
        "|---|---|---|---|",
    ]
    for r in prof["top_cumulative"]:
        lines.append(f"| `{r['function']}` | {r['calls']} | {r['cumulative_ms']} | {r['own_ms']} |")
    lines += ["", "Most own time:", ""]
    lines += [
        f"- `{r['function']}`: {r['own_ms']} ms in {r['calls']} calls" for r in prof["top_own"][:6]
    ]
    lines.append("")
    return lines


# ----------------------------------------------------------------------------- targets


def evaluate_targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, "met" / "NOT met" / "not measured", the figure) for each target of issue 7."""
    out: list[tuple[str, str, str]] = []
    sizes = results.get("sizes") or {}
    store = results.get("store") or {}
    tui = results.get("tui") or []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "NOT met")

    # TUI capture at every size.
    caps = []
    for case in tui:
        if case.get("label", "").startswith("Textual floor"):
            continue
        values = (case.get("samples") or {}).get("capture") or []
        caps.append((case.get("label"), _median(values)))
    measured = [(label, v) for label, v in caps if v is not None]
    ok = None if not measured or len(measured) < len(caps) else all(v <= 0.30 for _, v in measured)
    figure = ", ".join(f"{label}: {v:.3f} s" for label, v in measured) or _tui_status(
        tui, "capture"
    )
    out.append(
        (
            "TUI capture form accepting keys ≤ 0.30 s from process start, every size",
            verdict(ok),
            figure,
        )
    )
    big = next((c for c in tui if c.get("entries") == int(TARGET_SIZE)), None)
    for step, limit, name in (
        ("browse", 0.15, "Browse first page"),
        ("review", 0.30, "Review screen"),
    ):
        v = _median(((big or {}).get("samples") or {}).get(step) or [])
        fig = f"{v:.3f} s" if v is not None else ((big or {}).get("status") or {}).get(step, "–")
        out.append(
            (
                f"{name} ≤ {limit:.2f} s after the key (100,000)",
                verdict(None if v is None else v <= limit),
                fig,
            )
        )
    # CLI whole-process times at 100k.
    rows = sizes.get(TARGET_SIZE) or {}
    for key, limit, name in (
        ("add", 0.6, "CLI add"),
        ("list", 0.7, "CLI list"),
        ("search", 0.7, "CLI search"),
        ("tag", 0.7, "CLI tag filter"),
        ("review", 0.7, "CLI review --json"),
        ("week", 0.7, "CLI week export"),
    ):
        m = (rows.get(key) or {}).get("ours")
        v = (m or {}).get("median_s")
        fig = f"{v:.3f} s" if v is not None else _cell(m)
        out.append(
            (f"{name} ≤ {limit} s (100,000)", verdict(None if v is None else v <= limit), fig)
        )
    # Store level.
    s100 = {r["label"]: r for r in store.get(TARGET_SIZE, [])}
    s1m = {r["label"]: r for r in store.get("1000000", [])}
    for prefix, limit, name in (
        ("list(limit=10)", 20, "Store list"),
        ("list(search=", 20, "Store search"),
        ("week aggregation", 50, "Store week aggregation"),
    ):
        r = next((x for label, x in s100.items() if label.startswith(prefix)), None)
        v = r["median_ms"] if r and r["status"] == "ok" else None
        fig = f"{v:.1f} ms" if v is not None else (f"{r['status']}: {r['note']}" if r else "–")
        out.append(
            (f"{name} ≤ {limit} ms (100,000)", verdict(None if v is None else v <= limit), fig)
        )
        r1 = next((x for label, x in s1m.items() if label.startswith(prefix)), None)
        v1 = r1["median_ms"] if r1 and r1["status"] == "ok" else None
        if v1 is not None and v is not None:
            ok = v1 <= limit and v1 <= 2 * v
            out.append(
                (
                    f"{name} at 1,000,000 ≤ {limit} ms and within 2× of 100,000",
                    verdict(ok),
                    f"{v1:.1f} ms ({v1 / v:.1f}× of 100,000)",
                )
            )
        else:
            out.append(
                (
                    f"{name} at 1,000,000 within 2× of 100,000",
                    "not measured",
                    'run `make bench SIZES="100000 1000000"`',
                )
            )
    # Against jrnl.
    for size, peer_names, name in (
        ("10000", ("current",), "faster than jrnl current at 10,000"),
        ("100000", ("current", "4.3"), "faster than jrnl current and 4.3 at 100,000"),
    ):
        rows = sizes.get(size) or {}
        slower = []
        compared = 0
        for key, _label in ROWS:
            ours = (rows.get(key) or {}).get("ours")
            for p in peer_names:
                peer = (rows.get(key) or {}).get(p)
                a, b = _seconds(ours), _seconds(peer)
                if a is None or b is None:
                    continue
                compared += 1
                if a >= b:
                    slower.append(f"{key} vs {p} ({a:.3f} vs {b:.3f} s)")
        fig = ("slower: " + "; ".join(slower)) if slower else f"{compared} comparisons, all faster"
        if not compared:
            fig = "–"
        out.append((f"Every command {name}", verdict(None if not compared else not slower), fig))
    rows = sizes.get("1000") or {}
    worst = []
    compared = 0
    for key, _ in ROWS:
        ours = (rows.get(key) or {}).get("ours")
        peers = [_seconds((rows.get(key) or {}).get(p)) for p in PEER_NAMES]
        peers = [p for p in peers if p is not None]
        a = _seconds(ours)
        if a is None or not peers:
            continue
        compared += 1
        worst.append((a / min(peers), key))
    worst.sort(reverse=True)
    fig = ", ".join(f"{k} {r:.2f}×" for r, k in worst[:3]) if worst else "–"
    out.append(
        (
            "At 1,000 no command more than 2× slower than the faster jrnl (ours ÷ jrnl)",
            verdict(None if not compared else worst[0][0] <= 2),
            fig,
        )
    )
    # Memory.
    rss = [
        ((rows_.get(key) or {}).get("ours") or {}).get("max_rss_mb")
        for key, _ in ROWS
        for rows_ in [sizes.get(TARGET_SIZE) or {}]
    ]
    rss = [r for r in rss if r is not None]
    out.append(
        (
            "CLI max RSS ≤ 120 MB (100,000)",
            verdict(None if not rss else max(rss) <= 120),
            f"largest {max(rss):.0f} MB" if rss else "–",
        )
    )
    trss = (big or {}).get("rss_mb") or []
    out.append(
        (
            "TUI max RSS ≤ 150 MB (100,000)",
            verdict(None if not trss else max(trss) <= 150),
            f"{max(trss):.0f} MB" if trss else "–",
        )
    )
    return out


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _tui_status(tui: list, step: str) -> str:
    for case in tui:
        status = (case.get("status") or {}).get(step)
        if status and status != "ok":
            return status
    return "–"


def _targets(results: dict) -> list[str]:
    lines = [
        "## Targets of issue 7",
        "",
        'Medians from this run. A target at 100,000 entries is "not measured" when that size '
        "was not part of the run.",
        "",
        "| target | result | measured |",
        "|---|---|---|",
    ]
    for target, verdict, figure in evaluate_targets(results):
        mark = f"**{verdict}**" if verdict == "NOT met" else verdict
        lines.append(f"| {target} | {mark} | {figure.replace('|', '/')} |")
    lines.append("")
    return lines


# ----------------------------------------------------------------------------- the file


HOW = """\
## How to run

```
make bench                                  # 1,000, 10,000 and 100,000 entries, 5 repetitions
make bench SIZES="1000 10000" REPEAT=3      # fewer sizes or repetitions
make bench SIZES=1000000                    # store-level queries at a million (jrnl is not run)
.venv/bin/python -m benchmarks.run --help   # --no-peers, --no-tui, --out, --json, --timeout
```

The first run creates `benchmarks/.work/` (git-ignored): jrnl's two virtual environments and the
generated journals, cached by size, seed, schema revision, generator version and day. Later runs
reuse them. `BENCH_UPGRADE_JRNL=1` upgrades the "current" jrnl to the newest release.

## What is measured

- **Journals.** `benchmarks/generate.py` writes N entries (seeded): three years of dates up to now
  (above 100,000 entries proportionally more years, so a week holds as many entries as at
  100,000: a bigger journal is a longer history, not a denser one), built-in settings,
  perspectives and outcomes, 1–6 signed tags from the catalogue, texts of 40–600 characters from
  a vocabulary written for this benchmark, reflections (do differently, lesson, cause) on about a
  third, a few action items. The same entries are written as a jrnl journal
  (`[YYYY-MM-DD HH:MM] Title.` and the body, tags as `@slug`).
- **Commands, whole processes.** Wall time from launch to exit with no terminal attached (output to
  a file), median (min–max) of the repetitions, and the process's own peak memory (max RSS, from GNU
  time around the command). The time zone is UTC for every program. One untimed warm-up run per
  command at the first size (bytecode compilation). Adds write to a copy of the journal made once
  per size, so it grows by one entry per repetition (negligible). A command whose first run takes
  long gets fewer runs (budget 30 s per command); one that exceeds the time limit is stopped and
  reported "> N s". Equivalents: `add "…" --setting bank --well patience --badly queue` vs `jrnl "…
  @patience @queue"`; `list --limit 10` vs `jrnl -n 10`; `list --search WORD --limit 10` vs `jrnl
  -contains WORD -n 10`; `list --tag patience --limit 10` vs `jrnl @patience -n 10`; `export --from
  D-7 --to D` vs `jrnl -from "7 days ago" --format markdown` (the same days); our week export and
  `review --json` have no jrnl equivalent and use the last complete ISO week (the current one can
  hold only a few hours of entries, which would flatter them).
- **Store level.** The queries behind those commands, in process, on a freshly opened journal.
- **Import.** The journal's JSON export (written once per size, not timed) imported into a new
  journal, whole process with peak memory; `benchmarks/import_once.py` removes the target and
  then becomes the import (`exec`), so every repetition starts from an empty journal.
- **TUI.** The app in tmux (120×40), timed by reading the screen (see `benchmarks/tui_bench.py`):
  from process start until the capture form is drawn, until a typed key shows in "What
  happened" and until the form's last field is drawn too; ctrl+b until the newest entry is
  listed; ctrl+r until the week's review is shown.
  Peak memory from `/proc/PID/status` (VmHWM).
- **Database size**, **import time** (`python -X importtime`) and a **profile** (cProfile) of the
  search at the largest size.

The development machine is small and shared: other work running at the same time shows up as
noise (see the load average above). Compare medians, and rerun before drawing fine conclusions.
"""


def render(results: dict, reading: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`benchmarks/run.py`); edit only the *Reading* section, which "
        "the generator keeps.",
        "",
    ]
    lines += _machine(results)
    lines += _targets(results)
    lines += ["## Reading", "", READING_START, reading.strip("\n"), READING_END, ""]
    lines += _size_tables(results)
    lines += _store_table(results)
    lines += _tui_table(results)
    lines += _encryption_table(results)
    lines += _db_size(results)
    lines += _importtime(results)
    lines += _profile(results)
    lines += [HOW]
    return "\n".join(lines).rstrip() + "\n"


def existing_reading(path: Path) -> str:
    if not path.exists():
        return DEFAULT_READING
    text = path.read_text(encoding="utf-8")
    match = re.search(re.escape(READING_START) + r"\n?(.*?)" + re.escape(READING_END), text, re.S)
    return match.group(1) if match else DEFAULT_READING


def write_report(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    reading = existing_reading(path)
    path.write_text(render(results, reading), encoding="utf-8")
