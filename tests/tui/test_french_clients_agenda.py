"""The clients screen, the agenda, their forms and the import/export screen in French: headers,
statuses, titles and messages from the catalog, dates as French writes them and the columns of
dates wide enough for them. The language is switched in the process, after the screens were
imported: nothing of theirs may be translated at import time."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

from textual.widgets import DataTable, Label

from pipeline_tui.i18n import _, using_language
from pipeline_tui.services import clients
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens import client_forms
from pipeline_tui.tui.screens.agenda import AgendaScreen
from pipeline_tui.tui.screens.client_editing import NOT_HERE
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.transfer import run_transfer
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from tests.tui.conftest import make_app, settle
from tests.tui.test_client_editing import VERLAINE, open_client

SIZE = (140, 45)


def _headers(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.ordered_columns]


async def test_the_clients_screen_speaks_french(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    with using_language("fr"):
        app = make_app(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_client(pilot, verlaine.id)
            client_list = screen.query_one("#client-list", DataTable)
            assert _headers(client_list) == ["Client", "Risque", "Mensuel", "Part", "Statut"]
            statuses = {str(client_list.get_row_at(i)[4]) for i in range(client_list.row_count)}
            assert {"actif", "prospect"} <= statuses
            assert str(screen.query_one("#title-deals", Label).content) == "Affaires"
            assert _headers(screen.query_one("#missions", DataTable)) == [
                "Intitulé",
                "De",
                "À",
                "Mensuel",
                "Statut",
            ]
            missions = screen.query_one("#missions", DataTable)
            assert str(missions.get_row_at(0)[1]) == "30 avr. 2026"  # a French date
            # A column's key stays its English header: the table still finds its columns.
            assert "title" in {column.key.value for column in missions.ordered_columns}

            await pilot.press("N")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            assert form.form_title == "Nouveau client"
            assert [spec.label for spec in form.fields] == ["Nom", "Secteur", "Site web", "Notes"]


async def test_the_agenda_speaks_french_and_its_dates_are_not_cut(demo_store: Store) -> None:
    with using_language("fr"):
        app = make_app(demo_store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgendaScreen)
            table = screen.query_one("#agenda", LazyTable)
            assert _headers(table)[:4] == ["Prévue", "Quand", "Type", "Canal"]
            count = str(screen.query_one("#agenda-count", Label).content)
            assert count.endswith("activités à faire"), count
            due = table.ordered_columns[0]
            # "28 sept. 2026", the widest French date, fits its column (11 cells in English)
            assert due.width >= len("28 sept. 2026")


def test_the_forms_and_the_transfer_messages_speak_french(demo_store: Store, tmp_path: Path):
    with using_language("fr"):
        fields = client_forms.mission_fields()
        assert [spec.label for spec in fields][:3] == ["Intitulé", "Début", "Fin prévue"]
        # The default date is a word the date parser reads in French.
        assert fields[1].default == "aujourd’hui"
        said = run_transfer(demo_store, demo_store.config, "export_csv", tmp_path / "csv")
    assert " tables exportées vers " in said, said
    with using_language("en"):
        assert client_forms.mission_fields()[0].label == "Title"


def test_an_opted_out_contact_and_a_misplaced_key_are_said_in_french() -> None:
    contact = SimpleNamespace(
        first_name="Anne",
        last_name="Chevalier",
        role=None,
        email=None,
        phone=None,
        profile_url=None,
        do_not_contact=True,
        do_not_contact_on=date(2026, 9, 28),
    )
    with using_language("fr"):
        opted_out = client_forms.contact_fields(contact)[-1].label  # type: ignore[arg-type]
        where = _(NOT_HERE["timeline"])
    assert opted_out == "Ne pas contacter\u00a0: refuse la prospection (depuis le 28 sept. 2026)"
    assert where == "Les activités se modifient dans l’agenda (4)."
