"""The databases measured: the demo at each scale, built once into a cache folder.

A scale is the large demo times a factor: ``large`` (×1: 1,000 clients, 10,000 deals, 100,000
activities), ``xl`` (×10) and, for the smoke test (``--tiny``), ``tiny`` (×0.02) and
``tiny×10`` (×0.2). Each is built by a child process (``python benchmarks/demo_db.py PATH
FACTOR``: the xl demo needs ~1.5 GB while it is built, which this process should not keep), with
its progress on standard error, into ``benchmarks/.cache/``; it is built again when the schema
head, any file of ``migrations/versions``, or the demo generator changes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 26)
SEED = 42
PROGRESS_EVERY_S = 15.0


@dataclass(frozen=True)
class Scale:
    name: str
    factor: float  # times the large demo
    description: str


SCALES = {
    "large": Scale("large", 1, "the large demo (seed 42)"),
    "xl": Scale("xl", 10, "the large demo ×10 (seed 42)"),
    "tiny": Scale("tiny", 0.02, "the large demo ×0.02 (seed 42)"),
    "tiny×10": Scale("tiny×10", 0.2, "the large demo ×0.2 (seed 42)"),
}


def demo_key(scale: Scale) -> str:
    """Changes when the schema (head, or any migration file) or the demo generator changes: the
    cache is then rebuilt."""
    from pipeline_tui import demo
    from pipeline_tui.store import bulk
    from pipeline_tui.store.migrate import known_revisions, migrations_dir

    digest = hashlib.sha256()
    folder = Path(demo.__file__).parent
    sources = [*sorted(folder.glob("*.py")), *sorted(folder.glob("*.toml")), Path(bulk.__file__)]
    sources += sorted((migrations_dir() / "versions").glob("*.py"))
    for source in sources:
        digest.update(source.read_bytes())
    return f"{scale.name}-seed{SEED}-{TODAY}-{known_revisions().head}-{digest.hexdigest()[:10]}"


def cached_demo(scale: Scale, cache: Path, log: Callable[[str], None]) -> Path:
    """The demo at ``scale`` in ``cache``, built first if it is not there (or stale)."""
    path = cache / f"{demo_key(scale)}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"{scale.name}-*.db"):
        stale.unlink()
    building = path.with_name(f"building-{os.getpid()}.tmp")
    building.unlink(missing_ok=True)
    log(f"building the {scale.name} demo database once, into {path} …")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, __file__, str(building), repr(scale.factor)], stdout=subprocess.PIPE
    )
    while True:
        try:
            out, _ = child.communicate(timeout=PROGRESS_EVERY_S)
            break
        except subprocess.TimeoutExpired:
            log(f"  … still building the {scale.name} demo: {time.perf_counter() - start:.0f} s")
    if child.returncode != 0:
        building.unlink(missing_ok=True)
        raise RuntimeError(f"building the {scale.name} demo failed (exit {child.returncode})")
    log(f"  built in {time.perf_counter() - start:.0f} s: {out.decode().strip()}")
    os.replace(building, path)
    return path


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = ("client", "contact", "deal", "deal_stage_change", "activity")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def build(path: Path, factor: float) -> str:
    """Build the demo at ``factor`` into the new file ``path``; a line saying what it holds."""
    from pipeline_tui.config import Config
    from pipeline_tui.demo import build_demo
    from pipeline_tui.store.database import open_store

    store = open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))
    try:
        summary = build_demo(store, today=TODAY, seed=SEED, scale="large", factor=factor)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return (
        f"{summary.clients:,} clients, {summary.deals:,} deals, "
        f"{summary.stage_changes:,} stage changes, {summary.activities:,} activities"
    )


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), float(sys.argv[2])))
