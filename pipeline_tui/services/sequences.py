"""Sequences: apply one to leads, see the remaining steps, stop it (reply, stage change, opt-out).

Scheduling and the stop rules are ``domain.sequence``'s; the rows are written by
``store.writes.sequences`` and read by ``store.queries.sequences``. Each scheduled step is an
``Activity`` with the enrollment's id, due on the step's date. **Stopping** an enrollment records
the day and the reason and *deletes its not-yet-done activities*: they were only a plan, and
leaving them would keep prospecting someone who answered, moved on or opted out. Done steps stay
as history. ``store.writes.sequences.stop_enrollments`` works inside the caller's session so
that a stage move or an opt-out and the stop are one transaction. An opt-out
(``opt_out_contact``) also deletes the other outreach still planned for the contact (follow-ups,
planned emails and calls).

**The automatic stops**, each in the transaction of the write that causes it:

- a reply: every service that records a done activity (``services.activities`` add, complete and
  edit; ``services.quicklog``) calls :func:`activity_done`, the one place that decides: a done
  activity whose outcome is a reply (``domain.sequence.is_reply``) stops the running enrollments
  of its contact and of its deal (reason ``reply``); a done step that was the last open one
  completes its enrollment;
- a stage change: ``services.deals.move_deal`` stops the deal's enrollments (``stage_change``);
- an opt-out: ``services.clients.set_do_not_contact`` calls :func:`opt_out_contact`, and
  forgetting a contact (``services.transfer.forget``) does the same on its own connection.

**Editing** a sequence's steps changes what the next enrollments schedule; the enrollments
already made keep the activities they were given. **Removing** a sequence stops its running
enrollments (reason ``cancelled``: their open steps are deleted), then deletes it with its
enrollments; the activities already done stay, as history, no longer linked to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict, Unpack

from pipeline_tui.domain.log_target import Named
from pipeline_tui.domain.quicklog import default_subject
from pipeline_tui.domain.sequence import (
    OUTREACH_CHANNELS,
    Step,
    check_steps,
    is_reply,
    parse_steps,
    schedule,
)
from pipeline_tui.domain.validate import clean_text
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, STOP_REASONS
from pipeline_tui.errors import Ambiguous, InvalidInput, NotFound
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.common import checked, did_you_mean, found, not_found_with_hints
from pipeline_tui.services.resolve import contact_in, deal_in, pick
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import sequences as views
from pipeline_tui.store.queries.sequences import EnrollmentView, SequenceView
from pipeline_tui.store.reader import Reader, ReadSource
from pipeline_tui.store.writes import sequences as writes
from pipeline_tui.store.writes.sequences import StepActivity, Stopped

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Activity, Contact, Deal


# Why a deal is not enrolled: "the deal is won".
CLOSED_DEAL = {"won": N_("the deal is won"), "lost": N_("the deal is lost")}


@dataclass(frozen=True)
class Skipped:
    """A lead the sequence was not applied to, and why."""

    deal_id: int | None
    contact_id: int | None
    reason: str
    opted_out: bool = False  # the contact opted out of prospecting


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
        return found(views.sequence(q, sequence_id), "sequence", sequence_id)


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
    name = checked(clean_text, name, _("the sequence name"), required=True)
    checked_steps = checked(check_steps, steps)
    with store.session() as session:
        if writes.name_taken(session, name):
            raise InvalidInput(_("a sequence named {name} already exists").format(name=repr(name)))
        sequence_id = writes.add_sequence(session, name, checked_steps, skip_weekends=skip_weekends)
    return SequenceView(sequence_id, name, skip_weekends, checked_steps)


# --- enrollments --------------------------------------------------------------------------------


class EnrollmentFilters(TypedDict, total=False):
    """Whose enrollments ``enrollments`` lists: the query's filters, passed on as they are."""

    deal_id: int | None
    contact_id: int | None
    running_only: bool


def enrollments(source: ReadSource, **filters: Unpack[EnrollmentFilters]) -> list[EnrollmentView]:
    """Enrollments of a deal or a contact (all when neither is given), newest first."""
    with source.read() as q:
        return views.enrollments(q, **filters)


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
        raise InvalidInput(_("name at least one deal or contact to apply the sequence to"))
    made: list[int] = []
    skipped: list[Skipped] = []
    with store.session() as session:
        sequence = found(views.sequence(reader_in(session), sequence_id), "sequence", sequence_id)
        for deal_id in deal_ids:
            deal, contact = writes.deal_and_contact(session, deal_id)
            reason = None
            opted_out = contact is not None and contact.do_not_contact
            if deal.stage in CLOSED_STAGES:
                reason = _(CLOSED_DEAL[deal.stage])
            elif opted_out:
                reason = _("{name} opted out of prospecting").format(name=contact.full_name)
            elif writes.running_enrollments(
                session, deal_id=deal.id, contact_id=contact.id if contact else None
            ):
                reason = _("already in a running sequence")
            if reason:
                skipped.append(Skipped(deal.id, deal.contact_id, reason, opted_out))
                continue
            made.append(_enroll(session, sequence, on, deal, contact))
        for contact_id in contact_ids:
            contact = writes.contact_or_fail(session, contact_id)
            reason = None
            if contact.do_not_contact:
                reason = _("{name} opted out of prospecting").format(name=contact.full_name)
            elif writes.running_enrollments(session, contact_id=contact.id):
                reason = _("already in a running sequence")
            if reason:
                skipped.append(Skipped(None, contact.id, reason, contact.do_not_contact))
                continue
            made.append(_enroll(session, sequence, on, None, contact))
        by_id = {v.id: v for v in views.enrollments(reader_in(session), ids=made)}
    return ApplyResult(tuple(by_id[i] for i in made), tuple(skipped))


def opt_out_contact(session: Session, contact_id: int, on: date) -> tuple[list[Stopped], int]:
    """What opting a contact out does, in the caller's transaction: stop its running sequences
    (reason ``opt_out``) and delete every other open outreach activity planned for it (emails,
    calls, social messages, follow-ups: an opted-out contact is never scheduled for prospecting).
    Meetings, events and notes stay. Returns the stopped enrollments and the other deletions."""
    stopped = writes.stop_enrollments(session, on=on, reason="opt_out", contact_id=contact_id)
    return stopped, writes.cancel_open_outreach(session, contact_id, OUTREACH_CHANNELS)


def stop_enrollment(
    store: Store, enrollment_id: int, *, on: date, reason: str = "cancelled"
) -> Stopped:
    """Stop one enrollment by hand (or for any reason of vocabulary.STOP_REASONS)."""
    if reason not in STOP_REASONS:
        raise InvalidInput(
            _("the stop reason is one of: {reasons}").format(reasons=", ".join(STOP_REASONS))
        )
    with store.session() as session:
        row = writes.enrollment_or_fail(session, enrollment_id)
        if row.stopped_on is not None:
            raise InvalidInput(
                _("the enrollment already stopped on {day}").format(day=row.stopped_on)
            )
        (stopped,) = writes.stop_enrollments(session, on=on, reason=reason, enrollment_ids=[row.id])
    return stopped


# --- what a user types: define, edit, remove, enrol, stop ---------------------------------------


def sequence_in(q: Reader, text: str) -> int:
    """The id of the sequence ``text`` designates (``#id`` or its name)."""
    return pick(text, "sequence", [Named("sequence", i, n) for i, n in views.sequence_names(q)])


def resolve_sequence(source: ReadSource, text: str) -> int:
    with source.read() as q:
        return sequence_in(q, text)


def define_sequence(
    store: Store, name: str, steps_text: str, *, skip_weekends: bool = True
) -> SequenceView:
    """A sequence from its name and its steps typed as ``email:0, call:3, email:7``."""
    steps = checked(parse_steps, steps_text)
    return create_sequence(store, name, steps, skip_weekends=skip_weekends)


def edit_sequence(
    store: Store, sequence_id: int, *, name: str | None = None, steps_text: str | None = None
) -> SequenceView:
    """Rename the sequence and/or replace its steps (module docstring: the enrollments already
    made keep their activities)."""
    clean_name = checked(clean_text, name, _("the sequence name"), required=True) if name else None
    steps = checked(check_steps, checked(parse_steps, steps_text)) if steps_text else None
    with store.session() as session:
        row = writes.sequence_or_fail(session, sequence_id)
        renamed = clean_name and clean_name.lower() != row.name.lower()
        if renamed and writes.name_taken(session, clean_name):
            raise InvalidInput(
                _("a sequence named {name} already exists").format(name=repr(clean_name))
            )
        if clean_name:
            row.name = clean_name
            session.add(row)
        if steps is not None:
            writes.replace_steps(session, sequence_id, steps)
        session.flush()
        return views.sequence(reader_in(session), sequence_id)


@dataclass(frozen=True)
class SequenceRemoval:
    name: str
    stopped: tuple[Stopped, ...]
    enrollments: int


def sequence_removal(source: ReadSource, sequence_id: int) -> tuple[SequenceView, int, int]:
    """What removing the sequence takes along: the sequence, its enrollments, the running ones."""
    sequence = get_sequence(source, sequence_id)
    with source.read() as q:
        made = views.enrollments(q, sequence_id=sequence_id)
    return sequence, len(made), sum(1 for e in made if e.running)


def remove_sequence(store: Store, sequence_id: int, *, on: date) -> SequenceRemoval:
    """Stop the running enrollments (their open steps deleted), delete the sequence and its
    enrollments; done activities stay. One transaction."""
    with store.session() as session:
        row = writes.sequence_or_fail(session, sequence_id)
        name = row.name
        running = writes.running_of_sequence(session, sequence_id)
        stopped = writes.stop_enrollments(
            session, on=on, reason="cancelled", enrollment_ids=running
        )
        made = len(views.enrollments(reader_in(session), sequence_id=row.id))
        writes.delete_sequence(session, sequence_id)
    return SequenceRemoval(name, tuple(stopped), made)


def lead_in(q: Reader, text: str) -> tuple[int | None, int | None]:
    """``(deal_id, contact_id)`` of the lead ``text`` designates: a contact or a deal, by
    ``#id`` or exact name; ``contact:…`` or ``deal:…`` says which when both answer."""
    head, colon, rest = text.partition(":")
    if colon and head.strip().lower() in ("contact", "deal"):
        if head.strip().lower() == "deal":
            return deal_in(q, rest), None
        return None, contact_in(q, rest)
    found: list[tuple[int | None, int | None]] = []
    misses: list[NotFound] = []
    for resolve, make in (
        (contact_in, lambda i: (None, i)),
        (deal_in, lambda i: (i, None)),
    ):
        try:
            found.append(make(resolve(q, text)))
        except NotFound as miss:
            misses.append(miss)
    if len(found) == 1:
        return found[0]
    if found:
        name = text.strip()
        raise Ambiguous(
            _("{quoted} is both a contact and a deal: write contact:{name} or deal:{name}").format(
                quoted=repr(name), name=name
            )
        )
    hints = ", ".join(m.hints for m in misses if getattr(m, "hints", ""))
    none = _("no contact or deal named {name}").format(name=repr(text.strip()))
    raise NotFound(none + did_you_mean(hints))


def enroll(
    store: Store,
    sequence_id: int,
    *,
    on: date,
    deal_id: int | None = None,
    contact_id: int | None = None,
) -> EnrollmentView:
    """Enrol one contact or one deal, scheduling every step from ``on``; refused (InvalidInput,
    nothing written) for an opted-out contact, a closed deal, or a lead already in a running
    sequence."""
    result = apply_sequence(
        store,
        sequence_id,
        on=on,
        deal_ids=[deal_id] if deal_id is not None else [],
        contact_ids=[contact_id] if contact_id is not None else [],
    )
    if result.skipped:
        skipped = result.skipped[0]
        if skipped.opted_out:
            raise InvalidInput(
                _("{reason}: an opted-out contact is never enrolled").format(reason=skipped.reason)
            )
        raise InvalidInput(_("not enrolled: {reason}").format(reason=skipped.reason))
    return result.enrollments[0]


def enroll_named(store: Store, sequence: str, lead: str, *, on: date) -> EnrollmentView:
    """``enroll`` with the sequence and the lead as a user names them."""
    with store.read() as q:
        sequence_id = sequence_in(q, sequence)
        deal_id, contact_id = lead_in(q, lead)
    return enroll(store, sequence_id, on=on, deal_id=deal_id, contact_id=contact_id)


def activity_done(session: Session, activity: Activity) -> tuple[list[Stopped], bool]:
    """What a done activity does to the sequences (module docstring: the automatic stops), in
    the caller's transaction: a reply stops the running enrollments of its contact and its deal;
    the last open step done completes its enrollment. The stopped enrollments, and whether one
    was completed."""
    if activity.done_on is None:
        return [], False
    session.flush()
    if is_reply(activity.outcome) and (activity.contact_id or activity.deal_id):
        stopped = writes.stop_enrollments(
            session,
            on=activity.done_on,
            reason="reply",
            contact_id=activity.contact_id,
            deal_id=activity.deal_id,
        )
        return stopped, False
    if activity.enrollment_id is not None:
        return [], writes.complete_if_done(session, activity.enrollment_id, activity.done_on)
    return [], False
