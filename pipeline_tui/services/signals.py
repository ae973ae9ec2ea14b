"""Signals: dated churn-risk facts about a client (scope creep, refused proposal, competitor…)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.validate import check_choice
from pipeline_tui.domain.vocabulary import SIGNAL_KINDS
from pipeline_tui.i18n import _
from pipeline_tui.services.common import checked
from pipeline_tui.store.queries.signals import SignalRecord, client_signals
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes.signals import delete_signal, insert_signal, load_signal

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Signal


def add_signal(
    store: Store, client_id: int, kind: str, on: date, note: str | None = None
) -> Signal:
    """Record a signal about a client on ``on``; it feeds the client's churn risk."""
    checked(check_choice, kind, SIGNAL_KINDS, _("the signal kind"))
    values = {
        "client_id": client_id,
        "kind": kind,
        "occurred_on": on,
        "note": (note or "").strip() or None,
    }
    with store.session() as session:
        return insert_signal(session, values)


def update_signal(
    store: Store, signal_id: int, *, kind: str, on: date, note: str | None = None
) -> Signal:
    """Change a signal's kind, date and note."""
    checked(check_choice, kind, SIGNAL_KINDS, _("the signal kind"))
    with store.session() as session:
        signal = load_signal(session, signal_id)
        signal.kind, signal.occurred_on = kind, on
        signal.note = (note or "").strip() or None
        session.add(signal)
        return signal


def remove_signal(store: Store, signal_id: int) -> None:
    """Delete a signal (the client's risk no longer counts it)."""
    with store.session() as session:
        delete_signal(session, signal_id)


def list_signals(source: ReadSource, client_id: int) -> list[SignalRecord]:
    """A client's signals, the latest first."""
    with source.read() as q:
        return client_signals(q, client_id)
