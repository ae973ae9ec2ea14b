"""Signals: a client's dated churn-risk facts, as its detail lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.reader import Reader


@dataclass(frozen=True, slots=True)
class SignalRecord:
    id: int
    client_id: int
    kind: str
    occurred_on: date
    note: str | None


def client_signals(q: Reader, client_id: int) -> list[SignalRecord]:
    """A client's signals, the latest first."""
    read = q.day
    return [
        SignalRecord(id, cid, kind, read(occurred_on), note)
        for id, cid, kind, occurred_on, note in q.rows(
            """SELECT id, client_id, kind, occurred_on, note FROM signal
               WHERE client_id = :client_id ORDER BY occurred_on DESC, id DESC""",
            {"client_id": client_id},
        )
    ]
