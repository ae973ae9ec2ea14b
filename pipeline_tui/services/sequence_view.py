"""Sequences as the user sees them: each with its enrollments, and where each enrollment stands
(next step, done steps, stopped and why); the words and the JSON the CLI and the TUI share."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, ngettext
from pipeline_tui.store.queries import sequences as views
from pipeline_tui.store.queries import targets
from pipeline_tui.store.queries.sequences import EnrollmentView, SequenceView
from pipeline_tui.store.reader import ReadSource


@dataclass(frozen=True)
class SequenceState:
    """A sequence with its enrollments, newest first (what ``sequence list`` shows)."""

    sequence: SequenceView
    enrollments: tuple[EnrollmentView, ...]


def sequences_with_enrollments(source: ReadSource) -> list[SequenceState]:
    """Every sequence by name, each with its enrollments and where each stands."""
    with source.read() as q:
        found = views.sequences(q)
        made = views.enrollments(q)
    by_sequence: dict[int, list[EnrollmentView]] = {}
    for e in made:
        by_sequence.setdefault(e.sequence_id, []).append(e)
    return [SequenceState(s, tuple(by_sequence.get(s.id, ()))) for s in found]


STOP_WORDS = {
    "reply": N_("the lead replied"),
    "stage_change": N_("the deal changed stage"),
    "opt_out": N_("the contact opted out"),
    "completed": N_("every step done"),
    "cancelled": N_("by hand"),
}


def standing(enrollment: EnrollmentView) -> str:
    """Where an enrollment stands, in words: ``1 done, next: call due 30 Nov 2026`` or
    ``stopped 27 Nov 2026: the lead replied (1 done)``."""
    done = sum(1 for s in enrollment.steps if s.done_on is not None)
    if not enrollment.running:
        reason = enrollment.stop_reason or ""
        why = _(STOP_WORDS[reason]) if reason in STOP_WORDS else reason or "?"
        if reason == "completed":
            head = ngettext(
                "complete {day}: {why} ({count} done)", "complete {day}: {why} ({count} done)", done
            )
        else:
            head = ngettext(
                "stopped {day}: {why} ({count} done)", "stopped {day}: {why} ({count} done)", done
            )
        return head.format(day=format_day(enrollment.stopped_on), why=why, count=done)
    left = enrollment.remaining
    if not left:
        return ngettext(
            "{count} done, nothing scheduled", "{count} done, nothing scheduled", done
        ).format(count=done)
    step = left[0]
    return ngettext(
        "{count} done, next: {kind} due {day} ({left} to go)",
        "{count} done, next: {kind} due {day} ({left} to go)",
        done,
    ).format(count=done, kind=label(step.kind), day=format_day(step.due_on), left=len(left))


def enrollment_json(e: EnrollmentView) -> dict[str, object]:
    nxt = e.remaining[0] if e.running and e.remaining else None
    return {
        "id": e.id,
        "sequence_id": e.sequence_id,
        "sequence": e.sequence_name,
        "contact_id": e.contact_id,
        "contact": e.contact_name,
        "deal_id": e.deal_id,
        "deal": e.deal_title,
        "started_on": e.started_on.isoformat(),
        "running": e.running,
        "stopped_on": e.stopped_on.isoformat() if e.stopped_on else None,
        "stop_reason": e.stop_reason,
        "done_steps": sum(1 for s in e.steps if s.done_on is not None),
        "next_step": None
        if nxt is None
        else {"kind": nxt.kind, "due_on": nxt.due_on.isoformat() if nxt.due_on else None},
        "steps": [
            {
                "activity_id": s.id,
                "kind": s.kind,
                "channel": s.channel,
                "due_on": s.due_on.isoformat() if s.due_on else None,
                "done_on": s.done_on.isoformat() if s.done_on else None,
                "outcome": s.outcome,
            }
            for s in e.steps
        ],
    }


def sequence_json(state: SequenceState) -> dict[str, object]:
    s = state.sequence
    return {
        "id": s.id,
        "name": s.name,
        "skip_weekends": s.skip_weekends,
        "steps": [
            {"position": st.position, "day": st.day_offset, "kind": st.kind, "channel": st.channel}
            for st in s.steps
        ],
        "enrollments": [enrollment_json(e) for e in state.enrollments],
    }


def lead_names(source: ReadSource) -> tuple[str, ...]:
    """The names a lead can be enrolled by (contacts, then deal titles), for suggestions."""
    with source.read() as q:
        contacts, deals = targets.contact_targets(q), targets.deal_targets(q)
    names = dict.fromkeys(n.name for n in (*contacts, *deals) if n.name)
    return tuple(names)
