"""A realistic, deterministic demo database for a French freelancer.

``build_demo`` fills an empty database in one transaction. Every date is an offset from ``today``
and every random choice comes from ``random.Random(seed)``, so the same seed and the same today
give the same rows, ids and ``created_at`` stamps included. Rows are generated as plain dicts, each
numbered in its table (1, 2, 3…: the database is empty), and written with the store's bulk writer
(``store.bulk.insert_with_ids``), which keeps the large scale (1 000 clients, 10 000 deals,
100 000 activities) to a few seconds.

- ``story``: the hand-written core of every demo, all of the small scale;
- ``large``: the large scale, invented companies around the story;
- ``records`` and ``generator``: the row builder the two use (``rows``: the rows themselves);
- ``words``: the French names, companies, deals and notes the rows are made of.
"""

from __future__ import annotations

from datetime import date, datetime

from pipeline_tui.demo.generator import Generator
from pipeline_tui.demo.large import (
    LARGE_ACTIVE_MISSIONS,
    LARGE_ACTIVITIES,
    LARGE_CLIENTS,
    LARGE_CONTACTS,
    LARGE_DEALS,
    LARGE_MISSIONS,
    SCALE_FACTORS,
    build_large,
)
from pipeline_tui.demo.rows import DemoSummary, Rows
from pipeline_tui.demo.story import tell_story
from pipeline_tui.errors import InvalidInput
from pipeline_tui.store.bulk import insert_with_ids
from pipeline_tui.store.database import Store
from pipeline_tui.store.tables import Connection, nonempty_tables

__all__ = [
    "LARGE_ACTIVE_MISSIONS",
    "LARGE_ACTIVITIES",
    "LARGE_CLIENTS",
    "LARGE_CONTACTS",
    "LARGE_DEALS",
    "LARGE_MISSIONS",
    "SCALES",
    "DemoSummary",
    "build_demo",
]

SCALES: tuple[str, ...] = ("small", *SCALE_FACTORS)


def _check_empty(conn: Connection) -> None:
    found = nonempty_tables(conn, leaving_out=("setting",))
    if found:
        raise InvalidInput(
            f"the database is not empty: it already has data ({', '.join(found)}); "
            "the demo needs a new database (give --db a new file)"
        )


def _insert(conn: Connection, rows: Rows) -> None:
    insert_with_ids(conn, rows.by_table)


def build_demo(
    store: Store,
    *,
    today: date,
    seed: int = 42,
    scale: str = "small",
    factor: float | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo, in one transaction; the same seed and today give the
    same rows. ``scale`` is ``"small"`` (the story, in a fraction of a second) or ``"large"``
    (about 1 000 clients, 10 000 deals, 100 000 activities, in a few seconds) or ``"xl"`` (the
    large scale ten times over: 10 000 clients, 100 000 deals, 1 000 000 activities).
    ``factor`` builds the large world that many times over whatever the scale (at least 0.02:
    the benchmarks' smoke test builds two small worlds with it).

    Raises ``InvalidInput`` for an unknown scale or a database that already holds data.
    """
    if scale not in SCALES:
        raise InvalidInput(f"unknown demo scale {scale!r}: choose {' or '.join(SCALES)}")
    if factor is None:
        factor = SCALE_FACTORS.get(scale)
    if isinstance(today, datetime):
        today = today.date()
    with store.connection() as conn:
        _check_empty(conn)
        demo = Generator(seed, today)
        at_risk, former = tell_story(demo)
        if factor is not None:
            build_large(demo, factor)
        demo.finish()
        _insert(conn, demo.rows)
    return demo.summary(at_risk, former)
