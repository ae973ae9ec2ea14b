"""Screens that use their space (issue 15, points 5, 6, 14): tables fit their pane, names show
whole, the footer always shows ``?``, ``ctrl+p`` and ``q``, and colour has one meaning (money is
never drawn in a risk colour) in the dark and the light themes."""

from __future__ import annotations

import pytest
from rich.style import Style
from rich.text import Text
from textual.color import Color

from pipeline_tui.services.dashboard import load_dashboard
from pipeline_tui.store.database import Store
from pipeline_tui.tui import keymap
from pipeline_tui.tui.app import DARK_THEME, LIGHT_THEME, PipelineApp
from pipeline_tui.tui.widgets.fit_table import FitTable, share
from tests.tui.conftest import screen_lines, settle

# -- the sharing rule, on its own -----------------------------------------------------------


def test_columns_get_what_they_hold_and_the_grow_column_the_rest() -> None:
    wants = {"client": 28, "risk": 4, "why": 30}
    mins = {"client": 6, "risk": 4, "why": 8}
    assert share(80, wants, mins, grow="why") == {"client": 28, "risk": 4, "why": 48}


def test_when_short_the_widest_shrink_first_and_names_last() -> None:
    wants = {"name": 21, "role": 18, "email": 35, "phone": 17}
    mins = {"name": 4, "role": 4, "email": 5, "phone": 5}
    widths = share(60, wants, mins, keep=frozenset({"name", "phone"}))
    assert widths["name"] == 21 and widths["phone"] == 17  # whole
    assert sum(widths.values()) == 60
    assert widths["email"] == widths["role"] == 11  # the widest gave first, then both


def test_no_column_goes_below_its_minimum() -> None:
    wants = {"a": 30, "b": 30}
    mins = {"a": 10, "b": 12}
    assert share(10, wants, mins) == mins  # too narrow: the table scrolls, headers stay whole


# -- the dashboard and the clients screen ----------------------------------------------------


async def test_at_140x45_every_client_at_risk_shows_its_name_and_first_reason_whole(
    demo_store: Store,
) -> None:
    numbers = load_dashboard(demo_store, demo_store.config.today).numbers
    expected = [
        (f.name, f.risk.reasons[0].text if f.risk.reasons else None) for f in numbers.clients
    ]
    assert len(expected) >= 3 and any(reason for _, reason in expected)
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        lines = screen_lines(app.export_screenshot())
    for name, reason in expected:
        rows = [line for line in lines if name in line and (reason or "") in line]
        assert rows, f"{name!r} and its first reason {reason!r} are not shown whole on one row"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (140, 45), (200, 60)])
async def test_tables_fit_their_pane_and_headers_are_whole(demo_store: Store, size) -> None:
    """No table of the dashboard or the clients screen is wider than its pane (no column behind
    a scrollbar) unless its headers alone would not fit; a header is never cut."""
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for digit in ("1", "3"):
            await pilot.press(digit)
            await settle(pilot)
            for table in app.screen.query(FitTable):
                if not table.display or not table.size.width:
                    continue
                headers = 0
                for column in table.columns.values():
                    header = column.label.cell_len
                    headers += header + 2 * table.cell_padding
                    assert column.width >= header, (table.id, str(column.label), size)
                room = table.size.width - table.styles.scrollbar_size_vertical
                if headers <= room:
                    widths = sum(c.get_render_width(table) for c in table.columns.values())
                    assert widths <= room, (table.id, size)


async def test_the_clients_list_shows_every_column_at_140(demo_store: Store) -> None:
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        lines = screen_lines(app.export_screenshot())
        header = next(line for line in lines if "Client" in line and "Risk" in line)
        for title in ("Monthly", "Share", "Status"):
            assert title in header


# -- the footer ------------------------------------------------------------------------------

ALWAYS = ("? Keys", "^p Palette", "q Quit")


@pytest.mark.parametrize("entry", keymap.SCREENS, ids=[e.mode for e in keymap.SCREENS])
async def test_the_footer_shows_help_palette_and_quit_on_every_screen_at_80(
    demo_store: Store, entry: keymap.ScreenEntry
) -> None:
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(entry.digit)
        await settle(pilot)
        footer = screen_lines(app.export_screenshot())[-1]
        for key in ALWAYS:
            assert key in footer, (entry.mode, footer)
        own = [b for b in type(app.screen).BINDINGS if getattr(b, "show", False)]
        if own:  # the screen's first key comes before the app's
            assert own[0].description in footer, (entry.mode, footer)


async def test_the_footer_drops_the_last_keys_first_when_short(demo_store: Store) -> None:
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        footer = screen_lines(app.export_screenshot())[-1]
    for key in ALWAYS:
        assert key in footer
    assert "Done" in footer  # the dashboard's first key
    assert "New lead" not in footer  # the app's keys go first


# -- colour has one meaning ------------------------------------------------------------------


@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
async def test_money_is_never_drawn_in_a_risk_colour(demo_store: Store, theme: str) -> None:
    app = PipelineApp(demo_store, demo_store.config, theme=theme)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        colours = app.theme_variables
        risk = {Color.parse(colours[v]) for v in ("error", "warning", "text-error", "text-warning")}
        screen = app.screen
        exposed = screen.query_one("#kpi-risk .kpi-value").styles.color
        assert exposed == Color.parse(colours["text-error"])  # the demo's exposure is high
        for kpi in ("#kpi-revenue", "#kpi-pipeline"):  # sums of money
            assert screen.query_one(f"{kpi} .kpi-value").styles.color not in risk, kpi
        # Dependence on one client is a risk: its caption says so, in the risk colour.
        caption = screen.query_one("#kpi-revenue .kpi-caption").styles.color
        assert caption == Color.parse(colours["text-error"])
        table = screen.query_one("#risk", FitTable)
        for row in range(table.row_count):
            score, monthly = table.get_row_at(row)[1:3]
            assert isinstance(monthly, Text) and not monthly.style and not monthly.spans
            if int(score.plain) >= 60:  # a high churn risk: the theme's own red
                colour = Style.parse(str(score.style)).color
                assert colour is not None
                assert colour.get_truecolor().hex.upper() == colours["text-error"].upper()


async def test_in_place_colours_follow_the_theme(demo_store: Store) -> None:
    app = PipelineApp(demo_store, demo_store.config, theme=DARK_THEME)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#risk", FitTable)
        before = str(table.get_row_at(0)[1].style)
        app.theme = LIGHT_THEME
        await settle(pilot)
        after = str(table.get_row_at(0)[1].style)
        assert before != after
        assert app.theme_variables["text-error"].lower() in after.lower()


async def test_columns_given_a_width_keep_it_and_the_fill_column_takes_the_rest(
    demo_store: Store,
) -> None:
    """The agenda's columns have widths and no keys (each is its own, valueless key)."""
    app = PipelineApp(demo_store, demo_store.config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#agenda", FitTable)
        widths = {str(c.label): c.width for c in table.columns.values()}
        assert [widths[t] for t in ("Due", "When", "Kind", "Channel", "Contact", "Client")] == [
            11,
            9,
            9,
            14,
            20,
            24,
        ]
        room = table.size.width - table.styles.scrollbar_size_vertical
        assert sum(c.get_render_width(table) for c in table.columns.values()) == room


# -- the plan's bars: a count is never cut ---------------------------------------------------


async def test_a_large_plan_count_shows_whole_and_the_bars_line_up() -> None:
    """A busy week (315 done of 10) once showed "315/1" on the dashboard: its count's column
    was 7 wide. Every count now takes the widest one's width, at least the style's."""
    from dataclasses import dataclass
    from pathlib import Path

    from textual.app import App, ComposeResult
    from textual.widgets import Label

    from pipeline_tui.tui.widgets.plan_bars import PlanBars

    @dataclass(frozen=True)
    class Line:
        label: str
        done: int
        target: int

    class Bars(App[None]):
        CSS_PATH = str(Path(keymap.__file__).parent / "styles" / "dashboard.tcss")

        def compose(self) -> ComposeResult:
            yield PlanBars(id="plan")

    app = Bars()
    async with app.run_test(size=(60, 10)) as pilot:
        bars = app.query_one(PlanBars)
        bars.lines = (Line("10 e-mails par semaine", 315, 10), Line("1 événement", 2, 1))
        await pilot.pause()
        counts = list(bars.query(".plan-count").results(Label))
        assert [str(c.render()) for c in counts] == ["315/10", "2/1"]
        assert all(c.content_region.width >= len(str(c.render())) for c in counts)
        assert len({c.region.width for c in counts}) == 1  # one column: the bars line up
