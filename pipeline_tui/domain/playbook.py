"""The end-of-collaboration playbook (DESIGN.md, "End of a collaboration"): plain Python.

- which running mission a client ends early (``mission_to_end``);
- the default offboarding template: DESIGN.md's ten steps, each dated relative to the day notice
  was given or to the end date, how a template is edited, and how it turns into a dated
  checklist that closes when every item is done;
- post-mortem lessons: a training to take is a dated task;
- the survey message, filled in from an editable ``string.Template`` ($client, $contact,
  $mission), and its ``mailto:`` URL or ``.eml`` text (the product sends no mail itself).

The case-study draft is ``domain.case_study``.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol
from urllib.parse import quote

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.revenue import Dated, endable_missions
from pipeline_tui.domain.vocabulary import PLAYBOOK_ANCHORS, SURVEY_KINDS, SURVEY_SCALE_RANGE
from pipeline_tui.i18n import N_, _

DEFAULT_NOTICE_DAYS = 30
"""The notice proposed by the form when the user gives none."""

MAX_NOTICE_DAYS = 365

END_REASON_LABELS: dict[str, str] = {
    "dissatisfaction": N_("Not satisfied"),
    "competitor": N_("A competitor's better offer"),
    "scope_creep_refused": N_("Scope creep, new proposal refused"),
    "insourcing": N_("Insourcing"),
    "budget": N_("Budget"),
    "other": N_("Other (say why in the note)"),
}
"""How the end form words each of vocabulary.END_REASONS (messages: ``_(label)`` where shown)."""


class EndableMission(Dated, Protocol):
    """A mission as the choice of the one to end needs it: a dated mission with its id and
    title."""

    @property
    def id(self) -> int | None: ...

    @property
    def title(self) -> str: ...


def mission_to_end(missions: Iterable[EndableMission], today: date, client_name: str) -> int:
    """The id of the client's one mission that can be ended early on ``today``
    (``domain.revenue.can_end_early``); a ValueError naming the candidates when there are
    several (by start, then id), or when there is none."""
    running = sorted(endable_missions(missions, today), key=lambda m: (m.start_on, m.id or 0))
    if len(running) == 1 and running[0].id is not None:
        return running[0].id
    if not running:
        raise ValueError(_("{client} has no running mission to end").format(client=client_name))
    listed = "; ".join(
        _("#{id} {title} (since {day})").format(id=m.id, title=m.title, day=format_day(m.start_on))
        for m in running
    )
    raise ValueError(
        _("{client} has {count} running missions, name one by id: {missions}").format(
            client=client_name, count=len(running), missions=listed
        )
    )


@dataclass(frozen=True, slots=True)
class TemplateStep:
    """One step of an offboarding template.

    Its item is due ``offset_days`` after its ``anchor``: ``"notice"`` (the day notice was given,
    ``end − notice_days``) or ``"end"`` (the last day of the mission). ``only_if_good`` steps are
    left out when the relationship did not stay good; inactive steps are never copied.
    """

    key: str
    title: str
    anchor: str = "end"
    offset_days: int = 0
    only_if_good: bool = False
    active: bool = True


DEFAULT_TEMPLATE: tuple[TemplateStep, ...] = (
    TemplateStep(
        "transition_plan", N_("Write the transition plan (who takes over what)"), "notice", 0
    ),
    TemplateStep("handover", N_("Schedule the handover sessions"), "notice", 3),
    TemplateStep("training_offer", N_("Propose paid training to whoever takes over"), "notice", 5),
    TemplateStep("documents", N_("Gather and hand over every project document"), "end", 0),
    TemplateStep("final_invoice", N_("Invoice the hours worked up to the end"), "end", 0),
    TemplateStep("raise_targets", N_("Raise the plan's targets until coverage is back"), "end", 0),
    TemplateStep(
        "satisfaction_surveys", N_("Send satisfaction surveys to the current clients"), "end", 3
    ),
    TemplateStep(
        "post_mortem", N_("Post-mortem: what did not work, what training to take"), "end", 7
    ),
    TemplateStep("exit_survey", N_("Send the exit survey, once the transition is done"), "end", 14),
    TemplateStep(
        "case_study", N_("Ask for a case study or a testimonial"), "end", 30, only_if_good=True
    ),
)
"""DESIGN.md's ten steps, their titles in English (:func:`template_in_effect` words them in the
language spoken). A checklist lists its items by due date (template order on a tie)."""

_KEY_CHARS = frozenset(string.ascii_lowercase + string.digits + "_")


def check_step(step: TemplateStep) -> TemplateStep:
    """The step if it is well formed; a ValueError worded for the user otherwise."""
    if not step.key or len(step.key) > 40 or not set(step.key) <= _KEY_CHARS:
        raise ValueError(
            _("the step key {key} must be 1–40 lowercase letters, digits or underscores").format(
                key=repr(step.key)
            )
        )
    if not step.title.strip():
        raise ValueError(_("the step title is required"))
    if len(step.title) > 300:
        raise ValueError(_("the step title is longer than 300 characters"))
    if step.anchor not in PLAYBOOK_ANCHORS:
        raise ValueError(
            _("a step is dated from {first} or {second}, not {anchor}").format(
                first=PLAYBOOK_ANCHORS[0], second=PLAYBOOK_ANCHORS[1], anchor=repr(step.anchor)
            )
        )
    if abs(step.offset_days) > 3650:
        raise ValueError(_("a step's offset is at most ten years (3650 days) either way"))
    return step


def step_key(title: str, taken: Iterable[str]) -> str:
    """A key for a new step titled ``title`` (the TUI asks for a title only): its words in
    lowercase ASCII joined by ``_``, 40 characters at most, and ``_2``, ``_3``… when a step of
    the template already has it."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c if c in _KEY_CHARS else " " for c in folded if not unicodedata.combining(c))
    base = "_".join(plain.split())[:36].strip("_") or "step"
    keys = set(taken)
    key, n = base, 2
    while key in keys:
        key, n = f"{base}_{n}", n + 1
    return key


def template_in_effect(stored: Sequence[TemplateStep]) -> list[TemplateStep]:
    """The template an offboarding copies: the stored steps, or the built-in default, worded in
    the language spoken, when none are stored (the first edit copies the default into the
    store)."""
    if stored:
        return list(stored)
    return [replace(step, title=_(step.title)) for step in DEFAULT_TEMPLATE]


def step_index(steps: Sequence[TemplateStep], key: str) -> int | None:
    """Where the step ``key`` is in ``steps``; None when there is none."""
    return next((i for i, step in enumerate(steps) if step.key == key), None)


def with_step_at(
    steps: Sequence[TemplateStep], step: TemplateStep, position: int | None
) -> list[TemplateStep]:
    """``steps`` with ``step`` inserted at ``position`` (1-based, clamped to the template's
    length; None: last)."""
    out = list(steps)
    index = len(out) if position is None else min(max(position, 1), len(out) + 1) - 1
    out.insert(index, step)
    return out


def check_end_note(reason: str, note: str | None) -> None:
    """The reason "other" is not one by itself: it needs the note that says why."""
    if reason == "other" and not (note or "").strip():
        raise ValueError(_("say why in the note when the reason is “other”"))


def check_notice_days(notice_days: int) -> int:
    if isinstance(notice_days, bool) or not isinstance(notice_days, int):
        raise ValueError(_("the notice is a whole number of days"))
    if not 0 <= notice_days <= MAX_NOTICE_DAYS:
        raise ValueError(_("the notice is between 0 and {max} days").format(max=MAX_NOTICE_DAYS))
    return notice_days


def notice_date(end_on: date, notice_days: int) -> date:
    """The day notice was given: ``notice_days`` before the end."""
    return end_on - timedelta(days=notice_days)


def due_date(step: TemplateStep, end_on: date, notice_days: int) -> date:
    """When the item of ``step`` is due.

    End-anchored: ``end_on + offset_days``. Notice-anchored: ``notice + offset_days``, but never
    after the end date (with a short notice everything before the end is due by the end).
    """
    if step.anchor == "notice":
        return min(notice_date(end_on, notice_days) + timedelta(days=step.offset_days), end_on)
    return end_on + timedelta(days=step.offset_days)


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """A dated checklist item built from a template step (its fields are the columns of the
    stored item, by the same names)."""

    position: int
    key: str
    title: str
    due_on: date


def build_checklist(
    template: Iterable[TemplateStep],
    end_on: date,
    notice_days: int,
    *,
    relationship_good: bool,
) -> list[ChecklistEntry]:
    """The offboarding checklist for a mission ending on ``end_on``.

    Active steps only, ``only_if_good`` steps only when the relationship stayed good; ordered by
    due date (template order on equal dates) and numbered from 1.
    """
    kept = [
        (due_date(step, end_on, notice_days), index, step)
        for index, step in enumerate(template)
        if step.active and (relationship_good or not step.only_if_good)
    ]
    kept.sort(key=lambda entry: (entry[0], entry[1]))
    return [
        ChecklistEntry(position, step.key, step.title, due)
        for position, (due, _, step) in enumerate(kept, start=1)
    ]


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a checklist is: ``done`` of ``total`` items."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        """0–1; an empty checklist counts as complete."""
        return 1.0 if self.total == 0 else self.done / self.total

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


def closed_on_after(progress: Progress, closed_on: date | None, on: date) -> date | None:
    """When an offboarding is closed once its checklist is at ``progress``: it closes ``on`` the
    day every item is done (an empty checklist never closes by itself), keeps its closing day
    while complete, and reopens (None) as soon as an item is not done."""
    if not progress.complete:
        return None
    if closed_on is None and progress.total:
        return on
    return closed_on


# --- lessons -------------------------------------------------------------------------------------


def check_lesson(kind: str, due_on: date | None) -> None:
    """A training to take is a task: it has its due date; no other lesson has one."""
    if kind == "training" and due_on is None:
        raise ValueError(_("a training to take is a task: give the date to take it by"))
    if kind != "training" and due_on is not None:
        raise ValueError(_("only a training to take has a due date"))


def check_lesson_done(kind: str, done_on: date | None) -> None:
    if kind != "training" and done_on is not None:
        raise ValueError(_("only a training to take can be marked done"))


def training_overdue(due_on: date | None, done_on: date | None, today: date) -> bool:
    """A training not taken whose date is past."""
    return done_on is None and due_on is not None and due_on < today


# --- survey messages ---------------------------------------------------------------------------

PLACEHOLDERS: tuple[str, ...] = ("client", "contact", "mission")


@dataclass(frozen=True, slots=True)
class MessageTemplate:
    """A survey message: a subject and a body, each a ``string.Template``."""

    subject: str
    body: str


DEFAULT_SURVEY_TEMPLATES: dict[str, MessageTemplate] = {
    "satisfaction": MessageTemplate(
        subject=N_("How is our work on $mission going?"),
        body=N_(
            "Hello $contact,\n\n"
            "I would like to make sure our collaboration on $mission works well for $client.\n"
            "Could you take one minute to answer two questions?\n\n"
            "1. On a scale of 1 (not at all) to 5 (fully), how satisfied are you with my work?\n"
            "2. What is one thing I could do better?\n\n"
            "Thank you,"
        ),
    ),
    "exit": MessageTemplate(
        subject=N_("Your feedback on $mission"),
        body=N_(
            "Hello $contact,\n\n"
            "Now that the transition of $mission is done, I would be grateful for your honest\n"
            "feedback, so that the next collaboration goes better.\n\n"
            "1. On a scale of 1 (not at all) to 5 (fully), how satisfied were you with my work?\n"
            "2. What did not work, and what would you have needed instead?\n\n"
            "Thank you for these months with $client,"
        ),
    ),
}


def default_survey_template(kind: str) -> MessageTemplate:
    """The built-in survey message of ``kind``, in the language spoken."""
    template = DEFAULT_SURVEY_TEMPLATES[kind]
    return MessageTemplate(_(template.subject), _(template.body))


def check_message_template(text: str) -> str:
    """``text`` if every ``$name`` in it is one of :data:`PLACEHOLDERS`; ValueError otherwise."""
    template = string.Template(text)
    if not template.is_valid():
        raise ValueError(_("a lone $ in the template: write $$ for a dollar sign"))
    unknown = sorted(set(template.get_identifiers()) - set(PLACEHOLDERS))
    if unknown:
        names = ", ".join(f"${name}" for name in unknown)
        allowed = ", ".join(f"${name}" for name in PLACEHOLDERS)
        raise ValueError(
            _("unknown placeholder {names} (use {allowed})").format(names=names, allowed=allowed)
        )
    return text


def check_survey_templates(value: object) -> dict[str, dict[str, str]]:
    """The ``survey_templates`` setting, checked: known kinds, a subject and a body each, known
    placeholders. ValueError says what is wrong."""
    if not isinstance(value, dict):
        raise ValueError(_("survey_templates maps a survey kind to its subject and body"))
    clean: dict[str, dict[str, str]] = {}
    for kind, template in value.items():
        if kind not in SURVEY_KINDS:
            raise ValueError(
                _("{kind} is not a survey kind ({kinds})").format(
                    kind=repr(kind), kinds=", ".join(SURVEY_KINDS)
                )
            )
        if not isinstance(template, dict) or set(template) != {"subject", "body"}:
            raise ValueError(_("the {kind} template has a subject and a body").format(kind=kind))
        for part in ("subject", "body"):
            text = template[part]
            if not isinstance(text, str) or not text.strip():
                raise ValueError(
                    _("the {kind} template's {part} is empty").format(kind=kind, part=part)
                )
            try:
                check_message_template(text)
            except ValueError as exc:
                raise ValueError(
                    _("the {kind} template's {part}: {error}").format(
                        kind=kind, part=part, error=exc
                    )
                ) from exc
        clean[kind] = {"subject": template["subject"], "body": template["body"]}
    return clean


def fill_message(text: str, *, client: str, contact: str, mission: str) -> str:
    """The template with its placeholders replaced (checked first)."""
    check_message_template(text)
    return string.Template(text).substitute(client=client, contact=contact, mission=mission)


def mailto_url(to: str | None, subject: str, body: str) -> str:
    """A ``mailto:`` URL that opens the user's mail client on the message (RFC 6068)."""
    address = quote(to or "", safe="@")
    subject, body = quote(subject, safe=""), quote(body, safe="")
    return f"mailto:{address}?subject={subject}&body={body}"  # not shown: a URL


def eml_text(to: str | None, subject: str, body: str) -> str:
    """The message as an ``.eml`` file (RFC 5322, CRLF line ends), to open and send by hand."""
    from email.message import EmailMessage  # only when a file is written: keeps startup light
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    if to:
        message["To"] = to
    message["Subject"] = subject
    message["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    message.set_content(body)
    return message.as_string()


def check_survey(
    kind: str, scale: str, score: int | None, sent_on: date, answered_on: date | None
) -> None:
    """Validate a survey; ValueError worded for the user."""
    if kind not in SURVEY_KINDS:
        raise ValueError(
            _("a survey is {first} or {second}, not {kind}").format(
                first=SURVEY_KINDS[0], second=SURVEY_KINDS[1], kind=repr(kind)
            )
        )
    if scale not in SURVEY_SCALE_RANGE:
        raise ValueError(
            _("the scale is csat (1–5) or nps (0–10), not {scale}").format(scale=repr(scale))
        )
    low, high = SURVEY_SCALE_RANGE[scale]
    if score is not None and (isinstance(score, bool) or not low <= score <= high):
        raise ValueError(
            _("a {scale} score is a whole number from {low} to {high}").format(
                scale=scale.upper(), low=low, high=high
            )
        )
    if score is not None and answered_on is None:
        raise ValueError(_("a score needs the date the survey was answered"))
    if answered_on is not None and answered_on < sent_on:
        raise ValueError(_("the survey cannot be answered before it was sent"))
