"""The screen shown after a write is painted without waiting for another key (issue 15, point 2).

On a busy machine, the screen a key switched to (or the form it opened) stayed stale until the
next key or a resize: Textual skips every paint while a batch is open (``App._batch_count``: a
Footer rebuilding its keys, a reactive with ``recompose=True`` such as the dashboard's plan bars,
the 50 ms of a mode switch) and ending the batch did not prompt the screen again
(``tui/repaint.py`` says how). The slow steps are made to happen here on purpose, in the order
they happened: the dashboard's reload after a write finishes late, behind another screen, and
its plan bars take their time to rebuild while the user presses the next key.

The checks never call ``pilot.pause()``: it paints the current screen itself, which hides the
bug. The test keeps the terminal as the app writes it (every frame given to ``_display`` that
is not dropped by a batch) and compares it with what the screen holds once the app has nothing
left to do.
"""

from __future__ import annotations

import asyncio
import re
import threading

import pytest
import sqlalchemy as sa
from rich.cells import cell_len
from textual._wait import wait_for_idle
from textual.events import Key
from textual.widgets import Input
from textual.worker import WorkerState

from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens import dashboard
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.pipeline import PipelineScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.widgets.plan_bars import PlanBars
from tests.tui.conftest import _busy, make_app, pressing, settle, until, workers_done

SIZE = (140, 45)
_CONTROL = re.compile(
    r"\x1b\[(\d+);(\d+)H|\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
)


class Terminal:
    """The text a terminal shows after the app's writes: cursor moves and characters (colours
    and other escape codes left out)."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.rows = [[" "] * width for _ in range(height)]

    def write(self, data: str) -> None:
        x = y = 0
        at = 0
        for match in _CONTROL.finditer(data):
            x = self._text(data[at : match.start()], x, y)
            at = match.end()
            if match.group(1):
                y, x = int(match.group(1)) - 1, int(match.group(2)) - 1
        self._text(data[at:], x, y)

    def _text(self, text: str, x: int, y: int) -> int:
        for char in text:
            if char == "\n":
                continue
            if 0 <= y < len(self.rows) and 0 <= x < self.width:
                self.rows[y][x] = char
            x += cell_len(char) or 1
        return x

    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.rows]


def watch_terminal(app) -> Terminal:
    """A ``Terminal`` fed with every frame the app writes (as in a real terminal: a frame given
    to ``_display`` while a batch is open is dropped by Textual and never reaches it)."""
    terminal = Terminal(*SIZE)
    display = app._display

    def shown(screen, renderable) -> None:
        if renderable is not None and not app._batch_count:
            terminal.write(renderable.render_segments(app.console))
        display(screen, renderable)

    app._display = shown
    return terminal


def on_screen_now(app) -> list[str]:
    """What the terminal should show: the current screen (and those under a modal) drawn whole."""
    terminal = Terminal(*SIZE)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    terminal.write(update.render_segments(app.console))
    return terminal.lines()


def _pumps(app):
    yield app
    for stack in app._screen_stacks.values():
        for screen in stack:
            yield from screen.walk_children(with_self=True)


def _nothing_left(app) -> bool:
    """No worker, no batch, no message waiting anywhere, no paint scheduled."""
    return not (
        _busy(app)
        or app._batch_count
        or any(not pump._message_queue.empty() for pump in _pumps(app))
        or app.screen._update_timer._active.is_set()
    )


async def quiet(app, rounds: int = 500) -> None:
    """Let the app run until it has nothing left to do, in rounds of the event loop, without
    ever asking the screen for a paint (``pilot.pause`` would)."""
    for _ in range(rounds):
        await workers_done(app)
        await wait_for_idle(0)
        if _nothing_left(app):
            return
    raise AssertionError("the app never went quiet")


class HeldRebuild:
    """While armed, the next rebuild (``recompose``) of a ``widget_class`` keeps Textual's batch
    open, as a slow rebuild does on a busy machine, until ``release``. It runs in the widget's
    own task: the screens go on taking keys and messages meanwhile."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, widget_class: type) -> None:
        self.armed = False
        self.released = asyncio.Event()
        self.holding = False
        rebuild = widget_class.recompose
        held = self

        async def recompose(widget) -> None:
            if not held.armed:
                return await rebuild(widget)
            held.armed = False
            async with widget.batch():
                held.holding = True
                await held.released.wait()
                held.holding = False
                await rebuild(widget)

        monkeypatch.setattr(widget_class, "recompose", recompose)

    def release(self) -> None:
        self.released.set()


class SlowReload:
    """Once ``hold`` is called, the dashboard's next reload waits in its thread (``waiting`` is
    set) until ``release``: a reload that takes its time on a busy machine."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.waiting = threading.Event()
        self.go_on = threading.Event()
        self.go_on.set()
        load = dashboard.load_dashboard

        def slow(*args, **kwargs):
            if not self.go_on.is_set():
                self.waiting.set()
                assert self.go_on.wait(timeout=60), "the test never let the reload finish"
            return load(*args, **kwargs)

        monkeypatch.setattr(dashboard, "load_dashboard", slow)

    def hold(self) -> None:
        self.go_on.clear()

    def release(self) -> None:
        self.go_on.set()


def _running(app) -> int:
    return sum(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def _after_a_write(
    pilot, key: str, reload: SlowReload, rebuild: HeldRebuild, *, again: str = ""
):
    """On the dashboard, ``x`` on the first item due (a call: one more done this week); ``3``
    while the dashboard reloads, slowly; the reload ends behind the clients screen and the plan
    bars rebuild, slowly; ``key`` meanwhile (and ``again``, pressed before what ``key`` opened
    could be painted); then the rebuild ends. Returns the screen ``key`` opened."""
    app = pilot.app
    await settle(pilot)
    home = app.screen
    assert isinstance(home, DashboardScreen)
    due = home.query_one("#due", LazyTable)
    due.focus()
    due.move_cursor(row=0)
    await settle(pilot)
    assert due.item_at_cursor().activity.channel == "phone"
    reload.hold()
    await pilot.press("x")
    await until(pilot, reload.waiting.is_set)
    await pilot.press("3")
    await until(pilot, lambda: isinstance(app.screen, ClientsScreen) and _running(app) == 1)
    clients = app.screen
    rebuild.armed = True
    reload.release()
    await until(pilot, lambda: rebuild.holding)
    await pilot.press(key)
    # pilot.pause paints nothing while the batch is open: these waits cannot hide the bug
    await until(pilot, lambda: app.screen is not clients and app.screen.is_mounted)
    await until(pilot, lambda: not _running(app))
    opened = app.screen
    if again:
        await pilot.press(*again)
    rebuild.release()
    return opened


async def test_the_screen_switched_to_after_a_write_is_painted(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_store)
    slow = SlowReload(monkeypatch), HeldRebuild(monkeypatch, PlanBars)
    async with app.run_test(size=SIZE) as pilot:
        terminal = watch_terminal(app)
        board = await _after_a_write(pilot, "2", *slow)
        await quiet(app)
        assert isinstance(board, PipelineScreen) and app.screen is board
        assert terminal.lines() == on_screen_now(app)
        assert any("Negotiation" in line for line in terminal.lines())  # the board, seen


async def test_the_form_opened_after_a_write_is_painted_and_takes_the_next_keys(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``N`` once is enough: the form shows, and nothing typed is lost: the keys typed right after
    ``N``, before the form could be painted, are in its first field with those typed after."""
    app = make_app(demo_store)
    slow = SlowReload(monkeypatch), HeldRebuild(monkeypatch, PlanBars)
    async with app.run_test(size=SIZE) as pilot:
        terminal = watch_terminal(app)
        form = await _after_a_write(pilot, "N", *slow, again="Ac")
        await quiet(app)
        assert isinstance(form, FormScreen) and app.screen is form
        assert terminal.lines() == on_screen_now(app)
        assert any("Name *" in line for line in terminal.lines())
        # typed before the form could be seen: kept, in the field that shows the cursor
        assert form.query_one("#field-name", Input).value == "Ac"
        await pilot.press(*"me")
        await quiet(app)
        assert form.query_one("#field-name", Input).value == "Acme"
        assert terminal.lines() == on_screen_now(app)


def burst(app, keys: list[str]) -> None:
    """``keys`` posted as the terminal driver posts them: all at once, no wait between."""
    for key in keys:
        app.post_message(Key(key, key if len(key) == 1 else None))


async def saved_by_a_burst(demo_store: Store, before: list[str], keys: list[str], name: str):
    """``before`` pressed (settled), then ``keys`` in one burst: the client ``name`` was saved
    and said so. Returns the app's screen after ``before``."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pressing(before)(pilot)
        shown = app.screen
        burst(app, keys)
        await settle(pilot)
        assert [n.message for n in app._notifications] == [f"Client added: {name}"]
    with demo_store.engine.connect() as conn:
        names = conn.execute(sa.text("SELECT name FROM client")).scalars().all()
    assert name in names
    return shown


async def test_ctrl_s_typed_in_one_burst_with_the_text_saves_the_text(demo_store: Store) -> None:
    """Keys that reach the app together (a paste, a fast typist, ``tmux send-keys``) are taken in
    the order they were pressed: Ctrl+S saves what was typed before it."""
    form = await saved_by_a_burst(demo_store, ["3", "N"], [*"Acme Paint", "ctrl+s"], "Acme Paint")
    assert isinstance(form, FormScreen)  # the form was open before the burst


async def test_what_is_typed_with_the_key_that_opens_a_form_goes_into_the_form(
    demo_store: Store,
) -> None:
    """``N``, a name and Ctrl+S in one burst: the keys after ``N`` were given to the clients
    screen before the form came (``tui/typeahead.py``); none is lost, and the client is saved."""
    await saved_by_a_burst(demo_store, ["3"], ["N", *"Acme Burst", "ctrl+s"], "Acme Burst")


async def test_keys_typed_after_a_digit_act_on_the_screen_it_switches_to(
    demo_store: Store,
) -> None:
    """``3``, ``N`` and a name in one burst from the dashboard: the clients screen's New client
    form opens with the name in it, once."""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, ["3", "N", *"Zed"])
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-name", Input).value == "Zed"
