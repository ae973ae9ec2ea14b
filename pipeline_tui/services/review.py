"""The weekly prospecting review: what was done against the plan, what moved, the coverage trend,
and next week's targets.

The rules are ``domain.review``'s (the week's "as of" day, the pipeline as of a day, the coverage
gap) and ``domain.cadence``'s (periods, streak). The figures that exist elsewhere are reused, not
recomputed: revenue at risk and conversion are ``services.numbers``'s as of the day (the numbers'
facts read once, ``services.number_facts``, for the 8 days of the trend), the weekly targets the
what-if's on those same numbers (``services.numbers.whatif_report``). Everything is read in one
read transaction through the read path; the stage history only for the week and the trend.

- **Default week**: the last *complete* ISO week before today's (a review looks back at a whole
  week; ``--week`` names the current one to see it so far).
- **Plan**: each active cadence in its period containing the week's "as of" day — a weekly
  cadence on its week, a monthly one on its month so far — with met / missed / in progress
  (missed once the period is over and the target not reached).
- **Conversion rates and cycle length** are ``compute_numbers``'s over the whole deal history
  (slow-moving averages; they are not truncated to the week).
- **Trend**: the recurring weighted pipeline as of each of the 8 weeks' Sundays (the reviewed
  week's own "as of" day last), from the stage history, and the revenue lost and at risk as of
  that day (what ``compute_numbers`` gives on that day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline_tui.domain.cadence import Period, Streak, plan_streak, weekly_equivalent
from pipeline_tui.domain.conversion import ConversionStats, StageChange
from pipeline_tui.domain.losses import recurring_pipeline_cents
from pipeline_tui.domain.pipeline import coverage
from pipeline_tui.domain.review import (
    TREND_WEEKS,
    OpenItem,
    ReviewWeek,
    closed_in,
    count_by_source,
    coverage_gap,
    done_by_channel,
    done_in,
    moves_in,
    new_leads,
    next_week_targets,
    overdue_at,
    trend_days,
)
from pipeline_tui.domain.targets import ChannelTarget
from pipeline_tui.domain.weeks import parse_week, shift_week, week_label, week_start
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _, formats
from pipeline_tui.services.lessons import LessonRow, read_open_lessons
from pipeline_tui.services.number_facts import read_number_facts
from pipeline_tui.services.numbers import numbers_in, whatif_history, whatif_report
from pipeline_tui.services.plan_progress import PlanLine, plan_facts, plan_lines
from pipeline_tui.store.queries import activities
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries import review as review_queries
from pipeline_tui.store.queries.activities import done_facts
from pipeline_tui.store.queries.deals import DealRow
from pipeline_tui.store.queries.trend import pipeline_by_day
from pipeline_tui.store.reader import ReadSource


@dataclass(frozen=True)
class PlanRow:
    line: PlanLine
    status: str  # met | missed | in progress | not started


@dataclass(frozen=True)
class MoveRow:
    deal: DealRow
    from_stage: str | None
    to_stage: str
    on: date


@dataclass(frozen=True)
class TrendPoint:
    """The week's end: the recurring weighted pipeline as of that day (from the stage history),
    and what was lost and at risk that day; coverage as the dashboard computes it."""

    day: date
    weighted_pipeline_cents: int
    revenue_at_risk_cents: int
    revenue_lost_cents: int = 0

    @property
    def coverage(self) -> float | None:
        return coverage(
            self.weighted_pipeline_cents, self.revenue_lost_cents + self.revenue_at_risk_cents
        )

    @property
    def week(self) -> str:
        return week_label(self.day)


@dataclass(frozen=True)
class NextWeek:
    monday: date
    coverage_gap_cents: int
    horizon_weeks: int
    wins_needed: int
    leads_needed: int
    whatif_weekly: dict[str, int]
    plan_weekly: dict[str, int]
    targets: dict[str, int]
    whatif_rates: dict[str, ChannelTarget] = field(default_factory=dict)  # every channel's

    @property
    def label(self) -> str:
        return week_label(self.monday)


@dataclass(frozen=True)
class WeeklyReview:
    week: ReviewWeek
    currency: str
    plan: tuple[PlanRow, ...]
    done_by_channel: dict[str, int]
    streak: Streak
    new_leads: tuple[DealRow, ...]
    leads_by_source: dict[str, int]
    moves: tuple[MoveRow, ...]
    won: tuple[MoveRow, ...]
    lost: tuple[MoveRow, ...]
    conversion: ConversionStats
    trend: tuple[TrendPoint, ...]
    overdue: tuple[OpenItem, ...]
    next_week: NextWeek
    lessons: tuple[LessonRow, ...] = ()  # post-mortem lessons still open (offboarding)


def default_week(today: date) -> date:
    """The Monday of the last complete ISO week before ``today``'s."""
    return shift_week(week_start(today), -1)


def resolve_week(week: str | date | None, today: date) -> ReviewWeek:
    """The reviewed week from ``YYYY-Www``, any day of it, or None (the default week)."""
    if week is None:
        monday = default_week(today)
    elif isinstance(week, date):
        monday = week_start(week)
    else:
        try:
            monday = parse_week(week)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
    if monday > today:
        raise InvalidInput(
            _("{week} has not started yet (today is {today})").format(
                week=week_label(monday), today=today
            )
        )
    return ReviewWeek(monday, today)


def _status(line: PlanLine, week: ReviewWeek) -> str:
    if line.period is None:
        return "not started"  # not shown: a JSON value; the Markdown shows its label
    if line.met:
        return "met"
    return "missed" if line.period.end <= week.cutoff else "in progress"  # not shown: JSON value


def _moves(changes: list[StageChange], deals: dict[int, DealRow]) -> tuple[MoveRow, ...]:
    return tuple(
        MoveRow(deals[c.deal_id], c.from_stage, c.to_stage, c.changed_on)
        for c in changes
        if c.deal_id in deals
    )


def weekly_review(source: ReadSource, today: date, week: str | date | None = None) -> WeeklyReview:
    """The review of ``week`` (default: the last complete week) as seen on ``today``, from one
    snapshot: the numbers' facts are read once for the 8 days of the trend, the stage history
    only where the week and the trend need it."""
    rweek = resolve_week(week, today)
    as_of = rweek.as_of
    days = trend_days(rweek, TREND_WEEKS)
    with source.read() as q:
        facts = read_number_facts(q, days)
        settings = facts.settings
        numbers = numbers_in(q, facts, as_of)
        channels = whatif_history(q, settings, as_of)
        specs, done = plan_facts(q, as_of)
        # every done activity of the week counts, with or without a plan
        week_done = done_by_channel(done_facts(q, rweek.monday, as_of))
        overdue = overdue_at(activities.open_at(q, rweek.cutoff), rweek.cutoff)
        leads = new_leads(review_queries.deals_created_between(q, rweek.monday, as_of), rweek)
        changes = review_queries.stage_changes_between(q, rweek.monday, as_of)
        moves, won, lost = (
            moves_in(changes, rweek),
            closed_in(changes, rweek, "won"),
            closed_in(changes, rweek, "lost"),
        )
        ids = {d.id for d in leads} | {c.deal_id for c in [*moves, *won, *lost]}
        deals = deal_queries.deal_rows(q, ids)
        pipeline_then = pipeline_by_day(q, days)
        lessons = read_open_lessons(q, as_of)

    lines = plan_lines(specs, done, as_of)
    plan = tuple(PlanRow(line, _status(line, rweek)) for line in lines)
    probabilities = settings.stage_probabilities
    weighted = [recurring_pipeline_cents(groups, probabilities) for groups in pipeline_then]
    trend = []
    for day, weighted_then in zip(days, weighted, strict=True):
        then = facts.stake(day, reasons=False) if day != as_of else numbers
        trend.append(
            TrendPoint(day, weighted_then, then.revenue_at_risk_cents, then.revenue_lost_cents)
        )
    last = trend[-1]
    gap = coverage_gap(
        last.weighted_pipeline_cents, last.revenue_lost_cents + last.revenue_at_risk_cents
    )
    whatif = whatif_report(numbers, facts, channels, gap_cents=gap).result
    next_monday = rweek.next_monday
    plan_weekly: dict[str, int] = {}
    for spec in specs:
        weekly = weekly_equivalent(spec, next_monday)
        if weekly is not None:
            plan_weekly[spec.channel] = max(plan_weekly.get(spec.channel, 0), weekly)
    whatif_weekly = {ch: n for ch, n in whatif.weekly_activities.items() if n > 0}
    lead_rows = tuple(deals[d.id] for d in leads)
    return WeeklyReview(
        week=rweek,
        currency=numbers.currency,
        plan=plan,
        done_by_channel=done_in(week_done, rweek.monday, as_of),
        streak=plan_streak(specs, done, as_of, day_over=rweek.complete),
        new_leads=lead_rows,
        leads_by_source=count_by_source(leads),
        moves=_moves(moves, deals),
        won=_moves(won, deals),
        lost=_moves(lost, deals),
        conversion=numbers.conversion,
        trend=tuple(trend),
        overdue=tuple(overdue),
        next_week=NextWeek(
            monday=next_monday,
            coverage_gap_cents=gap,
            horizon_weeks=whatif.weeks,
            wins_needed=whatif.wins_needed,
            leads_needed=whatif.leads_needed,
            whatif_weekly=whatif_weekly,
            plan_weekly=plan_weekly,
            targets=next_week_targets(plan_weekly, whatif_weekly),
            whatif_rates=dict(whatif.targets),
        ),
        lessons=tuple(lessons),
    )


def period_text(period: Period | None) -> str:
    """``23–29 Nov 2026``, ``1 Nov – 30 Nov 2026`` (``23–29 nov. 2026`` in French); ``—``
    without a period."""
    if period is None:
        return "—"
    first, last = period.start, period.last_day
    if first.year != last.year:
        return f"{formats.day_month_year(first)} – {formats.day_month_year(last)}"
    if first.month != last.month:
        return f"{formats.day_month(first)} – {formats.day_month_year(last)}"
    return f"{first.day}–{formats.day_month_year(last)}"
