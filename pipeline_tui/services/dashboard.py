"""What the daily dashboard shows, loaded in one call (from a worker thread).

Everything is read through the read path (``store.reader``): on a SQLite file the dashboard is
filled through ``sqlite3`` alone, before SQLAlchemy is ever imported.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline_tui.domain.pipeline import weighted_pipeline_cents
from pipeline_tui.services.agenda import AgendaRow, agenda_page, open_counts
from pipeline_tui.services.numbers import Numbers, compute_numbers
from pipeline_tui.services.plan_progress import PlanLine, plan_status
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.queries.trend import pipeline_by_day
from pipeline_tui.store.reader import ReadSource

TREND_WEEKS = 8
DUE_PAGE = 100  # rows of the due list read at a time


@dataclass(frozen=True)
class DashboardData:
    numbers: Numbers
    overdue_count: int
    due_today_count: int
    plan: tuple[PlanLine, ...] = ()
    streak: int = 0
    trend: tuple[int, ...] = field(default_factory=tuple)


def weighted_trend(source: ReadSource, today: date, weeks: int = TREND_WEEKS) -> tuple[int, ...]:
    """The weighted pipeline (cents) at the end of each of the last ``weeks`` weeks, today last.

    Each deal is taken at the stage its history gives for that day (``queries.trend``).
    """
    days = [today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    with source.read() as q:
        settings = read_settings(q)
        by_day = pipeline_by_day(q, days)
    probabilities = settings.stage_probabilities
    return tuple(weighted_pipeline_cents(groups, probabilities) for groups in by_day)


def load_dashboard(source: ReadSource, today: date) -> DashboardData:
    """Everything the dashboard shows. The trend is read on a thread of its own beside the
    rest: it is mostly SQL, and the database driver lets go of the interpreter while a query
    runs, so on a second core it costs next to nothing (each part reads in its own read
    transaction, as they did one after the other)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dashboard-trend") as pool:
        trend = pool.submit(weighted_trend, source, today)
        numbers = compute_numbers(source, today)
        overdue, due_today = open_counts(source, today)
        plan = plan_status(source, today)
        return DashboardData(
            numbers=numbers,
            overdue_count=overdue,
            due_today_count=due_today,
            plan=plan.lines,
            streak=plan.streak.weeks,
            trend=trend.result(),
        )


@dataclass(frozen=True)
class DashboardStart:
    """What the dashboard shows first: its numbers, and the first page of its due list."""

    data: DashboardData
    due: list[AgendaRow]


def load_dashboard_start(source: ReadSource, today: date) -> DashboardStart:
    return DashboardStart(
        load_dashboard(source, today), agenda_page(source, until=today, limit=DUE_PAGE)
    )
