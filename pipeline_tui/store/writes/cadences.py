"""Cadences: the prospecting plan's standing targets."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from pipeline_tui.store.models import Cadence
from pipeline_tui.store.writes.rows import flushed, get_or_fail


def cadence_or_fail(session: Session, cadence_id: int) -> Cadence:
    return get_or_fail(session, Cadence, cadence_id, "cadence")


def add_cadence(
    session: Session,
    *,
    channel: str,
    count: int,
    rrule: str,
    starts_on: date,
    label: str | None,
) -> Cadence:
    """A new active cadence (its id is set)."""
    row = Cadence(channel=channel, count=count, rrule=rrule, starts_on=starts_on, label=label)
    return flushed(session, row)


def delete_cadence(session: Session, cadence_id: int) -> None:
    session.delete(cadence_or_fail(session, cadence_id))


def active_cadence(
    session: Session, *, channel: str, label: str, starts_on: date
) -> Cadence | None:
    """An active cadence on ``channel`` with this label, starting on ``starts_on`` (what raising
    the same plan twice finds)."""
    return session.exec(
        select(Cadence).where(
            Cadence.channel == channel,
            Cadence.label == label,
            col(Cadence.active).is_(True),
            Cadence.starts_on == starts_on,
        )
    ).first()
