"""The app's screens and global actions, declared once: the bindings, the command palette, the help
screen and the screens the app installs are all read from here.

A new screen is one row of ``SCREENS`` (its screen class takes the ``TuiContext``); a new app
action is one row of ``ACTIONS`` (with an ``action_<name>`` method on the app). The keys a screen
has for itself stay on that screen (``BINDINGS``, Textual's convention); the palette and the help
list them too.

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
