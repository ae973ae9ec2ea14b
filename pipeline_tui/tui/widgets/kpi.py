"""A KPI tile: a title, one big figure, and the line that explains it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from pipeline_tui.tui.tones import tone_class


class KpiTile(Widget):
    """Set ``value``, ``caption`` and their tones from the parent; the tile only displays them.
    ``tone`` colours the figure, ``caption_tone`` the caption (a sum of money stays neutral
    while its caption says a risk: the revenue and its concentration)."""

    value: reactive[str] = reactive("…")
    caption: reactive[str] = reactive("")
    tone: reactive[str] = reactive("neutral")  # neutral | good | warning | bad
    caption_tone: reactive[str] = reactive("neutral")

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = title

    def compose(self) -> ComposeResult:
        yield Label(self.value, classes="kpi-value")
        yield Label(self.caption, classes="kpi-caption")

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self.query_one(".kpi-value", Label).update(value)

    def watch_caption(self, caption: str) -> None:
        if self.is_mounted:
            self.query_one(".kpi-caption", Label).update(caption)

    def watch_tone(self, old: str, new: str) -> None:
        self.remove_class(tone_class(old))  # type: ignore[arg-type]
        self.add_class(tone_class(new))  # type: ignore[arg-type]

    def watch_caption_tone(self, old: str, new: str) -> None:
        self.remove_class(f"caption{tone_class(old)}")  # type: ignore[arg-type]
        self.add_class(f"caption{tone_class(new)}")  # type: ignore[arg-type]
