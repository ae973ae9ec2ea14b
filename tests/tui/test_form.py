"""The shared modal pieces every editor uses: a form that saves itself and keeps what was typed
when the service refuses, names offered as you type, and the confirmation before a deletion."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import App
from textual.widgets import Input, Label

from pipeline_tui.errors import InvalidInput
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from tests.tui.conftest import settle

TODAY = date(2026, 11, 24)


class Host(App[None]):
    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.first = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


def _client_form(saved: list[dict[str, Any]]) -> FormScreen:
    def save(values: dict[str, Any]) -> str:
        if values["client"].lower() != "banque rivemont":
            raise InvalidInput(
                f"no client named {values['client']!r}; did you mean: Banque Rivemont?"
            )
        saved.append(values)
        return f"saved {values['client']}"

    fields = [
        FieldSpec("client", "Client", required=True, suggestions=("Banque Rivemont", "Acme")),
        FieldSpec("note", "Note"),
    ]
    return FormScreen("Log an activity", fields, TODAY, save=save)


async def test_a_refused_save_keeps_everything_typed_and_says_why() -> None:
    saved: list[dict[str, Any]] = []
    app = Host(_client_form(saved))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press(*"banque riv", "tab", *"called back")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)  # still open
        assert "did you mean: Banque Rivemont?" in str(form.query_one("#form-error", Label).content)
        assert form.query_one("#field-client", Input).value == "banque riv"
        assert form.query_one("#field-note", Input).value == "called back"
        assert saved == [] and app.results == []

        # Correct one word: the suggestion completes the name, and the save goes through.
        form.query_one("#field-client", Input).focus()
        await pilot.press("end", "e", "right", "ctrl+s")
        await settle(pilot)
    assert saved == [{"client": "Banque Rivemont", "note": "called back"}]
    assert app.results == ["saved Banque Rivemont"]


async def test_the_confirmation_says_what_goes_and_defaults_to_no() -> None:
    app = Host(ConfirmScreen("Delete Acme?", ["2 contacts", "1 deal"], yes="Delete"))
    async with app.run_test() as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#confirm-details").render())
        assert "2 contacts" in text and "1 deal" in text
        await pilot.press("enter")  # the focused button is "No"
        await settle(pilot)
    assert app.results == [False]

    app = Host(ConfirmScreen("Delete Acme?"))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert app.results == [True]


async def test_a_missions_planned_end_in_months_counts_from_its_start() -> None:
    from pipeline_tui.tui.screens.client_forms import mission_fields

    fields = mission_fields()
    end = next(f for f in fields if f.name == "planned_end_on")
    assert "after the start" in end.placeholder  # the field says what +6m counts from
    app = Host(FormScreen("New mission", fields, TODAY))
    async with app.run_test() as pilot:
        await settle(pilot)
        form = app.screen
        form.query_one("#field-title", Input).value = "Audit"
        form.query_one("#field-start_on", Input).value = "2027-01-15"
        form.query_one("#field-planned_end_on", Input).value = "+6m"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [values] = app.results
    assert values["start_on"] == date(2027, 1, 15)
    assert values["planned_end_on"] == date(2027, 7, 15)  # not 24 May 2027, six months from today
