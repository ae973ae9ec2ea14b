"""Cadences: the prospecting plan's standing targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.cadence import CadenceSpec
from pipeline_tui.store.reader import Reader, day


def active_specs(q: Reader) -> list[CadenceSpec]:
    """The active cadences, by id."""
    return [
        CadenceSpec(id, channel, count, rrule, day(starts_on), text)
        for id, channel, count, rrule, starts_on, text in q.rows(
            "SELECT id, channel, count, rrule, starts_on, label FROM cadence"
            " WHERE active = :yes ORDER BY id",
            {"yes": True},
        )
    ]


@dataclass(frozen=True, slots=True)
class CadenceRow:
    """A cadence as it is stored (what the plan's settings list)."""

    id: int
    channel: str
    count: int
    rrule: str
    starts_on: date
    label: str | None
    active: bool


def cadences(q: Reader, *, active_only: bool = False) -> list[CadenceRow]:
    """Every cadence (or the active ones), by id."""
    sql = "SELECT id, channel, count, rrule, starts_on, label, active FROM cadence"
    if active_only:
        sql += " WHERE active = :yes"
    return [
        CadenceRow(id, channel, count, rrule, q.day(starts_on), text, bool(active))
        for id, channel, count, rrule, starts_on, text, active in q.rows(
            f"{sql} ORDER BY id", {"yes": True}
        )
    ]


def cadence(q: Reader, cadence_id: int) -> CadenceRow | None:
    """The cadence ``cadence_id`` as stored, or None."""
    rows = q.rows(
        "SELECT id, channel, count, rrule, starts_on, label, active FROM cadence WHERE id = :id",
        {"id": cadence_id},
    )
    return next(
        (
            CadenceRow(id, channel, count, rrule, q.day(starts_on), text, bool(active))
            for id, channel, count, rrule, starts_on, text, active in rows
        ),
        None,
    )
