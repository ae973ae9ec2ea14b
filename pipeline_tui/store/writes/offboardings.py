"""Offboardings: the offboarding a mission's early end opens, its checklist items (and the
closing that follows them), its transition steps and handover documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, func, select

from pipeline_tui.domain.playbook import ChecklistEntry, Progress, closed_on_after
from pipeline_tui.store.models import (
    HandoverDocument,
    Mission,
    Offboarding,
    OffboardingItem,
    TransitionStep,
)
from pipeline_tui.store.writes.rows import apply_changes, flushed, get_or_fail


def get_mission(session: Session, mission_id: int) -> Mission:
    """The mission to end (NotFound when there is none)."""
    return get_or_fail(session, Mission, mission_id, "mission")


def get_offboarding(session: Session, offboarding_id: int) -> Offboarding:
    return get_or_fail(session, Offboarding, offboarding_id, "offboarding")


def offboarding_of_mission(session: Session, mission_id: int) -> int | None:
    """The id of the mission's offboarding (a mission has at most one)."""
    return session.exec(select(Offboarding.id).where(Offboarding.mission_id == mission_id)).first()


def add_offboarding(
    session: Session,
    *,
    mission_id: int,
    client_id: int,
    opened_on: date,
    end_on: date,
    reason: str,
    note: str | None,
    notice_days: int,
    relationship_good: bool,
    training_deal_id: int | None,
    entries: Iterable[ChecklistEntry],
    done: Mapping[str, date],
) -> int:
    """Open an offboarding with its checklist (``done``: the items already done, by key, and
    when); returns its id. Call :func:`refresh_closed` after."""
    offboarding = flushed(
        session,
        Offboarding(
            mission_id=mission_id,
            client_id=client_id,
            opened_on=opened_on,
            end_on=end_on,
            reason=reason,
            note=note,
            notice_days=notice_days,
            relationship_good=relationship_good,
            training_deal_id=training_deal_id,
        ),
    )
    assert offboarding.id is not None
    for entry in entries:
        session.add(
            OffboardingItem(
                offboarding_id=offboarding.id, **asdict(entry), done_on=done.get(entry.key)
            )
        )
    session.flush()
    return offboarding.id


def set_training_deal(session: Session, offboarding: Offboarding, deal_id: int) -> None:
    offboarding.training_deal_id = deal_id
    session.add(offboarding)


# --- the checklist -------------------------------------------------------------------------------


def _progress(session: Session, offboarding_id: int) -> Progress:
    total, done = session.exec(
        select(func.count(), func.count(OffboardingItem.done_on)).where(
            OffboardingItem.offboarding_id == offboarding_id
        )
    ).one()
    return Progress(int(done), int(total))


def refresh_closed(session: Session, offboarding: Offboarding, on: date) -> Progress:
    """Close the offboarding ``on`` that day when every item is done, reopen it when one is not
    (``domain.playbook.closed_on_after``); returns its progress."""
    session.flush()
    assert offboarding.id is not None
    progress = _progress(session, offboarding.id)
    closed_on = closed_on_after(progress, offboarding.closed_on, on)
    if closed_on != offboarding.closed_on:
        offboarding.closed_on = closed_on
        session.add(offboarding)
    return progress


def get_item(session: Session, item_id: int) -> OffboardingItem:
    return get_or_fail(session, OffboardingItem, item_id, "checklist item")


def set_item_done(session: Session, item: OffboardingItem, done_on: date | None) -> None:
    item.done_on = done_on
    session.add(item)


def open_item(session: Session, offboarding_id: int, key: str) -> OffboardingItem | None:
    """The item ``key`` of an offboarding, when it is not done yet."""
    return session.exec(
        select(OffboardingItem).where(
            OffboardingItem.offboarding_id == offboarding_id,
            OffboardingItem.key == key,
            col(OffboardingItem.done_on).is_(None),
        )
    ).first()


def update_item(
    session: Session,
    item_id: int,
    *,
    title: str | None = None,
    due_on: date | None = None,
    notes: str | None = None,
) -> OffboardingItem:
    """Change what is given (None keeps the value; ``notes=""`` clears them)."""
    item = get_item(session, item_id)
    if title is not None:
        item.title = title
    if due_on is not None:
        item.due_on = due_on
    if notes is not None:
        item.notes = notes or None
    session.add(item)
    return item


def remove_item(session: Session, item_id: int) -> int:
    """Delete a checklist item; returns its offboarding's id (call :func:`refresh_closed`)."""
    item = get_item(session, item_id)
    offboarding_id = item.offboarding_id
    session.delete(item)
    return offboarding_id


# --- transition plan and documents ---------------------------------------------------------------


Listed = TypeVar("Listed", TransitionStep, HandoverDocument)


def _append(session: Session, model: type[Listed], offboarding_id: int, **values: object) -> Listed:
    """A row at the end of one of the offboarding's lists (its transition plan, its documents)."""
    get_offboarding(session, offboarding_id)
    last = session.exec(
        select(func.max(model.position)).where(model.offboarding_id == offboarding_id)
    ).one()
    row = model(offboarding_id=offboarding_id, position=int(last or 0) + 1, **values)
    session.add(row)
    return row


def add_transition_step(
    session: Session, offboarding_id: int, task: str, owner: str | None, due_on: date | None
) -> TransitionStep:
    """A step at the end of the offboarding's transition plan."""
    return _append(session, TransitionStep, offboarding_id, task=task, owner=owner, due_on=due_on)


def set_transition_step_done(
    session: Session, step_id: int, done_on: date | None
) -> TransitionStep:
    step = get_or_fail(session, TransitionStep, step_id, "transition step")
    return apply_changes(session, step, {"done_on": done_on})


def update_transition_step(
    session: Session, step_id: int, *, task: str, owner: str | None, due_on: date | None
) -> TransitionStep:
    step = get_or_fail(session, TransitionStep, step_id, "transition step")
    return apply_changes(session, step, {"task": task, "owner": owner, "due_on": due_on})


def remove_transition_step(session: Session, step_id: int) -> None:
    session.delete(get_or_fail(session, TransitionStep, step_id, "transition step"))


def add_document(session: Session, offboarding_id: int, name: str) -> HandoverDocument:
    """A document at the end of the offboarding's list."""
    return _append(session, HandoverDocument, offboarding_id, name=name)


def set_document_handed_over(
    session: Session, document_id: int, handed_over_on: date | None
) -> HandoverDocument:
    document = get_or_fail(session, HandoverDocument, document_id, "document")
    return apply_changes(session, document, {"handed_over_on": handed_over_on})


def rename_document(session: Session, document_id: int, name: str) -> HandoverDocument:
    document = get_or_fail(session, HandoverDocument, document_id, "document")
    return apply_changes(session, document, {"name": name})


def remove_document(session: Session, document_id: int) -> None:
    session.delete(get_or_fail(session, HandoverDocument, document_id, "document"))
