"""The deal on the board and in its detail, key by key on the demo: won with the mission it
opens (in the numbers, undone whole by ctrl+z), edited (a refusal keeps what was typed), added,
deleted, filtered with ``/``, won and lost shown with ``v`` and reopened; moved with ``]`` and
the selection going with it, one card selected on the whole board; the stage headers' figures;
the detail's own keys."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from fractions import Fraction

import sqlalchemy as sa
from textual.widgets import Input

from pipeline_tui.domain.money import format_money
from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.deal_detail import DealDetailScreen
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.pipeline import PipelineScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.widgets.stage_board import StageHeading
from tests.conftest import TODAY
from tests.tui.conftest import make_app, settle


def _rows(store: Store, sql: str, **params) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def _scalar(store: Store, sql: str, **params):
    return _rows(store, sql, **params)[0][0]


async def _board(pilot) -> PipelineScreen:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    return pilot.app.screen


async def _select(pilot, stage: str, deal_id: int | None = None) -> LazyTable:
    """Focus the ``stage`` column with the cursor on ``deal_id`` (else its first deal)."""
    table = pilot.app.screen.query_one(f"#deals-{stage}", LazyTable)
    table.focus()
    if deal_id is not None:
        table.move_cursor(row=list(table.items).index(str(deal_id)))
    await settle(pilot)
    return table


def _field(pilot, name: str) -> Input:
    return pilot.app.screen.query_one(f"#field-{name}", Input)


async def _type(pilot, name: str, text: str) -> None:
    box = _field(pilot, name)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def _edit(pilot, name: str, text: str) -> None:
    """``e``, then ``text`` in the deal form's field ``name``, saved."""
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormScreen)
    await _type(pilot, name, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_won_with_its_mission_counts_in_the_numbers_and_ctrl_z_undoes_it(
    demo_store: Store,
) -> None:
    before = compute_numbers(demo_store, TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await _board(pilot)
        deal = (await _select(pilot, "negotiation")).item_at_cursor()
        missions = _scalar(demo_store, "SELECT count(*) FROM mission")

        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # nothing won yet
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == deal.stage
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Escape: won, no mission yet" in app.screen.form_title
        assert _field(pilot, "title").value == deal.title
        await _type(pilot, "monthly_cents", "6000")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, PipelineScreen)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "won"
        assert _rows(
            demo_store,
            "SELECT title, start_on, fixed_monthly_cents FROM mission ORDER BY id DESC LIMIT 1",
        ) == [(deal.title, TODAY.isoformat(), 6000_00)]
        won = compute_numbers(demo_store, TODAY)
        assert won.monthly_revenue_cents == before.monthly_revenue_cents + 6000_00
        assert str(deal.id) not in app.screen.query_one("#deals-negotiation", LazyTable).items

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == deal.stage
        assert _scalar(demo_store, "SELECT count(*) FROM mission") == missions
        assert compute_numbers(demo_store, TODAY).monthly_revenue_cents == (
            before.monthly_revenue_cents
        )
        assert str(deal.id) in app.screen.query_one("#deals-negotiation", LazyTable).items


async def test_escape_on_the_mission_form_wins_without_a_mission(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await _board(pilot)
        deal = (await _select(pilot, "proposal")).item_at_cursor()
        missions = _scalar(demo_store, "SELECT count(*) FROM mission")
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("n")  # No: nothing happens
        await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "proposal"
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "won"
        assert _scalar(demo_store, "SELECT count(*) FROM mission") == missions


async def test_the_edit_form_keeps_what_was_typed_when_the_save_is_refused(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await _board(pilot)
        deal = (await _select(pilot, "proposal")).item_at_cursor()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert _field(pilot, "title").value == deal.title
        await _type(pilot, "title", "Plateforme data v2")
        await _type(pilot, "monthly_value_cents", "4321")
        too_early = (deal.created_on - timedelta(days=1)).isoformat()
        await _type(pilot, "expected_close_on", too_early)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, FormScreen)  # refused by the service: still open
        error = str(app.screen.query_one("#form-error").render())
        assert "before the deal was created" in error
        assert _field(pilot, "title").value == "Plateforme data v2"
        assert _field(pilot, "monthly_value_cents").value == "4321"
        assert _scalar(demo_store, "SELECT title FROM deal WHERE id = :i", i=deal.id) == deal.title

        await _type(pilot, "expected_close_on", (TODAY + timedelta(days=20)).isoformat())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert _rows(
            demo_store,
            "SELECT title, monthly_value_cents, expected_close_on FROM deal WHERE id = :i",
            i=deal.id,
        ) == [("Plateforme data v2", 4321_00, (TODAY + timedelta(days=20)).isoformat())]


async def test_add_a_deal_in_the_focused_stage_then_delete_it(demo_store: Store) -> None:
    client = _scalar(demo_store, "SELECT name FROM client ORDER BY id LIMIT 1")
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await _board(pilot)
        await _select(pilot, "meeting")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await _type(pilot, "client", client.lower())
        await _type(pilot, "title", "Audit express")
        await _type(pilot, "monthly_value_cents", "2500")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = _rows(
            demo_store,
            "SELECT d.id, d.stage, d.monthly_value_cents, c.name FROM deal d "
            "JOIN client c ON c.id = d.client_id WHERE d.title = 'Audit express'",
        )
        assert [row[1:] for row in added] == [("meeting", 2500_00, client)]
        deal_id = added[0][0]
        await _select(pilot, "meeting", deal_id)

        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Delete Audit express? Its 1 stage change goes with it."
        await pilot.press("y")
        await settle(pilot)
        assert _scalar(demo_store, "SELECT count(*) FROM deal WHERE id = :i", i=deal_id) == 0
        assert str(deal_id) not in app.screen.query_one("#deals-meeting", LazyTable).items


async def test_slash_filters_the_board_and_escape_clears_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        board = await _board(pilot)
        everything = {
            s: set(board.query_one(f"#deals-{s}", LazyTable).items)
            for s in ("lead", "proposal", "negotiation")
        }
        target = board.query_one("#deals-proposal", LazyTable).item_at_cursor()
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press(*target.client_name[:8].lower())
        await settle(pilot)
        shown = board.query_one("#deals-proposal", LazyTable).items
        assert str(target.id) in shown
        assert all(d.client_name.startswith(target.client_name[:8]) for d in shown.values())
        lead = board.query_one("#deals-lead", LazyTable).items.values()
        assert all(target.client_name[:8].lower() in d.client_name.lower() for d in lead)
        assert len(shown) < len(everything["proposal"]) or len(lead) < len(everything["lead"])

        await pilot.press("escape")
        await settle(pilot)
        assert board.matching is None
        for stage, ids in everything.items():
            assert set(board.query_one(f"#deals-{stage}", LazyTable).items) == ids


async def test_v_shows_won_and_lost_and_a_lost_deal_is_reopened(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        board = await _board(pilot)
        won_column = board.query_one("#col-won")
        assert not won_column.display
        assert "Won/lost columns" in _footer(app)
        await pilot.press("v")
        await settle(pilot)
        assert won_column.display and board.query_one("#col-lost").display
        won_ids = set(board.query_one("#deals-won", LazyTable).items)
        assert won_ids == {
            str(i) for (i,) in _rows(demo_store, "SELECT id FROM deal WHERE stage = 'won'")
        }

        won = (await _select(pilot, "won")).item_at_cursor()
        await pilot.press("w")  # already won: said, nothing asked
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert any(f"{won.title} is already won" in n.message for n in app._notifications)

        lost = (await _select(pilot, "lost")).item_at_cursor()
        history = _rows(
            demo_store,
            "SELECT from_stage FROM deal_stage_change WHERE deal_id = :i AND to_stage = 'lost'",
            i=lost.id,
        )
        await pilot.press("R")
        await settle(pilot)
        assert _rows(
            demo_store, "SELECT stage, lost_reason FROM deal WHERE id = :i", i=lost.id
        ) == [(history[-1][0], None)]
        assert str(lost.id) not in board.query_one("#deals-lost", LazyTable).items

        await pilot.press("v")
        await settle(pilot)
        assert not won_column.display


def _footer(app) -> str:
    """What the footer offers: the descriptions of the screen's shown bindings."""
    return " · ".join(
        b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
    )


async def test_the_detail_edits_and_loses_a_deal(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await _board(pilot)
        deal = (await _select(pilot, "contacted")).item_at_cursor()
        await pilot.press("enter")
        await settle(pilot)
        await _edit(pilot, "probability", "35")
        assert _scalar(demo_store, "SELECT probability FROM deal WHERE id = :i", i=deal.id) == 35
        assert app.screen.detail.deal.probability == 35  # the detail shows the change

        await pilot.press("x", "y")
        await settle(pilot)
        await pilot.press(*"budget frozen", "enter")
        await settle(pilot)
        assert _rows(
            demo_store, "SELECT stage, lost_reason FROM deal WHERE id = :i", i=deal.id
        ) == [("lost", "budget frozen")]


async def test_right_bracket_twice_moves_the_same_deal_two_stages(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        board = await _board(pilot)
        leads = await _select(pilot, "lead")
        leads.move_cursor(row=leads.row_count - 1)  # not the first card: the cursor must follow
        await settle(pilot)
        deal = leads.item_at_cursor()
        others = {
            stage: set(board.query_one(f"#deals-{stage}", LazyTable).items)
            for stage in ("contacted", "meeting")
        }

        await pilot.press("right_square_bracket", "right_square_bracket")  # no wait between
        await settle(pilot)

        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "meeting"
        assert _rows(
            demo_store,
            "SELECT from_stage, to_stage FROM deal_stage_change WHERE deal_id = :i ORDER BY id",
            i=deal.id,
        )[-2:] == [("lead", "contacted"), ("contacted", "meeting")]
        contacted = board.query_one("#deals-contacted", LazyTable)
        assert set(contacted.items) == others["contacted"]  # no other deal moved
        meeting = board.query_one("#deals-meeting", LazyTable)
        assert app.focused is meeting
        assert meeting.item_at_cursor().id == deal.id  # the selection is on the moved deal

        await pilot.press("left_square_bracket")  # and back, still the same deal
        await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == (
            "contacted"
        )
        assert app.focused is contacted and contacted.item_at_cursor().id == deal.id
        assert set(meeting.items) == others["meeting"]


_RECT = re.compile(r'<rect fill="(#[0-9a-f]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"')
CELL_WIDTH, LINE_HEIGHT, TOP = 12.2, 24.4, 1.5  # an SVG screenshot's cell, in its units


def _background(svg: str, table: LazyTable, row: int) -> frozenset[str]:
    """The colours the screenshot paints behind the card at ``row`` of ``table``."""
    lines = range(table.region.y + row * 3, table.region.y + row * 3 + 3)
    left, right = table.region.x * CELL_WIDTH, table.region.right * CELL_WIDTH
    return frozenset(
        fill
        for fill, x, y, _width in _RECT.findall(svg)
        if left - 0.1 <= float(x) < right - 0.1 and round((float(y) - TOP) / LINE_HEIGHT) in lines
    )


async def test_only_the_focused_column_shows_its_selected_card(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        board = await _board(pilot)
        tables = [board.query_one(f"#deals-{s}", LazyTable) for s in board.shown_stages]
        leads = await _select(pilot, "lead")
        assert leads.row_count >= 3
        leads.move_cursor(row=2)
        focused = await _select(pilot, "proposal")
        svg = app.export_screenshot()
        even, odd = _background(svg, leads, 0), _background(svg, leads, 1)
        assert even != odd  # zebra stripes: the cards tell apart
        # The lead column keeps its cursor (on its third card) but paints it as any card.
        assert leads.cursor_row == 2 and _background(svg, leads, 2) == even
        for table in tables:
            if table is not focused and table.row_count:
                row = table.cursor_row
                assert _background(svg, table, row) == (even if row % 2 == 0 else odd), table.id
        others = {
            colour
            for row in range(focused.row_count)
            if row != focused.cursor_row
            for colour in _background(svg, focused, row)
        }
        assert _background(svg, focused, focused.cursor_row).isdisjoint(others | even | odd)


def _by_hand(deals: list[dict]) -> dict[str, tuple[int, int, int]]:
    """(count, monthly value, weighted) per open stage, from ``deal list --json``: each deal's
    own probability, else its stage's default (DESIGN.md: 10/20/40/60/80 %), rounded half up."""
    default = {"lead": 10, "contacted": 20, "meeting": 40, "proposal": 60, "negotiation": 80}
    figures = {}
    for stage, p in default.items():
        mine = [d for d in deals if d["stage"] == stage]
        weighted = sum(
            Fraction(
                d["monthly_value_cents"] * (p if d["probability"] is None else d["probability"])
            )
            / 100
            for d in mine
        )
        figures[stage] = (
            len(mine),
            sum(d["monthly_value_cents"] for d in mine),
            int(weighted + Fraction(1, 2)),
        )
    return figures


async def test_the_stage_headers_say_the_numbers_of_the_status(
    demo_store: Store, demo_db, cli_run
) -> None:
    db = ["--db", str(demo_db), "--today", TODAY.isoformat()]
    deals = json.loads(cli_run(*db, "deal", "list", "--json").output)
    status = json.loads(cli_run(*db, "status", "--json").output)
    expected = _by_hand(deals)
    assert sum(w for _, _, w in expected.values()) == status["weighted_pipeline"]
    app = make_app(demo_store)
    async with app.run_test(size=(200, 60)) as pilot:
        board = await _board(pilot)
        for stage, (count, value, weighted) in expected.items():
            figures = board.query_one(f"#title-{stage}", StageHeading).figures.stages[stage]
            assert (figures.count, figures.value_cents, figures.weighted_cents) == (
                count,
                value,
                weighted,
            )
            shown = str(board.query_one(f"#title-{stage}", StageHeading).render())
            deals_word = "deal" if count == 1 else "deals"
            assert shown.splitlines() == [
                f"{stage.title()} · {count} {deals_word}",
                f"{format_money(value)}/mo at {figures.probability}%",
                f"weighted {format_money(weighted)}",
            ]


async def test_enter_opens_the_detail_with_its_own_keys_e_edits_and_escape_closes(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        board = await _board(pilot)
        deal = (await _select(pilot, "lead")).item_at_cursor()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DealDetailScreen)
        keys = _footer(app)
        for own in ("Close", "Edit", "Next stage", "Won", "Lost"):
            assert own in keys
        for boards in ("Filter", "Won/lost columns", "Add deal"):
            assert boards not in keys  # the board's keys stay on the board
        assert "esc close" in str(app.screen.query_one("#detail").border_subtitle)

        await _edit(pilot, "title", "Dossier patient v2")
        assert isinstance(app.screen, DealDetailScreen)
        assert _scalar(demo_store, "SELECT title FROM deal WHERE id = :i", i=deal.id) == (
            "Dossier patient v2"
        )
        assert "Dossier patient v2" in str(app.screen.query_one("#detail-title").render())

        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert _scalar(demo_store, "SELECT stage FROM deal WHERE id = :i", i=deal.id) == "meeting"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board
        meeting = board.query_one("#deals-meeting", LazyTable)
        assert app.focused is meeting and meeting.item_at_cursor().id == deal.id
        assert meeting.item_at_cursor().title == "Dossier patient v2"


# --- snapshots -----------------------------------------------------------------------------


def _to_the_form(*keys: str):
    async def run_before(pilot) -> None:
        await _board(pilot)
        await _select(pilot, "negotiation")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_snapshot_the_mission_a_win_opens(snap_compare, demo_store: Store) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(140, 45), run_before=_to_the_form("w", "y"))


def test_snapshot_the_deal_edit_form(snap_compare, demo_store: Store) -> None:
    app = make_app(demo_store)
    assert snap_compare(app, terminal_size=(140, 45), run_before=_to_the_form("e"))
