"""Remembering what ``remind`` said, in the caller's session."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import Session, col, select

from pipeline_tui.store.models import ReminderSent


def remember_said(
    session: Session, said: Iterable[tuple[str, str]], day: date, at: datetime
) -> None:
    """A row per (kind, key) said on ``day`` (one already there that day is kept as it is)."""
    wanted = set(said)
    if not wanted:
        return
    rows = session.exec(select(ReminderSent.kind, ReminderSent.key).where(ReminderSent.day == day))
    there = {(kind, key) for kind, key in rows}
    for kind, key in sorted(wanted - there):
        session.add(ReminderSent(kind=kind, key=key, day=day, said_at=at))


def clear_lasting(session: Session, ended: Iterable[tuple[str, str]], day: date) -> None:
    """Mark the lasting reminders of ``ended`` cleared on ``day`` (their state is over)."""
    for kind, key in ended:
        rows = session.exec(
            select(ReminderSent).where(
                ReminderSent.kind == kind,
                ReminderSent.key == key,
                col(ReminderSent.cleared_on).is_(None),
            )
        )
        for row in rows:
            row.cleared_on = day
            session.add(row)
