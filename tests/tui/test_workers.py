"""``call_service``: the one way a screen runs a service (``tui/workers.py``)."""

from __future__ import annotations

import threading

from textual.app import App, ComposeResult
from textual.widgets import Label

from pipeline_tui.errors import InvalidInput
from pipeline_tui.tui.workers import ServiceCalls
from tests.tui.conftest import settle, until


class Host(ServiceCalls, App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[object] = []
        self.release = threading.Event()

    def compose(self) -> ComposeResult:
        yield Label("")


def refuse(name: str) -> str:
    raise InvalidInput(f"no client named {name!r}")


async def test_the_result_comes_back_on_the_ui_thread_with_the_success_message() -> None:
    app = Host()
    ui_thread = threading.get_ident()
    async with app.run_test(notifications=True) as pilot:
        app.call_service(
            lambda a, b=0: a + b,
            2,
            b=3,
            then=lambda result: app.shown.append((result, threading.get_ident() == ui_thread)),
            success="Added",
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.shown == [(5, True)]
        assert [n.message for n in app._notifications] == ["Added"]


async def test_an_error_is_a_notification_or_goes_to_failed() -> None:
    app = Host()
    async with app.run_test(notifications=True) as pilot:
        app.call_service(refuse, "Acme", then=app.shown.append, success="never")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (note,) = app._notifications
        assert note.message == "no client named 'Acme'" and note.severity == "error"
        app.call_service(refuse, "Globex", then=app.shown.append, failed=app.shown.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        (error,) = app.shown
        assert isinstance(error, InvalidInput) and "Globex" in str(error)
        assert len(app._notifications) == 1


async def test_a_replaced_run_of_an_exclusive_group_is_dropped() -> None:
    app = Host()

    def slow(name: str) -> str:
        app.release.wait(5)  # the older load finishes last
        return name

    def slow_refusal(name: str) -> str:
        app.release.wait(5)
        return refuse(name)

    async with app.run_test(notifications=True) as pilot:
        app.call_service(slow, "old", then=app.shown.append, group="load", exclusive=True)
        app.call_service(
            slow_refusal, "old", failed=app.shown.append, group="other", exclusive=True
        )
        await pilot.pause()
        app.call_service(str, "new", then=app.shown.append, group="load", exclusive=True)
        app.call_service(str, "newer", then=app.shown.append, group="other", exclusive=True)
        await until(pilot, lambda: app.shown == ["new", "newer"])  # the newer load is in
        app.release.set()  # now the older one finishes, last
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.shown == ["new", "newer"]
        assert not app._notifications
