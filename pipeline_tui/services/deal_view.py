"""A deal with everything around it: client, contact, stage history, activities."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity, Client, Contact, Deal, DealStageChange
from pipeline_tui.store.writes.rows import get_or_fail


@dataclass(frozen=True)
class DealDetail:
    deal: Deal
    client: Client
    contact: Contact | None
    history: list[DealStageChange]
    activities: list[Activity]


def deal_detail(store: Store, deal_id: int) -> DealDetail:
    with store.session() as session:
        deal = get_or_fail(session, Deal, deal_id, "deal")
        client = get_or_fail(session, Client, deal.client_id, "client")
        contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
        history = list(
            session.exec(
                select(DealStageChange)
                .where(DealStageChange.deal_id == deal_id)
                .order_by(DealStageChange.changed_on, DealStageChange.id)
            )
        )
        activities = list(
            session.exec(
                select(Activity)
                .where(Activity.deal_id == deal_id)
                .order_by(col(Activity.done_on).desc().nulls_first(), col(Activity.due_on).desc())
                .limit(50)
            )
        )
    return DealDetail(deal, client, contact, history, activities)
