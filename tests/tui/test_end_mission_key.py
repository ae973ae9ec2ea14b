"""``E`` on the clients screen ends the client's running mission: the rule of ``end CLIENT``
(running, no end recorded), and the same refusal when there are several."""

from __future__ import annotations

from datetime import date

from pipeline_tui.services.clients import find_client
from pipeline_tui.services.missions import add_mission, list_missions
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.end_mission import EndMissionScreen
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle

BANK = "Banque Rivemont"


async def _press_end(store: Store, client_id: int):
    app = make_app(store)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        app.screen.select_client(client_id)
        await settle(pilot)
        assert app.screen.detail is not None and app.screen.detail.client.id == client_id
        await pilot.press("E")
        await settle(pilot)
        return app.screen, [n.message for n in app._notifications]


async def test_the_one_running_mission_opens_the_form(demo_store: Store) -> None:
    client_id = find_client(demo_store, BANK).id
    (running,) = [m for m in list_missions(demo_store, client_id) if m.actual_end_on is None]
    add_mission(demo_store, client_id, "Phase 2", date(2027, 3, 1), fixed_monthly_cents=1)
    screen, _ = await _press_end(demo_store, client_id)
    assert isinstance(screen, EndMissionScreen)
    assert screen.mission_id == running.id


async def test_several_running_missions_are_refused_with_their_names(demo_store: Store) -> None:
    client_id = find_client(demo_store, BANK).id
    add_mission(demo_store, client_id, "Second", TODAY, fixed_monthly_cents=100_000)
    screen, messages = await _press_end(demo_store, client_id)
    assert isinstance(screen, ClientsScreen)
    assert any(m.startswith(f"{BANK} has 2 running missions, name one by id: #") for m in messages)


async def test_the_mission_under_the_cursor_of_the_missions_table_is_the_one_ended(
    demo_store: Store,
) -> None:
    client_id = find_client(demo_store, BANK).id
    second = add_mission(demo_store, client_id, "Second", TODAY, fixed_monthly_cents=100_000)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        app.screen.select_client(client_id)
        await settle(pilot)
        await pilot.press("tab", "tab")  # the client list, its contacts, its missions
        table = app.screen.focused
        assert table.id == "missions"
        for _ in range(table.row_count):
            if table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(
                second.id
            ):
                break
            await pilot.press("down")
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, EndMissionScreen)
        assert app.screen.mission_id == second.id
