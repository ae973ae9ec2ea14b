"""The pipeline board: one column per open stage; move deals with keys, win them, lose them."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label

from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.services.deals import count_by_stage, deals_page, move_deal, next_stage
from pipeline_tui.services.settings import load_settings
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.behaviours import Refreshing
from pipeline_tui.tui.screens.deal_detail import DealDetailScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.workers import ServiceCalls


class PipelineScreen(Refreshing, ServiceCalls, Screen[None]):
    """Deals by stage, largest first; each column loads only what is scrolled to."""

    CSS_PATH = "../styles/pipeline.tcss"
    BINDINGS = [
        Binding("left", "column(-1)", "← column", priority=True, show=False),
        Binding("right", "column(1)", "column →", priority=True, show=False),
        Binding("right_square_bracket", "move(1)", "Next stage"),
        Binding("left_square_bracket", "move(-1)", "Prev stage"),
        Binding("w", "won", "Won"),
        Binding("x", "lost", "Lost"),
        Binding("enter", "open", "Detail", show=False),
        Binding("f5", "refresh", "Refresh"),
    ]

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self.currency = "EUR"

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="board"):
            for stage in OPEN_STAGES:
                with Vertical(classes="stage-column", id=f"col-{stage}"):
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
        for stage in OPEN_STAGES:
            table = self.query_one(f"#deals-{stage}", LazyTable)
            table.show_header = False
            table.add_column("Deal", key="deal")
            table._size_fill_column()
        self.refresh_data()
        self.query_one(f"#deals-{OPEN_STAGES[0]}", LazyTable).focus()

    def refresh_data(self) -> None:
        for stage in OPEN_STAGES:
            self.query_one(f"#deals-{stage}", LazyTable).reload(keep_cursor=True)
        self.load_totals()

    def _fetch(self, stage: str, after, limit: int):
        return deals_page(self.context.require_store(), stage, after=after, limit=limit)

    def _row(self, deal):
        card = Text(deal.title, style="bold", overflow="ellipsis", no_wrap=True)
        card.append("\n")
        card.append(f"{format_money(deal.monthly_value_cents, self.currency)} · ", style="green")
        card.append(deal.client_name, style="dim")
        return deal.board_key, str(deal.id), (card,)

    def load_totals(self) -> None:
        store = self.context.require_store()

        def totals() -> tuple[dict[str, tuple[int, int]], str]:
            return count_by_stage(store), load_settings(store).currency

        self.call_service(
            totals,
            then=lambda found: self._show_totals(*found),
            group="pipeline-totals",
            exclusive=True,
        )

    def _show_totals(self, totals: dict[str, tuple[int, int]], currency: str) -> None:
        self.currency = currency
        for stage in OPEN_STAGES:
            count, value = totals.get(stage, (0, 0))
            self.query_one(f"#title-{stage}", Label).update(
                f"{stage.title()} ({count})\n{format_money(value, currency)}/mo"
            )

    # -- navigation and moves ------------------------------------------------------------
    def _focused_stage(self) -> str:
        focused = self.focused
        if isinstance(focused, LazyTable) and (focused.id or "").startswith("deals-"):
            return focused.id.removeprefix("deals-")
        return OPEN_STAGES[0]

    def action_column(self, step: int) -> None:
        index = OPEN_STAGES.index(self._focused_stage()) + int(step)
        index = max(0, min(len(OPEN_STAGES) - 1, index))
        self.query_one(f"#deals-{OPEN_STAGES[index]}", LazyTable).focus()

    def _selected(self):
        table = self.query_one(f"#deals-{self._focused_stage()}", LazyTable)
        item = table.item_at_cursor()
        if item is None:
            self.app.notify("No deal selected.", severity="warning")
        return item

    def _moved(self, deal) -> None:
        self.refresh_data()
        self.post_message(DataChanged())

    def action_move(self, step: int) -> None:
        deal = self._selected()
        if deal is None:
            return
        target = next_stage(deal.stage, int(step))
        if target is None:
            self.app.notify("No stage that way.", severity="warning")
            return
        self._move(deal, target)

    def _move(self, deal, target: str, reason: str | None = None) -> None:
        self.call_service(
            move_deal,
            self.context.require_store(),
            deal.id,
            target,
            on=self.context.today,
            lost_reason=reason,
            then=self._moved,
            success=f"{deal.title}: {target}",
        )

    def action_won(self) -> None:
        deal = self._selected()
        if deal is not None:
            self._move(deal, "won")

    def action_lost(self) -> None:
        deal = self._selected()
        if deal is None:
            return

        def chosen(values) -> None:
            if values:
                self._move(deal, "lost", values["reason"])

        self.app.push_screen(
            FormScreen(
                f"Lost: {deal.title}",
                [
                    FieldSpec(
                        "reason",
                        "Why was it lost?",
                        required=True,
                        placeholder="price, timing, went with a competitor…",
                    )
                ],
                self.context.today,
                submit_label="Mark lost",
            ),
            chosen,
        )

    def action_open(self) -> None:
        deal = self._selected()
        if deal is not None:
            self.app.push_screen(DealDetailScreen(self.context, deal.id))

    def on_data_table_row_selected(self, event) -> None:
        self.action_open()
