"""Signals: dated churn-risk facts about a client (scope creep, refused proposal, competitor…)."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from pipeline_tui.domain.validate import check_choice
from pipeline_tui.domain.vocabulary import SIGNAL_KINDS
from pipeline_tui.services.common import checked
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Client, Signal
from pipeline_tui.store.writes.rows import get_or_fail


def add_signal(
    store: Store, client_id: int, kind: str, on: date, note: str | None = None
) -> Signal:
    """Record a signal about a client on ``on``; it feeds the client's churn risk."""
    checked(check_choice, kind, SIGNAL_KINDS, "the signal kind")
    signal = Signal(
        client_id=client_id, kind=kind, occurred_on=on, note=(note or "").strip() or None
    )
    with store.session() as session:
        get_or_fail(session, Client, client_id, "client")
        session.add(signal)
    return signal


def list_signals(store: Store, client_id: int) -> list[Signal]:
    with store.session() as session:
        return list(
            session.exec(
                select(Signal)
                .where(Signal.client_id == client_id)
                .order_by(col(Signal.occurred_on).desc(), col(Signal.id).desc())
            )
        )
