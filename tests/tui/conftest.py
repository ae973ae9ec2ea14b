"""TUI tests run the real app on a copy of the demo database (``demo_store``, in
tests/conftest.py), with a fixed today."""

from __future__ import annotations

import contextlib
import difflib
import html
import pickle
import re

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerState

from pipeline_tui.store.database import Store


def make_app(store: Store):
    from pipeline_tui.tui.app import PipelineApp

    return PipelineApp(store, store.config)


async def workers_done(app) -> None:
    """Wait for the app's workers, as they stand now, to end. Unlike Textual's
    ``wait_for_complete``, a worker cancelled meanwhile (an exclusive load replaced by a newer
    one, as happens when the machine is slow) or not started yet is no error: the caller's next
    round sees what it left. A worker that failed still raises."""
    for worker in list(app.workers):
        if worker.state is WorkerState.PENDING:
            continue
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


def _busy(app) -> bool:
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


def painted(app) -> list[tuple]:
    """What the screen shows now: each row's runs of text with their style. It is what
    ``app.export_screenshot()`` draws (the same full render of the screen and the screens
    under it), without drawing the SVG, which cost a settle round most of its time."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    return [
        tuple((segment.text, segment.style) for strip in row for segment in strip)
        for row in update.strips
    ]


async def settle(pilot, rounds: int = 100) -> None:
    """Wait until the app is idle, never for a fixed time: no worker pending or running
    (database reads), no message pending, no animation scheduled, and the screen painting the
    same thing twice in a row (tables size their columns when idle, after a refresh that a round
    may still owe)."""
    app = pilot.app
    last = None
    for _ in range(rounds):
        await workers_done(app)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        if _busy(app):
            last = None
            continue
        shot = painted(app)
        if shot == last:
            return
        last = shot
    raise AssertionError(f"the app did not settle in {rounds} rounds")


def pressing(keys: list[str], *, settle_each: bool = True):
    """A snapshot's ``run_before``: the app settled, then ``keys`` pressed, the app settled after
    each one (a screen or form opens before the next key) or, with ``settle_each=False``, once
    at the end (a line typed into a field)."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            if settle_each:
                await settle(pilot)
        await settle(pilot)

    return run_before


async def until(pilot, condition, rounds: int = 100_000) -> None:
    """Let the app run until ``condition()`` holds (a result a worker thread delivers), in
    rounds of the event loop rather than seconds; fails if it never does."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the condition never held")


IDLE_SLEEP = 0.005


@pytest.fixture(autouse=True)
def quick_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot lets the app work after each key until the process is idle: until it spent
    almost no CPU (under a twentieth) during a short sleep (``textual._wait.wait_for_idle``).
    Textual sleeps 20 ms at a time, so each key cost at least 60 ms of sleeping however soon the
    app was done (a line of 300 characters slept 18 s, and the Pilot tests slept more than they
    worked). Here a sleep lasts 5 ms, and idle is still under a twentieth of it: the same test
    of idleness, taken more often."""
    from textual import _wait

    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", IDLE_SLEEP)
    monkeypatch.setattr(_wait, "SLEEP_IDLE", IDLE_SLEEP / 20)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor never blinks in the tests: it toggles every half second, so a snapshot of
    a focused field depended on when it was taken (the quick-add, end-form and import-report
    snapshots that failed under load). A focused field shows its cursor, always."""

    def keep_visible(self: Input) -> None:
        self._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", keep_visible)


_SVG_TEXT = re.compile(
    r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
)


def screen_lines(svg: str) -> list[str]:
    """The text of a Textual SVG screenshot, row by row (colours left out)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _SVG_TEXT.findall(svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]


@pytest.fixture
def snap_compare(snap_compare, request: pytest.FixtureRequest):
    """pytest-textual-snapshot's ``snap_compare``; when a snapshot differs, the rows of text that
    differ are printed too, so a failure in CI (whose HTML report is gone with its machine) says
    what changed. When only colours differ, it says so."""
    from pytest_textual_snapshot import node_to_report_path

    def compare(*args, **kwargs) -> bool:
        same = snap_compare(*args, **kwargs)
        report = node_to_report_path(request.node)
        if not same and report.exists():
            expected, actual = pickle.loads(report.read_bytes())[1:3]
            diff = list(
                difflib.unified_diff(
                    screen_lines(expected or ""),
                    screen_lines(actual or ""),
                    "snapshot",
                    "now",
                    lineterm="",
                    n=1,
                )
            )
            print(
                "\n".join(diff) if diff else "The text is the same: only colours or styles differ."
            )
        return same

    return compare
