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

from icalendar import Calendar, Event

from pipeline_tui.domain.vocabulary import label
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries.transfer import due_activities

PRODID = "-//pipeline-tui//due activities//EN"


def activity_uid(activity_id: int) -> str:
    return f"activity-{activity_id}@pipeline-tui"


def build_calendar(store: Store, *, stamp: datetime | None = None) -> bytes:
    """The calendar of due activities, as the bytes of an ``.ics`` file."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "pipeline-tui: due activities")
    with store.read() as q:
        rows = due_activities(q)
    for row in rows:
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
