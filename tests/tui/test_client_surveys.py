"""Surveys on the clients screen, keys only: ``S`` records one sent (satisfaction for a current
client, exit for a former one), ``A`` its answer, ``W`` its message, copied or written as a
``.eml``; and the create forms (``N``, ``C``, ``M``) saving themselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, TextArea

from pipeline_tui.services import clients, missions, surveys
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.survey_message import SurveyMessageScreen
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle
from tests.tui.test_client_editing import VERLAINE, open_client, retype, to_table

FORMER = "Agence des Mobilités du Val d'Orbe"


async def test_record_a_survey_sent_then_its_answer(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    before = {s.id for s in surveys.client_surveys(demo_store, verlaine.id)}
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        await pilot.press("S")
        await settle(pilot)
        assert "Satisfaction survey sent to" in app.screen.form_title
        await retype(pilot, "2026-11-20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (new,) = [s for s in surveys.client_surveys(demo_store, verlaine.id) if s.id not in before]
        assert (new.kind, new.sent_on, new.scale, new.score) == (
            "satisfaction",
            date(2026, 11, 20),
            "csat",
            None,
        )
        await to_table(pilot, "surveys")
        table = screen.query_one("#surveys", DataTable)
        await pilot.press("up")  # the cursor stayed on the survey it was on: the new one is above
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(new.id)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await retype(pilot, "5", tabs=1)
        await retype(pilot, "much better", tabs=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        got = next(s for s in surveys.client_surveys(demo_store, verlaine.id) if s.id == new.id)
        assert (got.answered_on, got.score, got.comment) == (TODAY, 5, "much better")
        assert table.get_row(str(new.id))[3] == "5 (CSAT)"


async def test_a_former_client_gets_the_exit_survey(demo_store: Store) -> None:
    former = clients.find_client(demo_store, FORMER)
    before = {s.id for s in surveys.client_surveys(demo_store, former.id)}
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, former.id)
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("ctrl+s")  # sent today, CSAT
        await settle(pilot)
    (new,) = [s for s in surveys.client_surveys(demo_store, former.id) if s.id not in before]
    assert (new.kind, new.sent_on) == ("exit", TODAY)


async def test_the_survey_message_is_shown_and_written_as_eml(
    demo_store: Store, tmp_path: Path
) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    target = tmp_path / "survey.eml"
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, verlaine.id)
        await pilot.press("W")
        await settle(pilot)
        shown = app.screen
        assert isinstance(shown, SurveyMessageScreen)
        text = shown.query_one(TextArea).text
        assert text.startswith("To: claire.dubois-ferrand@maison-verlaine.example\nSubject: ")
        assert VERLAINE in text or "Refonte du tunnel de commande" in text
        await pilot.press("w")
        await settle(pilot)
        await retype(pilot, str(target))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
    written = target.read_text()
    assert "To: claire.dubois-ferrand@maison-verlaine.example" in written
    assert shown.message.subject in written
    assert target.stat().st_mode & 0o077 == 0  # readable by the user only


async def test_new_client_contact_and_mission_by_keys(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, clients.find_client(demo_store, VERLAINE).id)
        await pilot.press("N")
        await settle(pilot)
        await retype(pilot, "Atelier Zéphyr")
        await pilot.press("ctrl+s")
        await settle(pilot)
        made = clients.find_client(demo_store, "Atelier Zéphyr")
        assert screen.selected_id == made.id and screen.detail.client.name == "Atelier Zéphyr"
        await pilot.press("C")
        await settle(pilot)
        await retype(pilot, "Inès")
        await retype(pilot, "Moreau", tabs=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await retype(pilot, "Audit")
        await retype(pilot, "2026-12-01", tabs=1)
        await retype(pilot, "800", tabs=2)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [c.full_name for c in clients.list_contacts(demo_store, made.id)] == ["Inès Moreau"]
    (mission,) = missions.list_missions(demo_store, made.id)
    assert (mission.title, mission.start_on, mission.day_rate_cents) == (
        "Audit",
        date(2026, 12, 1),
        80_000,
    )
    assert mission.days_per_month is not None  # the default_days_per_month setting


async def test_a_message_file_that_cannot_be_written_keeps_the_form(
    demo_store: Store, tmp_path: Path
) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    nowhere = str(tmp_path / "no-such-folder" / "survey.eml")
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, verlaine.id)
        await pilot.press("W")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        form = app.screen
        await retype(pilot, nowhere)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "does not exist" in str(form.query_one("#form-error").render())
        assert form.query_one("#field-path").value == nowhere


async def test_y_copies_the_message_whole(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    app = make_app(demo_store)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, verlaine.id)
        await pilot.press("W")
        await settle(pilot)
        shown = app.screen
        await pilot.press("y")
        await settle(pilot)
    assert copied == [shown.text]
    assert copied[0].startswith("To: claire.dubois-ferrand@maison-verlaine.example\nSubject: ")
