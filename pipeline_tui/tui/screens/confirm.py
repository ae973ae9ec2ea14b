"""The one confirmation the app asks before a change that is hard to take back (a deletion, a
deal won or lost): what will happen, what goes with it, and two keys.

``ConfirmScreen(question, details)`` dismisses with True (``y``, or Enter on the default button)
or False (``n``, Escape). ``details`` are the lines that say what goes along, e.g. the rows a
deletion takes with it (``domain.removal``) or the mission a won deal opens.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from pipeline_tui.i18n import N_, _


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "../styles/confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n", "answer(False)", N_("No")),
        Binding("escape", "answer(False)", N_("Cancel")),
    ]

    def __init__(self, question: str, details: Iterable[str] = (), yes: str | None = None) -> None:
        """``yes``: the confirming button's word (translated), "Yes" when not given."""
        super().__init__()
        self.question = question
        self.details = list(details)
        self.yes = yes if yes is not None else _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(self.question, id="confirm-question")
            if self.details:
                yield Static("\n".join(f"• {line}" for line in self.details), id="confirm-details")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="confirm-yes")
                yield Button(_("No (n)"), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()  # Enter alone never confirms by accident

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
