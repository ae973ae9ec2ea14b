"""What the daily dashboard shows, loaded in one call (from a worker thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline_tui.domain.review import StageTimeline
from pipeline_tui.services import facts
from pipeline_tui.services.numbers import Numbers, compute_numbers
from pipeline_tui.services.prospecting import PlanLine, plan_status
from pipeline_tui.services.settings import load_settings
from pipeline_tui.services.today import TodayAgenda, compute_today

TREND_WEEKS = 8


@dataclass(frozen=True)
class DashboardData:
    numbers: Numbers
    agenda: TodayAgenda
    plan: tuple[PlanLine, ...] = ()
    streak: int = 0
    trend: tuple[int, ...] = field(default_factory=tuple)


def weighted_trend(store, today: date, weeks: int = TREND_WEEKS) -> tuple[int, ...]:
    """The weighted pipeline (cents) at the end of each of the last ``weeks`` weeks, today last.

    Each deal is taken at the stage its history gives for that day (the review's timeline).
    """
    settings = load_settings(store)
    with store.session() as session:
        deals = facts.deal_facts(session)
        history = facts.stage_history(session)
    timeline = StageTimeline(deals, history)
    days = [today - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    return tuple(timeline.weighted_on(day, settings.stage_probabilities) for day in days)


def load_dashboard(store, today: date) -> DashboardData:
    numbers = compute_numbers(store, today)
    agenda = compute_today(store, today, numbers)
    plan = plan_status(store, today)
    return DashboardData(
        numbers=numbers,
        agenda=agenda,
        plan=tuple(plan.lines),
        streak=plan.streak.weeks,
        trend=weighted_trend(store, today),
    )
