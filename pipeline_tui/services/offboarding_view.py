"""Reading offboardings: the list with progress for the dashboard and the client, one
offboarding in full for its screen and ``offboarding CLIENT``, their JSON, and the lost revenue
as a gap for the plan. Everything is read through the read path (``store.queries.offboardings``),
one snapshot per view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.revenue import mission_monthly_cents
from pipeline_tui.errors import NotFound
from pipeline_tui.i18n import _
from pipeline_tui.services.common import NO_SUCH, found
from pipeline_tui.store.queries import offboardings as queries
from pipeline_tui.store.queries.clients import client_names
from pipeline_tui.store.queries.lessons import LessonFacts, offboarding_lessons
from pipeline_tui.store.queries.missions import mission_facts
from pipeline_tui.store.queries.offboardings import (
    DocumentRow,
    ItemRow,
    OffboardedMission,
    OffboardingRow,
    OffboardingSummary,
    StepRow,
    TrainingDeal,
)
from pipeline_tui.store.reader import ReadSource

if TYPE_CHECKING:
    from pipeline_tui.services.numbers import WhatIfReport
    from pipeline_tui.store.database import Store

__all__ = [
    "OffboardingSummary",
    "OffboardingView",
    "gap_report",
    "get_offboarding_view",
    "latest_offboarding_id",
    "list_offboardings",
    "open_offboardings",
    "summary_json",
    "view_json",
]


def list_offboardings(
    source: ReadSource, *, client_id: int | None = None, open_only: bool = False
) -> list[OffboardingSummary]:
    """Offboardings with their progress, most recent end first."""
    with source.read() as q:
        return queries.summaries(q, client_id=client_id, open_only=open_only)


def open_offboardings(source: ReadSource) -> list[OffboardingSummary]:
    """The offboardings not done yet, for the dashboard (progress and the next item due)."""
    return list_offboardings(source, open_only=True)


def latest_offboarding_id(source: ReadSource, client_id: int) -> int:
    """The client's most recent offboarding; NotFound when it has none."""
    with source.read() as q:
        latest = queries.latest_offboarding_id(q, client_id)
        if latest is not None:
            return latest
        name = found(client_names(q, [client_id]).get(client_id), "client", client_id)
    raise NotFound(
        _("{client} has no offboarding (it never ended a mission early)").format(client=name)
    )


@dataclass(frozen=True)
class OffboardingView:
    """Everything the offboarding screen and ``offboarding CLIENT`` show."""

    summary: OffboardingSummary
    offboarding: OffboardingRow
    mission: OffboardedMission
    monthly_revenue_cents: int
    items: list[ItemRow]
    steps: list[StepRow]
    documents: list[DocumentRow]
    lessons: list[LessonFacts]
    training_deal: TrainingDeal | None


def get_offboarding_view(source: ReadSource, offboarding_id: int) -> OffboardingView:
    with source.read() as q:
        summaries = queries.summaries(q, offboarding_id=offboarding_id)
        offboarding = queries.offboarding(q, offboarding_id)
        if not summaries or offboarding is None:
            raise NotFound(_(NO_SUCH["offboarding"]).format(id=offboarding_id))
        mission_id = offboarding.mission_id
        mission = found(queries.offboarded_mission(q, mission_id), "mission", mission_id)
        facts = next(m for m in mission_facts(q, mission.client_id) if m.id == mission.id)
        deal_id = offboarding.training_deal_id
        return OffboardingView(
            summary=summaries[0],
            offboarding=offboarding,
            mission=mission,
            monthly_revenue_cents=mission_monthly_cents(facts),
            items=queries.items(q, offboarding_id),
            steps=queries.steps(q, offboarding_id),
            documents=queries.documents(q, offboarding_id),
            lessons=offboarding_lessons(q, offboarding_id),
            training_deal=queries.training_deal(q, deal_id) if deal_id else None,
        )


def transition_step(source: ReadSource, step_id: int) -> StepRow:
    """A step of a transition plan as it is now (NotFound when there is none)."""
    with source.read() as q:
        step = queries.step(q, step_id)
        return found(step, "transition step", step_id)  # not shown: a key of common.NO_SUCH


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
