"""The clients screen edits and deletes what is under the cursor, keys only: the client in the
list, a contact, a mission, a signal, a survey in the detail's tables (Tab moves between them).
The rows are checked afterwards through the services."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from pipeline_tui.services import clients, missions, signals, surveys
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FormScreen
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle

VERLAINE = "Maison Verlaine Distribution"
# Tabs from the client list to each detail table (contacts, missions, deals, signals, surveys)
TABS = {"contacts": 1, "missions": 2, "signals": 4, "surveys": 5}


async def open_client(pilot, client_id: int) -> ClientsScreen:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClientsScreen)
    screen.select_client(client_id)
    await settle(pilot)
    assert screen.detail is not None and screen.detail.client.id == client_id
    return screen


async def to_table(pilot, table: str) -> None:
    for _ in range(TABS[table]):
        await pilot.press("tab")
    assert pilot.app.screen.focused.id == table


async def retype(pilot, text: str, tabs: int = 0) -> None:
    """Go ``tabs`` fields down the open form and replace that field's text."""
    for _ in range(tabs):
        await pilot.press("tab")
    await pilot.press("ctrl+a", "ctrl+k", *text) if text else await pilot.press("ctrl+a", "ctrl+k")


def _listed(store: Store, *, archived: bool = False) -> dict[str, object]:
    return {c.name: c.archived_on for c in clients.list_clients(store, TODAY, archived=archived)}


async def test_edit_then_delete_a_client(demo_store: Store) -> None:
    made = clients.add_client(demo_store, "Atelier Zéphyr")
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, made.id)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await retype(pilot, "Atelier Zéphyr & Fils")
        await retype(pilot, "met at BDX.io", tabs=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        got = clients.get_client(demo_store, made.id)
        assert (got.name, got.notes) == ("Atelier Zéphyr & Fils", "met at BDX.io")
        listed = screen.query_one("#client-list", DataTable)
        assert listed.get_row(str(made.id))[0] == "Atelier Zéphyr & Fils"
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.question == "Delete Atelier Zéphyr & Fils?"
        await pilot.press("y")
        await settle(pilot)
        assert "Atelier Zéphyr & Fils" not in _listed(demo_store, archived=True)
        assert str(made.id) not in {key.value for key in listed.rows}


async def test_deleting_a_client_with_missions_archives_it(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        await pilot.press("delete")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.startswith(f"Archive {VERLAINE}? It has 1 mission:")
        assert "Archive (y)" in str(confirm.query_one("#confirm-yes").label)
        await pilot.press("y")
        await settle(pilot)
        assert VERLAINE not in _listed(demo_store)
        assert _listed(demo_store, archived=True)[VERLAINE] == TODAY
        assert missions.list_missions(demo_store, verlaine.id)  # kept in the figures
        listed = screen.query_one("#client-list", DataTable)
        assert str(verlaine.id) not in {key.value for key in listed.rows}


async def test_no_answers_no_and_nothing_goes(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_client(pilot, verlaine.id)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("enter")  # the default button is No
        await settle(pilot)
        assert _listed(demo_store)[VERLAINE] is None


async def test_edit_then_delete_a_contact(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    first = clients.list_contacts(demo_store, verlaine.id)[0]
    shown_first = None
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        shown_first = screen.detail.contacts[0]
        await to_table(pilot, "contacts")
        await pilot.press("e")
        await settle(pilot)
        await retype(pilot, "Directrice des SI", tabs=2)  # first, last, role
        await pilot.press("tab", "tab", "tab", "tab", "space")  # … the opt-out box
        await pilot.press("ctrl+s")
        await settle(pilot)
        got = clients.get_contact(demo_store, shown_first.id)
        assert (got.first_name, got.role) == (shown_first.first_name, "Directrice des SI")
        assert (got.do_not_contact, got.do_not_contact_on) == (True, TODAY)
        row = screen.query_one("#contacts", DataTable).get_row(str(shown_first.id))
        assert str(row[0]).endswith("(opted out)") and row[1] == "Directrice des SI"
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.question.startswith(f"Delete {shown_first.full_name}?")
        await pilot.press("y")
        await settle(pilot)
    left = [c.id for c in clients.list_contacts(demo_store, verlaine.id)]
    assert shown_first.id not in left and len(left) == 2
    assert first.id in {shown_first.id, *left}


async def test_edit_then_delete_a_mission(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    (mission,) = missions.list_missions(demo_store, verlaine.id)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        await to_table(pilot, "missions")
        await pilot.press("e")
        await settle(pilot)
        await retype(pilot, "Tunnel de commande v2")
        await retype(pilot, "2027-03-31", tabs=2)  # title, start, planned end
        await retype(pilot, "", tabs=1)  # no day rate…
        await retype(pilot, "", tabs=1)
        await retype(pilot, "9000", tabs=1)  # …a fixed monthly amount
        await pilot.press("ctrl+s")
        await settle(pilot)
        (got,) = missions.list_missions(demo_store, verlaine.id)
        assert (got.title, got.planned_end_on, got.fixed_monthly_cents, got.day_rate_cents) == (
            "Tunnel de commande v2",
            date(2027, 3, 31),
            900_000,
            None,
        )
        row = screen.query_one("#missions", DataTable).get_row(str(mission.id))
        assert row[0] == "Tunnel de commande v2" and row[3] == "€9,000"
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.question.startswith("Delete Tunnel de commande v2?")
        await pilot.press("y")
        await settle(pilot)
    assert missions.list_missions(demo_store, verlaine.id) == []


async def test_edit_then_delete_a_signal(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    latest = signals.list_signals(demo_store, verlaine.id)[0]
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        await to_table(pilot, "signals")
        await pilot.press("e")
        await settle(pilot)
        await retype(pilot, "2026-11-20", tabs=1)  # kind (a select), date
        await retype(pilot, "second offer, lower rate", tabs=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        got = next(s for s in signals.list_signals(demo_store, verlaine.id) if s.id == latest.id)
        assert (got.kind, got.occurred_on, got.note) == (
            latest.kind,
            date(2026, 11, 20),
            "second offer, lower rate",
        )
        assert screen.query_one("#signals", DataTable).get_row(str(latest.id))[2] == (
            "second offer, lower rate"
        )
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.question == ("Delete the competitor approach signal of 20 Nov 2026?")
        await pilot.press("y")
        await settle(pilot)
    assert latest.id not in {s.id for s in signals.list_signals(demo_store, verlaine.id)}


async def test_edit_then_delete_a_survey(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    latest = surveys.client_surveys(demo_store, verlaine.id)[0]
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        await to_table(pilot, "surveys")
        await pilot.press("e")
        await settle(pilot)
        await retype(pilot, "4", tabs=2)  # sent, answered, score
        await retype(pilot, "better since the new sprint plan", tabs=2)  # scale, comment
        await pilot.press("ctrl+s")
        await settle(pilot)
        got = surveys.client_surveys(demo_store, verlaine.id)[0]
        assert (got.id, got.score, got.scale, got.comment) == (
            latest.id,
            4,
            "csat",
            "better since the new sprint plan",
        )
        assert screen.query_one("#surveys", DataTable).get_row(str(latest.id))[3] == "4 (CSAT)"
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.question.startswith("Delete the satisfaction survey sent ")
        await pilot.press("y")
        await settle(pilot)
    assert latest.id not in {s.id for s in surveys.client_surveys(demo_store, verlaine.id)}


async def test_search_shows_only_the_clients_that_match(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        listed = app.screen.query_one("#client-list", DataTable)
        everyone = listed.row_count
        await pilot.press("slash", *"dubois")  # a contact's name, any case
        await settle(pilot)
        assert [listed.get_row_at(i)[0] for i in range(listed.row_count)] == [VERLAINE]
        await pilot.press("ctrl+a", "ctrl+k", *"MUTUELLE pelicorne")  # accents do not count
        await settle(pilot)
        assert [listed.get_row_at(i)[0] for i in range(listed.row_count)] == [
            "Mutuelle Pélicorne Assurances"
        ]
        assert app.screen.detail.client.name == "Mutuelle Pélicorne Assurances"
        await pilot.press("escape")
        await settle(pilot)
        assert listed.row_count == everyone
        assert app.screen.focused is listed


def test_the_screen_keys_shadow_no_app_key_and_no_digit() -> None:
    from pipeline_tui.tui import keymap

    app_keys = {binding.key for binding in keymap.app_bindings()}
    screen_keys = [binding.key for binding in ClientsScreen.BINDINGS]
    assert len(screen_keys) == len(set(screen_keys))
    assert not app_keys & set(screen_keys)
    assert not any(key.isdigit() for key in screen_keys)
    assert {"e", "delete", "slash", "S", "A", "W"} <= set(screen_keys)


async def test_a_contact_edit_with_its_opt_out_is_one_step_to_undo(demo_store: Store) -> None:
    verlaine = clients.find_client(demo_store, VERLAINE)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_client(pilot, verlaine.id)
        shown = screen.detail.contacts[0]
        await to_table(pilot, "contacts")
        await pilot.press("e")
        await settle(pilot)
        await retype(pilot, "CTO", tabs=2)
        await pilot.press("tab", "tab", "tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        got = clients.get_contact(demo_store, shown.id)
        assert (got.role, got.do_not_contact) == ("CTO", True)
        await pilot.press("ctrl+z")
        await settle(pilot)
        got = clients.get_contact(demo_store, shown.id)
        assert (got.role, got.do_not_contact, got.do_not_contact_on) == (shown.role, False, None)
        row = screen.query_one("#contacts", DataTable).get_row(str(shown.id))
        assert row[1] == shown.role and "opted out" not in row[0]
