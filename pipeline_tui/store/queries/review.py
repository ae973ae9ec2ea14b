"""The weekly review's own reads, bounded by the days it shows: the deals created and the stage
changes dated in the week, and what its recurring-pipeline trend needs to know of the deals that
``deals.trend_facts`` finds moving (their length and whether they renew a mission)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.store.queries.deals import IDS_PER_QUERY
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


def with_kinds(q: Reader, deals: Iterable[DealFacts]) -> list[DealFacts]:
    """``deals`` with their length (``duration_months``) and the mission they would renew, as
    stored: what ``DealFacts.recurring`` and the renewals are told from."""
    deals = list(deals)
    kinds: dict[int, tuple[float | None, int | None]] = {}
    for start in range(0, len(deals), IDS_PER_QUERY):
        ids = [d.id for d in deals[start : start + IDS_PER_QUERY]]
        kinds.update(
            (id, (None if duration is None else float(duration), renews))
            for id, duration, renews in q.rows(
                "SELECT id, duration_months, renewal_of_mission_id FROM deal WHERE id IN :ids",
                {"ids": ids},
            )
        )
    return [
        replace(d, duration_months=kinds[d.id][0], renewal_of_mission_id=kinds[d.id][1])
        for d in deals
        if d.id in kinds
    ]
