"""Due activities as an RFC 5545 calendar (``.ics``), to subscribe to or import in any calendar.

Every open activity with a due date (overdue ones included) is one all-day VEVENT on its due date:

- ``UID`` ``activity-<id>@pipeline-tui``: stable, so importing a newer file updates the events
  instead of duplicating them;
- ``SUMMARY`` "Call: Appeler Claire — Claire Dubois": the kind, the subject and the contact;
- ``DESCRIPTION`` the client, the deal and the channel;
- ``CATEGORIES`` the channel; ``TRANSP:TRANSPARENT``, as a reminder does not make you busy;
- ``DTSTAMP`` when the file was written (``stamp``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from icalendar import Calendar, Event

from pipeline_tui.domain.vocabulary import label
from pipeline_tui.services.transfer.tables import table
from pipeline_tui.store.database import Store

PRODID = "-//pipeline-tui//due activities//EN"


def activity_uid(activity_id: int) -> str:
    return f"activity-{activity_id}@pipeline-tui"


def build_calendar(store: Store, *, stamp: datetime | None = None) -> bytes:
    """The calendar of due activities, as the bytes of an ``.ics`` file."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    a, client, contact, deal = (table(n) for n in ("activity", "client", "contact", "deal"))
    contact_name = sa.func.trim(contact.c.first_name + " " + contact.c.last_name)
    query = (
        sa.select(
            a.c.id,
            a.c.kind,
            a.c.channel,
            a.c.subject,
            a.c.due_on,
            client.c.name.label("client"),
            contact_name.label("contact"),
            deal.c.title.label("deal"),
        )
        .outerjoin(client, client.c.id == a.c.client_id)
        .outerjoin(contact, contact.c.id == a.c.contact_id)
        .outerjoin(deal, deal.c.id == a.c.deal_id)
        .where(a.c.done_on.is_(None), a.c.due_on.is_not(None))
        .order_by(a.c.due_on, a.c.id)
    )
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "pipeline-tui: due activities")
    with store.connection() as conn:
        for row in conn.execute(query):
            event = Event()
            event.add("uid", activity_uid(row.id))
            event.add("dtstamp", stamp)
            event.add("dtstart", row.due_on)
            event.add("dtend", row.due_on + timedelta(days=1))
            summary = f"{label(row.kind).capitalize()}: {row.subject or label(row.kind)}"
            if row.contact:
                summary += f" — {row.contact}"
            event.add("summary", summary)
            details = [
                f"Client: {row.client}" if row.client else None,
                f"Deal: {row.deal}" if row.deal else None,
                f"Channel: {label(row.channel)}",
            ]
            event.add("description", "\n".join(d for d in details if d))
            event.add("categories", [label(row.channel)])
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
