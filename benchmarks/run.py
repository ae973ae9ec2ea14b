"""pipeline-tui's speed, as figures measured against floors in the same run.

    python benchmarks/run.py [--quick] [--json] [--tiny | --db PATH] [--repeat N] [--plans]

Builds the large demo database once (cached in ``benchmarks/.cache/``, rebuilt when a migration
or the demo generator changes), copies it to a scratch folder, and measures, each figure the
median of several runs: the TUI's first frame and fully populated dashboard as whole headless
processes against a bare Textual app; ``status --json`` against ``python -c "import sqlmodel"``;
each dashboard query; quick-add through Pilot; a 10k-contact CSV import against a raw
``sqlite-utils insert``; the TUI's peak memory against the bare app's. See README.md here.
"""

from __future__ import annotations

import argparse
import hashlib
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
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import importing  # noqa: E402
import inprocess  # noqa: E402
import processes  # noqa: E402

from pipeline_tui.tui.prefetch import SWITCH_ENV  # noqa: E402

TODAY = date(2026, 11, 26)
SEED = 42
CACHE = HERE / ".cache"
QUERY_TARGET_MS = 20.0


@dataclass
class Figure:
    key: str
    label: str
    value: float
    unit: str
    cpu: float | None = None  # CPU time (ms) where known: a noisy machine moves it less
    floor: str | None = None  # key of the figure this one is compared with
    ratio: float | None = None
    target: str | None = None
    met: bool | None = None


class Figures:
    def __init__(self) -> None:
        self.items: dict[str, Figure] = {}

    def add(
        self, key: str, label: str, value: float, unit: str = "ms", cpu: float | None = None
    ) -> Figure:
        self.items[key] = Figure(key, label, value, unit, cpu)
        return self.items[key]

    def against(
        self,
        key: str,
        label: str,
        value: float,
        floor: str,
        *,
        most: float | None = None,
        least: float | None = None,
        throughput: bool = False,
        unit: str = "ms",
        cpu: float | None = None,
    ) -> Figure:
        """A figure with its ratio to ``floor`` (floor ÷ figure for a throughput) and target."""
        figure = self.add(key, label, value, unit, cpu)
        base = self.items[floor].value
        figure.floor = floor
        figure.ratio = base / value if throughput else value / base
        if most is not None:
            figure.target, figure.met = f"≤ {most:g}×", figure.ratio <= most
        if least is not None:
            figure.target, figure.met = f"≥ {least:g}×", figure.ratio >= least
        return figure


# --- the database ----------------------------------------------------------------------------


def _demo_key(scale: str) -> str:
    """Changes when the schema (head, or any migration file) or the demo generator changes: the
    cache is then rebuilt."""
    from pipeline_tui import demo
    from pipeline_tui.store import bulk
    from pipeline_tui.store.migrate import known_revisions, migrations_dir

    digest = hashlib.sha256()
    sources = [*sorted(Path(demo.__file__).parent.glob("*.py")), Path(bulk.__file__)]
    sources += sorted((migrations_dir() / "versions").glob("*.py"))
    for source in sources:
        digest.update(source.read_bytes())
    return f"{scale}-seed{SEED}-{TODAY}-{known_revisions().head}-{digest.hexdigest()[:10]}"


def cached_demo(scale: str, cache: Path, log: Callable[[str], None]) -> Path:
    from pipeline_tui.config import Config
    from pipeline_tui.demo import build_demo
    from pipeline_tui.store.database import open_store

    path = cache / f"{_demo_key(scale)}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"{scale}-*.db"):
        stale.unlink()
    log(f"building the {scale} demo database once, into {path} …")
    building = path.with_name(f"building-{os.getpid()}.tmp")
    store = open_store(Config(db_url=f"sqlite:///{building}", today=TODAY))
    try:
        build_demo(store, today=TODAY, seed=SEED, scale=scale)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    os.replace(building, path)
    return path


def row_counts(path: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        tables = ("client", "contact", "deal", "deal_stage_change", "activity")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


# --- the measures ----------------------------------------------------------------------------


def whole_processes(figures: Figures, db: Path, today: date, rounds: int, log) -> None:
    """Interleaved rounds (a warm-up first), so that a change of load hits every figure alike."""
    common = ["-m", "pipeline_tui", "--db", str(db), "--today", today.isoformat()]
    runs: dict[str, Callable[[], processes.Run]] = {
        "floor_app": lambda: processes.run_to_moment(
            processes.python(str(HERE / "floor_app.py")), "first-frame"
        ),
        "tui_first_frame": lambda: processes.run_to_moment(
            processes.python(*common), "first-frame"
        ),
        "tui_populated": lambda: processes.run_to_moment(processes.python(*common), "populated"),
        # The same, with no helper process reading the dashboard (read in-process): whether
        # the helper earns its complexity is this ratio, in every run.
        "tui_populated_no_helper": lambda: processes.run_to_moment(
            processes.python(*common), "populated", env={SWITCH_ENV: "0"}
        ),
        "tui_ready": lambda: processes.run_to_moment(processes.python(*common), "ready"),
        "import_sqlmodel": lambda: processes.run_process(processes.python("-c", "import sqlmodel")),
        "status_json": lambda: processes.run_process(processes.python(*common, "status", "--json")),
    }
    results: dict[str, list[processes.Run]] = {key: [] for key in runs}
    for round_ in range(rounds + 1):
        log(f"whole processes: {'warm-up' if round_ == 0 else f'round {round_}/{rounds}'}")
        for key, run in runs.items():
            result = run()
            if round_:
                results[key].append(result)

    def ms(key: str) -> float:
        return statistics.median(r.seconds for r in results[key]) * 1000

    def cpu(key: str) -> float | None:
        times = [r.cpu_seconds for r in results[key] if r.cpu_seconds is not None]
        return statistics.median(times) * 1000 if times else None

    def mib(key: str) -> float:
        return statistics.median(r.peak_rss_kib or 0 for r in results[key]) / 1024

    figures.add("floor_app_first_frame", "floor: bare Textual app, first frame", ms("floor_app"))
    figures.against(
        "tui_first_frame",
        "TUI start → first painted frame",
        ms("tui_first_frame"),
        "floor_app_first_frame",
        most=1.25,
    )
    figures.against(
        "tui_populated",
        "TUI start → dashboard fully populated",
        ms("tui_populated"),
        "floor_app_first_frame",
        most=2.5,
    )
    figures.against(
        "tui_populated_no_helper",
        "TUI start → dashboard populated, no helper process",
        ms("tui_populated_no_helper"),
        "floor_app_first_frame",
    )
    figures.against(
        "tui_ready",
        "TUI start → store open, every screen loaded",
        ms("tui_ready"),
        "floor_app_first_frame",
    )
    figures.add(
        "import_sqlmodel",
        'floor: python -c "import sqlmodel"',
        ms("import_sqlmodel"),
        cpu=cpu("import_sqlmodel"),
    )
    figures.against(
        "status_json",
        "pipeline-tui status --json",
        ms("status_json"),
        "import_sqlmodel",
        most=1.3,
        cpu=cpu("status_json"),
    )
    figures.add("floor_app_peak_rss", "floor: bare Textual app, peak RSS", mib("floor_app"), "MiB")
    figures.against(
        "tui_peak_rss",
        "TUI peak RSS, dashboard populated",
        mib("tui_populated"),
        "floor_app_peak_rss",
        most=2.0,
        unit="MiB",
    )
    figures.against(
        "tui_peak_rss_ready",
        "TUI peak RSS, store open (SQLAlchemy loaded)",
        mib("tui_ready"),
        "floor_app_peak_rss",
        unit="MiB",
    )


def _main_table(sql: str) -> str:
    """The table of the statement's outer FROM (parenthesised sub-selects removed)."""
    flat = sql
    while (simpler := re.sub(r"\([^()]*\)", "", flat)) != flat:
        flat = simpler
    match = re.search(r"\bFROM\s+(\w+)", flat, re.I)
    return match.group(1) if match else "?"


def dashboard_queries(
    figures: Figures, db: Path, today: date, repeat: int, plans: bool, log
) -> None:
    from pipeline_tui.config import Config
    from pipeline_tui.store.database import open_store

    log("dashboard queries (in-process)")
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
            figure = figures.add(
                f"query: {label}", f"query: {label}{times}", timing.ms, cpu=timing.cpu_ms
            )
            figure.target = f"≤ {QUERY_TARGET_MS:g} ms"
            figure.met = timing.ms <= QUERY_TARGET_MS
            if plans:
                log(f"{label}\n  {statement.sql}\n  plan: " + "\n        ".join(statement.plan))
        for key, timing in inprocess.services_timed(store, today, repeat).items():
            figures.add(key, f"{key}(): its queries and Python", timing.ms, cpu=timing.cpu_ms)
    finally:
        store.close()


def quick_add(figures: Figures, db: Path, work: Path, today: date, repeat: int, log) -> None:
    from pipeline_tui.config import Config
    from pipeline_tui.store.database import open_store

    log("quick-add through Pilot (in-process)")
    copy = shutil.copy(db, work / "quick-add.db")
    store = open_store(Config(db_url=f"sqlite:///{copy}", today=today))
    try:
        saved, refreshed = inprocess.quick_add_ms(store, repeat)
    finally:
        store.close()
    figure = figures.add("quick_add_saved", "quick-add: Enter → lead saved, shown", saved)
    figure.target, figure.met = "≤ 100 ms", saved <= 100
    figures.add("quick_add_refreshed", "quick-add: Enter → dashboard reloaded", refreshed)


def csv_import(
    figures: Figures, db: Path, work: Path, today: date, rows: int, repeat: int, log
) -> None:
    log(f"import of {rows} CSV contacts vs sqlite-utils insert (in-process)")
    csv_path = importing.write_contacts_csv(work / "contacts.csv", rows)
    ours, raw = [], []
    for _ in range(repeat):
        raw.append(importing.sqlite_utils_seconds(db, csv_path, work))
        ours.append(importing.import_seconds(db, csv_path, work, today))
    figures.add(
        "sqlite_utils_insert",
        f"floor: sqlite-utils insert, {rows} rows",
        statistics.median(raw) * 1000,
    )
    figures.against(
        "csv_import",
        f"import csv --kind contacts, {rows} rows",
        statistics.median(ours) * 1000,
        "sqlite_utils_insert",
        least=0.5,
        throughput=True,
    )


# --- output ----------------------------------------------------------------------------------


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


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def table(figures: Figures, meta: dict[str, Any]) -> str:
    m, db = meta["machine"], meta["database"]
    width = max(len(f.label) for f in figures.items.values())
    lines = [
        f"pipeline-tui benchmarks, {meta['started']}: {m['system']}, {m['cpus']} CPUs "
        f"({m['cpu']}), Python {m['python']}; load average {meta['load_before']} → "
        f"{meta['load_after']}",
        f"database: {db['name']}: " + ", ".join(f"{t} {n}" for t, n in db["rows"].items()),
        f"today {meta['today']}; each figure the median of {meta['rounds']} whole-process runs "
        f"or {meta['repeat']} in-process runs; the run took {meta['seconds']:.0f} s",
        "",
        f"{'figure':<{width}} {'value':>11} {'cpu':>9} {'ratio':>7}  target",
    ]
    for f in figures.items.values():
        value = f"{_number(f.value)} {f.unit}"
        cpu = f"{_number(f.cpu)} ms" if f.cpu is not None else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        verdict = "" if f.met is None else "ok" if f.met else "MISSED"
        target = f"{f.target or '':<9} {verdict}".rstrip()
        lines.append(f"{f.label:<{width}} {value:>11} {cpu:>9} {ratio:>7}  {target}")
    lines += [
        "",
        "ratio: the figure ÷ the floor above it (for the import, sqlite-utils' time ÷ the "
        "import's: a share of its throughput); cpu: the CPU time of the same runs, where known.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a few minutes at most)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--db", type=Path, help="measure this SQLite file (it is copied first)")
    source.add_argument("--tiny", action="store_true", help="the small demo (a CI smoke test)")
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY, help="YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, help="runs of every figure (default 7, quick 3)")
    parser.add_argument("--csv-rows", type=int, help="contacts to import (default 10000)")
    parser.add_argument("--plans", action="store_true", help="show each query's plan (SQLite)")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the demo is kept")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    rounds = args.repeat or (3 if args.quick else 7)
    repeat = args.repeat or (5 if args.quick else 15)
    csv_rows = args.csv_rows or (500 if args.tiny else 10_000)
    started, load_before, clock = datetime.now(), _load(), time.perf_counter()
    if args.db is not None:
        source_db, name = args.db, str(args.db)
    else:
        scale = "small" if args.tiny else "large"
        source_db, name = cached_demo(scale, args.cache, log), f"{scale} demo (seed {SEED})"
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="pipeline-bench-") as folder:
        work = Path(folder)
        db = Path(shutil.copy(source_db, work / "bench.db"))
        whole_processes(figures, db, args.today, rounds, log)
        dashboard_queries(figures, db, args.today, repeat, args.plans, log)
        quick_add(figures, db, work, args.today, max(rounds, 1), log)
        csv_import(figures, db, work, args.today, csv_rows, max(rounds - 1, 1), log)
        counts = row_counts(db)
    meta: dict[str, object] = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - clock, 1),
        "machine": machine(),
        "load_before": load_before,
        "load_after": _load(),
        "database": {"name": name, "rows": counts},
        "today": args.today.isoformat(),
        "rounds": rounds,
        "repeat": repeat,
    }
    result = {"meta": meta, "figures": [asdict(f) for f in figures.items.values()]}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(table(figures, meta))
    return result


if __name__ == "__main__":
    main()
