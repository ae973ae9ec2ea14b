"""Logging an activity from one line of text (``pipeline-tui log`` and the TUI's log bar).

The text is parsed by ``domain.quicklog``; this module resolves who it was with, writes the
activity, advances or stops the lead's sequence, and schedules the follow-up — in one transaction.

- **Who.** The words after the kind name a contact (first and last name, in either order) or a
  client, case- and accent-insensitively: an exact name first, else the one name that contains
  the words (``domain.log_target``). Several matches or none is an error that lists the
  candidates.
- **Which deal.** ``deal:ID`` (its contact too, when no one is named); otherwise the deal of
  the contact's running sequence, else the contact's (or the client's) only open deal; otherwise
  none.
- **Sequence.** A done activity completes the matching open step of the contact's or deal's
  running sequence (``domain.sequence``: advancing) instead of adding a row; a reply stops every
  running sequence of that contact and deal; the last step done completes the enrollment.
- **Opt-out.** Logging done outreach (email, phone, social) to an opted-out contact is recorded
  — it happened — but comes back with a warning; planning outreach for them is refused, and no
  follow-up is ever scheduled for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.log_target import match_target
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.quicklog import QuickLog, default_subject, describe, parse_quicklog
from pipeline_tui.domain.sequence import OUTREACH_CHANNELS, is_reply, step_to_complete
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.i18n import _, ngettext, said_twice
from pipeline_tui.services.common import checked, close_matches, did_you_mean
from pipeline_tui.services.sequences import activity_done
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries.targets import log_targets
from pipeline_tui.store.writes import quicklog as writes
from pipeline_tui.store.writes.sequences import (
    Stopped,
    open_steps,
    running_enrollments,
)

if TYPE_CHECKING:
    from sqlmodel import Session

    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Activity, Client, Contact, Deal


@dataclass(frozen=True)
class LogResult:
    """What one log line did."""

    entry: QuickLog
    activity: Activity
    contact_name: str | None
    client_name: str | None
    deal_title: str | None
    completed_step: bool
    completed_sequence: bool
    stopped: tuple[Stopped, ...]
    follow_up: Activity | None
    warnings: tuple[str, ...]

    def lines(self, today: date) -> list[str]:
        """The result in words, one fact per line (the CLI prints them, the TUI shows them)."""
        a = self.activity
        if a.done_on:
            state = _("done {day}").format(day=format_day(a.done_on))
        else:
            state = _("due {day}").format(day=format_day(a.due_on))
        names = [n for n in (self.contact_name, self.client_name) if n and n not in a.subject]
        kind = _("{kind} ({channel})").format(kind=label(a.kind), channel=label(a.channel))
        facts = ", ".join([kind, *names, state])
        head = _("Logged: {subject} — {facts}") if a.done_on else _("Planned: {subject} — {facts}")
        lines = [head.format(subject=a.subject, facts=facts)]
        if a.outcome:
            lines.append("  " + _("outcome: {outcome}").format(outcome=a.outcome))
        if self.deal_title:
            lines.append(
                "  " + _("deal #{id}: {title}").format(id=a.deal_id, title=self.deal_title)
            )
        if self.completed_step:
            lines.append("  " + _("a step of the running sequence is done"))
        if self.completed_sequence:
            lines.append("  " + _("the sequence is complete"))
        for stop in self.stopped:
            stopped = ngettext(
                "sequence “{name}” stopped ({reason}); {count} planned step cancelled",
                "sequence “{name}” stopped ({reason}); {count} planned steps cancelled",
                stop.cancelled,
            )
            lines.append(
                "  "
                + stopped.format(
                    name=stop.sequence_name, reason=label(stop.reason), count=stop.cancelled
                )
            )
        if self.follow_up is not None:
            due = format_day(self.follow_up.due_on)
            lines.append("  " + _("follow-up due {day}").format(day=due))
        return lines


def resolve_target(session: Session, target: str) -> tuple[Contact | None, Client | None]:
    """The contact or client ``target`` names (module docstring); NotFound / InvalidInput."""
    contacts, clients = log_targets(reader_in(session))
    found = checked(match_target, target, contacts, clients)
    if found is None:
        hints = ", ".join(close_matches(target, [c.name for c in (*contacts, *clients)]))
        none = _("no contact or client named {name}").format(name=repr(target))
        raise NotFound(none + did_you_mean(hints))
    if found.kind == "client":
        return None, writes.get_client(session, found.id)
    contact = writes.get_contact(session, found.id)
    return contact, writes.get_client(session, contact.client_id) if contact.client_id else None


def _pick_deal(
    session: Session,
    entry: QuickLog,
    contact: Contact | None,
    client: Client | None,
) -> Deal | None:
    if entry.deal_id is not None:
        deal = writes.deal_or_fail(session, entry.deal_id)
        if client is not None and deal.client_id != client.id:
            raise InvalidInput(
                _("deal #{id} is not with {client}").format(id=deal.id, client=client.name)
            )
        return deal
    if contact is not None:
        for enrollment in running_enrollments(session, contact_id=contact.id):
            if enrollment.deal_id is not None:
                return writes.get_deal(session, enrollment.deal_id)
        open_deals = writes.open_deals(session, contact_id=contact.id)
    elif client is not None:
        open_deals = writes.open_deals(session, client_id=client.id)
    else:
        return None
    return open_deals[0] if len(open_deals) == 1 else None


def log_entry(store: Store, entry: QuickLog, today: date) -> LogResult:
    """Write a parsed entry (module docstring: who, which deal, the sequence, the opt-out)."""
    warnings: list[str] = []
    stopped: list[Stopped] = []
    completed_step = completed_sequence = False
    follow_up = None
    with store.session() as session:
        contact = client = None
        if entry.target:
            contact, client = resolve_target(session, entry.target)
        deal = _pick_deal(session, entry, contact, client)
        if deal is not None:
            client = client or writes.get_client(session, deal.client_id)
            if contact is None and entry.deal_id is not None and deal.contact_id is not None:
                contact = writes.get_contact(session, deal.contact_id)
        opted_out = contact is not None and contact.do_not_contact
        if opted_out and entry.planned and entry.channel in OUTREACH_CHANNELS:
            raise InvalidInput(
                _("{name} opted out of prospecting: nothing can be planned for them").format(
                    name=contact.full_name
                )
            )
        if opted_out and entry.channel in OUTREACH_CHANNELS:
            if contact.do_not_contact_on:
                since = contact.do_not_contact_on
                warning = said_twice(
                    "{name} opted out of prospecting on {day}: logged anyway, "
                    "but do not prospect them",
                    name=contact.full_name,
                    day=lambda: format_day(since),
                )
            else:
                warning = said_twice(
                    "{name} opted out of prospecting: logged anyway, but do not prospect them",
                    name=contact.full_name,
                )
            warnings.append(warning)
        who = contact.full_name if contact else (client.name if client else entry.target)
        subject = entry.subject or default_subject(entry.kind, who)

        activity = None
        enrollments = []
        if not entry.planned and (contact is not None or deal is not None):
            enrollments = running_enrollments(
                session,
                contact_id=contact.id if contact else None,
                deal_id=deal.id if deal else None,
            )
            step = step_to_complete(
                open_steps(session, [e.id for e in enrollments]),
                entry.kind,
                entry.done_on,
                reply=is_reply(entry.outcome),
            )
            if step is not None:
                activity = writes.complete_step(
                    session,
                    step.activity_id,
                    done_on=entry.done_on,
                    outcome=entry.outcome,
                    notes=entry.notes,
                    subject=entry.subject,
                )
                completed_step = True
        if activity is None:
            activity = writes.add_activity(
                session,
                kind=entry.kind,
                channel=entry.channel,
                subject=subject[:300],
                due_on=entry.due_on,
                done_on=entry.done_on,
                outcome=entry.outcome,
                notes=entry.notes,
                client_id=client.id if client else None,
                contact_id=contact.id if contact else None,
                deal_id=deal.id if deal else None,
            )

        # a reply stops the lead's sequences; the last step done completes its enrollment
        stopped, completed_sequence = activity_done(session, activity)

        if entry.next_on is not None:
            if opted_out:
                warnings.append(
                    said_twice("no follow-up scheduled: {name} opted out", name=contact.full_name)
                )
            else:
                follow_up = writes.add_activity(
                    session,
                    kind="follow_up",
                    channel=entry.channel,
                    subject=_("Follow up: {name}").format(name=who) if who else _("Follow up"),
                    due_on=entry.next_on,
                    client_id=activity.client_id,
                    contact_id=activity.contact_id,
                    deal_id=activity.deal_id,
                )
        return LogResult(
            entry=entry,
            activity=activity,
            contact_name=contact.full_name if contact else None,
            client_name=client.name if client else None,
            deal_title=deal.title if deal else None,
            completed_step=completed_step,
            completed_sequence=completed_sequence,
            stopped=tuple(stopped),
            follow_up=follow_up,
            warnings=tuple(warnings),
        )


def log_text(store: Store, text: str, today: date) -> LogResult:
    """Parse and write one log line; InvalidInput with the parser's message on bad text."""
    parsed = parse_quicklog(text, today)
    if not parsed.ok:
        raise InvalidInput(parsed.message)
    return log_entry(store, parsed.entry, today)


def preview(text: str, today: date) -> tuple[bool, str]:
    """``(ok, words)``: what the text would log, or what is wrong with it (no database)."""
    parsed = parse_quicklog(text, today)
    if parsed.ok:
        return True, describe(parsed.entry, today)
    return False, parsed.message
