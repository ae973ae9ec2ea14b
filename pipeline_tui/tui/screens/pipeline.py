"""The pipeline board: one column per open stage (and won and lost, on ``v``), each headed by its
deals, value, probability and weighted total; a card says how long its deal sat in its stage and
how long it rots. ``]`` and ``[`` move the selected deal and the selection follows it; win it
(and open the mission), lose it, reopen, edit, add and delete it; ``/`` filters the board by
client or deal as you type. One card shows as selected: the focused column's."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input

from pipeline_tui.domain.vocabulary import CLOSED_STAGES, OPEN_STAGES, STAGES
from pipeline_tui.i18n import _
from pipeline_tui.services.deal_view import BoardCard, BoardFigures, board_cards, board_figures
from pipeline_tui.services.deals import next_stage
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen, Refreshing
from pipeline_tui.tui.screens.deal_actions import DealActions
from pipeline_tui.tui.screens.deal_detail import DealDetailScreen
from pipeline_tui.tui.tones import text_style
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.widgets.stage_board import DealCard, StageHeading

CARD_LINES = 3  # title, client, value · days in stage · rotting badge


class PipelineScreen(Refreshing, DealActions, AppScreen, Screen[None], screen_name="pipeline"):
    """Deals by stage, largest first; each column loads only what is scrolled to."""

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.currency = "EUR"
        self.show_closed = False
        self.matching: str | None = None
        # The deal the selection follows into its new column, until its card is there.
        self._following: BoardCard | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield Input(placeholder=_("Filter: client or deal (Escape clears)"), id="board-filter")
        with Horizontal(id="board"):
            for stage in STAGES:
                classes = "stage-column" + (" closed" if stage in CLOSED_STAGES else "")
                with Vertical(classes=classes, id=f"col-{stage}"):
                    yield StageHeading(stage, classes="stage-title", id=f"title-{stage}")
                    yield LazyTable(
                        fetch=partial(self._fetch, stage),
                        to_row=self._row,
                        page_size=60,
                        row_height=CARD_LINES,
                        fill_column="deal",
                        id=f"deals-{stage}",
                    )
        yield KeyFooter()

    def on_mount(self) -> None:
        for stage in STAGES:
            table = self.query_one(f"#deals-{stage}", LazyTable)
            table.show_header = False
            table.add_column(_("Deal"), key="deal")
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

    def _table(self, stage: str) -> LazyTable:
        return self.query_one(f"#deals-{stage}", LazyTable)

    def _fetch(self, stage: str, after, limit: int) -> list[BoardCard]:
        return board_cards(
            self.context.require_store(),
            stage,
            self.context.today,
            after=after,
            limit=limit,
            matching=self.matching,
        )

    def _row(self, card: BoardCard):
        return (
            card.board_key,
            str(card.id),
            (DealCard(card, self.currency, text_style("warning", self.app)),),
        )

    def load_totals(self) -> None:
        self.call_with_store(
            board_figures,
            self.matching,
            then=self._show_totals,
            group="pipeline-totals",
            exclusive=True,
        )

    def _show_totals(self, figures: BoardFigures) -> None:
        self.currency = figures.currency
        for heading in self.query(StageHeading):
            heading.figures = figures

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
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """One selection on the board: the focused column's card. The other columns keep their
        cursor, for when they get the focus, but do not show it."""
        for table in self.query(LazyTable):
            table.show_cursor = table is event.widget

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
    def _selected(self) -> BoardCard | None:
        stage = self._focused_stage()
        following = self._following
        if following is not None and following.stage == stage:
            return following  # moved here, its card not loaded yet: the keys still act on it
        item = self._table(stage).item_at_cursor()
        if item is None:
            self.app.notify(_("No deal selected."), severity="warning")
        return item

    def action_move(self, step: int) -> None:
        """Move the selected deal a stage on (or back); the selection goes with it, so ``]``
        twice moves the same deal two stages."""
        deal = self._selected()
        if deal is None or not self.context.can_write():
            return
        target = next_stage(deal.stage, int(step))
        if target is None:
            self.app.notify(_("No stage that way."), severity="warning")
            return
        shown = target in self.shown_stages
        self._following = None
        if shown:
            self._following = replace(deal, stage=target, days_in_stage=0, idle_days=None)
            self._table(target).focus()
        self.move(
            deal.id,
            deal.title,
            target,
            moved=(lambda: self._table(target).reload_to(str(deal.id))) if shown else None,
            refused=lambda: self._back_to(deal),
        )

    def _back_to(self, deal: BoardCard) -> None:
        """A move was refused: the selection goes back to the deal where it still is."""
        self._following = None
        if deal.stage in self.shown_stages:
            table = self._table(deal.stage)
            table.focus()
            table.reload_to(str(deal.id))

    def on_lazy_table_loaded(self, event: LazyTable.Loaded) -> None:
        following = self._following
        if (
            following is not None
            and not self.moves_pending
            and event.table.id == f"deals-{following.stage}"
            and event.table.seeking is None
        ):
            self._following = None  # its card is there, under the cursor

    def deal_under_keys(self) -> int | None:
        deal = self._selected()
        return None if deal is None else deal.id

    def action_add(self) -> None:
        self.add(self._focused_stage())

    def action_open(self) -> None:
        deal = self._selected()
        if deal is not None:
            closed = partial(self._detail_closed, deal)
            self.app.push_screen(DealDetailScreen(self.context, deal.id), closed)

    def _detail_closed(self, deal: BoardCard, stage: str | None) -> None:
        """Back from the deal's detail, where it may have moved (won, lost, reopened…): the
        selection follows it to its column."""
        if stage is None or stage == deal.stage or stage not in self.shown_stages:
            return
        table = self._table(stage)
        table.focus()
        table.reload_to(str(deal.id))

    def on_data_table_row_selected(self, event) -> None:
        self.action_open()
