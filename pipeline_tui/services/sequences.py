"""Sequences: apply one to leads, see the remaining steps, stop it (reply, stage change, opt-out).

Scheduling and the stop rules are ``domain.sequence``'s; the rows are written by
``store.writes.sequences`` and read by ``store.queries.sequences``. Each scheduled step is an
``Activity`` with the enrollment's id, due on the step's date. **Stopping** an enrollment records
the day and the reason and *deletes its not-yet-done activities*: they were only a plan, and
leaving them would keep prospecting someone who answered, moved on or opted out. Done steps stay
as history. ``stop_enrollments`` works inside the caller's session so that a stage move or an
opt-out and the stop are one transaction. An opt-out (``opt_out_contact``) also deletes the other
outreach still planned for the contact (follow-ups, planned emails and calls).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.quicklog import default_subject
from pipeline_tui.domain.sequence import OUTREACH_CHANNELS, Step, check_steps, schedule
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, STOP_REASONS
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.common import checked, not_found_with_hints
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import sequences as views
from pipeline_tui.store.queries.sequences import EnrollmentView, SequenceView
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import sequences as writes
from pipeline_tui.store.writes.sequences import StepActivity, Stopped

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Contact, Deal


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


# --- sequences ----------------------------------------------------------------------------------


def list_sequences(source: ReadSource) -> list[SequenceView]:
    with source.read() as q:
        return views.sequences(q)


def get_sequence(source: ReadSource, sequence_id: int) -> SequenceView:
    with source.read() as q:
        found = views.sequence(q, sequence_id)
    if found is None:
        raise NotFound(f"there is no sequence #{sequence_id}")
    return found


def find_sequence(source: ReadSource, name: str) -> SequenceView:
    """The sequence with this name (case-insensitive); the error lists close matches."""
    with source.read() as q:
        names = views.sequence_names(q)
        for sequence_id, found in names:
            if found.lower() == name.strip().lower():
                return views.sequence(q, sequence_id)
    raise not_found_with_hints("sequence", name, [found for _, found in names])


def create_sequence(
    store: Store,
    name: str,
    steps: Sequence[tuple[int, str] | tuple[int, str, str] | tuple[int, str, str, str]],
    *,
    skip_weekends: bool = True,
) -> SequenceView:
    """A sequence of ``(day_offset, kind[, channel[, subject]])`` steps, in the order given."""
    name = checked(clean_text, name, "the sequence name", required=True)
    checked_steps = checked(check_steps, steps)
    with store.session() as session:
        if writes.name_taken(session, name):
            raise InvalidInput(f"a sequence named {name!r} already exists")
        sequence_id = writes.add_sequence(session, name, checked_steps, skip_weekends=skip_weekends)
    return SequenceView(sequence_id, name, skip_weekends, checked_steps)


# --- enrollments --------------------------------------------------------------------------------


def enrollments(
    source: ReadSource,
    *,
    deal_id: int | None = None,
    contact_id: int | None = None,
    running_only: bool = False,
) -> list[EnrollmentView]:
    """Enrollments of a deal or a contact (all when neither is given), newest first."""
    with source.read() as q:
        return views.enrollments(
            q, deal_id=deal_id, contact_id=contact_id, running_only=running_only
        )


def deal_sequence(source: ReadSource, deal_id: int) -> EnrollmentView | None:
    """The deal's latest enrollment, with its remaining steps (what the deal view shows)."""
    found = enrollments(source, deal_id=deal_id)
    return found[0] if found else None


def _step_subject(step: Step, who: str) -> str:
    subject = f"{step.subject} — {who}" if step.subject else default_subject(step.kind, who)
    return subject[:300]


def _enroll(
    session: Session,
    sequence: SequenceView,
    on: date,
    deal: Deal | None,
    contact: Contact | None,
) -> int:
    if contact is not None:
        who = contact.full_name
    else:
        who = deal.title if deal is not None else ""
    opted_out = contact is not None and contact.do_not_contact
    planned = schedule(
        sequence.steps, on, skip_weekends=sequence.skip_weekends, opted_out=opted_out
    )
    return writes.enroll(
        session,
        sequence.id,
        on,
        deal_id=deal.id if deal else None,
        contact_id=contact.id if contact else None,
        client_id=deal.client_id if deal else (contact.client_id if contact else None),
        steps=[
            StepActivity(p.step.kind, p.step.channel, _step_subject(p.step, who), p.due_on)
            for p in planned
        ],
    )


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
    made: list[int] = []
    skipped: list[Skipped] = []
    with store.session() as session:
        sequence = views.sequence(reader_in(session), sequence_id)
        if sequence is None:
            raise NotFound(f"there is no sequence #{sequence_id}")
        for deal_id in deal_ids:
            deal, contact = writes.deal_and_contact(session, deal_id)
            reason = None
            if deal.stage in CLOSED_STAGES:
                reason = f"the deal is {deal.stage}"
            elif contact is not None and contact.do_not_contact:
                reason = f"{contact.full_name} opted out of prospecting"
            elif writes.running_enrollments(
                session, deal_id=deal.id, contact_id=contact.id if contact else None
            ):
                reason = "already in a running sequence"
            if reason:
                skipped.append(Skipped(deal.id, deal.contact_id, reason))
                continue
            made.append(_enroll(session, sequence, on, deal, contact))
        for contact_id in contact_ids:
            contact = writes.contact_or_fail(session, contact_id)
            reason = None
            if contact.do_not_contact:
                reason = f"{contact.full_name} opted out of prospecting"
            elif writes.running_enrollments(session, contact_id=contact.id):
                reason = "already in a running sequence"
            if reason:
                skipped.append(Skipped(None, contact.id, reason))
                continue
            made.append(_enroll(session, sequence, on, None, contact))
        found = {v.id: v for v in views.enrollments(reader_in(session), ids=made)}
    return ApplyResult(tuple(found[i] for i in made), tuple(skipped))


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
    return writes.stop_enrollments(
        session,
        on=on,
        reason=reason,
        deal_id=deal_id,
        contact_id=contact_id,
        enrollment_ids=enrollment_ids,
    )


def opt_out_contact(session: Session, contact_id: int, on: date) -> tuple[list[Stopped], int]:
    """What opting a contact out does, in the caller's transaction: stop its running sequences
    (reason ``opt_out``) and delete every other open outreach activity planned for it (emails,
    calls, social messages, follow-ups: an opted-out contact is never scheduled for prospecting).
    Meetings, events and notes stay. Returns the stopped enrollments and the other deletions."""
    stopped = stop_enrollments(session, on=on, reason="opt_out", contact_id=contact_id)
    return stopped, writes.cancel_open_outreach(session, contact_id, OUTREACH_CHANNELS)


def stop_enrollment(
    store: Store, enrollment_id: int, *, on: date, reason: str = "cancelled"
) -> Stopped:
    """Stop one enrollment by hand (or for any reason of vocabulary.STOP_REASONS)."""
    if reason not in STOP_REASONS:
        raise InvalidInput(f"the stop reason is one of: {', '.join(STOP_REASONS)}")
    with store.session() as session:
        row = writes.enrollment_or_fail(session, enrollment_id)
        if row.stopped_on is not None:
            raise InvalidInput(f"the enrollment already stopped on {row.stopped_on}")
        (stopped,) = writes.stop_enrollments(session, on=on, reason=reason, enrollment_ids=[row.id])
    return stopped
