"""The settings screen, pressed key by key with Pilot on the demo data: edit a setting through its
form (an error shown inline keeps what was typed), reset it, and the store has what was shown."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label

from pipeline_tui.services.settings import load_settings
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.settings import SettingsScreen
from tests.tui.conftest import make_app, settle


async def _open(pilot) -> SettingsScreen:
    await settle(pilot)
    await pilot.press("8")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


async def _select(pilot, screen: SettingsScreen, path: str) -> None:
    table = screen.query_one("#settings", DataTable)
    table.move_cursor(row=[r.path for r in screen.rows].index(path))
    await pilot.pause()


async def test_edit_a_setting_in_its_form_and_reset_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await _open(pilot)
        assert "rot_days.proposal" in [r.path for r in screen.rows]
        await _select(pilot, screen, "rot_days.proposal")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        field = form.query_one("#field-value", Input)
        assert field.value == "14"
        field.value = "soon"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form  # not saved: the message says why, the text stays
        assert "whole number" in str(form.query_one("#error-value", Label).render())
        assert field.value == "soon"
        assert load_settings(demo_store).rot_days["proposal"] == 14
        field.value = "21"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert load_settings(demo_store).rot_days["proposal"] == 21
        row = next(r for r in screen.rows if r.path == "rot_days.proposal")
        assert (row.value, row.default, row.changed) == ("21", "14", True)
        await _select(pilot, screen, "rot_days.proposal")
        await pilot.press("delete")
        await settle(pilot)
        assert load_settings(demo_store).rot_days["proposal"] == 14
        assert not next(r for r in screen.rows if r.path == "rot_days.proposal").changed


async def test_the_screen_is_in_the_palette_and_the_comma_opens_it(demo_store: Store) -> None:
    from pipeline_tui.tui.commands import PipelineCommands

    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        names = [name for name, _, _ in PipelineCommands(app.screen)._commands()]
        assert "Go to the settings" in names
        await pilot.press("comma")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert "Settings: Reset to default" in [
            name for name, _, _ in PipelineCommands(app.screen)._commands()
        ]
