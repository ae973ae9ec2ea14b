"""The header every screen shows: the app's name, the screens as a tab line (their digits, the
current one marked), and the day the app counts from (``--today``).

When the width is short, the other screens lose their titles first (their digits stay), then
the app's name, then the day: the digits and the current screen's title always show. A click on
a tab goes to that screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from pipeline_tui.i18n import _
from pipeline_tui.tui.keymap import SCREENS

SEPARATOR = "  "


class AppHeader(Widget):
    """One line, docked at the top. Its styles are its own (any app or test app that shows a
    screen with it gets them)."""

    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        width: 1fr;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    AppHeader > .app-header--name { text-style: bold; }
    AppHeader > .app-header--tab { color: $text-muted; }
    AppHeader > .app-header--digit { color: $text-primary; text-style: bold; }
    AppHeader > .app-header--current { background: $primary; color: $text; text-style: bold; }
    AppHeader > .app-header--day { color: $text-muted; }
    """

    COMPONENT_CLASSES = {
        "app-header--name",
        "app-header--tab",
        "app-header--current",
        "app-header--digit",
        "app-header--day",
    }

    def __init__(self) -> None:
        super().__init__()
        self._tabs: list[tuple[int, int, str]] = []  # (first cell, end, mode) of each tab

    def on_mount(self) -> None:
        self.watch(self.app, "sub_title", lambda _: self.refresh(), init=False)

    @property
    def current_mode(self) -> str | None:
        """The screen this header belongs to (a pushed screen of a mode is that mode)."""
        name = type(self.screen).__name__
        for entry in SCREENS:
            if entry.screen.partition(":")[2] == name:
                return entry.mode
        return getattr(self.app, "current_mode", None)

    def _tab_line(self, full: bool) -> Text:
        """The tabs: every title when ``full``, else the current one's only."""
        current = self.current_mode
        line = Text()
        self._tabs = []
        for entry in SCREENS:
            start = line.cell_len
            if line:
                line.append(" ")
                start += 1
            is_current = entry.mode == current
            style = self.get_component_rich_style(
                "app-header--current" if is_current else "app-header--tab"
            )
            digit = self.get_component_rich_style("app-header--digit")
            line.append(f" {entry.digit}", style + (None if is_current else digit))
            title = f" {_(entry.title)} " if full or is_current else " "
            line.append(title, style)
            self._tabs.append((start, line.cell_len, entry.mode))
        return line

    def render(self) -> Text:
        width = self.size.width
        name = Text(" pipeline-tui", self.get_component_rich_style("app-header--name"))
        day = Text(f"{self.app.sub_title} ", self.get_component_rich_style("app-header--day"))
        for full, with_name, with_day in (
            (True, True, True),
            (False, True, True),
            (False, False, True),
            (False, False, False),
        ):
            tabs = self._tab_line(full)
            left = Text.assemble(name, SEPARATOR) if with_name else Text(" ")
            used = left.cell_len + tabs.cell_len + (day.cell_len + 1 if with_day else 0)
            if used <= width or not (full or with_name or with_day):
                break
        shift = left.cell_len
        self._tabs = [(a + shift, b + shift, mode) for a, b, mode in self._tabs]
        line = Text.assemble(left, tabs)
        if with_day:
            gap = max(1, width - line.cell_len - day.cell_len)
            line.append(" " * gap)
            line.append_text(day)
        line.truncate(width)
        return line

    async def on_click(self, event: events.Click) -> None:
        for start, end, mode in self._tabs:
            if start <= event.x < end:
                await self.app.run_action(f"goto('{mode}')")
                return
