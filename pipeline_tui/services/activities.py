"""Activities: what was done and what is due — the agenda."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.records import check_activity
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked, reject_unknown
from pipeline_tui.services.sequences import activity_done
from pipeline_tui.store.writes import activities as activity_writes
from pipeline_tui.store.writes.rows import apply_changes

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Activity

ACTIVITY_FIELDS = (
    "channel",
    "subject",
    "due_on",
    "done_on",
    "outcome",
    "notes",
    "client_id",
    "contact_id",
    "deal_id",
)


def add_activity(store: Store, kind: str, **fields: object) -> Activity:
    """Log a done activity (``done_on``) or plan one (``due_on``).

    The channel defaults from the kind (a call is on the phone); the client is taken from the deal
    or the contact when not given.
    """
    with store.session() as session:
        return add_activity_in(session, kind, **fields)


def add_activity_in(session: Session, kind: str, **fields: object) -> Activity:
    """``add_activity`` inside the caller's transaction (for use-cases that write more)."""
    reject_unknown(fields, ACTIVITY_FIELDS, "activity")
    values = checked(check_activity, kind, fields)
    activity = activity_writes.insert_activity(session, {"kind": kind, **values})
    activity_done(session, activity)  # a reply stops the lead's sequences
    return activity


def complete_activity(
    store: Store, activity_id: int, on: date, outcome: str | None = None
) -> Activity:
    """Mark an activity done on ``on``."""
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        if activity.done_on is not None:
            raise InvalidInput(f"the activity was already done on {activity.done_on}")
        clean = checked(clean_text, outcome, "the outcome", max_len=300) if outcome else None
        activity = activity_writes.complete_activity(session, activity, on, clean)
        activity_done(session, activity)  # a reply stops the lead's sequences
        return activity


def reschedule_activity(store: Store, activity_id: int, due_on: date) -> Activity:
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        if activity.done_on is not None:
            raise InvalidInput("a done activity cannot be rescheduled")
        return activity_writes.reschedule_activity(session, activity, due_on)


def get_activity(store: Store, activity_id: int) -> Activity:
    """The activity as recorded (the model ``add_activity`` returns)."""
    with store.session() as session:
        return activity_writes.load_activity(session, activity_id)


EDITABLE = ("kind", "channel", "subject", "due_on", "done_on", "outcome", "notes")


def update_activity(store: Store, activity_id: int, **changes: object) -> Activity:
    """Change what an activity was or is (kind, channel, subject, dates, outcome, notes), checked
    as a new one is (``domain.records.check_activity``)."""
    reject_unknown(changes, EDITABLE, "activity")
    with store.session() as session:
        activity = activity_writes.load_activity(session, activity_id)
        current = {name: getattr(activity, name) for name in EDITABLE if name != "kind"}
        merged = {**current, **{k: v for k, v in changes.items() if k != "kind"}}
        kind = str(changes.get("kind", activity.kind))
        if "kind" in changes and "channel" not in changes:
            merged.pop("channel")  # the new kind's own channel
        values = checked(check_activity, kind, merged)
        was = (activity.done_on, activity.outcome)
        activity = apply_changes(session, activity, {"kind": kind, **values})
        if (activity.done_on, activity.outcome) != was:
            activity_done(session, activity)  # now done with a reply: the sequences stop
        return activity


def remove_activity(store: Store, activity_id: int) -> None:
    """Delete an activity."""
    with store.session() as session:
        activity_writes.delete_activity(session, activity_id)
