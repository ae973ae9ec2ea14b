"""Activities: what was done and what is due, linked to a client, a contact and a deal."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from pipeline_tui.store.models import Activity, Client, Contact, Deal
from pipeline_tui.store.writes.rows import get_or_fail


def load_activity(session: Session, activity_id: int) -> Activity:
    """The activity ``activity_id``; NotFound when there is none."""
    return get_or_fail(session, Activity, activity_id, "activity")


def insert_activity(session: Session, values: Mapping[str, Any]) -> Activity:
    """A new activity (not flushed). Its links must exist; the client is taken from the deal or
    the contact, and the contact from the deal, when not given."""
    activity = Activity(**values)
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


def link_owners(
    session: Session, *, contact_id: int | None, deal_id: int | None
) -> dict[str, int | None]:
    """The client of the contact and of the deal an activity is to be linked to (None: no such
    link, or one without a client); NotFound when one is gone."""
    contact = get_or_fail(session, Contact, contact_id, "contact") if contact_id else None
    deal = get_or_fail(session, Deal, deal_id, "deal") if deal_id else None
    return {
        "contact": contact.client_id if contact else None,
        "deal": deal.client_id if deal else None,
    }


def complete_activity(
    session: Session, activity: Activity, on: date, outcome: str | None
) -> Activity:
    """Mark the activity done on ``on`` (its outcome replaced when one is given)."""
    activity.done_on = on
    if outcome is not None:
        activity.outcome = outcome
    session.add(activity)
    return activity


def reschedule_activity(session: Session, activity: Activity, due_on: date) -> Activity:
    activity.due_on = due_on
    session.add(activity)
    return activity


def delete_activity(session: Session, activity_id: int) -> None:
    session.delete(load_activity(session, activity_id))
