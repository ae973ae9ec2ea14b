"""A deal with everything around it: client, contact, stage history, activities."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.services.common import found
from pipeline_tui.store.queries import activities as activity_queries
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries.activities import ActivityRecord
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.queries.contacts import ContactRecord
from pipeline_tui.store.queries.deals import DealRecord
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.reader import ReadSource

ACTIVITIES_SHOWN = 50


@dataclass(frozen=True)
class DealDetail:
    deal: DealRecord
    client: ClientRecord
    contact: ContactRecord | None
    history: list[StageChange]
    activities: list[ActivityRecord]
    renews: MissionRecord | None = None  # the mission this deal renews
    client_missions: tuple[MissionRecord, ...] = ()  # what it could renew, latest started first
    client_contacts: tuple[ContactRecord, ...] = ()  # who it could be with, by name


def deal_detail(source: ReadSource, deal_id: int) -> DealDetail:
    with source.read() as q:
        deal = found(deal_queries.deal_record(q, deal_id), "deal", deal_id)
        client = found(client_queries.client_record(q, deal.client_id), "client", deal.client_id)
        contact = contact_queries.contact_record(q, deal.contact_id) if deal.contact_id else None
        history = deal_queries.stage_history(q, deal_id)
        activities = activity_queries.timeline(q, deal_id=deal_id, limit=ACTIVITIES_SHOWN)
        renews = mission_queries.renewed_mission(q, deal_id)
        client_missions = tuple(mission_queries.client_missions(q, deal.client_id))
        client_contacts = tuple(contact_queries.contacts(q, deal.client_id))
    return DealDetail(
        deal, client, contact, history, activities, renews, client_missions, client_contacts
    )
