"""The pipeline of past days, for the dashboard's and the review's trends: which stage each deal
was in at the end of each day, counted in SQL per day and per kind of deal.

The rule is ``domain.review.StageTimeline``'s: a deal with a stage history is at the stage of
its last change dated that day or earlier (changes of one day in the order they were recorded),
and does not exist before its first change; a deal without history is at its current stage from
its creation day on. Only the deals that can weigh from the first day on are read: the open ones
and the ones moved since, with a value (``deals.MOVING``, from the deals' summaries). What comes
back is :class:`~pipeline_tui.domain.pipeline.DealGroup` lists, one per day, that the domain
weighs (``weighted_pipeline_cents``, ``recurring_pipeline_cents``): rows of a few groups however
many deals moved, where reading every moving deal and its changes grew with the history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pipeline_tui.domain.pipeline import DealGroup
from pipeline_tui.store.queries.deals import MOVING, RECURRING
from pipeline_tui.store.queries.sql import OPEN_IN
from pipeline_tui.store.reader import Reader


def _on(i: int) -> str:
    """The span of a stage covers the end of day ``i``."""
    return f"s.from_on <= :day_{i} AND (s.until_on IS NULL OR s.until_on > :day_{i})"


def pipeline_by_day(q: Reader, days: Sequence[date]) -> list[list[DealGroup]]:
    """For each of ``days`` (ascending), the deals open at its end counted per (stage, own
    probability, recurring or not, mission renewed); ``created_on`` and ``expected_close_on``
    are left out (no close date matters to a past day's weight)."""
    if not days:
        return []
    per_day = ",\n".join(
        f"sum(CASE WHEN {_on(i)} THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN {_on(i)} THEN m.value ELSE 0 END)"
        for i in range(len(days))
    )
    sql = f"""
        WITH moving AS (
            SELECT d.id, d.stage, d.created_on, d.probability, d.monthly_value_cents AS value,
                   {RECURRING} AS recurring, d.renewal_of_mission_id AS renews
            FROM deal d WHERE {MOVING}),
        spans AS (
            SELECT c.deal_id, c.to_stage AS stage, c.changed_on AS from_on,
                   lead(c.changed_on) OVER (
                       PARTITION BY c.deal_id ORDER BY c.changed_on, c.id) AS until_on
            FROM deal_stage_change c WHERE c.deal_id IN (SELECT id FROM moving)
            UNION ALL
            SELECT m.id, m.stage, m.created_on, NULL FROM moving m
            WHERE NOT EXISTS (SELECT 1 FROM deal_stage_change c WHERE c.deal_id = m.id))
        SELECT s.stage, m.probability, m.recurring, m.renews,
               {per_day}
        FROM spans s JOIN moving m ON m.id = s.deal_id
        WHERE s.stage IN {OPEN_IN} AND s.from_on <= :last
              AND (s.until_on IS NULL OR s.until_on > :since)
        GROUP BY s.stage, m.probability, m.recurring, m.renews"""
    params: dict[str, object] = {f"day_{i}": d for i, d in enumerate(days)}
    params.update(since=days[0], last=days[-1])
    by_day: list[list[DealGroup]] = [[] for _ in days]
    for stage, probability, recurring, renews, *sums in q.rows(sql, params):
        for i, groups in enumerate(by_day):
            count, value = int(sums[2 * i]), int(sums[2 * i + 1])
            if count:
                groups.append(
                    DealGroup(stage, probability, bool(recurring), renews, None, None, count, value)
                )
    return by_day
