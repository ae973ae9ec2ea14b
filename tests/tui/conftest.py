"""TUI tests run the real app on a copy of the demo database (``demo_store``, in
tests/conftest.py), with a fixed today."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from pipeline_tui.store.database import Store


def make_app(store: Store):
    from pipeline_tui.tui.app import PipelineApp

    return PipelineApp(store, store.config)


async def settle(pilot, rounds: int = 100) -> None:
    """Wait until the app is idle, never for a fixed time: no worker running (database reads),
    no message pending, no animation scheduled, and the screen painting the same thing twice in
    a row (tables size their columns when idle, after a refresh that a round may still owe)."""
    app = pilot.app
    last = None
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        if any(worker.is_running for worker in app.workers):
            continue
        shot = app.export_screenshot()
        if shot == last:
            return
        last = shot
    raise AssertionError(f"the app did not settle in {rounds} rounds")


async def until(pilot, condition, rounds: int = 100_000) -> None:
    """Let the app run until ``condition()`` holds (a result a worker thread delivers), in
    rounds of the event loop rather than seconds; fails if it never does."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor never blinks in the tests: it toggles every half second, so a snapshot of
    a focused field depended on when it was taken (the quick-add, end-form and import-report
    snapshots that failed under load). A focused field shows its cursor, always."""

    def keep_visible(self: Input) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", keep_visible)
