"""Settings: one JSON value per key."""

from __future__ import annotations

from sqlmodel import Session

from pipeline_tui.store.models import Setting


def put_setting(session: Session, key: str, value_json: str) -> None:
    """Store ``value_json`` (JSON text) under ``key``, replacing what was there."""
    row = session.get(Setting, key) or Setting(key=key, value="")
    row.value = value_json
    session.add(row)


def delete_setting(session: Session, key: str) -> None:
    """Forget the value stored under ``key`` (it has its default again)."""
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
