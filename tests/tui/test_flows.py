"""Flows a user goes through, pressed key by key with Pilot on the demo data."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.clients import ClientsScreen
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from pipeline_tui.tui.screens.pipeline import PipelineScreen
from pipeline_tui.tui.widgets.kpi import KpiTile
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle


def _scalar(store: Store, sql: str, **params):
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


async def test_mark_the_first_due_activity_done(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#due", LazyTable)
        table.focus()
        first = table.item_at_cursor().activity
        assert _scalar(demo_store, "SELECT done_on FROM activity WHERE id = :i", i=first.id) is None
        await pilot.press("x")
        await settle(pilot)
        done_on = _scalar(demo_store, "SELECT done_on FROM activity WHERE id = :i", i=first.id)
        assert done_on == TODAY.isoformat()
        ids = [row.activity.id for row in table.items.values()]
        assert first.id not in ids


async def test_postpone_and_reschedule_keys(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#due", LazyTable)
        table.focus()
        first = table.item_at_cursor().activity
        await pilot.press("plus")  # "Due +1 day": from its due date (it is overdue)
        await settle(pilot)
        due = _scalar(demo_store, "SELECT due_on FROM activity WHERE id = :i", i=first.id)
        assert first.due_on < TODAY and due == (first.due_on + timedelta(days=1)).isoformat()
        second = table.item_at_cursor().activity
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"+2w", "enter")
        await settle(pilot)
        due = _scalar(demo_store, "SELECT due_on FROM activity WHERE id = :i", i=second.id)
        assert due == "2026-12-10"


async def test_move_a_deal_through_the_stages_to_won(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        lead_table = app.screen.query_one("#deals-lead", LazyTable)
        lead_table.focus()
        deal = lead_table.item_at_cursor()
        await pilot.press("right_square_bracket")
        await settle(pilot)
        for stage in ("contacted", "meeting", "proposal", "negotiation"):
            assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == stage
            table = app.screen.query_one(f"#deals-{stage}", LazyTable)
            table.focus()
            row = list(table.items).index(str(deal.id))
            table.move_cursor(row=row)
            if stage != "negotiation":
                await pilot.press("right_square_bracket")
            else:  # won: confirmed, then Escape on the mission form (won without one)
                await pilot.press("w")
                await settle(pilot)
                await pilot.press("y")
                await settle(pilot)
                await pilot.press("escape")
            await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "won"
        moves = _scalar(
            demo_store, "SELECT count(*) FROM deal_stage_change WHERE deal_id = :i", i=deal.id
        )
        assert moves >= 6  # created + 5 moves by keys


async def test_lose_a_deal_asks_for_the_reason(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#deals-proposal", LazyTable)
        table.focus()
        deal = table.item_at_cursor()
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")  # confirmed; then why
        await settle(pilot)
        await pilot.press("enter")  # empty reason: refused inline
        await settle(pilot)
        assert "is required" in str(app.screen.query_one("#error-reason").render())
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "proposal"
        await pilot.press(*"went with a bigger ESN", "enter")
        await settle(pilot)
        row = (
            _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id),
            _scalar(demo_store, "SELECT lost_reason FROM deal WHERE id = :i", i=deal.id),
        )
        assert row == ("lost", "went with a bigger ESN")


async def test_a_signal_raises_the_clients_risk_and_the_dashboards_revenue_at_risk(
    demo_store: Store,
) -> None:
    before = compute_numbers(demo_store, TODAY)
    calm = min(before.clients, key=lambda f: f.risk.score)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        at_risk_tile = app.screen.query_one("#kpi-risk", KpiTile)
        shown_before = at_risk_tile.value
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ClientsScreen)
        app.screen.select_client(calm.client_id)
        await settle(pilot)
        await pilot.press("g", "c")  # two keys: a competitor approach
        await settle(pilot)
        after = compute_numbers(demo_store, TODAY)
        calm_after = next(f for f in after.clients if f.client_id == calm.client_id)
        assert calm_after.risk.score > calm.risk.score
        assert after.revenue_at_risk_cents > before.revenue_at_risk_cents
        shown = app.screen.detail
        assert shown.client.id == calm.client_id
        assert shown.risk.score == calm_after.risk.score
        assert any("competitor approach" in r.text for r in shown.risk.reasons)
        listed = app.screen.query_one("#client-list").get_row(str(calm.client_id))
        assert str(listed[1]) == str(calm_after.risk.score)
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.query_one("#kpi-risk", KpiTile).value != shown_before


async def test_quick_add_a_valid_lead_from_anywhere(demo_store: Store) -> None:
    app = make_app(demo_store)
    before = _scalar(demo_store, "SELECT count(*) FROM deal")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # from the agenda
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        line = (
            "Décathlon Pro / Karim Benali karim@example.com 650/d 6m #event next:fri "
            '"met at Devoxx"'
        )
        await pilot.press(*line)
        await settle(pilot)
        preview = str(app.screen.query_one("#preview").render())
        assert "Karim Benali" in preview
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "AgendaScreen"
    assert _scalar(demo_store, "SELECT count(*) FROM deal") == before + 1
    row = _scalar(
        demo_store,
        "SELECT d.monthly_value_cents || '|' || d.channel || '|' || c.name FROM deal d "
        "JOIN client c ON c.id = d.client_id ORDER BY d.id DESC LIMIT 1",
    )
    assert row == f"{650_00 * 18}|event|Décathlon Pro"  # €650/day × 18 days
    due = _scalar(
        demo_store, "SELECT due_on FROM activity WHERE kind = 'follow_up' ORDER BY id DESC LIMIT 1"
    )
    assert due == "2026-11-27"  # the next Friday after Thursday 26 Nov


async def _quick_add(pilot, line: str) -> None:
    """``n``, the line typed in, Enter: what a user does to add a lead from any screen."""
    for keys in (["n"], list(line), ["enter"]):
        await pilot.press(*keys)
        await settle(pilot)


async def test_a_quick_add_on_the_dashboard_confirms_and_reloads_it_once(
    demo_store: Store,
) -> None:
    """The confirmation shows on the dashboard, which reloads once (not once for coming back
    into view and again for the change) and shows the new deal in its pipeline tile."""
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        before = dashboard.query_one("#kpi-pipeline").caption
        shows = []
        show = dashboard.show
        dashboard.show = lambda data: (shows.append(data), show(data))
        await _quick_add(pilot, "Nouvelle Co / Alex Martin alex@nouvelle.example 600/d #event")
        assert app.screen is dashboard
        assert dashboard.query("Toast")  # "Lead added", on the dashboard
        assert len(shows) == 1
        after = dashboard.query_one("#kpi-pipeline").caption
        assert before != after  # one more open deal


async def test_quick_add_refuses_an_invalid_line_and_saves_nothing(demo_store: Store) -> None:
    app = make_app(demo_store)
    before = _scalar(demo_store, "SELECT count(*) FROM deal")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await _quick_add(pilot, "Acme / Jane Doe 650/x #fax next:someday")
        assert type(app.screen).__name__ == "QuickAddScreen"  # still open, nothing saved
        shown = str(app.screen.query_one("#preview").render())
        assert "✗" in shown
        assert "^" in str(app.screen.query_one("#underline").render())
        await pilot.press("escape")
        await settle(pilot)
    assert _scalar(demo_store, "SELECT count(*) FROM deal") == before


async def test_quick_add_renewal_links_the_running_mission_or_refuses(demo_store: Store) -> None:
    """``@renewal`` on a demo client with a running mission links the deal to it (the preview
    said which); on a new client the preview says why not, Enter saves nothing."""
    from pipeline_tui.domain.renewal import mission_to_renew
    from pipeline_tui.services.clients import list_clients
    from pipeline_tui.services.missions import list_missions

    every = list_missions(demo_store)
    names = {c.id: c.name for c in list_clients(demo_store, TODAY)}
    client_id, expected = next(
        (cid, m)
        for cid in sorted({m.client_id for m in every})
        if (m := mission_to_renew([x for x in every if x.client_id == cid], TODAY)[0])
    )
    app = make_app(demo_store)
    before = _scalar(demo_store, "SELECT count(*) FROM deal")
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Brand New Co 9k/m @renewal")
        await settle(pilot)
        shown = str(app.screen.query_one("#preview").render())
        assert "✗ @renewal: Brand New Co is a new client to renew; nothing is saved" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "QuickAddScreen"  # refused, still open
        assert _scalar(demo_store, "SELECT count(*) FROM deal") == before
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*f"{names[client_id]} / 9k/m @proposal @renewal")
        await settle(pilot)
        assert f"Renewal: renews {expected.title}" in str(app.screen.query_one("#preview").render())
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ != "QuickAddScreen"
    linked = _scalar(demo_store, "SELECT renewal_of_mission_id FROM deal ORDER BY id DESC LIMIT 1")
    assert linked == expected.id


async def test_a_deal_is_flagged_and_unflagged_as_a_renewal(demo_store: Store) -> None:
    """A deal's detail, ``r``: the "Renews mission" select lists the client's missions, none
    chosen; choosing one flags the deal, the blank choice unflags it."""
    from textual.widgets import Select

    from pipeline_tui.tui.screens.deal_detail import DealDetailScreen

    deal_id = _scalar(
        demo_store,
        "SELECT min(d.id) FROM deal d WHERE d.stage NOT IN ('won', 'lost')"
        " AND EXISTS (SELECT 1 FROM mission m WHERE m.client_id = d.client_id)",
    )
    client_id = _scalar(demo_store, "SELECT client_id FROM deal WHERE id = :i", i=deal_id)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.push_screen(DealDetailScreen(app.context, deal_id))
        await settle(pilot)
        detail = app.screen.detail
        assert detail.renews is None and detail.client_missions
        assert {m.client_id for m in detail.client_missions} == {client_id}
        chosen = detail.client_missions[-1]
        await pilot.press("r")
        await settle(pilot)
        select = app.screen.query_one("#field-renewal_of_mission_id", Select)
        assert select.value == Select.NULL  # none by default
        select.value = chosen.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        flagged = _scalar(
            demo_store, "SELECT renewal_of_mission_id FROM deal WHERE id = :i", i=deal_id
        )
        assert flagged == chosen.id
        assert app.screen.detail.renews.id == chosen.id  # reloaded: "Renews <title>"
        await pilot.press("r")
        await settle(pilot)
        select = app.screen.query_one("#field-renewal_of_mission_id", Select)
        assert select.value == chosen.id  # the current link is shown
        select.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.detail.renews is None
    unflagged = _scalar(
        demo_store, "SELECT renewal_of_mission_id FROM deal WHERE id = :i", i=deal_id
    )
    assert unflagged is None
