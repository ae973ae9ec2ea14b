"""Everything the client detail shows, read in one go: contacts, missions, signals, surveys,
the timeline of activities, and the churn risk with its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from pipeline_tui.domain.revenue import MissionFacts, is_active, mission_monthly_cents
from pipeline_tui.domain.risk import RiskScore
from pipeline_tui.services.numbers import client_risk
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity, Client, Contact, Deal, Mission, Signal, Survey
from pipeline_tui.store.writes.rows import get_or_fail

TIMELINE_LENGTH = 60


@dataclass(frozen=True)
class MissionLine:
    mission: Mission
    monthly_cents: int
    active: bool


@dataclass(frozen=True)
class ClientDetail:
    client: Client
    contacts: list[Contact]
    missions: list[MissionLine]
    deals: list[Deal]
    signals: list[Signal]
    surveys: list[Survey]
    timeline: list[Activity]
    risk: RiskScore | None  # None for a client without a running mission


def client_detail(store: Store, client_id: int, today: date) -> ClientDetail:
    with store.session() as session:
        client = get_or_fail(session, Client, client_id, "client")
        contacts = list(
            session.exec(
                select(Contact).where(Contact.client_id == client_id).order_by(Contact.last_name)
            )
        )
        missions = list(
            session.exec(
                select(Mission)
                .where(Mission.client_id == client_id)
                .order_by(col(Mission.start_on).desc())
            )
        )
        deals = list(
            session.exec(
                select(Deal)
                .where(Deal.client_id == client_id)
                .order_by(col(Deal.created_on).desc())
            )
        )
        signals = list(
            session.exec(
                select(Signal)
                .where(Signal.client_id == client_id)
                .order_by(col(Signal.occurred_on).desc())
            )
        )
        surveys = list(
            session.exec(
                select(Survey)
                .where(Survey.client_id == client_id)
                .order_by(col(Survey.sent_on).desc())
            )
        )
        timeline = list(
            session.exec(
                select(Activity)
                .where(Activity.client_id == client_id)
                .order_by(col(Activity.done_on).desc().nulls_first(), col(Activity.due_on).desc())
                .limit(TIMELINE_LENGTH)
            )
        )
    lines = []
    for m in missions:
        facts = MissionFacts(
            m.client_id,
            m.start_on,
            m.planned_end_on,
            m.actual_end_on,
            m.day_rate_cents,
            m.days_per_month,
            m.fixed_monthly_cents,
        )
        lines.append(MissionLine(m, mission_monthly_cents(facts), is_active(facts, today)))
    running = any(line.active for line in lines)
    risk = client_risk(store, client_id, today) if running else None
    return ClientDetail(client, contacts, lines, deals, signals, surveys, timeline, risk)
