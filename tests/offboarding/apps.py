"""A small app that shows the offboarding screens on their own, for Pilot and snapshot tests."""

from __future__ import annotations

from textual.app import App

from pipeline_tui.config import Config
from pipeline_tui.services.offboarding import EndedMission
from pipeline_tui.store.database import Store
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.offboarding import EndMissionScreen, OffboardingScreen


class OffboardingTestApp(App[None]):
    """Opens the end-mission form (``mission_id``), then the offboarding it opened; or directly
    the offboarding screen."""

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        mission_id: int | None = None,
        offboarding_id: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.context = TuiContext(config, store)
        self.mission_id = mission_id
        self.offboarding_id = offboarding_id
        self.ended: EndedMission | None = None
        self.changes: list[int] = []

    def on_mount(self) -> None:
        if self.mission_id is not None:
            self.push_screen(EndMissionScreen(self.context, self.mission_id), self._ended)
        else:
            self.push_screen(OffboardingScreen(self.context, self.offboarding_id))

    def _ended(self, result: EndedMission | None) -> None:
        self.ended = result
        if result is not None:
            self.push_screen(OffboardingScreen(self.context, result.offboarding_id))

    def on_offboarding_screen_changed(self, message: OffboardingScreen.Changed) -> None:
        self.changes.append(message.offboarding_id)
