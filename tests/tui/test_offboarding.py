"""Acceptance 2: the story through the keyboard (Pilot), and snapshots of the offboarding screen.

The test app (``helpers.OffboardingTestApp``) opens the end-mission form, then the offboarding it
opened — the way the clients screen will. Snapshots are over the demo with the fixed today;
regenerate them with ``pytest tests/tui/test_offboarding.py --snapshot-update`` and look at the
SVGs.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label, ProgressBar, Select

from pipeline_tui.services.deals import get_deal
from pipeline_tui.services.offboarding_view import get_offboarding_view, list_offboardings
from pipeline_tui.tui.screens.offboarding import EndMissionScreen, OffboardingScreen
from tests.helpers import Demo, OffboardingTestApp
from tests.tui.conftest import settle as idle
from tests.tui.conftest import workers_done

RETAIL = "Maison Verlaine Distribution"
SIZE = (120, 40)


def _loaded(screen: object) -> bool:
    if isinstance(screen, OffboardingScreen):
        return screen.data is not None
    if isinstance(screen, EndMissionScreen):
        return screen.mission_start is not None
    return True


def _end_retail_early(demo: Demo, **given: object):
    """End the at-risk client's mission early (``budget``, 30 days' notice, today unless
    ``end_on`` is given): the offboarding it opens."""
    from pipeline_tui.services.offboarding import end_mission_early

    values: dict = {"end_on": demo.today, "notice_days": 30, "reason": "budget", **given}
    return end_mission_early(
        demo.store, demo.running_mission(RETAIL).id, today=demo.today, **values
    )


async def settle(pilot: Pilot) -> None:
    """Let the screen mount, its workers finish and their results reach the screen."""
    for _ in range(200):
        await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        if _loaded(pilot.app.screen) and not any(w.is_running for w in pilot.app.workers):
            await idle(pilot)  # and the screen painted the same thing twice
            return
    raise AssertionError("the screen did not load")


async def test_end_a_mission_early_and_work_the_checklist_with_the_keyboard(demo: Demo) -> None:
    mission = demo.running_mission(RETAIL)
    app = OffboardingTestApp(demo.store, demo.config, mission_id=mission.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndMissionScreen)
        # Last day: today. Notice: 30 (prefilled). Reason: typed to search in the menu.
        await pilot.press(*"today", "tab", "tab")
        await pilot.press("enter", *"scope", "enter")
        assert app.screen.query_one("#field-reason", Select).value == "scope_creep_refused"
        await pilot.press("tab", *"Refus", "tab")
        await pilot.press("tab", *"3500")  # the relationship stayed good: left ticked
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.ended is not None and app.ended.training_deal_id is not None
        assert isinstance(app.screen, OffboardingScreen)
        screen = app.screen
        assert screen.query_one("#ob-progress-text", Label).content == "10%  1/10 done"
        deal = get_deal(demo.store, app.ended.training_deal_id)
        assert (deal.stage, deal.monthly_value_cents) == ("proposal", 350_000)
        view = get_offboarding_view(demo.store, app.ended.offboarding_id)
        assert (view.offboarding.reason, view.offboarding.note) == (
            "scope_creep_refused",
            "Refus",
        )

        # Tick the first two items (transition plan, handover) with space.
        await pilot.press("space", "down", "space")
        await settle(pilot)
        assert screen.query_one("#ob-progress-text", Label).content == "30%  3/10 done"
        assert screen.query_one("#ob-progress", ProgressBar).progress == 3
        view = get_offboarding_view(demo.store, app.ended.offboarding_id)
        assert {i.key for i in view.items if i.done_on} == {
            "transition_plan",
            "handover",
            "training_offer",
        }
        assert app.changes == [app.ended.offboarding_id] * 2

        # Untick the handover again: the cursor stayed on it.
        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one("#ob-progress-text", Label).content == "20%  2/10 done"

        # A transition step, added from its table with "A".
        screen.query_one("#ob-steps", DataTable).focus()
        await pilot.press("A")
        await settle(pilot)  # the form is open before anything is typed into it
        await pilot.press(*"Tunnel", "tab", *"Thomas", "enter")
        await settle(pilot)
        steps = screen.query_one("#ob-steps", DataTable)
        assert steps.row_count == 1
        assert steps.get_row_at(0)[1:] == ["Tunnel", "Thomas"]


async def test_the_form_says_what_is_wrong_and_writes_nothing(demo: Demo) -> None:
    mission = demo.running_mission(RETAIL)
    app = OffboardingTestApp(demo.store, demo.config, mission_id=mission.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"someday", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert "is not a date I understand" in str(screen.query_one("#error-end_on", Label).content)
        assert "choose why" in str(screen.query_one("#error-reason", Label).content)
        assert "correct the fields" in str(screen.query_one("#form-error", Label).content)

        # A date the service refuses (before the mission's start): the message shows in the form.
        end_on = screen.query_one("#field-end_on")
        end_on.value = "2020-01-01"
        screen.query_one("#field-reason", Select).value = "budget"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "before the mission's start" in str(screen.query_one("#form-error", Label).content)
        assert isinstance(app.screen, EndMissionScreen)

        await pilot.press("escape")
        await settle(pilot)
    assert app.ended is None
    assert [o.client_name for o in list_offboardings(demo.store)] != [RETAIL]
    assert demo.running_mission(RETAIL).actual_end_on is None


def test_snapshot_of_the_demos_offboarding(demo: Demo, snap_compare) -> None:
    """The demo's former client, 24 days after its early end: 8 of 10 items done, two overdue."""
    app = OffboardingTestApp(demo.store, demo.config)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_snapshot_of_a_checklist_just_opened(demo: Demo, snap_compare) -> None:
    """Right after ending the at-risk client's mission with a training offer, cursor moved down."""
    ended = _end_retail_early(
        demo, notice_days=15, reason="scope_creep_refused", training_offer_cents=350_000
    )
    app = OffboardingTestApp(demo.store, demo.config, offboarding_id=ended.offboarding_id)
    assert snap_compare(app, terminal_size=SIZE, press=["down", "down"], run_before=settle)


def test_snapshot_of_the_end_form_with_its_errors(demo: Demo, snap_compare) -> None:
    """The end-mission form after Ctrl+S on an unreadable date and no reason."""
    mission = demo.running_mission(RETAIL)
    app = OffboardingTestApp(demo.store, demo.config, mission_id=mission.id)

    async def type_wrong(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*"someday", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 44), run_before=type_wrong)


async def test_a_future_end_reads_in_the_future_and_empty_tables_say_so(demo: Demo) -> None:
    """Ending a mission a month ahead: "Ends early on …", not "Ended"; the transition plan,
    documents and lessons, still empty, say what to add instead of showing bare headers."""
    from datetime import timedelta

    ended = _end_retail_early(demo, end_on=demo.today + timedelta(days=30))
    app = OffboardingTestApp(demo.store, demo.config, offboarding_id=ended.offboarding_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        facts = str(app.screen.query_one("#ob-facts").render())
        assert facts.startswith("Ends early on 26 Dec 2026"), facts
        for table in ("ob-steps", "ob-documents", "ob-lessons"):
            assert app.screen.query_one(f"#{table}-empty", Label).display, table
        assert not app.screen.query_one("#ob-items-empty", Label).display  # it has its items


async def test_a_checklist_with_no_item_left_reads_complete(demo: Demo) -> None:
    """Every item removed (none applied to this collaboration): the checklist counts as complete
    (``domain.playbook.Progress.fraction``), so the bar is full and reads 100 %, not 0 %."""
    from pipeline_tui.services.offboarding import remove_item

    ended = _end_retail_early(demo)
    for item in get_offboarding_view(demo.store, ended.offboarding_id).items:
        remove_item(demo.store, item.id, demo.today)
    app = OffboardingTestApp(demo.store, demo.config, offboarding_id=ended.offboarding_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#ob-progress-text", Label).content == "100%  0/0 done"
        bar = screen.query_one("#ob-progress", ProgressBar)
        assert bar.percentage == 1.0
