"""Two keystrokes to record a signal: ``g`` opens this, one letter picks the kind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from pipeline_tui.i18n import N_, _

# key, signal kind, the binding's description, the line shown (translated where shown)
CHOICES = (
    ("s", "scope_creep", N_("scope creep"), N_("scope creep (unplanned tasks added)")),
    ("r", "change_refused", N_("change proposal refused"), N_("change proposal refused")),
    ("c", "competitor", N_("competitor approach"), N_("competitor approach")),
    ("i", "insourcing", N_("insourcing intent"), N_("insourcing intent")),
    ("n", "note", N_("a note"), N_("a note (no risk)")),
)


class SignalPicker(ModalScreen[str | None]):
    CSS_PATH = "../styles/picker.tcss"
    BINDINGS = [
        *(Binding(key, f"pick('{kind}')", said) for key, kind, said, _line in CHOICES),
        Binding("escape", "pick('')", N_("Cancel")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(_("Record a signal, dated today:"), id="picker-title")
            for key, _kind, _said, line in CHOICES:
                yield Label(f"[b]{key}[/b]  {_(line)}")
            yield Label(Text(_("Esc to cancel"), style="dim"))

    def action_pick(self, kind: str) -> None:
        self.dismiss(kind or None)
