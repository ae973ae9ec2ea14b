"""Due activities as an RFC 5545 calendar (``.ics``), to subscribe to or import in any calendar.

Every open activity with a due date (overdue ones included) is one all-day VEVENT on its due date:

- ``UID`` ``activity-<id>@pipeline-tui``: stable, so importing a newer file updates the events
  instead of duplicating them;
- ``SUMMARY`` "Call: Appeler Claire — Claire Dubois": the kind, the subject and the contact;
- ``DESCRIPTION`` the client, the deal and the channel;
- ``CATEGORIES`` the channel; ``TRANSP:TRANSPARENT``, as a reminder does not make you busy;
- ``DTSTAMP`` when the file was written (``stamp``);
- ``SEQUENCE`` the activity's revision: it goes up each time the activity changes (rescheduled,
  renamed…), so a subscribed calendar replaces the event it has instead of keeping the old one;
- a ``VALARM`` (a display alarm) at the ``reminder_time`` setting (09:00 by default) on the due
  day: the trigger is that time after the start of the all-day event, in the calendar's own
  time zone.

``days`` keeps the activities due up to ``today + days`` (overdue ones stay in).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from pipeline_tui.domain.settings import time_of_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries.transfer import due_activities

PRODID = "-//pipeline-tui//due activities//EN"  # not shown: the ICS product id


def activity_uid(activity_id: int) -> str:
    return f"activity-{activity_id}@pipeline-tui"  # not shown: the event's stable UID


def alarm_offset(reminder_time: str) -> timedelta:
    """How long after the start of the due day the alarm rings (``"09:00"`` → 9 hours)."""
    hours, minutes = time_of_day(reminder_time)
    return timedelta(hours=hours, minutes=minutes)


def _alarm(summary: str, offset: timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", offset, parameters={"RELATED": "START"})
    return alarm


def build_calendar(
    store: Store,
    *,
    stamp: datetime | None = None,
    today: date | None = None,
    days: int | None = None,
) -> bytes:
    """The calendar of due activities, as the bytes of an ``.ics`` file (with ``days``: those
    due up to ``today + days``, overdue included)."""
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("pipeline-tui: due activities"))
    until = None
    if days is not None:
        until = (today or date.today()) + timedelta(days=days)
    with store.read() as q:
        rows = due_activities(q, until)
        offset = alarm_offset(read_settings(q).reminder_time)
    for row in rows:
        event = Event()
        event.add("uid", activity_uid(row.id))
        event.add("dtstamp", stamp)
        event.add("sequence", row.revision)
        event.add("dtstart", row.due_on)
        event.add("dtend", row.due_on + timedelta(days=1))
        summary = _("{kind}: {subject}").format(
            kind=label(row.kind).capitalize(), subject=row.subject or label(row.kind)
        )
        if row.contact:
            summary += f" — {row.contact}"
        event.add("summary", summary)
        details = [
            _("Client: {name}").format(name=row.client) if row.client else None,
            _("Deal: {title}").format(title=row.deal) if row.deal else None,
            _("Channel: {channel}").format(channel=label(row.channel)),
        ]
        event.add("description", "\n".join(d for d in details if d))
        event.add("categories", [label(row.channel)])
        event.add("transp", "TRANSPARENT")
        event.add_component(_alarm(summary, offset))
        calendar.add_component(event)
    return calendar.to_ical()
