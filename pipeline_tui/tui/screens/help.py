"""``?``: every key of the current screen and of the app (``keymap.py``), in one list."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from pipeline_tui.tui.keymap import SCREENS, app_bindings_on, key_text

# What every list, table and form answers to, besides the keys of the screen and the app.
MOVING = (
    ("↑ / ↓", "move in a list or a table"),
    ("tab / shift+tab", "next / previous panel or field"),
    ("enter", "open, or save a form"),
    ("esc", "leave a text field (then the digits switch screens again), close a window"),
    (f"1–{len(SCREENS)}", "go to a screen (listed above), from anywhere but a text field"),
)


def _rows(bindings) -> list[tuple[str, str]]:
    """(keys, what they do): every binding with a description, its keys in symbols, several
    keys for one action on one row."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            key, description = binding.key, binding.description
        else:
            key, description = binding[0], binding[2] if len(binding) > 2 else binding[1]
        if description:
            rows.setdefault(description, []).append(key_text(key))
    return [(" / ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "../styles/help.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("question_mark", "dismiss")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_edge=False)
        table.add_column("Key", style="bold")
        table.add_column("Action")
        screen_rows = _rows(self.for_screen.BINDINGS)
        for key, description in screen_rows:
            table.add_row(key, description)
        if screen_rows:
            table.add_row("", "")
        for key, description in _rows(app_bindings_on(self.for_screen.BINDINGS)):
            table.add_row(key, description)
        table.add_row("", "")
        for key, description in MOVING:
            table.add_row(key, description)
        table.add_row("ctrl+p", "command palette: every action by name")
        with VerticalScroll(id="help"):
            yield Label(f"Keys — {type(self.for_screen).__name__.removesuffix('Screen')}")
            yield Static(table)
            yield Label("[dim]Esc to close[/dim]")
