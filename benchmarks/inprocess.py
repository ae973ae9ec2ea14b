"""In-process figures: the dashboard's queries, the numbers, and quick-add through Pilot.

The queries are the SQL statements the dashboard really issues: they are captured while
``load_dashboard`` and the due list's first page run, labelled with the service function that
issued them, and each is then timed on its own (executed and fetched through the driver).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from pipeline_tui.store.database import Store


@dataclass(frozen=True)
class Timing:
    ms: float  # median wall time
    cpu_ms: float  # median CPU time of this process
    runs: int = 1


BUDGET_S = 4.0
"""A figure runs ``repeat`` times, or fewer (at least three) once it has taken this long."""


def timed(action: Callable[[], object], repeat: int) -> Timing:
    walls: list[float] = []
    cpus: list[float] = []
    while len(walls) < repeat and (len(walls) < 3 or sum(walls) < BUDGET_S):
        cpu, start = time.process_time(), time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls) * 1000, statistics.median(cpus) * 1000, len(walls))


@dataclass
class Statement:
    label: str
    sql: str
    parameters: Any
    executions: int = 1
    plan: list[str] = field(default_factory=list)


ROOTS = {"dashboard.load_dashboard", "numbers.compute_numbers"}


def _issuer() -> str:
    """Who asked: the innermost public function of ``pipeline_tui.store.queries`` or
    ``pipeline_tui.services`` on the stack, after its caller when that is not one of the ROOTS
    (``dashboard.weighted_trend › trend.pipeline_by_day``)."""
    frame = sys._getframe(2)
    chain: list[str] = []
    while frame is not None and len(chain) < 2:
        module = frame.f_globals.get("__name__", "")
        function = frame.f_code.co_name
        issuer = module.startswith(("pipeline_tui.services.", "pipeline_tui.store.queries."))
        if issuer and module != "pipeline_tui.store.queries.sql" and not function.startswith("_"):
            name = f"{module.rsplit('.', 1)[-1]}.{function}"
            if name in ROOTS:
                break
            chain.append(name)
        frame = frame.f_back
    return " › ".join(reversed(chain)) or "?"


@contextmanager
def capture(store: Store, label: str | None = None) -> Iterator[dict[str, Statement]]:
    """The SELECT statements run on ``store`` inside the block, by SQL text: the ORM's (through
    SQLAlchemy's events) and the read path's (``store.reader``, straight to ``sqlite3``)."""
    from pipeline_tui.store.reader import SqliteReader

    seen: dict[str, Statement] = {}

    def record(statement: str, parameters: Any) -> None:
        if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
            return
        if statement in seen:
            seen[statement].executions += 1
        else:
            seen[statement] = Statement(label or _issuer(), statement, parameters)

    def before(conn, cursor, statement: str, parameters, context, executemany) -> None:
        record(statement, parameters)

    rows = SqliteReader.rows

    def recorded_rows(reader: SqliteReader, sql: str, params=None):
        record(*reader.prepare(sql, params))
        return rows(reader, sql, params)

    sa.event.listen(store.engine, "before_cursor_execute", before)
    SqliteReader.rows = recorded_rows  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        SqliteReader.rows = rows  # type: ignore[method-assign]
        sa.event.remove(store.engine, "before_cursor_execute", before)


def time_statements(store: Store, statements: list[Statement], repeat: int) -> list[Timing]:
    """Executing and fetching each statement through the driver: on SQLite, on a connection of
    the read path (``store.reader``, with its page cache), as ``status`` and the TUI read."""
    from pipeline_tui.store.reader import open_read_store

    reads = open_read_store(store.config) if store.engine.dialect.name == "sqlite" else None
    raw = reads.connect() if reads is not None else store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if store.engine.dialect.name == "sqlite":
            for s in statements:
                cursor.execute("EXPLAIN QUERY PLAN " + s.sql, s.parameters)
                s.plan = [row[-1] for row in cursor.fetchall()]

        def run(s: Statement) -> None:
            cursor.execute(s.sql, s.parameters)
            cursor.fetchall()

        return [timed(lambda s=s: run(s), repeat) for s in statements]
    finally:
        raw.close()
        if reads is not None:
            reads.close()


def dashboard_statements(store: Store, today: date) -> list[Statement]:
    """What opening the dashboard asks the database, and the agenda's page queries."""
    from pipeline_tui.services.agenda import agenda_page
    from pipeline_tui.services.dashboard import load_dashboard

    statements: list[Statement] = []
    with capture(store) as seen:
        load_dashboard(store, today)
    statements += seen.values()
    with capture(store, "dashboard due list, first page › agenda.agenda_page") as seen:
        agenda_page(store, until=today, limit=100)
    statements += seen.values()
    # The agenda deep in the list: the keyset page after the middle open activity.
    with store.connection() as conn:
        open_count = conn.execute(
            sa.text("SELECT count(*) FROM activity WHERE done_on IS NULL AND due_on IS NOT NULL")
        ).scalar_one()
        row = conn.execute(
            sa.text(
                "SELECT due_on, id FROM activity WHERE done_on IS NULL AND due_on IS NOT NULL "
                "ORDER BY due_on, id LIMIT 1 OFFSET :n"
            ),
            {"n": max(open_count // 2, 0)},
        ).first()
    after = (date.fromisoformat(str(row[0])), row[1]) if row else None
    with capture(store, "agenda, page after the middle row › agenda.agenda_page") as seen:
        agenda_page(store, after=after, limit=150)
    statements += seen.values()
    with capture(store, "agenda, one channel, after the middle row › …agenda_page") as seen:
        agenda_page(store, after=after, channel="event", limit=150)
    statements += seen.values()
    return statements


def services_timed(store: Store, today: date, repeat: int) -> dict[str, Timing]:
    """The dashboard's service calls as a whole: the queries and the Python around them."""
    from pipeline_tui.services.dashboard import load_dashboard
    from pipeline_tui.services.numbers import compute_numbers

    return {
        "compute_numbers": timed(lambda: compute_numbers(store, today), repeat),
        "load_dashboard": timed(lambda: load_dashboard(store, today), repeat),
    }


# --- quick-add through Pilot -----------------------------------------------------------------


async def _quick_add(store: Store, repeat: int) -> tuple[list[float], list[float]]:
    from textual.widgets import Input

    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.screens.dashboard import DashboardScreen

    app = PipelineApp(store, store.config)
    saved, refreshed = [], []
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await _settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen), dashboard
        shows: list[float] = []
        show = dashboard.show

        def counted_show(data) -> None:  # the dashboard's data arrived: count it
            show(data)
            shows.append(time.perf_counter())

        dashboard.show = counted_show  # type: ignore[method-assign]

        def confirmed() -> bool:  # the lead is saved: its toast is up on the dashboard
            return app.screen is dashboard and bool(dashboard.query("Toast"))

        for i in range(repeat):
            app.clear_notifications()
            await pilot.press("n")
            await _settle(pilot)
            line = f"Bench Company {i} / Alex Martin alex{i}@bench.example 650/d #event next:fri"
            app.screen.query_one("#line", Input).value = line
            await _settle(pilot)
            shown = len(shows)

            def reloaded(shown: int = shown) -> bool:  # new data shown, every worker done
                return len(shows) > shown and all(w.is_finished for w in app.workers)

            start = time.perf_counter()
            # Pilot.press returns once the app is idle again (the reload included): press in a
            # task, and watch for the moments meanwhile.
            pressed = asyncio.get_running_loop().create_task(pilot.press("enter"))
            saved.append(await _until(app, confirmed) - start)
            refreshed.append(await _until(app, reloaded) - start)
            await pressed
            await _settle(pilot)
    return saved, refreshed


async def _until(app, condition: Callable[[], bool]) -> float:
    """Wait for ``condition``, then for the frame that shows it; return that moment."""
    give_up = time.perf_counter() + 60
    while not condition():
        if time.perf_counter() > give_up:
            raise TimeoutError("quick-add: the lead never showed")
        await asyncio.sleep(0.0005)
    painted = asyncio.Event()
    moment: list[float] = []

    def mark() -> None:
        moment.append(time.perf_counter())
        painted.set()

    app.screen.call_after_refresh(mark)
    await painted.wait()
    return moment[0]


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def quick_add_ms(store: Store, repeat: int) -> tuple[float, float]:
    """(Enter → lead saved and its confirmation painted, Enter → dashboard reloaded), medians."""
    saved, refreshed = asyncio.run(_quick_add(store, repeat))
    return statistics.median(saved) * 1000, statistics.median(refreshed) * 1000
