"""A load replaced by a newer one never shows its (older) result."""

from __future__ import annotations

import threading

from textual import work
from textual.app import App

from pipeline_tui.tui.workers import deliver
from tests.tui.conftest import settle, until


class Loads(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []
        self.release = threading.Event()

    @work(thread=True, exclusive=True, group="load")
    def load(self, name: str, wait: bool) -> None:
        if wait:
            self.release.wait(5)  # the older load finishes last
        deliver(self, self.shown.append, name)


async def test_the_older_result_is_dropped() -> None:
    app = Loads()
    async with app.run_test() as pilot:
        app.load("old", True)
        await pilot.pause()
        app.load("new", False)
        await until(pilot, lambda: app.shown == ["new"])  # the newer load is in
        app.release.set()  # now the older one finishes, last
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert app.shown == ["new"]
