"""A small modal to add or edit one entry of an offboarding (step, document, lesson, item).

Fields are text or dates (typed the way people type them: ``+2w``, ``fri``, ``2026-12-01``);
each is checked as it is typed. It dismisses with the clean values by field name, or None.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from pipeline_tui.domain.dates import HINT as DATE_HINT
from pipeline_tui.domain.dates import parse_date


@dataclass(frozen=True)
class EntryField:
    """``kind`` is "text" or "date"."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    default: str = ""
    max_len: int = 300


def parse_entry(field: EntryField, raw: str, today: date) -> Any:
    """The clean value of a field, or ValueError with the message to show under it."""
    text = raw.strip()
    if not text:
        if field.required:
            raise ValueError(f"{field.label.lower()} is required")
        return None
    if field.kind == "date":
        return parse_date(text, today)
    if len(text) > field.max_len:
        raise ValueError(f"at most {field.max_len} characters")
    return text


class EntryScreen(ModalScreen[dict[str, Any] | None]):
    """Enter (or Ctrl+S) to save, Escape to cancel."""

    CSS_PATH = "offboarding_entry.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True),
    ]

    def __init__(self, title: str, fields: list[EntryField], today: date) -> None:
        super().__init__()
        self.entry_title = title
        self.fields = fields
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="entry-form"):
            yield Label(self.entry_title, id="entry-title")
            for field in self.fields:
                yield Label(field.label + (" *" if field.required else ""), classes="field-label")
                placeholder = DATE_HINT if field.kind == "date" else ""
                yield Input(field.default, placeholder=placeholder, id=f"entry-{field.name}")
                yield Label("", id=f"entry-error-{field.name}", classes="field-error")
            with Horizontal(id="entry-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def _check(self, field: EntryField, raw: str, *, quiet_when_empty: bool) -> Any:
        error = self.query_one(f"#entry-error-{field.name}", Label)
        try:
            value = parse_entry(field, raw, self.today)
        except ValueError as exc:
            error.update("" if quiet_when_empty and not raw.strip() else f"✗ {exc}")
            raise
        error.update("")
        return value

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("entry-")
        field = next((f for f in self.fields if f.name == name), None)
        if field is not None:
            with contextlib.suppress(ValueError):
                self._check(field, event.value, quiet_when_empty=True)

    def on_input_submitted(self) -> None:
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        values: dict[str, Any] = {}
        ok = True
        for field in self.fields:
            raw = self.query_one(f"#entry-{field.name}", Input).value
            try:
                values[field.name] = self._check(field, raw, quiet_when_empty=False)
            except ValueError:
                ok = False
        if ok:
            self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
