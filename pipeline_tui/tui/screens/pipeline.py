"""The pipeline board: one column per open stage (and won and lost, on ``v``); move deals with
keys, win them (and open the mission), lose them, reopen, edit, add and delete them; ``/``
filters the board by client or deal as you type."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label

from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, OPEN_STAGES, STAGES
from pipeline_tui.services.deals import count_by_stage, deals_page, move_deal, next_stage
from pipeline_tui.services.settings import load_settings
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import Refreshing
from pipeline_tui.tui.screens.deal_actions import DealActions
from pipeline_tui.tui.screens.deal_detail import DealDetailScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable


class PipelineScreen(Refreshing, DealActions, Screen[None]):
    """Deals by stage, largest first; each column loads only what is scrolled to."""

    CSS_PATH = "../styles/pipeline.tcss"
    BINDINGS = [
        Binding("left", "column(-1)", "← column", priority=True, show=False),
        Binding("right", "column(1)", "column →", priority=True, show=False),
        Binding("right_square_bracket", "move(1)", "Next stage"),
        Binding("left_square_bracket", "move(-1)", "Prev stage"),
        Binding("w", "won", "Won"),
        Binding("x", "lost", "Lost"),
        Binding("R", "reopen", "Reopen"),
        Binding("a", "add", "Add deal"),
        Binding("e", "edit", "Edit"),
        Binding("delete", "delete", "Delete"),
        Binding("slash", "filter", "Filter"),
        Binding("v", "toggle_closed", "Won/lost columns"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("enter", "open", "Detail", show=False),
        Binding("f5", "refresh", "Refresh"),
    ]

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self.currency = "EUR"
        self.show_closed = False
        self.matching: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: client or deal (Escape clears)", id="board-filter")
        with Horizontal(id="board"):
            for stage in STAGES:
                classes = "stage-column" + (" closed" if stage in CLOSED_STAGES else "")
                with Vertical(classes=classes, id=f"col-{stage}"):
                    yield Label(stage.title(), classes="stage-title", id=f"title-{stage}")
                    yield LazyTable(
                        fetch=partial(self._fetch, stage),
                        to_row=self._row,
                        page_size=60,
                        row_height=2,
                        fill_column="deal",
                        id=f"deals-{stage}",
                    )
        yield Footer()

    def on_mount(self) -> None:
        for stage in STAGES:
            table = self.query_one(f"#deals-{stage}", LazyTable)
            table.show_header = False
            table.add_column("Deal", key="deal")
            table._size_fill_column()
        self.refresh_data()
        self.query_one(f"#deals-{OPEN_STAGES[0]}", LazyTable).focus()

    @property
    def shown_stages(self) -> tuple[str, ...]:
        return STAGES if self.show_closed else OPEN_STAGES

    def refresh_data(self) -> None:
        for stage in self.shown_stages:
            self.query_one(f"#deals-{stage}", LazyTable).reload(keep_cursor=True)
        self.load_totals()

    def _fetch(self, stage: str, after, limit: int):
        return deals_page(
            self.context.require_store(), stage, after=after, limit=limit, matching=self.matching
        )

    def _row(self, deal):
        card = Text(deal.title, style="bold", overflow="ellipsis", no_wrap=True)
        card.append("\n")
        card.append(f"{format_money(deal.monthly_value_cents, self.currency)} · ", style="green")
        card.append(deal.client_name, style="dim")
        return deal.board_key, str(deal.id), (card,)

    def load_totals(self) -> None:
        store = self.context.require_store()
        matching = self.matching

        def totals() -> tuple[dict[str, tuple[int, int]], str]:
            return count_by_stage(store, matching), load_settings(store).currency

        self.call_service(
            totals,
            then=lambda found: self._show_totals(*found),
            group="pipeline-totals",
            exclusive=True,
        )

    def _show_totals(self, totals: dict[str, tuple[int, int]], currency: str) -> None:
        self.currency = currency
        for stage in STAGES:
            count, value = totals.get(stage, (0, 0))
            self.query_one(f"#title-{stage}", Label).update(
                f"{stage.title()} ({count})\n{format_money(value, currency)}/mo"
            )

    # -- what the footer offers -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        filtering = isinstance(self.focused, Input)  # the filter, the board's one input
        if action == "column" and filtering:
            return False  # ← → move the cursor in the filter
        if action == "reopen":
            return self._focused_stage() in CLOSED_STAGES
        if action == "clear_filter":
            return bool(self.matching) or filtering
        return True

    # -- navigation -----------------------------------------------------------------------
    def _focused_stage(self) -> str:
        focused = self.focused
        if isinstance(focused, LazyTable) and (focused.id or "").startswith("deals-"):
            return focused.id.removeprefix("deals-")
        return OPEN_STAGES[0]

    def action_column(self, step: int) -> None:
        stages = self.shown_stages
        current = self._focused_stage()
        index = stages.index(current) + int(step) if current in stages else 0
        index = max(0, min(len(stages) - 1, index))
        self.query_one(f"#deals-{stages[index]}", LazyTable).focus()

    def action_toggle_closed(self) -> None:
        """Show or hide the won and lost columns (their titles say they are there)."""
        self.show_closed = not self.show_closed
        for stage in CLOSED_STAGES:
            column = self.query_one(f"#col-{stage}")
            column.set_class(self.show_closed, "shown")
            if self.show_closed:
                self.query_one(f"#deals-{stage}", LazyTable).reload()
        if not self.show_closed and self._focused_stage() in CLOSED_STAGES:
            self.query_one(f"#deals-{OPEN_STAGES[-1]}", LazyTable).focus()
        self.refresh_bindings()

    # -- the filter -----------------------------------------------------------------------
    def action_filter(self) -> None:
        box = self.query_one("#board-filter", Input)
        box.add_class("shown")
        box.focus()
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "board-filter":
            return
        self.matching = event.value.strip() or None
        self.refresh_data()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "board-filter":
            self.query_one(f"#deals-{OPEN_STAGES[0]}", LazyTable).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#board-filter", Input)
        had = bool(self.matching)
        box.value = ""  # Input.Changed reloads the board without the filter
        box.remove_class("shown")
        if self.focused is box or not had:
            self.query_one(f"#deals-{OPEN_STAGES[0]}", LazyTable).focus()
        self.refresh_bindings()

    # -- the selected deal ----------------------------------------------------------------
    def _selected(self):
        table = self.query_one(f"#deals-{self._focused_stage()}", LazyTable)
        item = table.item_at_cursor()
        if item is None:
            self.app.notify("No deal selected.", severity="warning")
        return item

    def action_move(self, step: int) -> None:
        deal = self._selected()
        if deal is None:
            return
        target = next_stage(deal.stage, int(step))
        if target is None:
            self.app.notify("No stage that way.", severity="warning")
            return
        self.call_service(
            move_deal,
            self.context.require_store(),
            deal.id,
            target,
            on=self.context.today,
            then=lambda _deal: self.deal_changed(),
            success=f"{deal.title}: {target}",
        )

    def action_won(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.win(deal.id)

    def action_lost(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.lose(deal.id)

    def action_reopen(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.reopen(deal.id)

    def action_edit(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.edit(deal.id)

    def action_delete(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.delete(deal.id)

    def action_add(self) -> None:
        self.add(self._focused_stage())

    def action_open(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.app.push_screen(DealDetailScreen(self.context, deal.id))

    def on_data_table_row_selected(self, event) -> None:
        self.action_open()
