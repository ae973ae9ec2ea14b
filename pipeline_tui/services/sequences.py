"""Sequences: apply one to leads, see the remaining steps, stop it (reply, stage change, opt-out).

Scheduling and the stop rules are ``domain.sequence``'s; this module stores them. Each scheduled
step is an ``Activity`` with the enrollment's id, due on the step's date. **Stopping** an
enrollment records the day and the reason and *deletes its not-yet-done activities*: they were
only a plan, and leaving them would keep prospecting someone who answered, moved on or opted out.
Done steps stay as history. ``stop_enrollments`` works inside the caller's session so that a
stage move or an opt-out and the stop are one transaction. An opt-out (``opt_out_contact``) also
deletes the other outreach still planned for the contact (follow-ups, planned emails and calls).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from pipeline_tui.domain.quicklog import default_subject
from pipeline_tui.domain.sequence import OpenStep, Step, schedule
from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import (
    ACTIVITY_KINDS,
    CHANNELS,
    CLOSED_STAGES,
    KIND_CHANNEL,
    STOP_REASONS,
)
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked, not_found_with_hints
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import (
    Activity,
    Contact,
    Deal,
    SequenceEnrollment,
    SequenceStep,
)
from pipeline_tui.store.models import (
    Sequence as SequenceRow,
)
from pipeline_tui.store.writes.rows import get_or_fail


@dataclass(frozen=True)
class SequenceView:
    id: int
    name: str
    skip_weekends: bool
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class StepState:
    """One scheduled step of an enrollment: its activity, due and maybe done."""

    activity_id: int
    kind: str
    channel: str
    subject: str
    due_on: date | None
    done_on: date | None
    outcome: str | None


@dataclass(frozen=True)
class EnrollmentView:
    id: int
    sequence_id: int
    sequence_name: str
    deal_id: int | None
    contact_id: int | None
    started_on: date
    stopped_on: date | None
    stop_reason: str | None
    steps: tuple[StepState, ...]

    @property
    def running(self) -> bool:
        return self.stopped_on is None

    @property
    def remaining(self) -> tuple[StepState, ...]:
        """The steps still to do, by due date."""
        return tuple(s for s in self.steps if s.done_on is None)


@dataclass(frozen=True)
class Skipped:
    """A lead the sequence was not applied to, and why."""

    deal_id: int | None
    contact_id: int | None
    reason: str


@dataclass(frozen=True)
class ApplyResult:
    enrollments: tuple[EnrollmentView, ...]
    skipped: tuple[Skipped, ...]


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


# --- sequences ----------------------------------------------------------------------------------


def _view(session: Session, row: SequenceRow) -> SequenceView:
    steps = session.exec(
        select(SequenceStep)
        .where(SequenceStep.sequence_id == row.id)
        .order_by(SequenceStep.position)
    )
    return SequenceView(
        row.id,
        row.name,
        row.skip_weekends,
        tuple(Step(s.position, s.day_offset, s.kind, s.channel, s.subject) for s in steps),
    )


def list_sequences(store: Store) -> list[SequenceView]:
    with store.session() as session:
        rows = session.exec(select(SequenceRow).order_by(SequenceRow.name)).all()
        return [_view(session, row) for row in rows]


def get_sequence(store: Store, sequence_id: int) -> SequenceView:
    with store.session() as session:
        return _view(session, get_or_fail(session, SequenceRow, sequence_id, "sequence"))


def find_sequence(store: Store, name: str) -> SequenceView:
    """The sequence with this name (case-insensitive); the error lists close matches."""
    with store.session() as session:
        rows = session.exec(select(SequenceRow)).all()
        for row in rows:
            if row.name.lower() == name.strip().lower():
                return _view(session, row)
    raise not_found_with_hints("sequence", name, [r.name for r in rows])


def create_sequence(
    store: Store,
    name: str,
    steps: Sequence[tuple[int, str] | tuple[int, str, str] | tuple[int, str, str, str]],
    *,
    skip_weekends: bool = True,
) -> SequenceView:
    """A sequence of ``(day_offset, kind[, channel[, subject]])`` steps, in the order given."""
    name = checked(clean_text, name, "the sequence name", required=True)
    if not steps:
        raise InvalidInput("a sequence needs at least one step")
    rows = []
    for position, raw in enumerate(steps, start=1):
        offset, kind = raw[0], raw[1]
        channel = raw[2] if len(raw) > 2 else KIND_CHANNEL.get(kind, "other")
        subject = raw[3] if len(raw) > 3 else ""
        checked(check_choice, kind, ACTIVITY_KINDS, "the step kind")
        checked(check_choice, channel, CHANNELS, "the step channel")
        if not isinstance(offset, int) or offset < 0:
            raise InvalidInput(f"step {position}: the day offset is a whole number ≥ 0")
        subject = checked(clean_text, subject, "the step subject", max_len=300)
        rows.append((position, offset, kind, channel, subject))
    with store.session() as session:
        if session.exec(
            select(SequenceRow.id).where(sa.func.lower(SequenceRow.name) == name.lower())
        ).first():
            raise InvalidInput(f"a sequence named {name!r} already exists")
        row = SequenceRow(name=name, skip_weekends=skip_weekends)
        session.add(row)
        session.flush()
        for position, offset, kind, channel, subject in rows:
            session.add(
                SequenceStep(
                    sequence_id=row.id,
                    position=position,
                    day_offset=offset,
                    kind=kind,
                    channel=channel,
                    subject=subject,
                )
            )
        session.flush()
        return _view(session, row)


# --- enrollments --------------------------------------------------------------------------------


def _running(
    session: Session, *, deal_id: int | None = None, contact_id: int | None = None
) -> list[SequenceEnrollment]:
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


def running_enrollments(
    session: Session, *, deal_id: int | None = None, contact_id: int | None = None
) -> list[SequenceEnrollment]:
    """Running enrollments of a deal or of a contact (either matches)."""
    return _running(session, deal_id=deal_id, contact_id=contact_id)


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


def _enrollment_view(session: Session, row: SequenceEnrollment) -> EnrollmentView:
    sequence = session.get(SequenceRow, row.sequence_id)
    steps = session.exec(
        select(Activity)
        .where(Activity.enrollment_id == row.id)
        .order_by(Activity.due_on, Activity.id)
    )
    return EnrollmentView(
        id=row.id,
        sequence_id=row.sequence_id,
        sequence_name=sequence.name if sequence else "?",
        deal_id=row.deal_id,
        contact_id=row.contact_id,
        started_on=row.started_on,
        stopped_on=row.stopped_on,
        stop_reason=row.stop_reason,
        steps=tuple(
            StepState(a.id, a.kind, a.channel, a.subject, a.due_on, a.done_on, a.outcome)
            for a in steps
        ),
    )


def enrollments(
    store: Store,
    *,
    deal_id: int | None = None,
    contact_id: int | None = None,
    running_only: bool = False,
) -> list[EnrollmentView]:
    """Enrollments of a deal or a contact (all when neither is given), newest first."""
    query = select(SequenceEnrollment).order_by(col(SequenceEnrollment.id).desc())
    if deal_id is not None:
        query = query.where(SequenceEnrollment.deal_id == deal_id)
    if contact_id is not None:
        query = query.where(SequenceEnrollment.contact_id == contact_id)
    if running_only:
        query = query.where(col(SequenceEnrollment.stopped_on).is_(None))
    with store.session() as session:
        return [_enrollment_view(session, row) for row in session.exec(query)]


def deal_sequence(store: Store, deal_id: int) -> EnrollmentView | None:
    """The deal's latest enrollment, with its remaining steps (what the deal view shows)."""
    found = enrollments(store, deal_id=deal_id)
    return found[0] if found else None


def _who(contact: Contact | None, deal: Deal | None) -> str:
    if contact is not None:
        return contact.full_name
    return deal.title if deal is not None else ""


def _enroll(
    session: Session,
    sequence: SequenceView,
    on: date,
    deal: Deal | None,
    contact: Contact | None,
) -> SequenceEnrollment:
    enrollment = SequenceEnrollment(
        sequence_id=sequence.id,
        deal_id=deal.id if deal else None,
        contact_id=contact.id if contact else None,
        started_on=on,
    )
    session.add(enrollment)
    session.flush()
    who = _who(contact, deal)
    client_id = deal.client_id if deal else (contact.client_id if contact else None)
    opted_out = contact is not None and contact.do_not_contact
    for planned in schedule(
        sequence.steps, on, skip_weekends=sequence.skip_weekends, opted_out=opted_out
    ):
        step = planned.step
        subject = f"{step.subject} — {who}" if step.subject else default_subject(step.kind, who)
        session.add(
            Activity(
                kind=step.kind,
                channel=step.channel,
                subject=subject[:300],
                due_on=planned.due_on,
                client_id=client_id,
                contact_id=contact.id if contact else None,
                deal_id=deal.id if deal else None,
                enrollment_id=enrollment.id,
            )
        )
    session.flush()
    return enrollment


def apply_sequence(
    store: Store,
    sequence_id: int,
    *,
    on: date,
    deal_ids: Iterable[int] = (),
    contact_ids: Iterable[int] = (),
) -> ApplyResult:
    """Enroll deals (their contact is the person followed up) and contacts without a deal, in one
    transaction, scheduling every step from ``on``.

    Skipped, with the reason: a closed deal, an opted-out contact, a deal or contact already in
    a running sequence. An unknown deal or contact id fails the whole call (nothing is written).
    """
    deal_ids, contact_ids = list(deal_ids), list(contact_ids)
    if not deal_ids and not contact_ids:
        raise InvalidInput("name at least one deal or contact to apply the sequence to")
    made: list[SequenceEnrollment] = []
    skipped: list[Skipped] = []
    with store.session() as session:
        sequence = _view(session, get_or_fail(session, SequenceRow, sequence_id, "sequence"))
        for deal_id in deal_ids:
            deal = get_or_fail(session, Deal, deal_id, "deal")
            contact = session.get(Contact, deal.contact_id) if deal.contact_id else None
            reason = None
            if deal.stage in CLOSED_STAGES:
                reason = f"the deal is {deal.stage}"
            elif contact is not None and contact.do_not_contact:
                reason = f"{contact.full_name} opted out of prospecting"
            elif _running(session, deal_id=deal.id, contact_id=contact.id if contact else None):
                reason = "already in a running sequence"
            if reason:
                skipped.append(Skipped(deal.id, deal.contact_id, reason))
                continue
            made.append(_enroll(session, sequence, on, deal, contact))
        for contact_id in contact_ids:
            contact = get_or_fail(session, Contact, contact_id, "contact")
            reason = None
            if contact.do_not_contact:
                reason = f"{contact.full_name} opted out of prospecting"
            elif _running(session, contact_id=contact.id):
                reason = "already in a running sequence"
            if reason:
                skipped.append(Skipped(None, contact.id, reason))
                continue
            made.append(_enroll(session, sequence, on, None, contact))
        views = tuple(_enrollment_view(session, row) for row in made)
    return ApplyResult(views, tuple(skipped))


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
        rows = _running(session, deal_id=deal_id, contact_id=contact_id)
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


OUTREACH_CHANNELS: tuple[str, ...] = ("emailing", "phone", "social")
"""Channels on which an activity reaches out to a person (what an opt-out forbids)."""


def opt_out_contact(session: Session, contact_id: int, on: date) -> tuple[list[Stopped], int]:
    """What opting a contact out does, in the caller's transaction: stop its running sequences
    (reason ``opt_out``) and delete every other open outreach activity planned for it (emails,
    calls, social messages, follow-ups: an opted-out contact is never scheduled for prospecting).
    Meetings, events and notes stay. Returns the stopped enrollments and the other deletions."""
    stopped = stop_enrollments(session, on=on, reason="opt_out", contact_id=contact_id)
    result = session.exec(
        sa.delete(Activity).where(
            col(Activity.contact_id) == contact_id,
            col(Activity.done_on).is_(None),
            col(Activity.channel).in_(OUTREACH_CHANNELS),
        )
    )
    return stopped, result.rowcount or 0


def stop_enrollment(
    store: Store, enrollment_id: int, *, on: date, reason: str = "cancelled"
) -> Stopped:
    """Stop one enrollment by hand (or for any reason of vocabulary.STOP_REASONS)."""
    if reason not in STOP_REASONS:
        raise InvalidInput(f"the stop reason is one of: {', '.join(STOP_REASONS)}")
    with store.session() as session:
        row = get_or_fail(session, SequenceEnrollment, enrollment_id, "enrollment")
        if row.stopped_on is not None:
            raise InvalidInput(f"the enrollment already stopped on {row.stopped_on}")
        (stopped,) = stop_enrollments(session, on=on, reason=reason, enrollment_ids=[row.id])
    return stopped


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
