"""The agenda's pages: open activities by due date, read in the read path's plain SQL.

The dashboard's due list and the agenda screen page through years of activities with these
keyset queries; they need no ORM (``store.reader``), so the dashboard fills without loading it.
Writing activities is ``services.activities``'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pipeline_tui.store.reader import ReadSource, day


@dataclass(frozen=True)
class AgendaActivity:
    """An open activity as the agenda lists it."""

    id: int
    kind: str
    channel: str
    subject: str
    due_on: date
    client_id: int | None
    contact_id: int | None
    deal_id: int | None


@dataclass(frozen=True)
class AgendaRow:
    activity: AgendaActivity
    client_name: str | None
    contact_name: str | None

    @property
    def key(self) -> tuple[date, int]:
        return (self.activity.due_on, self.activity.id)


def agenda_page(
    source: ReadSource,
    *,
    after: tuple[date, int] | None = None,
    until: date | None = None,
    channel: str | None = None,
    limit: int = 100,
) -> list[AgendaRow]:
    """Open activities by due date, one keyset page after ``after`` = (due_on, id).

    Uses the (done_on, due_on, id) index, or (channel, done_on, due_on, id) with a channel, so a
    page costs the same on the first screen and after 100k rows.
    """
    sql = """
        SELECT a.id, a.kind, a.channel, a.subject, a.due_on, a.client_id, a.contact_id,
               a.deal_id, cl.name, co.first_name || ' ' || co.last_name
        FROM activity a
        LEFT OUTER JOIN client cl ON cl.id = a.client_id
        LEFT OUTER JOIN contact co ON co.id = a.contact_id
        WHERE a.done_on IS NULL AND a.due_on IS NOT NULL"""
    params: dict[str, object] = {"limit": int(limit)}
    if after is not None:
        sql += " AND (a.due_on, a.id) > (:after_on, :after_id)"  # a row value: one index seek
        params.update(after_on=after[0], after_id=after[1])
    if until is not None:
        sql += " AND a.due_on <= :until"
        params["until"] = until
    if channel is not None:
        sql += " AND a.channel = :channel"
        params["channel"] = channel
    sql += " ORDER BY a.due_on, a.id LIMIT :limit"
    with source.read() as q:
        rows = q.rows(sql, params)
    return [
        AgendaRow(
            AgendaActivity(id, kind, channel, subject, day(due_on), client_id, contact_id, deal),
            client_name,
            contact_name,
        )
        for (
            id,
            kind,
            channel,
            subject,
            due_on,
            client_id,
            contact_id,
            deal,
            client_name,
            contact_name,
        ) in rows
    ]


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
