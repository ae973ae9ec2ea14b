"""Cadences: the prospecting plan's standing targets."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_tui.domain.cadence import CadenceSpec
from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True, kw_only=True)
class CadenceRow(CadenceSpec):
    """A cadence as it is stored (what the plan's settings list): what the plan needs to know of
    it (``domain.cadence.CadenceSpec``), and whether it is in the plan or paused."""

    active: bool


def active_specs(q: Reader) -> list[CadenceRow]:
    """The active cadences, by id."""
    return cadences(q, active_only=True)


_COLUMNS = "SELECT id, channel, count, rrule, starts_on, label, active FROM cadence"


def _rows(q: Reader, sql: str, params: dict[str, object]) -> list[CadenceRow]:
    return [
        CadenceRow(id, channel, count, rrule, day(starts_on), text, active=bool(active))
        for id, channel, count, rrule, starts_on, text, active in q.rows(sql, params)
    ]


def cadences(q: Reader, *, active_only: bool = False) -> list[CadenceRow]:
    """Every cadence (or the active ones), by id."""
    where = " WHERE active = :yes" if active_only else ""
    return _rows(q, f"{_COLUMNS}{where} ORDER BY id", {"yes": True})


def cadence(q: Reader, cadence_id: int) -> CadenceRow | None:
    """The cadence ``cadence_id`` as stored, or None."""
    return next(iter(_rows(q, f"{_COLUMNS} WHERE id = :id", {"id": cadence_id})), None)
