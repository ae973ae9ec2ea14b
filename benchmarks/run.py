"""pipeline-tui's speed at large and at ×10, as figures measured against floors in the same run.

    python benchmarks/run.py [--quick] [--json | --markdown] [--scale large|xl|both]
                             [--tiny | --db PATH] [--repeat N] [--plans]

Builds the demo databases once (cached in ``benchmarks/.cache/``, rebuilt when a migration or
the demo generator changes: ``demo_db.py``), copies them to a scratch folder, and measures at
each scale, each figure the median of several runs: the TUI's first frame and fully populated
dashboard as whole headless processes against a bare Textual app; ``status``, ``today``,
``whatif --gap`` and ``review`` against ``python -c "import sqlmodel"``; each dashboard query;
quick-add through Pilot; a 10k-contact CSV import against a raw ``sqlite-utils insert``; the
TUI's peak memory against the bare app's. Then each figure's
growth from the first scale to the last, and whether each target is met. See README.md here.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import demo_db  # noqa: E402
import importing  # noqa: E402
import inprocess  # noqa: E402
import processes  # noqa: E402
from report import BASE, BIG, GROWTH, Figure, Figures, Measure, Rule, render  # noqa: E402

import pipeline_tui  # noqa: E402

CACHE = HERE / ".cache"
SLOW_S = 10.0
"""A whole process whose warm-up run takes longer is not run again: that run is its figure."""

IMPORT_BUDGET_S = 30.0
"""The import pairs stop after this long (three at least): at ×10 each copies 425 MB twice."""

GROWS_LITTLE = Rule("growth", 1.5, at=GROWTH)  # from large to ×10, at most ×1.5


def _frames(figures: Figures) -> dict[str, Figure]:
    """The TUI's start-up moments, against the bare Textual app's first frame."""
    floor = "floor_app_first_frame"
    return {
        "floor_app": figures.figure(floor, "floor: bare Textual app, first frame", shared=True),
        "tui_first_frame": figures.figure(
            "tui_first_frame",
            "TUI start → first painted frame",
            floor=floor,
            rules=(Rule("ratio", 1.25),),
        ),
        "tui_populated": figures.figure(
            "tui_populated",
            "TUI start → dashboard fully populated",
            floor=floor,
            rules=(Rule("ratio", 2.5, at=BASE), Rule("ratio", 3.0, at=BIG), GROWS_LITTLE),
        ),
        "tui_ready": figures.figure(
            "tui_ready", "TUI start → store open, every screen loaded", floor=floor
        ),
    }


def _commands(figures: Figures) -> dict[str, tuple[Figure, list[str]]]:
    """The whole commands, against ``import sqlmodel``: (figure, arguments after --today)."""
    floor = "import_sqlmodel"
    figures.figure(floor, 'floor: python -c "import sqlmodel"', shared=True)

    def command(key: str, label: str, args: list[str], *rules: Rule) -> tuple[Figure, list[str]]:
        return figures.figure(key, label, floor=floor, rules=rules), args

    return {
        "status_json": command(
            "status_json",
            "pipeline-tui status --json",
            ["status", "--json"],
            Rule("ratio", 1.3, at=BASE),
            Rule("ratio", 1.0, at=BIG),
            GROWS_LITTLE,
        ),
        "today": command(
            "today", "pipeline-tui today (the first 20 of each list)", ["today"], GROWS_LITTLE
        ),
        "today_json": command(
            "today_json", "pipeline-tui today --json (every item)", ["today", "--json"]
        ),
        "whatif_gap": command(
            "whatif_gap",
            "pipeline-tui whatif --gap 8000 --json",
            ["whatif", "--gap", "8000", "--json"],
            GROWS_LITTLE,
        ),
        "review_json": command(
            "review_json",
            "pipeline-tui review --format json",
            ["review", "--format", "json"],
            Rule("ratio", 1.3, at=BIG),
            GROWS_LITTLE,
        ),
    }


def whole_processes(
    figures: Figures, dbs: dict[str, Path], today: date, rounds: int, log: Callable[[str], None]
) -> None:
    """Interleaved rounds (a warm-up first), every scale in each, so that a change of load hits
    every figure alike."""
    frames, commands = _frames(figures), _commands(figures)
    runs: dict[tuple[str, str], Callable[[], processes.Run]] = {
        ("floor_app", ""): lambda: processes.run_to_moment(
            processes.python(str(HERE / "floor_app.py")), "first-frame"
        ),
        ("import_sqlmodel", ""): lambda: processes.run_process(
            processes.python("-c", "import sqlmodel")
        ),
    }
    for scale, db in dbs.items():
        common = ["-m", "pipeline_tui", "--db", str(db), "--today", today.isoformat()]
        tui = processes.python(*common)
        runs[("tui_first_frame", scale)] = lambda a=tui: processes.run_to_moment(a, "first-frame")
        runs[("tui_populated", scale)] = lambda a=tui: processes.run_to_moment(a, "populated")
        runs[("tui_ready", scale)] = lambda a=tui: processes.run_to_moment(a, "ready")
        for key, (_, args) in commands.items():
            command = processes.python(*common, *args)
            runs[(key, scale)] = lambda a=command: processes.run_process(a)
    results: dict[tuple[str, str], list[processes.Run]] = {key: [] for key in runs}
    slow: set[tuple[str, str]] = set()
    for round_ in range(0 if rounds > 1 else 1, rounds + 1):  # no warm-up for a single round
        log(f"whole processes: {'warm-up' if round_ == 0 else f'round {round_}/{rounds}'}")
        for key, run in runs.items():
            if key in slow:
                continue
            result = run()
            if round_ == 0 and result.seconds > SLOW_S:
                log(f"  {key[0]} at {key[1]} took {result.seconds:.0f} s: that run is its figure")
                slow.add(key)
            if round_ or key in slow:
                results[key].append(result)

    def measure(key: tuple[str, str], value: Callable[[processes.Run], float]) -> Measure:
        done = results[key]
        cpus = [r.cpu_seconds * 1000 for r in done if r.cpu_seconds is not None]
        cpu = statistics.median(cpus) if cpus else None
        note = "its warm-up run only" if key in slow else None
        return Measure(statistics.median(value(r) for r in done), cpu, runs=len(done), note=note)

    def ms(run: processes.Run) -> float:
        return run.seconds * 1000

    for scale in dbs:
        figures.add(frames["floor_app"], scale, measure(("floor_app", ""), ms))
        for key in ("tui_first_frame", "tui_populated", "tui_ready"):
            figures.add(frames[key], scale, measure((key, scale), ms))
        figures.add(figures.items["import_sqlmodel"], scale, measure(("import_sqlmodel", ""), ms))
        for key, (figure, _) in commands.items():
            figures.add(figure, scale, measure((key, scale), ms))
    memory(figures, results, list(dbs))


def memory(figures: Figures, results: dict[tuple[str, str], list[Any]], scales: list[str]) -> None:
    """Peak RSS of the TUI when the dashboard is populated, and once the store is open, against
    the bare app's."""

    def mib(key: tuple[str, str]) -> Measure:
        peaks = [r.peak_rss_kib or 0 for r in results[key]]
        return Measure(statistics.median(peaks) / 1024, runs=len(peaks))

    floor = figures.figure(
        "floor_app_peak_rss", "floor: bare Textual app, peak RSS", "MiB", shared=True
    )
    populated = figures.figure(
        "tui_peak_rss",
        "TUI peak RSS, dashboard populated",
        "MiB",
        floor=floor.key,
        rules=(Rule("ratio", 2.0),),
    )
    ready = figures.figure(
        "tui_peak_rss_ready",
        "TUI peak RSS, store open (SQLAlchemy loaded)",
        "MiB",
        floor=floor.key,
    )
    for scale in scales:
        figures.add(floor, scale, mib(("floor_app", "")))
        figures.add(populated, scale, mib(("tui_populated", scale)))
        figures.add(ready, scale, mib(("tui_ready", scale)))


def _main_table(sql: str) -> str:
    """The table of the statement's outer FROM (parenthesised sub-selects removed)."""
    flat = sql
    while (simpler := re.sub(r"\([^()]*\)", "", flat)) != flat:
        flat = simpler
    match = re.search(r"\bFROM\s+(\w+)", flat, re.I)
    return match.group(1) if match else "?"


QUERY_RULES = (Rule("value", 20.0, at=BASE), Rule("value", 30.0, at=BIG))


def dashboard_queries(
    figures: Figures, scale: str, db: Path, today: date, repeat: int, plans: bool, log
) -> None:
    from pipeline_tui.config import Config
    from pipeline_tui.store.database import open_store

    log(f"{scale}: dashboard queries (in-process)")
    store = open_store(Config(db_url=f"sqlite:///{db}", today=today))
    try:
        statements = inprocess.dashboard_statements(store, today)
        timings = inprocess.time_statements(store, statements, repeat)
        labels: dict[str, int] = {}
        for statement, timing in zip(statements, timings, strict=True):
            label = f"{statement.label} ({_main_table(statement.sql)})"
            labels[label] = labels.get(label, 0) + 1
            if labels[label] > 1:
                label += f" #{labels[label]}"
            times = f" ×{statement.executions}" if statement.executions > 1 else ""
            figure = figures.figure(f"query: {label}", f"query: {label}{times}", rules=QUERY_RULES)
            figures.add(figure, scale, Measure(timing.ms, timing.cpu_ms, runs=timing.runs))
            if plans:
                log(f"{label}\n  {statement.sql}\n  plan: " + "\n        ".join(statement.plan))
        for key, timing in inprocess.services_timed(store, today, repeat).items():
            figure = figures.figure(key, f"{key}(): its queries and Python")
            figures.add(figure, scale, Measure(timing.ms, timing.cpu_ms, runs=timing.runs))
    finally:
        store.close()


def quick_add(
    figures: Figures, scale: str, db: Path, work: Path, today: date, repeat: int, log
) -> None:
    from pipeline_tui.config import Config
    from pipeline_tui.store.database import open_store

    log(f"{scale}: quick-add through Pilot (in-process)")
    copy = shutil.copy(db, work / "quick-add.db")
    store = open_store(Config(db_url=f"sqlite:///{copy}", today=today))
    try:
        saved, refreshed = inprocess.quick_add_ms(store, repeat)
    finally:
        store.close()
        Path(copy).unlink()
    rules = (Rule("value", 100.0),)
    figure = figures.figure("quick_add_saved", "quick-add: Enter → lead saved, shown", rules=rules)
    figures.add(figure, scale, Measure(saved, runs=repeat))
    figure = figures.figure("quick_add_refreshed", "quick-add: Enter → dashboard reloaded")
    figures.add(figure, scale, Measure(refreshed, runs=repeat))


def csv_import(
    figures: Figures, scale: str, db: Path, work: Path, today: date, rows: int, repeat: int, log
) -> None:
    log(f"{scale}: import of {rows} CSV contacts vs sqlite-utils insert (in-process)")
    csv_path = importing.write_contacts_csv(work / "contacts.csv", rows)
    ours: list[float] = []
    first: list[float] = []
    raw: list[float] = []
    start = time.perf_counter()
    while len(ours) < repeat and (len(ours) < 3 or time.perf_counter() - start < IMPORT_BUDGET_S):
        raw.append(importing.sqlite_utils_seconds(db, csv_path, work))
        ours.append(importing.import_seconds(db, csv_path, work, today))
        first.append(importing.import_seconds(db, csv_path, work, today, checked=False))
    repeat = len(ours)
    floor = figures.figure("sqlite_utils_insert", f"floor: sqlite-utils insert, {rows} rows")
    figures.add(floor, scale, Measure(statistics.median(raw) * 1000, runs=repeat))
    figure = figures.figure(
        "csv_import",
        f"import csv --kind contacts, {rows} rows",
        floor=floor.key,
        throughput=True,
        rules=(Rule("ratio", 0.5, least=True),),
    )
    figures.add(figure, scale, Measure(statistics.median(ours) * 1000, runs=repeat))
    # The same into a file never checked: the first write's integrity check (it reads the
    # whole file, once per file changed elsewhere) comes on top.
    unchecked = figures.figure(
        "csv_import_first_write",
        f"import csv --kind contacts, {rows} rows, first write into the file",
        floor=floor.key,
        throughput=True,
    )
    figures.add(unchecked, scale, Measure(statistics.median(first) * 1000, runs=repeat))


# --- the run ---------------------------------------------------------------------------------


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "system": f"{platform.system()} {platform.release()}",
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (about half the time)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the figures as JSON")
    output.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, help="measure this SQLite file (it is copied first)")
    source.add_argument(
        "--tiny", action="store_true", help="two small demos, ×0.02 and ×0.2 (a CI smoke test)"
    )
    source.add_argument(
        "--scale",
        choices=("large", "xl", "both"),
        default="both",
        help="the demo measured: large, ×10 (xl) or both, in the same run (default)",
    )
    parser.add_argument("--today", type=date.fromisoformat, default=demo_db.TODAY)
    parser.add_argument("--repeat", type=int, help="runs of every figure (default 7, quick 3)")
    parser.add_argument("--csv-rows", type=int, help="contacts to import (default 10000)")
    parser.add_argument("--plans", action="store_true", help="show each query's plan (SQLite)")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the demos are kept")
    return parser.parse_args(argv)


def _sources(args: argparse.Namespace, log) -> dict[str, tuple[Path, str]]:
    """Each scale's database and its description, smallest first."""
    if args.db is not None:
        return {"db": (args.db, str(args.db))}
    if args.tiny:
        names = ["tiny", "tiny×10"]
    else:
        names = ["large", "xl"] if args.scale == "both" else [args.scale]
    scales = [demo_db.SCALES[name] for name in names]
    return {s.name: (demo_db.cached_demo(s, args.cache, log), s.description) for s in scales}


def _compile_bytecode(log: Callable[[str], None]) -> None:
    """Compile the package's bytecode first, as installing the wheel does (pip compiles what it
    installs): an editable checkout under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
    every module in every measured process, while the floors' libraries are compiled already."""
    folder = Path(pipeline_tui.__file__).resolve().parent
    if not compileall.compile_dir(folder, quiet=2):
        log(f"could not compile every module under {folder}: some figures include compiling")


def main(argv: list[str] | None = None) -> dict[str, object]:
    args = _arguments(argv)

    def log(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    rounds = args.repeat or (3 if args.quick else 7)
    repeat = args.repeat or (5 if args.quick else 15)
    csv_rows = args.csv_rows or (500 if args.tiny else 10_000)
    started, load_before, clock = datetime.now(), _load(), time.perf_counter()
    _compile_bytecode(log)
    sources = _sources(args, log)
    figures = Figures(list(sources))
    scales: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as folder:
        work = Path(folder)
        # The integrity check's record of known-good files: the scratch copies', not the user's.
        os.environ["PIPELINE_TUI_CACHE_DIR"] = str(work / "cache")
        dbs = {}
        for scale, (source, _) in sources.items():
            (work / scale).mkdir()
            dbs[scale] = Path(shutil.copy(source, work / scale / "bench.db"))
        whole_processes(figures, dbs, args.today, rounds, log)
        for scale, db in dbs.items():
            dashboard_queries(figures, scale, db, args.today, repeat, args.plans, log)
            quick_add(figures, scale, db, work / scale, args.today, max(rounds, 1), log)
            imports = max(rounds - 1, 1)
            csv_import(figures, scale, db, work / scale, args.today, csv_rows, imports, log)
            rows = demo_db.row_counts(db)
            scales.append({"name": scale, "database": {"name": sources[scale][1], "rows": rows}})
    figures.finish()
    meta: dict[str, object] = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - clock, 1),
        "machine": machine(),
        "load_before": load_before,
        "load_after": _load(),
        "scales": scales,
        "today": args.today.isoformat(),
        "rounds": rounds,
        "repeat": repeat,
    }
    result = {"meta": meta, "figures": figures.as_json()}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(render(figures, meta, markdown=args.markdown))
    return result


if __name__ == "__main__":
    main()
