"""Reading offboardings: the list with progress for the dashboard and the client, one
offboarding in full for its screen and ``offboarding CLIENT``, their JSON, and the lost revenue
as a gap for the plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from pipeline_tui.domain.playbook import Progress
from pipeline_tui.domain.revenue import MissionFacts, mission_monthly_cents
from pipeline_tui.errors import NotFound
from pipeline_tui.services.numbers import WhatIfReport
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import (
    Client,
    Deal,
    HandoverDocument,
    Lesson,
    Mission,
    Offboarding,
    OffboardingItem,
    TransitionStep,
)
from pipeline_tui.store.writes.rows import get_or_fail


@dataclass(frozen=True)
class OffboardingSummary:
    """One offboarding, as listed on the dashboard and the client: progress and what is next."""

    id: int
    client_id: int
    client_name: str
    mission_id: int
    mission_title: str
    opened_on: date
    end_on: date
    reason: str
    notice_days: int
    relationship_good: bool
    closed_on: date | None
    progress: Progress
    next_title: str | None
    next_due_on: date | None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def _summaries(
    session: Session, rows: list[tuple[Offboarding, str, str]]
) -> list[OffboardingSummary]:
    ids = [o.id for o, _, _ in rows]
    counts: dict[int, tuple[int, int]] = {}
    upcoming: dict[int, tuple[str, date]] = {}
    if ids:
        for offboarding_id, total, done in session.exec(
            select(
                OffboardingItem.offboarding_id, func.count(), func.count(OffboardingItem.done_on)
            )
            .where(col(OffboardingItem.offboarding_id).in_(ids))
            .group_by(OffboardingItem.offboarding_id)
        ):
            counts[offboarding_id] = (int(total), int(done))
        for offboarding_id, title, due_on in session.exec(
            select(OffboardingItem.offboarding_id, OffboardingItem.title, OffboardingItem.due_on)
            .where(
                col(OffboardingItem.offboarding_id).in_(ids),
                col(OffboardingItem.done_on).is_(None),
            )
            .order_by(OffboardingItem.due_on.desc(), OffboardingItem.position.desc())
        ):
            upcoming[offboarding_id] = (title, due_on)  # the earliest one is written last
    out = []
    for o, client_name, mission_title in rows:
        total, done = counts.get(o.id, (0, 0))
        next_title, next_due = upcoming.get(o.id, (None, None))
        out.append(
            OffboardingSummary(
                id=o.id,
                client_id=o.client_id,
                client_name=client_name,
                mission_id=o.mission_id,
                mission_title=mission_title,
                opened_on=o.opened_on,
                end_on=o.end_on,
                reason=o.reason,
                notice_days=o.notice_days,
                relationship_good=o.relationship_good,
                closed_on=o.closed_on,
                progress=Progress(done, total),
                next_title=next_title,
                next_due_on=next_due,
            )
        )
    return out


def _summary_query():
    return (
        select(Offboarding, Client.name, Mission.title)
        .join(Client, col(Client.id) == Offboarding.client_id)
        .join(Mission, col(Mission.id) == Offboarding.mission_id)
    )


def list_offboardings(
    store: Store, *, client_id: int | None = None, open_only: bool = False
) -> list[OffboardingSummary]:
    """Offboardings with their progress, most recent end first."""
    query = _summary_query().order_by(col(Offboarding.end_on).desc(), col(Offboarding.id).desc())
    if client_id is not None:
        query = query.where(Offboarding.client_id == client_id)
    if open_only:
        query = query.where(col(Offboarding.closed_on).is_(None))
    with store.session() as session:
        return _summaries(session, list(session.exec(query)))


def open_offboardings(store: Store) -> list[OffboardingSummary]:
    """The offboardings not done yet, for the dashboard (progress and the next item due)."""
    return list_offboardings(store, open_only=True)


def latest_offboarding_id(store: Store, client_id: int) -> int:
    """The client's most recent offboarding; NotFound when it has none."""
    with store.session() as session:
        found = session.exec(
            select(Offboarding.id)
            .where(Offboarding.client_id == client_id)
            .order_by(col(Offboarding.end_on).desc(), col(Offboarding.id).desc())
        ).first()
        if found is None:
            name = get_or_fail(session, Client, client_id, "client").name
            raise NotFound(f"{name} has no offboarding (it never ended a mission early)")
        return found


@dataclass(frozen=True)
class OffboardingView:
    """Everything the offboarding screen and ``offboarding CLIENT`` show."""

    summary: OffboardingSummary
    offboarding: Offboarding
    mission: Mission
    monthly_revenue_cents: int
    items: list[OffboardingItem]
    steps: list[TransitionStep]
    documents: list[HandoverDocument]
    lessons: list[Lesson]
    training_deal: Deal | None


def get_offboarding_view(store: Store, offboarding_id: int) -> OffboardingView:
    with store.session() as session:
        row = session.exec(_summary_query().where(Offboarding.id == offboarding_id)).first()
        if row is None:
            raise NotFound(f"there is no offboarding #{offboarding_id}")
        (summary,) = _summaries(session, [row])
        offboarding = row[0]
        mission = get_or_fail(session, Mission, offboarding.mission_id, "mission")

        def rows(model, *order):
            return list(
                session.exec(
                    select(model).where(model.offboarding_id == offboarding_id).order_by(*order)
                )
            )

        return OffboardingView(
            summary=summary,
            offboarding=offboarding,
            mission=mission,
            monthly_revenue_cents=mission_monthly_cents(
                MissionFacts(
                    mission.client_id,
                    mission.start_on,
                    mission.planned_end_on,
                    mission.actual_end_on,
                    mission.day_rate_cents,
                    mission.days_per_month,
                    mission.fixed_monthly_cents,
                )
            ),
            items=rows(OffboardingItem, OffboardingItem.position),
            steps=rows(TransitionStep, TransitionStep.position, TransitionStep.id),
            documents=rows(HandoverDocument, HandoverDocument.position, HandoverDocument.id),
            lessons=rows(Lesson, Lesson.kind, Lesson.created_on, Lesson.id),
            training_deal=session.get(Deal, offboarding.training_deal_id)
            if offboarding.training_deal_id
            else None,
        )


def summary_json(s: OffboardingSummary) -> dict[str, object]:
    return {
        "id": s.id,
        "client": s.client_name,
        "mission": s.mission_title,
        "opened_on": s.opened_on.isoformat(),
        "end_on": s.end_on.isoformat(),
        "reason": s.reason,
        "notice_days": s.notice_days,
        "relationship_good": s.relationship_good,
        "closed_on": s.closed_on.isoformat() if s.closed_on else None,
        "done": s.progress.done,
        "total": s.progress.total,
        "next": {"title": s.next_title, "due_on": s.next_due_on.isoformat()}
        if s.next_due_on
        else None,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def view_json(v: OffboardingView) -> dict[str, object]:
    """``offboarding CLIENT --json``; money in integer cents."""
    deal = v.training_deal
    return {
        **summary_json(v.summary),
        "note": v.offboarding.note,
        "monthly_revenue_lost": v.monthly_revenue_cents,
        "items": [
            {
                "id": i.id,
                "key": i.key,
                "title": i.title,
                "due_on": i.due_on.isoformat(),
                "done_on": _day(i.done_on),
            }
            for i in v.items
        ],
        "transition_steps": [
            {
                "id": s.id,
                "task": s.task,
                "owner": s.owner,
                "due_on": _day(s.due_on),
                "done_on": _day(s.done_on),
            }
            for s in v.steps
        ],
        "documents": [
            {"id": d.id, "name": d.name, "handed_over_on": _day(d.handed_over_on)}
            for d in v.documents
        ],
        "lessons": [
            {
                "id": le.id,
                "kind": le.kind,
                "text": le.text,
                "due_on": _day(le.due_on),
                "done_on": _day(le.done_on),
            }
            for le in v.lessons
        ],
        "training_deal": None
        if deal is None
        else {
            "id": deal.id,
            "title": deal.title,
            "stage": deal.stage,
            "value": deal.monthly_value_cents,
        },
    }


def gap_report(store: Store, offboarding_id: int, today: date, *, weeks: int = 12) -> WhatIfReport:
    """The lost monthly revenue as a gap for the plan: ``services.numbers.compute_whatif``."""
    from pipeline_tui.services.numbers import compute_whatif

    view = get_offboarding_view(store, offboarding_id)
    return compute_whatif(store, today, gap_cents=view.monthly_revenue_cents, weeks=weeks)
