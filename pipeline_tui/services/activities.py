"""Activities: what was done and what is due — the agenda."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, KIND_CHANNEL
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity, Client, Contact, Deal
from pipeline_tui.store.writes.rows import get_or_fail

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
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"unknown activity fields: {sorted(unknown)}")
    checked(check_choice, kind, ACTIVITY_KINDS, "the activity kind")
    activity = Activity(kind=kind, **fields)
    activity.channel = activity.channel or KIND_CHANNEL[kind]
    checked(check_choice, activity.channel, CHANNELS, "the channel")
    activity.subject = checked(clean_text, activity.subject, "the subject", max_len=300)
    if activity.due_on is None and activity.done_on is None:
        raise InvalidInput("an activity needs a due date or a done date")
    if activity.deal_id is not None:
        deal = get_or_fail(session, Deal, activity.deal_id, "deal")
        activity.client_id = activity.client_id or deal.client_id
        activity.contact_id = activity.contact_id or deal.contact_id
    if activity.contact_id is not None:
        contact = get_or_fail(session, Contact, activity.contact_id, "contact")
        activity.client_id = activity.client_id or contact.client_id
    if activity.client_id is not None:
        get_or_fail(session, Client, activity.client_id, "client")
    session.add(activity)
    return activity


def complete_activity(
    store: Store, activity_id: int, on: date, outcome: str | None = None
) -> Activity:
    """Mark an activity done on ``on``."""
    with store.session() as session:
        activity = get_or_fail(session, Activity, activity_id, "activity")
        if activity.done_on is not None:
            raise InvalidInput(f"the activity was already done on {activity.done_on}")
        activity.done_on = on
        if outcome:
            activity.outcome = checked(clean_text, outcome, "the outcome", max_len=300)
        session.add(activity)
    return activity


def reschedule_activity(store: Store, activity_id: int, due_on: date) -> Activity:
    with store.session() as session:
        activity = get_or_fail(session, Activity, activity_id, "activity")
        if activity.done_on is not None:
            raise InvalidInput("a done activity cannot be rescheduled")
        activity.due_on = due_on
        session.add(activity)
    return activity


def get_activity(store: Store, activity_id: int) -> Activity:
    with store.session() as session:
        return get_or_fail(session, Activity, activity_id, "activity")
