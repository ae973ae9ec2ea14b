"""ctrl+z in the app: each change made since it was opened is undone, last first, row for row."""

from __future__ import annotations

from pipeline_tui.store.database import Store
from tests.services.test_undo import everything
from tests.tui.conftest import make_app, settle


async def test_ctrl_z_undoes_a_done_and_a_move_in_reverse_order(demo_store: Store) -> None:
    before = everything(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.screen.query_one("#due").focus()
        await pilot.press("x")  # the first due activity, done
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("right_square_bracket")  # the selected deal, one stage on
        await settle(pilot)
        done = everything(demo_store)
        assert done["activity"] != before["activity"]
        assert done["deal_stage_change"] != before["deal_stage_change"]

        await pilot.press("ctrl+z")
        await settle(pilot)
        undone_once = everything(demo_store)
        assert undone_once["deal_stage_change"] == before["deal_stage_change"]
        assert undone_once["deal"] == before["deal"]
        assert undone_once["activity"] != before["activity"]  # the done is still there

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert everything(demo_store) == before
        notes = [n.message for n in app._notifications]
        assert any(m.startswith("Undone: changed activity") for m in notes)

        await pilot.press("ctrl+z")  # nothing left: said, nothing written
        await settle(pilot)
        assert any("nothing to undo" in n.message for n in app._notifications)
        assert everything(demo_store) == before
