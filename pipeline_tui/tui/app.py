"""The Textual application: screens, global bindings, theme. Thin: screens call services."""

from __future__ import annotations

from textual.app import App

from pipeline_tui.config import Config
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.overview import OverviewScreen


class PipelineApp(App[None]):
    """pipeline-tui's terminal interface."""

    TITLE = "pipeline-tui"
    CSS_PATH = "app.tcss"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config

    def on_mount(self) -> None:
        self.sub_title = f"today {self.config.today:%a %d %b %Y}"
        self.push_screen(OverviewScreen(self.store, self.config))
