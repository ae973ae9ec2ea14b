"""Clients: the organisations (a client's status is derived from its missions, never stored)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session, select

from pipeline_tui.store.models import Client, Contact
from pipeline_tui.store.writes.cascade import delete_cascading
from pipeline_tui.store.writes.rows import apply_changes, flushed, get_or_fail


def load_client(session: Session, client_id: int) -> Client:
    """The client ``client_id``; NotFound when there is none."""
    return get_or_fail(session, Client, client_id, "client")


def insert_client(session: Session, values: Mapping[str, Any]) -> Client:
    """A new client, flushed (its id known; a name already taken raises IntegrityError here)."""
    return flushed(session, Client(**values))


def change_client(session: Session, client_id: int, changes: Mapping[str, Any]) -> Client:
    return apply_changes(session, load_client(session, client_id), changes)


def archive_client(session: Session, client_id: int, on: date | None) -> Client:
    """Hide the client from the lists from ``on`` (None: show it again); its rows all stay."""
    client = load_client(session, client_id)
    client.archived_on = on
    session.add(client)
    return client


def delete_client(session: Session, client_id: int) -> None:
    """Delete the client, its contacts, and everything of theirs (``cascade``)."""
    client = load_client(session, client_id)
    for contact in session.exec(select(Contact).where(Contact.client_id == client_id)).all():
        delete_cascading(session, contact)
    delete_cascading(session, client)
