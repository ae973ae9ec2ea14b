"""Signals: dated churn-risk facts about a client (scope creep, refused proposal, competitor…)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.validate import check_choice
from pipeline_tui.domain.vocabulary import SIGNAL_KINDS
from pipeline_tui.services.common import checked
from pipeline_tui.store.queries.signals import SignalRecord, client_signals
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes.signals import insert_signal

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Signal


def add_signal(
    store: Store, client_id: int, kind: str, on: date, note: str | None = None
) -> Signal:
    """Record a signal about a client on ``on``; it feeds the client's churn risk."""
    checked(check_choice, kind, SIGNAL_KINDS, "the signal kind")
    values = {
        "client_id": client_id,
        "kind": kind,
        "occurred_on": on,
        "note": (note or "").strip() or None,
    }
    with store.session() as session:
        return insert_signal(session, values)


def list_signals(source: ReadSource, client_id: int) -> list[SignalRecord]:
    """A client's signals, the latest first."""
    with source.read() as q:
        return client_signals(q, client_id)
