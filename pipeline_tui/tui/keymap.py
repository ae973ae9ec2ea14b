"""The app's screens and global actions, declared once: the bindings, the command palette, the help
screen and the screens the app installs are all read from here.

A new screen is one row of ``SCREENS`` (its screen class takes the ``TuiContext``); a new app
action is one row of ``ACTIONS`` (with an ``action_<name>`` method on the app). The keys a screen
has for itself are its row of ``SCREEN_KEYS`` (the screen class names its row in its class line,
``screen_name="plan"``: ``screens/behaviours.NamedScreen``; with an ``action_<name>`` method on the
screen): every key of the app in one file, where a clash shows.
The footer, the palette and the help list them from there. Small windows (a form, a yes/no
question, a picker) keep their few keys inline.

Imports Textual's bindings only: the app reads this table before its first frame.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding

from pipeline_tui.i18n import N_, _

SCREENS_PACKAGE = "pipeline_tui.tui.screens"


def key_text(keys: str) -> str:
    """How a binding's keys read for a person: ``question_mark`` → ``?``, ``plus`` → ``+``,
    ``left,left_square_bracket`` → ``← / [``, ``ctrl+z`` → ``ctrl+z``."""
    from textual.keys import format_key

    def one(key: str) -> str:
        *modifiers, name = key.split("+")
        return "+".join([*modifiers, format_key(name)]) if name else key

    return " / ".join(one(key.strip()) for key in keys.split(",") if key.strip())


@dataclass(frozen=True)
class AppCommand:
    """One global action: its keys (the first one in the footer when ``show``), its description
    (footer and help) and its name in the palette (None: not in the palette)."""

    action: str
    keys: tuple[str, ...]
    description: str
    palette: str | None
    show: bool = True

    @property
    def palette_help(self) -> str:
        """The keys, as the palette says them (translated: read when the palette is open)."""
        keys = _(" or ").join(key_text(key) for key in self.keys)
        return _("key {keys}").format(keys=keys)

    def bindings(self) -> list[Binding]:
        first, *others = self.keys
        return [
            Binding(first, self.action, self.description, show=self.show),
            *(Binding(key, self.action, self.description, show=False) for key in others),
        ]


@dataclass(frozen=True)
class ScreenEntry:
    """One screen of the app (a mode): a digit that always works, and a letter a screen may take
    for itself; ``screen`` is ``module:Class`` under ``tui/screens/``, imported when the app
    installs it (screens pull in the services)."""

    mode: str
    title: str
    digit: str
    letter: str
    palette: str
    screen: str

    @property
    def command(self) -> AppCommand:
        # Not in the footer: the header's tab line lists the screens (``widgets/header.py``).
        return AppCommand(
            f"goto('{self.mode}')", (self.digit, self.letter), self.title, self.palette, show=False
        )

    def screen_class(self) -> Any:
        module, _, name = self.screen.partition(":")
        return getattr(importlib.import_module(f"{SCREENS_PACKAGE}.{module}"), name)


SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry(
        "dashboard",
        N_("Dashboard"),
        "1",
        "d",
        N_("Go to the dashboard"),
        "dashboard:DashboardScreen",
    ),
    ScreenEntry(
        "pipeline", N_("Pipeline"), "2", "p", N_("Go to the pipeline"), "pipeline:PipelineScreen"
    ),
    ScreenEntry(
        "clients", N_("Clients"), "3", "c", N_("Go to the clients"), "clients:ClientsScreen"
    ),
    ScreenEntry("agenda", N_("Agenda"), "4", "a", N_("Go to the agenda"), "agenda:AgendaScreen"),
    ScreenEntry("plan", N_("Plan"), "5", "l", N_("Go to the plan and what-if"), "plan:PlanScreen"),
    ScreenEntry(
        "review", N_("Review"), "6", "r", N_("Go to the weekly review"), "review:ReviewScreen"
    ),
    ScreenEntry(
        "offboarding",
        N_("Offboarding"),
        "7",
        "o",
        N_("Go to the offboarding checklists"),
        "offboarding:OffboardingScreen",
    ),
    ScreenEntry(
        "settings",
        N_("Settings"),
        "8",
        "comma",
        N_("Go to the settings"),
        "settings:SettingsScreen",
    ),
)

ACTIONS: tuple[AppCommand, ...] = (
    AppCommand("quick_add", ("n",), N_("New lead"), N_("New lead (quick add)")),
    AppCommand(
        "transfer",
        ("i",),
        N_("Import/export"),
        N_("Import or export (LinkedIn, CSV, JSON, calendar)"),
        show=False,
    ),
    AppCommand("undo", ("ctrl+z",), N_("Undo"), N_("Undo the last change"), show=False),
    AppCommand("help", ("question_mark",), N_("Keys"), N_("Show the keys")),
    AppCommand(
        "toggle_theme", ("t",), N_("Light/dark"), N_("Toggle light / dark theme"), show=False
    ),
    AppCommand("quit", ("q",), N_("Quit"), None, show=False),
)

COMMANDS: tuple[AppCommand, ...] = (*(entry.command for entry in SCREENS), *ACTIONS)
"""Every global action, in the order of the footer, the help and the palette.
"""  # not shown: a docstring

ACTIVITY_KEYS: tuple[Binding, ...] = (
    Binding("x", "done", N_("Done")),
    Binding("plus", "postpone(1)", N_("Due +1 day")),
    Binding("s", "reschedule", N_("Reschedule")),
    Binding("e", "edit_activity", N_("Edit")),
    Binding("delete", "delete_activity", N_("Delete")),
    Binding("A", "log", N_("Log activity")),
)
"""The keys of a screen listing activities (``screens/activity_actions.ActivityActions``).
"""  # not shown: a docstring

SCREEN_KEYS: dict[str, tuple[Binding, ...]] = {
    # The screens of ``SCREENS``, by mode; a screen lists its main keys first (the footer shows
    # as many as fit, in this order).
    "dashboard": (*ACTIVITY_KEYS, Binding("f5", "refresh", N_("Refresh"))),
    "pipeline": (
        Binding("left", "column(-1)", N_("← column"), priority=True, show=False),
        Binding("right", "column(1)", N_("column →"), priority=True, show=False),
        Binding("right_square_bracket", "move(1)", N_("Next stage")),
        Binding("left_square_bracket", "move(-1)", N_("Prev stage")),
        Binding("w", "won", N_("Won")),
        Binding("x", "lost", N_("Lost")),
        Binding("R", "reopen", N_("Reopen")),
        Binding("a", "add", N_("Add deal")),
        Binding("e", "edit", N_("Edit")),
        Binding("delete", "delete", N_("Delete")),
        Binding("slash", "filter", N_("Filter")),
        Binding("v", "toggle_closed", N_("Won/lost columns")),
        Binding("escape", "clear_filter", N_("Clear filter"), show=False),
        Binding("enter", "open", N_("Detail"), show=False),
        Binding("f5", "refresh", N_("Refresh")),
    ),
    "clients": (
        Binding("e", "edit", N_("Edit")),
        Binding("delete", "delete", N_("Delete")),
        Binding("slash", "search", N_("Search")),
        Binding("g", "signal", N_("Add signal")),
        Binding("N", "new_client", N_("New client")),
        Binding("C", "new_contact", N_("Contact")),
        Binding("M", "new_mission", N_("Mission")),
        Binding("D", "new_deal", N_("Deal")),
        Binding("S", "new_survey", N_("Survey sent")),
        Binding("A", "answer_survey", N_("Survey answer")),
        Binding("W", "survey_message", N_("Survey message")),
        Binding("E", "end_mission", N_("End mission")),
        Binding("f5", "refresh", N_("Refresh"), show=False),
        Binding("escape", "clear_search", N_("Clear search"), show=False),
    ),
    "agenda": (
        *ACTIVITY_KEYS,
        Binding("slash", "search", N_("Search")),
        Binding("escape", "clear_search", N_("Clear search"), show=False),
        Binding("f", "filter", N_("Filter channel")),
        Binding("f5", "refresh", N_("Refresh")),
    ),
    "plan": (
        Binding("l", "focus_log", N_("Log activity")),
        Binding("w", "focus_whatif", N_("What-if")),
        Binding("r", "raise_plan", N_("Raise the plan")),
        Binding("a", "add_cadence", N_("Add cadence")),
        Binding("e", "edit_cadence", N_("Edit")),
        Binding("p", "pause_cadence", N_("Pause/resume")),
        Binding("delete", "remove_cadence", N_("Remove")),
        Binding("s", "sequences", N_("Sequences")),
        Binding("f5", "refresh", N_("Refresh")),
        Binding("escape", "blur", N_("Leave the field"), show=False),
    ),
    "review": (
        Binding("left,left_square_bracket", "previous_week", N_("Previous week"), priority=True),
        Binding("right,right_square_bracket", "next_week", N_("Next week"), priority=True),
        Binding("y", "copy_markdown", N_("Copy as Markdown")),
        Binding("f5", "refresh", N_("Refresh")),
    ),
    "offboarding": (
        Binding("space", "toggle", N_("Done / not done")),
        Binding("A", "add", N_("Add")),
        Binding("e", "edit", N_("Edit")),
        Binding("delete", "delete", N_("Delete")),
        Binding("left_square_bracket", "previous", N_("Previous")),
        Binding("right_square_bracket", "next", N_("Next")),
        Binding("P", "playbook", N_("Template")),
        Binding("f5", "refresh", N_("Refresh")),
        Binding("escape", "back", N_("Back")),
    ),
    "settings": (
        Binding("e", "edit", N_("Edit")),
        Binding("delete,backspace", "reset", N_("Reset to default")),
        Binding("f5", "refresh", N_("Refresh")),
    ),
    # The screens they open.
    "deal_detail": (
        Binding("escape", "close", N_("Close")),
        Binding("q", "close", N_("Close"), show=False),
        Binding("e", "edit", N_("Edit")),
        Binding("right_square_bracket", "move(1)", N_("Next stage")),
        Binding("left_square_bracket", "move(-1)", N_("Prev stage")),
        Binding("w", "won", N_("Won")),
        Binding("x", "lost", N_("Lost")),
        Binding("R", "reopen", N_("Reopen")),
        Binding("r", "renewal", N_("Renews mission…")),
        Binding("delete", "delete", N_("Delete")),
    ),
    "sequences": (
        Binding("a", "add_sequence", N_("Define")),
        Binding("e", "edit_sequence", N_("Edit")),
        Binding("plus", "enroll", N_("Enrol")),
        Binding("x", "stop_enrollment", N_("Stop enrolment")),
        Binding("delete", "remove_sequence", N_("Remove")),
        Binding("escape", "back", N_("Back to the plan")),
        Binding("f5", "refresh", N_("Refresh")),
    ),
    "playbook": (
        Binding("A", "add", N_("Add")),
        Binding("e", "edit", N_("Edit")),
        Binding("delete", "delete", N_("Delete")),
        Binding("shift+up", "move(-1)", N_("Move up")),
        Binding("shift+down", "move(1)", N_("Move down")),
        Binding("escape", "close", N_("Close")),
    ),
    "survey_message": (
        Binding("y", "copy", N_("Copy")),
        Binding("w", "write", N_("Write .eml")),
        Binding("escape", "dismiss_screen", N_("Close")),
    ),
}
"""Each screen's own keys (on top of the app's: ``app_bindings_on``), by mode for the screens of
``SCREENS``; a screen may take a letter of ``SCREEN_LETTERS`` for itself, no other app key.
"""  # not shown: a docstring


def screen_keys(name: str) -> list[Binding]:
    """A screen's ``BINDINGS``: its row of ``SCREEN_KEYS``."""
    return list(SCREEN_KEYS[name])


FOOTER_ALWAYS: dict[str, str] = {"help": "question_mark", "command_palette": "ctrl+p", "quit": "q"}
"""The keys the footer shows on every screen (action → key), at its right, whatever room is
left (the screen's own keys come first, then the app's shown ones, as many as fit:
``widgets/footer.py``). ``command_palette`` is Textual's own ``ctrl+p``.
"""  # not shown: a docstring


def app_bindings() -> list[Binding]:
    """The app's BINDINGS."""
    return [binding for command in COMMANDS for binding in command.bindings()]


SCREEN_LETTERS = frozenset(entry.letter for entry in SCREENS)
"""The app's one-letter ways to a screen: the only app keys a screen may take for itself (then
that letter is the screen's there, and the help, footer and palette show the digit only). Every
other app key (the digits, n, i, t, q, ?, ctrl+z) works on every screen.
"""  # not shown: a docstring


def binding_keys(bindings: list[Any]) -> set[str]:
    """Every key of ``bindings`` (``"delete,backspace"`` is two)."""
    keys: set[str] = set()
    for binding in bindings:
        key = binding.key if isinstance(binding, Binding) else binding[0]
        keys.update(k.strip() for k in key.split(","))
    return keys


def app_bindings_on(screen_bindings: list[Any]) -> list[Binding]:
    """The app's bindings that still act on a screen with ``screen_bindings``: less the screen
    letters the screen took for itself."""
    taken = binding_keys(screen_bindings)
    return [b for b in app_bindings() if b.key not in taken]


def palette_commands() -> list[tuple[str, str, str]]:
    """(name, help, action) of each global action the command palette lists."""
    return [(c.palette, c.palette_help, c.action) for c in COMMANDS if c.palette is not None]
