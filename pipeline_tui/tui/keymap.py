"""The app's screens and global actions, declared once: the bindings, the command palette, the help
screen and the screens the app installs are all read from here.

A new screen is one row of ``SCREENS`` (its screen class takes the ``TuiContext``); a new app
action is one row of ``ACTIONS`` (with an ``action_<name>`` method on the app). The keys a screen
has for itself are its row of ``SCREEN_KEYS`` (the screen's ``BINDINGS = screen_keys(name)``, with
an ``action_<name>`` method on the screen): every key of the app in one file, where a clash shows.
The footer, the palette and the help list them from there. Small windows (a form, a yes/no
question, a picker) keep their few keys inline.

Imports Textual's bindings only: the app reads this table before its first frame.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding

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
        return "key " + " or ".join(key_text(key) for key in self.keys)

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
        "dashboard", "Dashboard", "1", "d", "Go to the dashboard", "dashboard:DashboardScreen"
    ),
    ScreenEntry("pipeline", "Pipeline", "2", "p", "Go to the pipeline", "pipeline:PipelineScreen"),
    ScreenEntry("clients", "Clients", "3", "c", "Go to the clients", "clients:ClientsScreen"),
    ScreenEntry("agenda", "Agenda", "4", "a", "Go to the agenda", "agenda:AgendaScreen"),
    ScreenEntry("plan", "Plan", "5", "l", "Go to the plan and what-if", "plan:PlanScreen"),
    ScreenEntry("review", "Review", "6", "r", "Go to the weekly review", "review:ReviewScreen"),
    ScreenEntry(
        "offboarding",
        "Offboarding",
        "7",
        "o",
        "Go to the offboarding checklists",
        "offboarding:OffboardingScreen",
    ),
    ScreenEntry(
        "settings", "Settings", "8", "comma", "Go to the settings", "settings:SettingsScreen"
    ),
)

ACTIONS: tuple[AppCommand, ...] = (
    AppCommand("quick_add", ("n",), "New lead", "New lead (quick add)"),
    AppCommand(
        "transfer",
        ("i",),
        "Import/export",
        "Import or export (LinkedIn, CSV, JSON, calendar)",
        show=False,
    ),
    AppCommand("undo", ("ctrl+z",), "Undo", "Undo the last change", show=False),
    AppCommand("help", ("question_mark",), "Keys", "Show the keys"),
    AppCommand("toggle_theme", ("t",), "Light/dark", "Toggle light / dark theme", show=False),
    AppCommand("quit", ("q",), "Quit", None, show=False),
)

COMMANDS: tuple[AppCommand, ...] = (*(entry.command for entry in SCREENS), *ACTIONS)
"""Every global action, in the order of the footer, the help and the palette."""

ACTIVITY_KEYS: tuple[Binding, ...] = (
    Binding("x", "done", "Done"),
    Binding("plus", "postpone(1)", "Due +1 day"),
    Binding("s", "reschedule", "Reschedule"),
    Binding("e", "edit_activity", "Edit"),
    Binding("delete", "delete_activity", "Delete"),
    Binding("A", "log", "Log activity"),
)
"""The keys of a screen listing activities (``screens/activity_actions.ActivityActions``)."""

SCREEN_KEYS: dict[str, tuple[Binding, ...]] = {
    # The screens of ``SCREENS``, by mode; a screen lists its main keys first (the footer shows
    # as many as fit, in this order).
    "dashboard": (*ACTIVITY_KEYS, Binding("f5", "refresh", "Refresh")),
    "pipeline": (
        Binding("left", "column(-1)", "← column", priority=True, show=False),
        Binding("right", "column(1)", "column →", priority=True, show=False),
        Binding("right_square_bracket", "move(1)", "Next stage"),
        Binding("left_square_bracket", "move(-1)", "Prev stage"),
        Binding("w", "won", "Won"),
        Binding("x", "lost", "Lost"),
        Binding("R", "reopen", "Reopen"),
        Binding("a", "add", "Add deal"),
        Binding("e", "edit", "Edit"),
        Binding("delete", "delete", "Delete"),
        Binding("slash", "filter", "Filter"),
        Binding("v", "toggle_closed", "Won/lost columns"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("enter", "open", "Detail", show=False),
        Binding("f5", "refresh", "Refresh"),
    ),
    "clients": (
        Binding("e", "edit", "Edit"),
        Binding("delete", "delete", "Delete"),
        Binding("slash", "search", "Search"),
        Binding("g", "signal", "Add signal"),
        Binding("N", "new_client", "New client"),
        Binding("C", "new_contact", "Contact"),
        Binding("M", "new_mission", "Mission"),
        Binding("D", "new_deal", "Deal"),
        Binding("S", "new_survey", "Survey sent"),
        Binding("A", "answer_survey", "Survey answer"),
        Binding("W", "survey_message", "Survey message"),
        Binding("E", "end_mission", "End mission"),
        Binding("f5", "refresh", "Refresh", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
    ),
    "agenda": (
        *ACTIVITY_KEYS,
        Binding("slash", "search", "Search"),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("f", "filter", "Filter channel"),
        Binding("f5", "refresh", "Refresh"),
    ),
    "plan": (
        Binding("l", "focus_log", "Log activity"),
        Binding("w", "focus_whatif", "What-if"),
        Binding("r", "raise_plan", "Raise the plan"),
        Binding("a", "add_cadence", "Add cadence"),
        Binding("e", "edit_cadence", "Edit"),
        Binding("p", "pause_cadence", "Pause/resume"),
        Binding("delete", "remove_cadence", "Remove"),
        Binding("s", "sequences", "Sequences"),
        Binding("f5", "refresh", "Refresh"),
        Binding("escape", "blur", "Leave the field", show=False),
    ),
    "review": (
        Binding("left,left_square_bracket", "previous_week", "Previous week", priority=True),
        Binding("right,right_square_bracket", "next_week", "Next week", priority=True),
        Binding("y", "copy_markdown", "Copy as Markdown"),
        Binding("f5", "refresh", "Refresh"),
    ),
    "offboarding": (
        Binding("space", "toggle", "Done / not done"),
        Binding("A", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("delete", "delete", "Delete"),
        Binding("left_square_bracket", "previous", "Previous"),
        Binding("right_square_bracket", "next", "Next"),
        Binding("P", "playbook", "Template"),
        Binding("f5", "refresh", "Refresh"),
        Binding("escape", "back", "Back"),
    ),
    "settings": (
        Binding("e", "edit", "Edit"),
        Binding("delete,backspace", "reset", "Reset to default"),
        Binding("f5", "refresh", "Refresh"),
    ),
    # The screens they open.
    "deal_detail": (
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("e", "edit", "Edit"),
        Binding("right_square_bracket", "move(1)", "Next stage"),
        Binding("left_square_bracket", "move(-1)", "Prev stage"),
        Binding("w", "won", "Won"),
        Binding("x", "lost", "Lost"),
        Binding("R", "reopen", "Reopen"),
        Binding("r", "renewal", "Renews mission…"),
        Binding("delete", "delete", "Delete"),
    ),
    "sequences": (
        Binding("a", "add_sequence", "Define"),
        Binding("e", "edit_sequence", "Edit"),
        Binding("plus", "enroll", "Enrol"),
        Binding("x", "stop_enrollment", "Stop enrolment"),
        Binding("delete", "remove_sequence", "Remove"),
        Binding("escape", "back", "Back to the plan"),
        Binding("f5", "refresh", "Refresh"),
    ),
    "playbook": (
        Binding("A", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("delete", "delete", "Delete"),
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
        Binding("escape", "close", "Close"),
    ),
    "survey_message": (
        Binding("y", "copy", "Copy"),
        Binding("w", "write", "Write .eml"),
        Binding("escape", "dismiss_screen", "Close"),
    ),
}
"""Each screen's own keys (on top of the app's: ``app_bindings_on``), by mode for the screens of
``SCREENS``; a screen may take a letter of ``SCREEN_LETTERS`` for itself, no other app key."""


def screen_keys(name: str) -> list[Binding]:
    """A screen's ``BINDINGS``: its row of ``SCREEN_KEYS``."""
    return list(SCREEN_KEYS[name])


FOOTER_ALWAYS: dict[str, str] = {"help": "question_mark", "command_palette": "ctrl+p", "quit": "q"}
"""The keys the footer shows on every screen (action → key), at its right, whatever room is
left (the screen's own keys come first, then the app's shown ones, as many as fit:
``widgets/footer.py``). ``command_palette`` is Textual's own ``ctrl+p``."""


def app_bindings() -> list[Binding]:
    """The app's BINDINGS."""
    return [binding for command in COMMANDS for binding in command.bindings()]


SCREEN_LETTERS = frozenset(entry.letter for entry in SCREENS)
"""The app's one-letter ways to a screen: the only app keys a screen may take for itself (then
that letter is the screen's there, and the help, footer and palette show the digit only). Every
other app key (the digits, n, i, t, q, ?, ctrl+z) works on every screen."""


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
