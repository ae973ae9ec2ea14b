"""Signals: dated churn-risk facts about a client."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from pipeline_tui.store.models import Client, Signal
from pipeline_tui.store.writes.rows import get_or_fail


def insert_signal(session: Session, values: Mapping[str, Any]) -> Signal:
    """A new signal about an existing client (``values["client_id"]``)."""
    signal = Signal(**values)
    get_or_fail(session, Client, signal.client_id, "client")
    session.add(signal)
    return signal


def load_signal(session: Session, signal_id: int) -> Signal:
    return get_or_fail(session, Signal, signal_id, "signal")


def delete_signal(session: Session, signal_id: int) -> None:
    session.delete(load_signal(session, signal_id))
