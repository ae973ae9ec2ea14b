"""Pilot tests of the plan and review screens, pushed on a small test app."""

from __future__ import annotations

import threading
from datetime import timedelta

import sqlalchemy as sa
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Label, ProgressBar, Select, Sparkline, Static

from pipeline_tui.services import clients, prospecting
from pipeline_tui.store.database import Store
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.plan import PlanScreen
from pipeline_tui.tui.screens.review import ReviewScreen
from tests.conftest import TODAY
from tests.helpers import MONDAY, add_active_client
from tests.tui.conftest import settle


class ScreenApp(App[None]):
    """The smallest app that shows one screen (the real app wires the screens itself)."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._first = screen

    def on_mount(self) -> None:
        self.push_screen(self._first)


def text(widget) -> str:
    return str(widget.render())


def count(store: Store, sql: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar_one()


async def test_log_from_the_plan_screen_moves_the_bar_and_the_streak(store: Store) -> None:
    client = clients.add_client(store, "Cimentis")
    clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    prospecting.add_cadence(store, "phone", 1, starts_on=MONDAY - timedelta(weeks=3))
    for weeks_ago in (1, 2, 3):  # one call in each of the three weeks before this one
        day = (MONDAY - timedelta(weeks=weeks_ago)).isoformat()
        with store.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO activity (kind, channel, subject, done_on, due_on, created_at) "
                    "VALUES ('call', 'phone', 'Appel', :d, :d, '2026-11-01 00:00:00')"
                ),
                {"d": day},
            )
    app = ScreenApp(PlanScreen(TuiContext(store.config, store)))
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        await settle(pilot)
        (bar,) = screen.query(ProgressBar)
        assert (bar.progress, bar.total) == (0, 1)
        streak = screen.query_one("#streak", Label)
        assert "Streak: 3 weeks" in text(streak) and "this week: in progress" in text(streak)

        await pilot.press("l")  # focus the log bar
        log = app.focused
        assert isinstance(log, Input) and log.id == "quicklog"
        log.value = "call Karim Benali done:+1d"  # (typing it all is slow under Pilot)
        await pilot.pause()
        assert text(screen.query_one("#log-preview")).startswith("✗ done:+1d is in the future")
        await pilot.press("enter")
        await settle(pilot)
        assert text(screen.query_one("#log-result")).startswith("✗ done:+1d")
        assert count(store, "SELECT count(*) FROM activity") == 3  # nothing written
        log.value = ""
        await pilot.press(*"call benali")
        preview = text(screen.query_one("#log-preview"))
        assert preview.startswith("→ Call with benali (phone) · done today")
        await pilot.press("enter")
        await settle(pilot)

        today = TODAY.isoformat()
        assert count(store, f"SELECT count(*) FROM activity WHERE done_on = '{today}'") == 1
        (bar,) = screen.query(ProgressBar)
        assert bar.progress == 1
        streak = screen.query_one("#streak", Label)
        assert "Streak: 4 weeks" in text(streak) and "this week: met" in text(streak)
        assert text(screen.query_one("#log-result", Static)).startswith("Logged: Call with")
        assert screen.query_one("#quicklog", Input).value == ""


async def test_raise_the_plan_from_the_whatif_panel(store: Store) -> None:
    acme = add_active_client(store, "Acme", 70_000, 12.0)
    add_active_client(store, "Bricolo", 50_000, 4.0)
    app = ScreenApp(PlanScreen(TuiContext(store.config, store)))
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        await settle(pilot)
        assert text(screen.query_one("PlanBars")).strip() == "" or not screen.query(ProgressBar)
        await pilot.press("r")  # nothing picked yet: a warning, nothing written
        await settle(pilot)
        assert count(store, "SELECT count(*) FROM cadence") == 0

        await pilot.press("w")  # focus the client picker, open it, take the first (largest)
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert screen.query_one("#whatif-client", Select).value == acme.id
        panel = text(screen.query_one("#whatif", Static))
        assert "Losing Acme opens a gap of €8,400/month" in panel
        assert "Targets from your last 12 months:" in panel

        await pilot.press("r")
        await settle(pilot)
        with store.engine.connect() as conn:
            made = conn.execute(
                sa.text("SELECT channel, count, rrule, starts_on FROM cadence ORDER BY id")
            ).all()
        report = screen.report
        expected = {ch: t.per_period for ch, t in report.targets.items() if t.per_period > 0}
        assert {channel: n for channel, n, _, _ in made} == expected  # one row per channel
        for channel, _, rrule, _ in made:
            weekly = report.targets[channel].period == "week"
            assert (rrule == "FREQ=WEEKLY;BYDAY=MO") == weekly, (channel, rrule)
        await pilot.press("r")  # twice: no duplicate
        await settle(pilot)
        assert count(store, "SELECT count(*) FROM cadence") == len(made)


async def test_the_plan_screen_paints_before_the_data(store: Store, monkeypatch) -> None:
    import pipeline_tui.tui.screens.plan as plan_module

    prospecting.add_cadence(store, "phone", 1, starts_on=MONDAY)
    gate = threading.Event()
    real = plan_module.plan_status

    def slow_plan_status(*args, **kwargs):
        assert threading.current_thread() is not threading.main_thread()  # a worker thread
        gate.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(plan_module, "plan_status", slow_plan_status)
    app = ScreenApp(PlanScreen(TuiContext(store.config, store)))
    async with app.run_test(size=(120, 45)) as pilot:
        screen = app.screen
        await pilot.pause()
        assert text(screen.query_one("#streak", Label)) == "Loading the plan…"
        assert screen.query_one("PlanBars").loading
        gate.set()
        await settle(pilot)
        assert text(screen.query_one("#streak", Label)).startswith("Streak: 0 weeks")
        assert not screen.query_one("PlanBars").loading


async def test_review_screen_moves_between_weeks(demo_store: Store) -> None:
    app = ScreenApp(ReviewScreen(TuiContext(demo_store.config, demo_store)))
    async with app.run_test(size=(130, 45)) as pilot:
        screen = app.screen
        await settle(pilot)
        assert text(screen.query_one("#review-week")).startswith("Weekly review — 2026-W47")
        assert screen.review.week.label == "2026-W47"
        assert len(screen.query_one("#trend-weighted", Sparkline).data) == 8
        assert len(screen.query_one("#trend-coverage", Sparkline).data) == 8
        assert screen.markdown.startswith("# Weekly review — 2026-W47")  # what y copies
        shown = app.export_screenshot()
        assert shown.count("Weekly&#160;review&#160;—&#160;2026-W47") == 1  # said once on screen
        await pilot.press("left")
        await settle(pilot)
        assert screen.review.week.label == "2026-W46"
        await pilot.press("right", "right_square_bracket")
        await settle(pilot)
        assert screen.review.week.label == "2026-W48"  # the current week, so far
        assert not screen.review.week.complete
        await pilot.press("right")  # 2026-W49 has not started: stays
        await settle(pilot)
        assert screen.review.week.label == "2026-W48"
