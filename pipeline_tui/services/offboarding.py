"""Ending a mission early, and the offboarding that follows (DESIGN.md, "End of a collaboration").

``end_mission_early`` is one transaction: the mission ends (its revenue leaves the numbers after
the end date, see ``domain.revenue.is_active``), the offboarding opens with its items copied from
the template in effect, and the paid-training offer becomes a deal at the proposal stage with its
stage history. Then the checklist is worked through: items, transition steps, documents. When
every item is done the offboarding closes (and reopens if one is unticked). Reading is in
``services.offboarding_view``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, func, select

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.playbook import (
    Progress,
    build_checklist,
    check_end_note,
    check_notice_days,
)
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.common import checked
from pipeline_tui.services.deals import add_deal_in
from pipeline_tui.services.missions import end_mission_in
from pipeline_tui.services.playbook_template import template_in
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import (
    Deal,
    HandoverDocument,
    Mission,
    Offboarding,
    OffboardingItem,
    TransitionStep,
)
from pipeline_tui.store.writes.rows import get_or_fail

TRAINING_ITEM = "training_offer"


@dataclass(frozen=True)
class EndedMission:
    """What ``end_mission_early`` wrote."""

    mission_id: int
    client_id: int
    offboarding_id: int
    training_deal_id: int | None
    items: int


def _clean_note(note: str | None) -> str | None:
    return checked(clean_text, note, "the note", max_len=4000) or None


def _training_title(mission: Mission) -> str:
    return f"Training for the team taking over {mission.title}"[:200]


def _add_training_deal(
    session: Session,
    mission: Mission,
    value_cents: int,
    *,
    today: date,
    close_on: date,
    contact_id: int | None,
) -> Deal:
    if value_cents <= 0:
        raise InvalidInput("the training offer is an amount above zero")
    return add_deal_in(
        session,
        mission.client_id,
        _training_title(mission),
        on=today,
        stage="proposal",
        monthly_value_cents=value_cents,
        duration_months=1,
        channel="other",
        expected_close_on=max(close_on, today),
        contact_id=contact_id,
        notes="Paid training for whoever takes over, proposed when the mission ended early.",
    )


def end_mission_early(
    store: Store,
    mission_id: int,
    *,
    end_on: date,
    notice_days: int,
    reason: str,
    note: str | None = None,
    relationship_good: bool = True,
    training_offer_cents: int | None = None,
    training_contact_id: int | None = None,
    today: date,
) -> EndedMission:
    """End a mission early and open its offboarding, in one transaction.

    ``notice_days`` dates the notice-anchored items (notice = ``end_on − notice_days``);
    ``relationship_good`` keeps the case-study item; a ``training_offer_cents`` creates the
    training deal at the proposal stage (a one-month deal of that value, expected to close by
    the end) and ticks the training-offer item.
    """
    checked(check_notice_days, notice_days)
    clean_note = _clean_note(note)
    checked(check_end_note, reason, clean_note)
    if training_offer_cents is not None and training_offer_cents <= 0:
        raise InvalidInput("the training offer is an amount above zero")
    with store.session() as session:
        mission = get_or_fail(session, Mission, mission_id, "mission")
        if mission.actual_end_on is not None:
            ended = format_day(mission.actual_end_on)
            raise InvalidInput(f"the mission {mission.title!r} already ended on {ended}")
        if session.exec(select(Offboarding.id).where(Offboarding.mission_id == mission_id)).first():
            raise InvalidInput(f"the mission {mission.title!r} already has an offboarding")
        end_mission_in(session, mission_id, end_on, early=True, reason=reason, note=clean_note)
        deal = None
        if training_offer_cents is not None:
            deal = _add_training_deal(
                session,
                mission,
                training_offer_cents,
                today=today,
                close_on=end_on,
                contact_id=training_contact_id,
            )
        offboarding = Offboarding(
            mission_id=mission_id,
            client_id=mission.client_id,
            opened_on=today,
            end_on=end_on,
            reason=reason,
            note=clean_note,
            notice_days=notice_days,
            relationship_good=relationship_good,
            training_deal_id=deal.id if deal else None,
        )
        session.add(offboarding)
        session.flush()
        entries = build_checklist(
            template_in(session), end_on, notice_days, relationship_good=relationship_good
        )
        for entry in entries:
            done = deal is not None and entry.key == TRAINING_ITEM
            session.add(
                OffboardingItem(
                    offboarding_id=offboarding.id,
                    position=entry.position,
                    key=entry.key,
                    title=entry.title,
                    due_on=entry.due_on,
                    done_on=today if done else None,
                )
            )
        session.flush()
        _refresh_closed(session, offboarding, today)
        return EndedMission(
            mission_id=mission_id,
            client_id=mission.client_id,
            offboarding_id=offboarding.id,
            training_deal_id=deal.id if deal else None,
            items=len(entries),
        )


def propose_training(
    store: Store,
    offboarding_id: int,
    value_cents: int,
    *,
    today: date,
    contact_id: int | None = None,
) -> Deal:
    """The paid-training offer made after the end: a deal at the proposal stage."""
    with store.session() as session:
        offboarding = get_or_fail(session, Offboarding, offboarding_id, "offboarding")
        if offboarding.training_deal_id is not None:
            raise InvalidInput("a training was already proposed for this offboarding")
        mission = get_or_fail(session, Mission, offboarding.mission_id, "mission")
        deal = _add_training_deal(
            session,
            mission,
            value_cents,
            today=today,
            close_on=offboarding.end_on,
            contact_id=contact_id,
        )
        offboarding.training_deal_id = deal.id
        session.add(offboarding)
        tick_item_in(session, offboarding_id, TRAINING_ITEM, today)
        return deal


# --- the checklist -------------------------------------------------------------------------------


def _progress(session: Session, offboarding_id: int) -> Progress:
    total, done = session.exec(
        select(func.count(), func.count(OffboardingItem.done_on)).where(
            OffboardingItem.offboarding_id == offboarding_id
        )
    ).one()
    return Progress(int(done), int(total))


def _refresh_closed(session: Session, offboarding: Offboarding, on: date) -> Progress:
    """Close the offboarding when every item is done; reopen it when one is not."""
    progress = _progress(session, offboarding.id)
    closed_on = offboarding.closed_on
    if progress.complete and progress.total and closed_on is None:
        offboarding.closed_on = on
    elif not progress.complete:
        offboarding.closed_on = None
    if offboarding.closed_on != closed_on:
        session.add(offboarding)
    return progress


def set_item_done(store: Store, item_id: int, done_on: date | None) -> Progress:
    """Tick an item (``done_on``) or untick it (None); returns the offboarding's progress."""
    with store.session() as session:
        item = get_or_fail(session, OffboardingItem, item_id, "checklist item")
        item.done_on = done_on
        session.add(item)
        session.flush()
        offboarding = get_or_fail(session, Offboarding, item.offboarding_id, "offboarding")
        return _refresh_closed(session, offboarding, done_on or offboarding.end_on)


def tick_item_in(session: Session, offboarding_id: int, key: str, on: date) -> bool:
    """Tick the open item ``key`` of an offboarding, inside the caller's transaction.

    Used when something done elsewhere completes an item (a training proposed, an exit survey
    recorded, a case study agreed); False when there is no such open item.
    """
    item = session.exec(
        select(OffboardingItem).where(
            OffboardingItem.offboarding_id == offboarding_id,
            OffboardingItem.key == key,
            col(OffboardingItem.done_on).is_(None),
        )
    ).first()
    if item is None:
        return False
    item.done_on = on
    session.add(item)
    session.flush()
    offboarding = get_or_fail(session, Offboarding, offboarding_id, "offboarding")
    _refresh_closed(session, offboarding, on)
    return True


def update_item(
    store: Store,
    item_id: int,
    *,
    title: str | None = None,
    due_on: date | None = None,
    notes: str | None = None,
) -> OffboardingItem:
    """Edit an item of an open checklist: its title, due date or notes."""
    with store.session() as session:
        item = get_or_fail(session, OffboardingItem, item_id, "checklist item")
        if title is not None:
            item.title = checked(clean_text, title, "the item title", required=True, max_len=300)
        if due_on is not None:
            item.due_on = due_on
        if notes is not None:
            item.notes = checked(clean_text, notes, "the notes", max_len=4000) or None
        session.add(item)
        return item


def find_item(store: Store, offboarding_id: int, key: str) -> OffboardingItem:
    with store.session() as session:
        item = session.exec(
            select(OffboardingItem).where(
                OffboardingItem.offboarding_id == offboarding_id, OffboardingItem.key == key
            )
        ).first()
        if item is not None:
            return item
        keys = list(
            session.exec(
                select(OffboardingItem.key)
                .where(OffboardingItem.offboarding_id == offboarding_id)
                .order_by(OffboardingItem.position)
            )
        )
    raise NotFound(f"this checklist has no item {key!r} (items: {', '.join(keys)})")


# --- transition plan and documents ---------------------------------------------------------------


def _next_position(session: Session, model, offboarding_id: int) -> int:
    last = session.exec(
        select(func.max(model.position)).where(model.offboarding_id == offboarding_id)
    ).one()
    return int(last or 0) + 1


def add_transition_step(
    store: Store,
    offboarding_id: int,
    task: str,
    *,
    owner: str | None = None,
    due_on: date | None = None,
) -> TransitionStep:
    """A step of the transition plan: ``task`` handed over to ``owner`` (who takes it over)."""
    clean_task = checked(clean_text, task, "the task", required=True, max_len=300)
    clean_owner = checked(clean_text, owner, "who takes over", max_len=200) or None
    with store.session() as session:
        get_or_fail(session, Offboarding, offboarding_id, "offboarding")
        step = TransitionStep(
            offboarding_id=offboarding_id,
            position=_next_position(session, TransitionStep, offboarding_id),
            task=clean_task,
            owner=clean_owner,
            due_on=due_on,
        )
        session.add(step)
        return step


def set_transition_step_done(store: Store, step_id: int, done_on: date | None) -> TransitionStep:
    with store.session() as session:
        step = get_or_fail(session, TransitionStep, step_id, "transition step")
        step.done_on = done_on
        session.add(step)
        return step


def remove_transition_step(store: Store, step_id: int) -> None:
    with store.session() as session:
        session.delete(get_or_fail(session, TransitionStep, step_id, "transition step"))


def add_document(store: Store, offboarding_id: int, name: str) -> HandoverDocument:
    """A project document to gather and hand over."""
    clean_name = checked(clean_text, name, "the document", required=True, max_len=300)
    with store.session() as session:
        get_or_fail(session, Offboarding, offboarding_id, "offboarding")
        document = HandoverDocument(
            offboarding_id=offboarding_id,
            position=_next_position(session, HandoverDocument, offboarding_id),
            name=clean_name,
        )
        session.add(document)
        return document


def set_document_handed_over(
    store: Store, document_id: int, handed_over_on: date | None
) -> HandoverDocument:
    with store.session() as session:
        document = get_or_fail(session, HandoverDocument, document_id, "document")
        document.handed_over_on = handed_over_on
        session.add(document)
        return document


def remove_document(store: Store, document_id: int) -> None:
    with store.session() as session:
        session.delete(get_or_fail(session, HandoverDocument, document_id, "document"))
