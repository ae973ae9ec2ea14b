"""Clients: the organisations (a client's status is derived from its missions, never stored)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from pipeline_tui.store.models import Client
from pipeline_tui.store.writes.rows import apply_changes, get_or_fail


def load_client(session: Session, client_id: int) -> Client:
    """The client ``client_id``; NotFound when there is none."""
    return get_or_fail(session, Client, client_id, "client")


def insert_client(session: Session, values: Mapping[str, Any]) -> Client:
    """A new client, flushed (its id known; a name already taken raises IntegrityError here)."""
    client = Client(**values)
    session.add(client)
    session.flush()
    return client


def change_client(session: Session, client_id: int, changes: Mapping[str, Any]) -> Client:
    return apply_changes(session, load_client(session, client_id), changes)
