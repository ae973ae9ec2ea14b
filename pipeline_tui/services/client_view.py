"""Everything the client detail shows, read in one go: contacts, missions, signals, surveys,
the timeline of activities, and the churn risk with its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.revenue import is_active, mission_monthly_cents
from pipeline_tui.domain.risk import RiskScore
from pipeline_tui.services.common import found
from pipeline_tui.services.numbers import client_risk
from pipeline_tui.store.queries import activities as activity_queries
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries import signals as signal_queries
from pipeline_tui.store.queries import surveys as survey_queries
from pipeline_tui.store.queries.activities import ActivityRecord
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.queries.contacts import ContactRecord
from pipeline_tui.store.queries.deals import DealRow
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.queries.signals import SignalRecord
from pipeline_tui.store.queries.surveys import SurveyRecord
from pipeline_tui.store.reader import ReadSource

TIMELINE_LENGTH = 60


@dataclass(frozen=True)
class MissionLine:
    mission: MissionRecord
    monthly_cents: int
    active: bool


@dataclass(frozen=True)
class ClientDetail:
    client: ClientRecord
    contacts: list[ContactRecord]
    missions: list[MissionLine]
    deals: list[DealRow]
    signals: list[SignalRecord]
    surveys: list[SurveyRecord]
    timeline: list[ActivityRecord]
    risk: RiskScore | None  # None for a client without a running mission


def client_detail(source: ReadSource, client_id: int, today: date) -> ClientDetail:
    with source.read() as q:
        client = found(client_queries.client_record(q, client_id), "client", client_id)
        contacts = contact_queries.client_contacts(q, client_id)
        missions = mission_queries.client_missions(q, client_id)
        deals = deal_queries.client_deals(q, client_id)
        signals = signal_queries.client_signals(q, client_id)
        surveys = survey_queries.client_surveys(q, client_id)
        timeline = activity_queries.timeline(q, client_id=client_id, limit=TIMELINE_LENGTH)
    lines = [MissionLine(m, mission_monthly_cents(m), is_active(m, today)) for m in missions]
    running = any(line.active for line in lines)
    risk = client_risk(source, client_id, today) if running else None
    return ClientDetail(client, contacts, lines, deals, signals, surveys, timeline, risk)
