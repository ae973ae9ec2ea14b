"""``?``: every key of the current screen and of the app (``keymap.py``), in one list."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from pipeline_tui.i18n import N_, _
from pipeline_tui.tui.keymap import SCREENS, app_bindings_on, key_text

# What every list, table and form answers to, besides the keys of the screen and the app.
MOVING = (
    ("↑ / ↓", N_("move in a list or a table")),
    ("tab / shift+tab", N_("next / previous panel or field")),  # not shown: keys
    ("enter", N_("open, or save a form")),
    ("esc", N_("leave a text field (then the digits switch screens again), close a window")),
    (f"1–{len(SCREENS)}", N_("go to a screen (listed above), from anywhere but a text field")),
)


def _rows(bindings) -> list[tuple[str, str]]:
    """(keys, what they do): every binding with a description, its keys in symbols, several
    keys for one action on one row; the descriptions translated (marked ``N_`` in the
    bindings)."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if isinstance(binding, Binding):
            key, description = binding.key, binding.description
        else:
            key, description = binding[0], binding[2] if len(binding) > 2 else binding[1]
        if description:
            rows.setdefault(_(description), []).append(key_text(key))
    return [(" / ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "../styles/help.tcss"
    BINDINGS = [Binding("escape", "dismiss", N_("Close")), Binding("question_mark", "dismiss")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_edge=False)
        table.add_column(_("Key"), style="bold")
        table.add_column(_("Action"))
        screen_rows = _rows(self.for_screen.BINDINGS)
        for key, description in screen_rows:
            table.add_row(key, description)
        if screen_rows:
            table.add_row("", "")
        for key, description in _rows(app_bindings_on(self.for_screen.BINDINGS)):
            table.add_row(key, description)
        table.add_row("", "")
        for key, description in MOVING:
            table.add_row(key, _(description))
        table.add_row("ctrl+p", _("command palette: every action by name"))
        with VerticalScroll(id="help"):
            yield Label(_("Keys — {screen}").format(screen=self._screen_name()))
            yield Static(table)
            yield Label(Text(_("Esc to close"), style="dim"))

    def _screen_name(self) -> str:
        """The screen's title in the header's tabs, else its class's name (a window it opened)."""
        name = type(self.for_screen).__name__
        for entry in SCREENS:
            if entry.screen.partition(":")[2] == name:
                return _(entry.title)
        return name.removesuffix("Screen")
