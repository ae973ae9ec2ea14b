"""Reminders: what needs the user now, which of it is new, and how it reads.

Two sorts of reminder:

- of the day (an activity overdue, due today or due within the next hours, a plan behind its
  pace, coverage under 100 %, a loss coming without pipeline): said once a day;
- of a state that lasts (a client whose risk crossed the alert threshold, a deal that started
  rotting): said once when the state begins, and again only after it ended and began anew.

Plain Python: the service reads the facts and the remembered reminders, this module decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pipeline_tui.i18n import N_, _, ngettext

LASTING_KINDS = frozenset({"risk", "rotting"})
# In English (messages: Reminder.title translates them; JSON keeps them as they are).
KIND_TITLES = {
    "overdue": N_("Overdue"),
    "due": N_("Due today"),
    "soon": N_("Due soon"),
    "risk": N_("Client at risk"),
    "rotting": N_("Deal rotting"),
    "plan": N_("Plan behind pace"),
    "coverage": N_("Coverage below 100 %"),
    "loss": N_("Loss not covered in time"),
}
KIND_ORDER = tuple(KIND_TITLES)


# How a count of each kind reads in a summary ("2 deals rotting", "1 client at risk").
_COUNTED: dict[str, Callable[[int], str]] = {
    "overdue": lambda n: ngettext("{count} overdue", "{count} overdue", n),
    "due": lambda n: ngettext("{count} due today", "{count} due today", n),
    "soon": lambda n: ngettext("{count} due soon", "{count} due soon", n),
    "risk": lambda n: ngettext("{count} client at risk", "{count} clients at risk", n),
    "rotting": lambda n: ngettext("{count} deal rotting", "{count} deals rotting", n),
    "plan": lambda n: ngettext("{count} plan behind pace", "{count} plans behind pace", n),
    "coverage": lambda n: ngettext(
        "{count} coverage below 100 %", "{count} coverage below 100 %", n
    ),
    "loss": lambda n: ngettext(
        "{count} loss not covered in time", "{count} losses not covered in time", n
    ),
}


def _counted(kind: str, count: int) -> str:
    """How ``count`` reminders of ``kind`` read in a summary."""
    return _COUNTED[kind](count).format(count=count)


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of KIND_TITLES
    key: str  # what it is about, stable: "activity-12", "client-3", "coverage"
    text: str  # one line the user reads

    @property
    def title(self) -> str:
        """The kind's title in the language spoken (``KIND_TITLES[kind]``: in English)."""
        return _(KIND_TITLES[self.kind])

    @property
    def lasting(self) -> bool:
        return self.kind in LASTING_KINDS


@dataclass(frozen=True)
class Remembered:
    """What was said before: today's reminders of the day, and the lasting ones not cleared."""

    said_today: frozenset[tuple[str, str]]
    open_lasting: frozenset[tuple[str, str]]


def new_reminders(current: Iterable[Reminder], remembered: Remembered) -> list[Reminder]:
    """The reminders of ``current`` not said yet: a reminder of the day not said today, a lasting
    one not said since its state began."""
    out = []
    for r in current:
        seen = remembered.open_lasting if r.lasting else remembered.said_today
        if (r.kind, r.key) not in seen:
            out.append(r)
    return out


def ended_states(current: Iterable[Reminder], remembered: Remembered) -> set[tuple[str, str]]:
    """The lasting reminders said before whose state is over (the client is no longer at risk):
    to clear, so that a new crossing is said again."""
    now = {(r.kind, r.key) for r in current if r.lasting}
    return set(remembered.open_lasting) - now


def due_moment(due_on: date, at: time) -> datetime:
    """When an activity due on ``due_on`` is due: the reminder time of that day (local)."""
    return datetime.combine(due_on, at)


def due_within(due_on: date, at: time, now: datetime, hours: int) -> bool:
    """Due after today but within ``hours`` of ``now`` (an activity due tomorrow at 09:00 is due
    within 12 hours at 21:00 tonight)."""
    moment = due_moment(due_on, at)
    return due_on > now.date() and now < moment <= now + timedelta(hours=hours)


def expected_by(target: int, start: date, last_day: date, today: date) -> int:
    """How many of ``target`` should be done by the end of ``today`` at an even pace through the
    period ``start``..``last_day`` (whole ones: 10 a week is 4 by Wednesday's end, not 4.3)."""
    total = (last_day - start).days + 1
    elapsed = min(max((today - start).days + 1, 0), total)
    return target * elapsed // total if total > 0 else target


def behind_pace(target: int, done: int, start: date, last_day: date, today: date) -> bool:
    return done < expected_by(target, start, last_day, today)


def summary(reminders: list[Reminder]) -> str:
    """The title of a notification: "3 reminders: 2 overdue, 1 client at risk"."""
    counts: dict[str, int] = {}
    for r in reminders:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    parts = ", ".join(_counted(k, counts[k]) for k in KIND_ORDER if k in counts)
    return ngettext(
        "{count} reminder: {parts}", "{count} reminders: {parts}", len(reminders)
    ).format(count=len(reminders), parts=parts)


def text_lines(reminders: list[Reminder]) -> list[str]:
    """One line per reminder, grouped by kind in a fixed order."""
    ordered = sorted(reminders, key=lambda r: KIND_ORDER.index(r.kind))
    return [_("{title}: {text}").format(title=r.title, text=r.text) for r in ordered]
