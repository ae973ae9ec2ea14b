"""``remind``: what needs the user now, said once (``domain.reminders`` decides what is new).

The facts are the dashboard's: ``services.today`` (overdue, due today, risk alerts, rotting deals),
``services.numbers`` (coverage, losses and coverage in time) and ``services.plan_progress`` (the
plan's lines in their period). ``now`` is a local time given by the caller (a fixed clock in
tests): it says which activities are due "within the next hours".

``send_reminders`` is the one write: it hands the new reminders to the notifier, then remembers
them (one transaction), so a second run the same day says nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Protocol

from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import percent
from pipeline_tui.domain.reminders import (
    LASTING_KINDS,
    Remembered,
    Reminder,
    behind_pace,
    due_within,
    ended_states,
    new_reminders,
)
from pipeline_tui.domain.settings import time_of_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _, current_language, ngettext, using_language
from pipeline_tui.services.agenda import AgendaRow, due_activities
from pipeline_tui.services.numbers import Numbers, compute_numbers
from pipeline_tui.services.plan_progress import PlanStatus, plan_status
from pipeline_tui.services.settings import read_settings
from pipeline_tui.services.today import TodayAgenda, compute_today
from pipeline_tui.store.queries import reminders as said_queries
from pipeline_tui.store.writes import reminders as said_writes

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

DEFAULT_HOURS = 12


class Notifier(Protocol):
    """Where reminders go: a desktop notification, or text (``services.notifiers``)."""

    def notify(self, title: str, lines: list[str]) -> bool:
        """Deliver; False when it could not (the caller falls back to text)."""
        ...


@dataclass(frozen=True)
class Facts:
    """Everything the reminders of one moment are made of."""

    now: datetime
    agenda: TodayAgenda
    numbers: Numbers
    plan: PlanStatus
    soon: tuple[AgendaRow, ...]
    reminder_time: str


@dataclass(frozen=True)
class ReminderRun:
    now: datetime
    current: tuple[Reminder, ...]  # what needs the user now
    new: tuple[Reminder, ...]  # what was not said yet (everything with ``again``)
    delivered: bool = False
    # The facts read again, in English, for the JSON (None: they were read in English).
    english_facts: Callable[[], Facts] | None = None


def moment(store: Store, day: date) -> datetime:
    """``day`` at the ``reminder_time`` setting: the clock of a run on a fixed ``--today``."""
    with store.read() as q:
        return datetime.combine(day, time(*time_of_day(read_settings(q).reminder_time)))


def reminders_markdown(run: ReminderRun) -> str:
    """The new reminders as a Markdown list, grouped by kind."""
    from pipeline_tui.domain.reminders import KIND_ORDER

    when = run.now.isoformat(sep=" ", timespec="minutes")
    out = ["# " + _("Reminders — {when}").format(when=when), ""]
    for kind in KIND_ORDER:
        said = [r for r in run.new if r.kind == kind]
        if said:
            out += [f"## {said[0].title} ({len(said)})", "", *(f"- {r.text}" for r in said), ""]
    if not run.new:
        pending = len(run.current)
        out += [
            ngettext(
                "Nothing new ({count} pending; --again repeats them).",
                "Nothing new ({count} pending; --again repeats them).",
                pending,
            ).format(count=pending),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def gather(store: Store, now: datetime, hours: int = DEFAULT_HOURS) -> Facts:
    today = now.date()
    numbers = compute_numbers(store, today)
    agenda = compute_today(store, today, numbers)
    with store.read() as q:
        reminder_time = read_settings(q).reminder_time
    at = time(*time_of_day(reminder_time))
    ahead = [r for r in due_activities(store, today, days_ahead=hours // 24 + 1)]
    soon = tuple(
        r for r in ahead if r.activity.due_on and due_within(r.activity.due_on, at, now, hours)
    )
    return Facts(now, agenda, numbers, plan_status(store, today), soon, reminder_time)


def activity_text(row: AgendaRow, today: date) -> str:
    """``Call: Rappeler Anne (Anne — Quorvia), 8 days late``; dates are ISO (the JSON's too)."""
    a = row.activity
    text = _("{kind}: {subject}").format(
        kind=label(a.kind).capitalize(), subject=a.subject or label(a.kind)
    )
    who = " — ".join(n for n in (row.contact_name, row.client_name) if n)
    if who:
        text += f" ({who})"
    if a.due_on and a.due_on < today:
        days = (today - a.due_on).days
        late = ngettext("{text}, {count} day late", "{text}, {count} days late", days)
        return late.format(text=text, count=days)
    if a.due_on and a.due_on > today:
        return _("{text}, due {day}").format(text=text, day=a.due_on.isoformat())
    return text


def reminders_of(facts: Facts) -> list[Reminder]:
    """What needs the user at ``facts.now``, in the order it is read."""
    today = facts.now.date()
    money = lambda cents: format_money(cents, facts.numbers.currency)  # noqa: E731
    out: list[Reminder] = []
    for kind, rows in (
        ("overdue", facts.agenda.overdue),
        ("due", facts.agenda.due_today),
        ("soon", facts.soon),
    ):
        out += [Reminder(kind, f"activity-{r.activity.id}", activity_text(r, today)) for r in rows]
    for f in facts.agenda.risk_alerts:
        why = "; ".join(r.text for r in f.risk.reasons[:2])
        text = _("{client}, risk {score} ({why})").format(
            client=f.name, score=f.risk.score, why=why
        )
        out.append(Reminder("risk", f"client-{f.client_id}", text))
    for r in facts.agenda.rotting:
        client = facts.agenda.client_names.get(r.deal.client_id, "?")
        text = ngettext(
            "{deal} ({client}, {stage}): idle {count} day",
            "{deal} ({client}, {stage}): idle {count} days",
            r.idle_days,
        ).format(deal=r.deal.title, client=client, stage=label(r.deal.stage), count=r.idle_days)
        out.append(Reminder("rotting", f"deal-{r.deal.id}", text))
    for line in facts.plan.lines:
        period = line.period
        if period and behind_pace(line.target, line.done, period.start, period.last_day, today):
            text = _("{cadence}: {done} of {target} done, until {day}").format(
                cadence=line.label,
                done=line.done,
                target=line.target,
                day=period.last_day.isoformat(),
            )
            out.append(Reminder("plan", f"cadence-{line.cadence_id}", text))
    n = facts.numbers
    if n.coverage is not None and n.coverage < 1:
        text = _(
            "recurring pipeline {pipeline}/month covers {coverage} of {exposed}/month "
            "lost or at risk"
        ).format(
            pipeline=money(n.recurring_pipeline_cents),
            coverage=percent(n.coverage),
            exposed=money(n.exposed_cents),
        )
        out.append(Reminder("coverage", "coverage", text))
    for point in n.coverage_by_date:
        if point.ends_on >= today and (point.coverage is None or point.coverage < 1):
            covered = _("nothing") if not point.coverage else percent(point.coverage)
            text = _(
                "{amount}/month lost by {day}, pipeline closing before then covers {covered}"
            ).format(
                amount=money(point.loss_cents),
                day=point.ends_on.isoformat(),
                covered=covered,
            )
            out.append(Reminder("loss", f"loss-{point.ends_on.isoformat()}", text))
    return out


def remembered(store: Store, day: date) -> Remembered:
    with store.read() as q:
        return Remembered(
            frozenset(said_queries.said_today(q, day)),
            frozenset(said_queries.open_lasting(q, tuple(sorted(LASTING_KINDS)))),
        )


def send_reminders(
    store: Store,
    now: datetime,
    notifier: Notifier | None = None,
    *,
    again: bool = False,
    hours: int = DEFAULT_HOURS,
) -> ReminderRun:
    """Say what is new since the last run (everything with ``again``) through ``notifier`` (none:
    the caller prints it), then remember it — in one transaction; what a notifier failed to
    deliver is not remembered, so the next run says it. A lasting state that is over is
    cleared, so a new crossing is said again."""
    from pipeline_tui.domain.reminders import summary, text_lines

    current = reminders_of(gather(store, now, hours))
    before = remembered(store, now.date())
    new = list(current) if again else new_reminders(current, before)
    delivered = False
    if new and notifier is not None:
        delivered = notifier.notify(summary(new), text_lines(new))
    told = new if (delivered or notifier is None) else []  # not delivered: not said
    with store.session() as session:
        said_writes.remember_said(
            session, ((r.kind, r.key) for r in told), now.date(), now.astimezone(UTC)
        )
        said_writes.clear_lasting(session, ended_states(current, before), now.date())
    english_facts = None
    if current_language() != "en":
        english_facts = lambda: gather(store, now, hours)  # noqa: E731
    return ReminderRun(now, tuple(current), tuple(new), delivered, english_facts)


def run_json(run: ReminderRun) -> dict[str, object]:
    """The ``remind --json`` document: the new reminders (``reminders``) and how many need the
    user in all (``pending``). Its titles and texts are in English whatever the language: a
    JSON document says the same to every script."""
    with using_language("en"):
        said = list(run.new)
        if run.english_facts is not None:  # the risk reasons are worded when the facts are read
            english = {(r.kind, r.key): r for r in reminders_of(run.english_facts())}
            said = [english.get((r.kind, r.key), r) for r in run.new]
        return {
            "now": run.now.isoformat(timespec="minutes"),
            "pending": len(run.current),
            "reminders": [
                {"kind": r.kind, "key": r.key, "title": r.title, "text": r.text} for r in said
            ],
        }
