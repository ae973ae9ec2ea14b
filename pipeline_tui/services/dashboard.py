"""What the daily dashboard shows, loaded in one call (from a worker thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline_tui.domain.review import StageTimeline
from pipeline_tui.services import facts
from pipeline_tui.services.numbers import Numbers, compute_numbers
from pipeline_tui.services.prospecting import PlanLine, plan_status
from pipeline_tui.services.settings import load_settings

TREND_WEEKS = 8


@dataclass(frozen=True)
class DashboardData:
    numbers: Numbers
    overdue_count: int
    due_today_count: int
    plan: tuple[PlanLine, ...] = ()
    streak: int = 0
    trend: tuple[int, ...] = field(default_factory=tuple)


def weighted_trend(store, today: date, weeks: int = TREND_WEEKS) -> tuple[int, ...]:
    """The weighted pipeline (cents) at the end of each of the last ``weeks`` weeks, today last.

    Each deal is taken at the stage its history gives for that day (the review's timeline).
    """
    settings = load_settings(store)
    with store.session() as session:
        deals = facts.deal_facts(session, with_dates=False)
        history = facts.stage_history(session)
    days = [today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    return tuple(StageTimeline(deals, history).weighted_series(days, settings.stage_probabilities))


def load_dashboard(store, today: date) -> DashboardData:
    numbers = compute_numbers(store, today)
    with store.session() as session:
        overdue, due_today = facts.count_open_activities(session, today)
    plan = plan_status(store, today)
    return DashboardData(
        numbers=numbers,
        overdue_count=overdue,
        due_today_count=due_today,
        plan=tuple(plan.lines),
        streak=plan.streak.weeks,
        trend=weighted_trend(store, today),
    )
