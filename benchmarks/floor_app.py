"""The floor of the TUI figures: a bare Textual app that paints one Static.

Run the way ``run.py`` runs pipeline-tui (headless, ``PIPELINE_TUI_BENCH=first-frame``), it marks
its first painted frame through the same hook (``pipeline_tui.tui.bench_hook``) and exits, so the
difference between the two is what pipeline-tui itself costs.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from pipeline_tui.tui import bench_hook


class FloorApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("floor")

    def on_mount(self) -> None:
        bench_hook.app_mounted(self)


if __name__ == "__main__":
    FloorApp().run()
