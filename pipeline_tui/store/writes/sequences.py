"""Sequences, their steps and their enrollments (each scheduled step is an ``Activity`` with
the enrollment's id).

**Stopping** an enrollment records the day (never before its start) and the reason, and deletes
its not-yet-done step activities: they were only a plan. Done steps stay as history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from pipeline_tui.domain.sequence import OpenStep, Step
from pipeline_tui.domain.vocabulary import STOP_REASONS
from pipeline_tui.store.models import Activity, Contact, Deal, SequenceEnrollment, SequenceStep
from pipeline_tui.store.models import Sequence as SequenceRow
from pipeline_tui.store.writes.rows import flushed, get_or_fail


@dataclass(frozen=True)
class Stopped:
    """An enrollment that was stopped, and how many planned steps were cancelled."""

    enrollment_id: int
    sequence_name: str
    deal_id: int | None
    contact_id: int | None
    on: date
    reason: str
    cancelled: int


@dataclass(frozen=True, slots=True)
class StepActivity:
    """The activity that schedules one step of an enrollment (its fields are ``Activity``
    columns, by the same names)."""

    kind: str
    channel: str
    subject: str
    due_on: date


# --- sequences ----------------------------------------------------------------------------------


def name_taken(session: Session, name: str) -> bool:
    """Whether a sequence already has this name (case-insensitively, as the database lowers)."""
    found = session.exec(
        select(SequenceRow.id).where(sa.func.lower(SequenceRow.name) == name.lower())
    ).first()
    return found is not None


def add_sequence(session: Session, name: str, steps: Sequence[Step], *, skip_weekends: bool) -> int:
    """A new sequence with these steps; its id."""
    row = flushed(session, SequenceRow(name=name, skip_weekends=skip_weekends))
    assert row.id is not None
    _add_steps(session, row.id, steps)
    return row.id


def _add_steps(session: Session, sequence_id: int, steps: Sequence[Step]) -> None:
    for step in steps:
        session.add(
            SequenceStep(
                sequence_id=sequence_id,
                position=step.position,
                day_offset=step.day_offset,
                kind=step.kind,
                channel=step.channel,
                subject=step.subject,
            )
        )
    session.flush()


# --- who is enrolled ----------------------------------------------------------------------------


def deal_and_contact(session: Session, deal_id: int) -> tuple[Deal, Contact | None]:
    """The deal (NotFound when it is gone) and its contact."""
    deal = get_or_fail(session, Deal, deal_id, "deal")
    return deal, session.get(Contact, deal.contact_id) if deal.contact_id else None


def contact_or_fail(session: Session, contact_id: int) -> Contact:
    return get_or_fail(session, Contact, contact_id, "contact")


def enrollment_or_fail(session: Session, enrollment_id: int) -> SequenceEnrollment:
    return get_or_fail(session, SequenceEnrollment, enrollment_id, "enrollment")


def running_enrollments(
    session: Session, *, deal_id: int | None = None, contact_id: int | None = None
) -> list[SequenceEnrollment]:
    """Running enrollments of a deal or of a contact (either matches), by id."""
    conditions = []
    if deal_id is not None:
        conditions.append(SequenceEnrollment.deal_id == deal_id)
    if contact_id is not None:
        conditions.append(SequenceEnrollment.contact_id == contact_id)
    if not conditions:
        return []
    return list(
        session.exec(
            select(SequenceEnrollment)
            .where(col(SequenceEnrollment.stopped_on).is_(None), sa.or_(*conditions))
            .order_by(SequenceEnrollment.id)
        )
    )


def open_steps(session: Session, enrollment_ids: Iterable[int]) -> list[OpenStep]:
    """The scheduled, not yet done step activities of these enrollments."""
    ids = list(enrollment_ids)
    if not ids:
        return []
    rows = session.exec(
        select(Activity.id, Activity.kind, Activity.due_on, Activity.enrollment_id)
        .where(col(Activity.enrollment_id).in_(ids), col(Activity.done_on).is_(None))
        .order_by(Activity.due_on, Activity.id)
    )
    return [OpenStep(aid, kind, due) for aid, kind, due, _ in rows if due is not None]


# --- enrolling, completing, stopping ------------------------------------------------------------


def enroll(
    session: Session,
    sequence_id: int,
    on: date,
    *,
    deal_id: int | None,
    contact_id: int | None,
    client_id: int | None,
    steps: Iterable[StepActivity],
) -> int:
    """A new enrollment started ``on``, with an open activity for each scheduled step; its id."""
    enrollment = flushed(
        session,
        SequenceEnrollment(
            sequence_id=sequence_id, deal_id=deal_id, contact_id=contact_id, started_on=on
        ),
    )
    for step in steps:
        session.add(
            Activity(
                **asdict(step),
                client_id=client_id,
                contact_id=contact_id,
                deal_id=deal_id,
                enrollment_id=enrollment.id,
            )
        )
    session.flush()
    return enrollment.id


def complete_if_done(session: Session, enrollment_id: int, on: date) -> bool:
    """Mark a running enrollment complete when none of its steps is left open."""
    row = session.get(SequenceEnrollment, enrollment_id)
    if row is None or row.stopped_on is not None:
        return False
    session.flush()
    left = session.exec(
        select(sa.func.count())
        .select_from(Activity)
        .where(Activity.enrollment_id == enrollment_id, col(Activity.done_on).is_(None))
    ).one()
    if left:
        return False
    row.stopped_on = max(on, row.started_on)
    row.stop_reason = "completed"
    session.add(row)
    return True


def stop_enrollments(
    session: Session,
    *,
    on: date,
    reason: str,
    deal_id: int | None = None,
    contact_id: int | None = None,
    enrollment_ids: Iterable[int] | None = None,
) -> list[Stopped]:
    """Stop the running enrollments of a deal, of a contact, or these ones, in the caller's
    transaction: record the day (never before the start) and the reason, delete the open steps."""
    if reason not in STOP_REASONS:
        raise ValueError(f"unknown stop reason {reason!r}")
    if enrollment_ids is not None:
        ids = list(enrollment_ids)
        rows = list(
            session.exec(
                select(SequenceEnrollment).where(
                    col(SequenceEnrollment.id).in_(ids),
                    col(SequenceEnrollment.stopped_on).is_(None),
                )
            )
        )
    else:
        rows = running_enrollments(session, deal_id=deal_id, contact_id=contact_id)
    stopped = []
    for row in rows:
        sequence = session.get(SequenceRow, row.sequence_id)
        result = session.exec(
            sa.delete(Activity).where(
                col(Activity.enrollment_id) == row.id, col(Activity.done_on).is_(None)
            )
        )
        row.stopped_on = max(on, row.started_on)
        row.stop_reason = reason
        session.add(row)
        stopped.append(
            Stopped(
                row.id,
                sequence.name if sequence else "?",
                row.deal_id,
                row.contact_id,
                row.stopped_on,
                reason,
                result.rowcount or 0,
            )
        )
    session.flush()
    return stopped


def cancel_open_outreach(session: Session, contact_id: int, channels: Sequence[str]) -> int:
    """Delete every open activity planned for the contact on these channels; how many."""
    result = session.exec(
        sa.delete(Activity).where(
            col(Activity.contact_id) == contact_id,
            col(Activity.done_on).is_(None),
            col(Activity.channel).in_(list(channels)),
        )
    )
    return result.rowcount or 0


# --- changing and removing a sequence -----------------------------------------------------------


def sequence_or_fail(session: Session, sequence_id: int) -> SequenceRow:
    return get_or_fail(session, SequenceRow, sequence_id, "sequence")


def replace_steps(session: Session, sequence_id: int, steps: Sequence[Step]) -> None:
    """The sequence's steps become these (the enrollments already made keep their activities)."""
    for old in session.exec(select(SequenceStep).where(SequenceStep.sequence_id == sequence_id)):
        session.delete(old)
    session.flush()
    _add_steps(session, sequence_id, steps)


def running_of_sequence(session: Session, sequence_id: int) -> list[int]:
    """The ids of the sequence's running enrollments."""
    return list(
        session.exec(
            select(SequenceEnrollment.id).where(
                SequenceEnrollment.sequence_id == sequence_id,
                col(SequenceEnrollment.stopped_on).is_(None),
            )
        )
    )


def delete_sequence(session: Session, sequence_id: int) -> None:
    """Delete the sequence; the database deletes its steps and enrollments, and unlinks the
    activities of those enrollments (they stay, as history)."""
    session.delete(sequence_or_fail(session, sequence_id))
    session.flush()
