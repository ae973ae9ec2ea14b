"""What one log line writes: the activity (a new one, or the sequence step it completes), its
follow-up, and the lookups of the contact, client and deal it is about."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from pipeline_tui.domain.vocabulary import CLOSED_STAGES
from pipeline_tui.store.models import Activity, Client, Contact, Deal
from pipeline_tui.store.writes.rows import flushed, get_or_fail


def get_contact(session: Session, contact_id: int) -> Contact | None:
    return session.get(Contact, contact_id)


def get_client(session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def get_deal(session: Session, deal_id: int) -> Deal | None:
    return session.get(Deal, deal_id)


def deal_or_fail(session: Session, deal_id: int) -> Deal:
    return get_or_fail(session, Deal, deal_id, "deal")


def open_deals(
    session: Session, *, contact_id: int | None = None, client_id: int | None = None
) -> list[Deal]:
    """The open deals of a contact, or else of a client."""
    if contact_id is not None:
        query = select(Deal).where(Deal.contact_id == contact_id)
    elif client_id is not None:
        query = select(Deal).where(Deal.client_id == client_id)
    else:
        return []
    return list(session.exec(query.where(col(Deal.stage).not_in(CLOSED_STAGES))))


def add_activity(
    session: Session,
    *,
    kind: str,
    channel: str,
    subject: str,
    due_on: date | None = None,
    done_on: date | None = None,
    outcome: str | None = None,
    notes: str | None = None,
    client_id: int | None = None,
    contact_id: int | None = None,
    deal_id: int | None = None,
) -> Activity:
    """A new activity, done or due (its id is set)."""
    return flushed(
        session,
        Activity(
            kind=kind,
            channel=channel,
            subject=subject,
            due_on=due_on,
            done_on=done_on,
            outcome=outcome,
            notes=notes,
            client_id=client_id,
            contact_id=contact_id,
            deal_id=deal_id,
        ),
    )


def complete_step(
    session: Session,
    activity_id: int,
    *,
    done_on: date,
    outcome: str | None,
    notes: str | None,
    subject: str | None,
) -> Activity:
    """Mark a sequence step's activity done, with the outcome; the notes and the subject are
    replaced only when given."""
    row = get_or_fail(session, Activity, activity_id, "activity")
    row.done_on = done_on
    row.outcome = outcome
    row.notes = notes or row.notes
    if subject:
        row.subject = subject
    return flushed(session, row)
