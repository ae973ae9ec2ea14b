"""The clients list: every client with its status, and for active ones revenue, share and risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.store.queries.clients import clients_with_status


@dataclass(frozen=True)
class ClientListRow:
    client_id: int
    name: str
    status: str
    monthly_revenue_cents: int
    share: float | None
    risk: int | None
    top_reason: str


def client_list(store, today: date) -> tuple[str, list[ClientListRow]]:
    """(currency, rows): active clients first by risk, then prospects and former clients."""
    numbers = compute_numbers(store, today)
    figures = {f.client_id: f for f in numbers.clients}
    with store.read() as q:
        listed = clients_with_status(q, today)
    rows = []
    for row in listed:
        f = figures.get(row.id)
        rows.append(
            ClientListRow(
                client_id=row.id,
                name=row.name,
                status=row.status,
                monthly_revenue_cents=f.monthly_revenue_cents if f else 0,
                share=f.share if f else None,
                risk=f.risk.score if f else None,
                top_reason=f.risk.reasons[0].text if f and f.risk.reasons else "",
            )
        )
    order = {"active": 0, "prospect": 1, "former": 2}
    rows.sort(key=lambda r: (order.get(r.status, 3), -(r.risk or 0), r.name.lower()))
    return numbers.currency, rows
