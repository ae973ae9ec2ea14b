"""Two keystrokes to record a signal: ``g`` opens this, one letter picks the kind."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

CHOICES = (
    ("s", "scope_creep", "scope creep (unplanned tasks added)"),
    ("r", "change_refused", "change proposal refused"),
    ("c", "competitor", "competitor approach"),
    ("i", "insourcing", "insourcing intent"),
    ("n", "note", "a note (no risk)"),
)


class SignalPicker(ModalScreen[str | None]):
    CSS_PATH = "../styles/picker.tcss"
    BINDINGS = [
        *(Binding(key, f"pick('{kind}')", text.split(" (")[0]) for key, kind, text in CHOICES),
        Binding("escape", "pick('')", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label("Record a signal, dated today:", id="picker-title")
            for key, _kind, text in CHOICES:
                yield Label(f"[b]{key}[/b]  {text}")
            yield Label("[dim]Esc to cancel[/dim]")

    def action_pick(self, kind: str) -> None:
        self.dismiss(kind or None)
