"""The agenda: open activities by due date, a keyset page at a time, and the day's to-do list.

Read through the read path (``store.reader``), so the dashboard's due list fills without the ORM.
Writing activities is ``services.activities``'.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TypedDict, Unpack

from pipeline_tui.store.queries import activities
from pipeline_tui.store.queries.activities import AgendaRow
from pipeline_tui.store.reader import ReadSource

__all__ = ["AgendaPage", "AgendaRow", "agenda_page", "due_activities", "open_counts"]


class AgendaPage(TypedDict, total=False):
    """Which page of the agenda: ``store.queries.activities.agenda_page``'s, passed on as they
    are (``limit``: 100 when not given)."""

    after: tuple[date, int] | None
    until: date | None
    channel: str | None
    search: str | None
    limit: int


def agenda_page(source: ReadSource, **page: Unpack[AgendaPage]) -> list[AgendaRow]:
    """Open activities by due date, one keyset page after ``after`` = (due_on, id); ``search``
    keeps those whose client, contact, subject or notes contain it (case ignored)."""
    with source.read() as q:
        return activities.agenda_page(q, **page)


def open_counts(source: ReadSource, today: date) -> tuple[int, int]:
    """(overdue, due today): the open activities as of ``today``."""
    with source.read() as q:
        return activities.open_counts(q, today)


def due_activities(source: ReadSource, today: date, days_ahead: int = 0) -> list[AgendaRow]:
    """Overdue and due activities up to ``today + days_ahead`` (the day's to-do list)."""
    rows: list[AgendaRow] = []
    after: tuple[date, int] | None = None
    while True:
        page = agenda_page(source, after=after, until=today + timedelta(days=days_ahead), limit=500)
        rows.extend(page)
        if len(page) < 500:
            return rows
        after = page[-1].key
