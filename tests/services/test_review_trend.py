"""The review's trend from one read (issue 16): the numbers of each day computed from facts read
once equal ``compute_numbers`` called on that day, and the recurring pipeline read for the trend
alone (bounded by date) equals the one from every deal and the whole stage history."""

from __future__ import annotations

from datetime import timedelta

from pipeline_tui.domain.review import TREND_WEEKS, ReviewWeek, StageTimeline, trend_days
from pipeline_tui.domain.weeks import shift_week, week_start
from pipeline_tui.services.number_facts import read_number_facts
from pipeline_tui.services.numbers import compute_numbers, numbers_in
from pipeline_tui.services.review import weekly_review
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.queries.deals import deal_facts, stage_history

WEEKS = 10  # the reviews of the current week and the nine before it


def test_numbers_read_once_for_several_days_equal_compute_numbers_on_each(demo) -> None:
    store, today = demo.store, demo.today
    days = [today - timedelta(days=7 * back + extra) for back in range(9) for extra in (0, 3)]
    with store.read() as q:
        facts = read_number_facts(q, days)
        once = {day: numbers_in(q, facts, day) for day in days}
    at_risk = set()
    for day in days:
        alone = compute_numbers(store, day)
        assert once[day] == alone, day
        for reasons in (True, False):  # the scores without their reasons: the same totals
            stake = facts.stake(day, reasons=reasons)
            assert (stake.revenue_at_risk_cents, stake.revenue_lost_cents) == (
                alone.revenue_at_risk_cents,
                alone.revenue_lost_cents,
            )
        at_risk.add((alone.revenue_at_risk_cents, alone.revenue_lost_cents))
    assert len(at_risk) > 3  # the demo's risk moves over these weeks: the days are not alike


def test_the_review_trend_is_compute_numbers_on_each_day(demo) -> None:
    store, today = demo.store, demo.today
    with store.read() as q:
        history = stage_history(q)
        recurring = [d for d in deal_facts(q) if d.recurring and d.renewal_of_mission_id is None]
        probabilities = read_settings(q).stage_probabilities
    seen = set()
    for back in range(WEEKS):
        monday = shift_week(week_start(today), -back)
        review = weekly_review(store, today, monday)
        days = trend_days(ReviewWeek(monday, today), TREND_WEEKS)
        assert [point.day for point in review.trend] == days
        for point in review.trend:
            then = compute_numbers(store, point.day)
            assert point.revenue_at_risk_cents == then.revenue_at_risk_cents, point.day
            assert point.revenue_lost_cents == then.revenue_lost_cents, point.day
            assert point.weighted_pipeline_cents == StageTimeline(recurring, history).weighted_on(
                point.day, probabilities
            ), point.day
            seen.add(point.weighted_pipeline_cents)
    assert len(seen) > 3  # the pipeline moves over these weeks
