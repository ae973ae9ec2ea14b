"""Finding the row a write works on, or failing in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from pipeline_tui.errors import NotFound

T = TypeVar("T", bound=SQLModel)


def get_or_fail(session: Session, model: type[T], row_id: int, what: str) -> T:
    """The row ``row_id`` of ``model``; NotFound ("there is no client #12") when it is gone."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"there is no {what} #{row_id}")
    return row


def flushed(session: Session, row: T) -> T:
    """``row`` staged and flushed: a new row has its id, and a constraint it breaks fails here,
    in the caller's transaction."""
    session.add(row)
    session.flush()
    return row


def apply_changes(session: Session, row: T, changes: Mapping[str, Any]) -> T:
    """Set these fields of ``row`` (the others keep their values) and stage it for the commit."""
    for key, value in changes.items():
        setattr(row, key, value)
    session.add(row)
    return row
