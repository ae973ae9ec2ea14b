"""Sequences: ordered follow-up steps scheduled from the day a lead is enrolled, and why they stop.

**Scheduling.** Step ``n`` is due ``started_on + relativedelta(months=step.months,
days=step.day_offset)``; with ``skip_weekends`` a due date on a Saturday or a Sunday moves to the
Monday after (so two steps may share a Monday; their order is kept). An opted-out contact is
never scheduled: nothing at all.

**Advancing.** A done activity logged for the lead *completes* the earliest open step of the same
kind (the step's scheduled activity becomes done), unless it is a reply and that step is not due
yet — a reply is the lead's answer coming in, not the next step sent early. When no open step is
left the enrollment is complete.

**Stopping.** A running enrollment stops on the first of:

- ``reply``: a done activity for the lead whose outcome says the lead answered
  (:data:`REPLY_OUTCOMES`: replied, meeting, interested, not interested…; "no answer",
  "voicemail" or "sent" are not replies);
- ``stage_change``: the deal moves to another stage;
- ``opt_out``: the contact opts out of prospecting.

A stopped enrollment keeps its done steps (history) and its open steps are cancelled. In
:func:`run_sequence`, the pure model of that, the steps due before the stop day are taken as done
and the steps due on or after it are cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, KIND_CHANNEL
from pipeline_tui.i18n import _

REPLY_OUTCOMES: frozenset[str] = frozenset(
    {
        "replied",
        "reply",
        "answered",
        "responded",
        "meeting",
        "meeting_booked",
        "interested",
        "not_interested",
        "declined",
        "call_back",
        "callback",
        "referred",
        "unsubscribe",
        "repondu",
        "rdv",
        "interesse",
        "pas_interesse",
    }
)
"""Outcomes (normalised: lower case, spaces and dashes as ``_``, no accents) that mean the lead
answered."""

OUTREACH_CHANNELS: tuple[str, ...] = ("emailing", "phone", "social")
"""Channels on which an activity reaches out to a person (what an opt-out forbids)."""

STOP_PRIORITY: tuple[str, ...] = ("opt_out", "reply", "stage_change")
"""When two stop events fall on the same day, the first of this list is the reason recorded."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a sequence: what to do, and how long after the start."""

    position: int
    day_offset: int
    kind: str
    channel: str
    subject: str = ""
    months: int = 0


@dataclass(frozen=True, slots=True)
class ScheduledStep:
    step: Step
    due_on: date


@dataclass(frozen=True, slots=True)
class StopEvent:
    reason: str  # reply | stage_change | opt_out
    on: date


@dataclass(frozen=True, slots=True)
class SequenceRun:
    """A sequence played from its start: what was scheduled, kept, cancelled, and why it stopped."""

    scheduled: tuple[ScheduledStep, ...]
    kept: tuple[ScheduledStep, ...]
    cancelled: tuple[ScheduledStep, ...]
    stop: StopEvent | None


def check_steps(
    steps: Sequence[tuple[int, str] | tuple[int, str, str] | tuple[int, str, str, str]],
) -> tuple[Step, ...]:
    """The steps of a new sequence from ``(day_offset, kind[, channel[, subject]])``, in the
    order given (positions from 1; the channel defaults to the kind's); ValueError worded for
    the user."""
    if not steps:
        raise ValueError(_("a sequence needs at least one step"))
    checked = []
    for position, raw in enumerate(steps, start=1):
        offset, kind = raw[0], raw[1]
        channel = raw[2] if len(raw) > 2 else KIND_CHANNEL.get(kind, "other")
        subject = raw[3] if len(raw) > 3 else ""
        check_choice(kind, ACTIVITY_KINDS, _("the step kind"))
        check_choice(channel, CHANNELS, _("the step channel"))
        if not isinstance(offset, int) or offset < 0:
            raise ValueError(
                _("step {position}: the day offset is a whole number ≥ 0").format(position=position)
            )
        subject = clean_text(subject, _("the step subject"), max_len=300)
        checked.append(Step(position, offset, kind, channel, subject))
    return tuple(checked)


def normalise_outcome(outcome: str | None) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", (outcome or "").strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "_".join(text.replace("-", " ").replace("'", " ").split())


def is_reply(outcome: str | None) -> bool:
    """True when the outcome says the lead answered (see :data:`REPLY_OUTCOMES`)."""
    return normalise_outcome(outcome) in REPLY_OUTCOMES


def next_working_day(day: date) -> date:
    """The day itself on a weekday; the Monday after on a Saturday or a Sunday."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def step_due(started_on: date, step: Step, *, skip_weekends: bool) -> date:
    """When ``step`` is due for a lead enrolled on ``started_on``."""
    due = started_on + relativedelta(months=step.months, days=step.day_offset)
    return next_working_day(due) if skip_weekends else due


def schedule(
    steps: Iterable[Step], started_on: date, *, skip_weekends: bool, opted_out: bool = False
) -> list[ScheduledStep]:
    """Every step with its due date, in step order; nothing for an opted-out contact."""
    if opted_out:
        return []
    ordered = sorted(steps, key=lambda s: s.position)
    return [ScheduledStep(s, step_due(started_on, s, skip_weekends=skip_weekends)) for s in ordered]


def first_stop(events: Iterable[StopEvent]) -> StopEvent | None:
    """The event that stops the enrollment: the earliest; on the same day, by STOP_PRIORITY."""
    ranked = sorted(events, key=lambda e: (e.on, STOP_PRIORITY.index(e.reason)))
    return ranked[0] if ranked else None


def run_sequence(
    steps: Iterable[Step],
    started_on: date,
    *,
    skip_weekends: bool,
    replied_on: date | None = None,
    stage_changed_on: date | None = None,
    opted_out_on: date | None = None,
) -> SequenceRun:
    """The pure model of an enrollment (module docstring). Events before ``started_on`` count as
    happening on it; a contact opted out on or before the start gets nothing scheduled."""
    if opted_out_on is not None and opted_out_on <= started_on:
        return SequenceRun((), (), (), StopEvent("opt_out", started_on))
    scheduled = tuple(schedule(steps, started_on, skip_weekends=skip_weekends))
    events = [
        StopEvent(reason, max(on, started_on))
        for reason, on in (
            ("reply", replied_on),
            ("stage_change", stage_changed_on),
            ("opt_out", opted_out_on),
        )
        if on is not None
    ]
    stop = first_stop(events)
    if stop is None:
        return SequenceRun(scheduled, scheduled, (), None)
    kept = tuple(s for s in scheduled if s.due_on < stop.on)
    cancelled = tuple(s for s in scheduled if s.due_on >= stop.on)
    return SequenceRun(scheduled, kept, cancelled, stop)


@dataclass(frozen=True, slots=True)
class OpenStep:
    """A scheduled, not yet done step activity of a running enrollment."""

    activity_id: int
    kind: str
    due_on: date


def step_to_complete(
    open_steps: Sequence[OpenStep], kind: str, done_on: date, *, reply: bool
) -> OpenStep | None:
    """The open step a done activity of ``kind`` completes (module docstring: advancing)."""
    for step in sorted(open_steps, key=lambda s: (s.due_on, s.activity_id)):
        if step.kind != kind:
            continue
        if reply and step.due_on > done_on:
            return None
        return step
    return None


STEP_WORDS: dict[str, str] = {
    "emailing": "email",
    "phone": "call",
    "linkedin": "social",
    "follow-up": "follow_up",
    "followup": "follow_up",
}
"""Words a step may be typed with besides an activity kind (a channel names its usual kind)."""

MAX_STEP_DAY = 3650
STEPS_EXAMPLE = "email:0, call:3, email:7, social:14"  # not shown: grammar words, any language


def parse_steps(text: str) -> list[tuple[int, str]]:
    """``email:0, call:3, email:7`` → ``[(0, "email"), (3, "call"), (7, "email")]``: each step is
    ``KIND:DAY`` (the kind, or a channel for its usual kind; the day counted from the enrolment),
    separated by commas or spaces. ValueError naming the word that is wrong."""
    words = [w for w in text.replace(",", " ").replace(";", " ").split() if w]
    if not words:
        raise ValueError(
            _("a sequence needs at least one step, e.g. {example}").format(example=STEPS_EXAMPLE)
        )
    steps = []
    for word in words:
        kind_text, colon, day_text = word.partition(":")
        if not colon:
            raise ValueError(
                _("{word}: write each step as KIND:DAY, e.g. call:3").format(word=repr(word))
            )
        kind = STEP_WORDS.get(kind_text.strip().lower(), kind_text.strip().lower())
        if kind not in ACTIVITY_KINDS:
            kinds = ", ".join(ACTIVITY_KINDS)
            raise ValueError(
                _("{kind} in {word} is not a step kind (one of: {kinds})").format(
                    kind=repr(kind_text), word=repr(word), kinds=kinds
                )
            )
        day_text = day_text.strip().lower().removeprefix("day").removeprefix("+")
        if not day_text.isdigit():
            raise ValueError(
                _("{word}: the day after the colon is a whole number ≥ 0").format(word=repr(word))
            )
        if int(day_text) > MAX_STEP_DAY:
            raise ValueError(
                _("{word}: a step is at most {max} days after the start").format(
                    word=repr(word), max=MAX_STEP_DAY
                )
            )
        steps.append((int(day_text), kind))
    return steps


def format_steps(steps: Iterable[Step]) -> str:
    """The steps as they are typed: ``email:0, call:3``."""
    return ", ".join(f"{s.kind}:{s.day_offset}" for s in sorted(steps, key=lambda s: s.position))
