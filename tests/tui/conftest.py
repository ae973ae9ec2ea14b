"""TUI tests run the real app on a copy of the demo database (``demo_store``, in
tests/conftest.py), with a fixed today."""

from __future__ import annotations

from pipeline_tui.store.database import Store


def make_app(store: Store):
    from pipeline_tui.tui.app import PipelineApp

    return PipelineApp(store, store.config)


async def settle(pilot, rounds: int = 4) -> None:
    """Let workers (database reads) finish and their results paint."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    # Tables size their columns when idle: give idle a moment before anyone looks.
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)
