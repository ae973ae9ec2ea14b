"""Cadences: the prospecting plan's standing targets."""

from __future__ import annotations

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
