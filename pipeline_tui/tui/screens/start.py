"""The first frame: painted before SQLAlchemy is even imported, replaced when the data is ready.

Keep this module's imports to Textual alone: it is what the user sees while the store opens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Label

from pipeline_tui.i18n import _
from pipeline_tui.tui.widgets.header import AppHeader


class StartScreen(Screen[None]):
    CSS_PATH = "../styles/start.tcss"

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Middle(), Center():
            yield Label(_("Opening your pipeline…"), id="start-message")

    def show_error(self, message: str) -> None:
        label = self.query_one("#start-message", Label)
        label.update(_("{message}\n\nPress q to quit.").format(message=message))
        label.add_class("-error")
