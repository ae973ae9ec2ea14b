"""The weekly review's own reads, bounded by the days it shows: the deals created and the stage
changes dated in the week (its trend is ``trend.pipeline_by_day``'s)."""

from __future__ import annotations

from datetime import date

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.store.reader import Reader


def stage_changes_between(q: Reader, first: date, last: date) -> list[StageChange]:
    """The stage changes dated ``first``–``last`` (both included), by deal and date, in the
    order they were recorded (``deals.stage_history``'s order, bounded by date)."""
    read = q.day
    return [
        StageChange(deal, from_stage, to_stage, read(changed_on))
        for deal, from_stage, to_stage, changed_on in q.rows(
            "SELECT deal_id, from_stage, to_stage, changed_on FROM deal_stage_change"
            " WHERE changed_on >= :first AND changed_on <= :last"
            " ORDER BY deal_id, changed_on, id",
            {"first": first, "last": last},
        )
    ]


def deals_created_between(q: Reader, first: date, last: date) -> list[DealFacts]:
    """The deals created ``first``–``last`` (both included), without their dates, by id."""
    read = q.day
    return [
        DealFacts(id, client_id, stage, value, probability, channel, read(created))
        for id, client_id, stage, value, probability, channel, created in q.rows(
            """SELECT id, client_id, stage, monthly_value_cents, probability, channel, created_on
               FROM deal WHERE created_on >= :first AND created_on <= :last ORDER BY id""",
            {"first": first, "last": last},
        )
    ]
