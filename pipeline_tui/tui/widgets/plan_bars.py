"""Plan progress: one bar per cadence (done against target for the current period)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Label, ProgressBar

from pipeline_tui.i18n import _


class PlanBars(Vertical):
    """``lines`` is a sequence of objects with ``label``, ``done`` and ``target``."""

    lines: reactive[tuple] = reactive(tuple, recompose=True)

    def compose(self) -> ComposeResult:
        if not self.lines:
            yield Label(_("No prospecting plan yet."), classes="plan-empty")
            return
        counts = [f"{line.done}/{line.target}" for line in self.lines]
        # Every count at least as wide as the widest (a padding included), so the bars line up
        # and a large count (315/10 done on a busy week) is not cut; the style's width is the
        # usual one.
        wide = max(len(count) for count in counts) + 2
        for line, count in zip(self.lines, counts, strict=True):
            with Horizontal(classes="plan-line"):
                yield Label(line.label, classes="plan-label")
                bar = ProgressBar(total=max(line.target, 1), show_eta=False, show_percentage=False)
                bar.progress = min(line.done, line.target)
                yield bar
                shown = Label(count, classes="plan-count")
                shown.styles.min_width = wide
                yield shown
