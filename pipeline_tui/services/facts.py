"""Reading the database into the domain's facts (plain dataclasses the numbers are computed on).

Each loader is one or two aggregate queries over indexed columns, so the numbers stay fast on a
database of years (10k deals, 100k activities): no per-row queries, nothing loaded twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, func, select

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.revenue import MissionFacts
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, SurveyFact
from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.store.models import Activity, Deal, DealStageChange, Mission, Signal, Survey


def mission_facts(session: Session) -> list[MissionFacts]:
    rows = session.exec(
        select(
            Mission.client_id,
            Mission.start_on,
            Mission.planned_end_on,
            Mission.actual_end_on,
            Mission.day_rate_cents,
            Mission.days_per_month,
            Mission.fixed_monthly_cents,
        )
    )
    return [MissionFacts(*row) for row in rows]


def deal_facts(session: Session, *, open_only: bool = False) -> list[DealFacts]:
    """Deals with the date of their last done activity and of their last stage move."""
    last_activity = (
        select(Activity.deal_id, func.max(Activity.done_on).label("last_on"))
        .where(col(Activity.deal_id).is_not(None), col(Activity.done_on).is_not(None))
        .group_by(Activity.deal_id)
        .subquery()
    )
    last_move = (
        select(DealStageChange.deal_id, func.max(DealStageChange.changed_on).label("moved_on"))
        .group_by(DealStageChange.deal_id)
        .subquery()
    )
    query = (
        select(
            Deal.id,
            Deal.client_id,
            Deal.stage,
            Deal.monthly_value_cents,
            Deal.probability,
            Deal.channel,
            Deal.created_on,
            Deal.closed_on,
            last_activity.c.last_on,
            last_move.c.moved_on,
            Deal.title,
        )
        .outerjoin(last_activity, last_activity.c.deal_id == Deal.id)
        .outerjoin(last_move, last_move.c.deal_id == Deal.id)
        .order_by(Deal.id)
    )
    if open_only:
        query = query.where(col(Deal.stage).in_(OPEN_STAGES))
    return [DealFacts(*row) for row in session.exec(query)]


def stage_history(session: Session) -> list[StageChange]:
    rows = session.exec(
        select(
            DealStageChange.deal_id,
            DealStageChange.from_stage,
            DealStageChange.to_stage,
            DealStageChange.changed_on,
        ).order_by(DealStageChange.deal_id, DealStageChange.changed_on, DealStageChange.id)
    )
    return [StageChange(*row) for row in rows]


def risk_facts(
    session: Session,
    client_ids: Iterable[int],
    missions: Iterable[MissionFacts],
    today: date,
) -> dict[int, ClientRiskFacts]:
    """Signals, surveys, last contact and the coming mission end of each given client."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    signals: dict[int, list[SignalFact]] = defaultdict(list)
    for client_id, kind, occurred_on, note in session.exec(
        select(Signal.client_id, Signal.kind, Signal.occurred_on, Signal.note)
        .where(col(Signal.client_id).in_(ids), Signal.occurred_on <= today)
        .order_by(Signal.occurred_on, Signal.id)
    ):
        signals[client_id].append(SignalFact(kind, occurred_on, note))
    surveys: dict[int, list[SurveyFact]] = defaultdict(list)
    for client_id, scale, sent_on, answered_on, score in session.exec(
        select(Survey.client_id, Survey.scale, Survey.sent_on, Survey.answered_on, Survey.score)
        .where(col(Survey.client_id).in_(ids), Survey.kind == "satisfaction")
        .where(Survey.sent_on <= today)
        .order_by(Survey.sent_on, Survey.id)
    ):
        if answered_on is not None and answered_on > today:
            answered_on, score = None, None  # not answered yet as of ``today``
        surveys[client_id].append(SurveyFact(scale, sent_on, answered_on, score))
    last_contact = dict(
        session.exec(
            select(Activity.client_id, func.max(Activity.done_on))
            .where(col(Activity.client_id).in_(ids), col(Activity.done_on) <= today)
            .group_by(Activity.client_id)
        ).all()
    )
    wanted = set(ids)
    ends: dict[int, list[date | None]] = defaultdict(list)
    for m in missions:
        if m.client_id in wanted:
            running = m.start_on <= today and (m.actual_end_on is None or m.actual_end_on >= today)
            if running:
                ends[m.client_id].append(m.actual_end_on or m.planned_end_on)
    return {
        client_id: ClientRiskFacts(
            client_id=client_id,
            signals=tuple(signals[client_id]),
            surveys=tuple(surveys[client_id]),
            last_contact_on=last_contact.get(client_id),
            mission_end_on=_latest_end(ends[client_id]),
        )
        for client_id in ids
    }


def _latest_end(ends: list[date | None]) -> date | None:
    """The date the client's revenue stops: None while any running mission is open-ended."""
    if not ends or any(end is None for end in ends):
        return None
    return max(e for e in ends if e is not None)


def client_names(session: Session, client_ids: Iterable[int]) -> dict[int, str]:
    from pipeline_tui.store.models import Client

    ids = sorted(set(client_ids))
    if not ids:
        return {}
    return dict(session.exec(select(Client.id, Client.name).where(col(Client.id).in_(ids))).all())


def count_open_activities(session: Session, until: date) -> tuple[int, int]:
    """(overdue, due today) counts of open activities as of ``until``."""
    overdue = session.exec(
        select(func.count())
        .select_from(Activity)
        .where(col(Activity.done_on).is_(None), col(Activity.due_on) < until)
    ).one()
    due = session.exec(
        select(func.count())
        .select_from(Activity)
        .where(col(Activity.done_on).is_(None), Activity.due_on == until)
    ).one()
    return int(overdue), int(due)
