"""Contacts: the people, at a client or not yet; their opt-out of prospecting."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from pipeline_tui.store.models import Client, Contact
from pipeline_tui.store.writes.cascade import delete_cascading
from pipeline_tui.store.writes.rows import apply_changes, flushed, get_or_fail


def load_contact(session: Session, contact_id: int) -> Contact:
    """The contact ``contact_id``; NotFound when there is none."""
    return get_or_fail(session, Contact, contact_id, "contact")


def insert_contact(session: Session, values: Mapping[str, Any]) -> Contact:
    """A new contact, flushed; its client (when given) must exist."""
    contact = Contact(**values)
    if contact.client_id is not None:
        get_or_fail(session, Client, contact.client_id, "client")
    return flushed(session, contact)


def change_contact(session: Session, contact_id: int, changes: Mapping[str, Any]) -> Contact:
    return apply_changes(session, load_contact(session, contact_id), changes)


def set_opt_out(session: Session, contact_id: int, on: date | None) -> Contact:
    """Opt the contact out of prospecting from ``on``; None lifts the opt-out."""
    contact = load_contact(session, contact_id)
    contact.do_not_contact = on is not None
    contact.do_not_contact_on = on
    session.add(contact)
    return contact


def delete_contact(session: Session, contact_id: int) -> None:
    """Delete the contact; its deals, activities, surveys and enrolments lose the link
    (``cascade``)."""
    delete_cascading(session, load_contact(session, contact_id))
