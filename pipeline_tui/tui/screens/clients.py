"""Clients: the list with status, revenue, share and risk; the detail of the one selected, a
table per kind of record (contacts, missions, deals, signals, surveys, timeline).

Keys act on the record under the cursor of the table that has the focus (Tab moves between
them): ``e`` edits it, ``delete`` removes it (``client_editing``); the capitals add one
(``client_actions``, ``client_surveys``); ``/`` filters the list by client or contact name.

The search filters what the list loaded: every client's row and its contacts' names are read
once, in the list's worker (the large demo's 1,000 clients and their contacts are a few hundred
kilobytes), so each keystroke filters in memory, a few milliseconds, without a database read.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from pipeline_tui.domain.log_target import fold
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import percent, risk_score_tone
from pipeline_tui.domain.risk import HOW_REASONS_COMBINE
from pipeline_tui.i18n import N_, _, pgettext
from pipeline_tui.services.client_list import ClientListRow, client_list
from pipeline_tui.services.client_view import ClientDetail, client_detail
from pipeline_tui.services.clients import contact_names_by_client
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens import client_tables as tables
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.screens.client_actions import ClientCreating
from pipeline_tui.tui.screens.client_editing import ClientEditing
from pipeline_tui.tui.screens.client_surveys import ClientSurveys
from pipeline_tui.tui.tones import text_style
from pipeline_tui.tui.widgets.fit_table import FitTable
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader

# The list's headers, translated where shown; a column's key is its English header in lower case.
LIST_COLUMNS = (N_("Client"), N_("Risk"), N_("Monthly"), N_("Share"), N_("Status"))


def client_status_label(status: str) -> str:
    """A client's status as the list shows it (``store.queries.clients.clients_with_status``):
    a client's words, not a mission's (in French a client is "actif", a mission "en cours")."""
    labels = {
        "active": pgettext("client status", "active"),
        "prospect": pgettext("client status", "prospect"),
        "former": pgettext("client status", "former"),
    }
    return labels.get(status, status)


def _listed(store, today) -> tuple[str, list[ClientListRow], dict[int, str]]:
    """The list's rows and what ``/`` searches in each (the client's name and its contacts'
    names, folded: case and accents do not count), in one worker."""
    currency, rows = client_list(store, today)
    names = contact_names_by_client(store)
    searched = {r.client_id: fold(" ".join([r.name, *names.get(r.client_id, [])])) for r in rows}
    return currency, rows, searched


class ClientsScreen(
    ClientCreating, ClientEditing, ClientSurveys, AppScreen, Screen[None], screen_name="clients"
):
    AUTO_FOCUS = "#client-list"  # not the search field, hidden until ``/``

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.currency = "EUR"
        self.selected_id: int | None = None
        self.detail: ClientDetail | None = None
        self.rows: list[ClientListRow] = []
        self.searched: dict[int, str] = {}  # client id → its name and its contacts', folded
        self.search = ""

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="clients-body"):
            with Vertical(id="client-side"):
                yield Input(placeholder=_("client or contact name"), id="client-search")
                yield FitTable(
                    keep=("client",), id="client-list", cursor_type="row", zebra_stripes=True
                )
            with VerticalScroll(id="client-detail"):
                yield Label(_("Select a client"), id="client-title")
                yield Static("", id="client-risk")
                yield from tables.compose_sections()
        yield KeyFooter()

    def on_mount(self) -> None:
        client_list = self.query_one("#client-list", DataTable)
        for title in LIST_COLUMNS:
            client_list.add_column(_(title), key=title.lower())
        for table in self.query(".detail-table").results(DataTable):
            tables.add_columns(table)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._draw_tones())
        self.query_one("#client-detail").can_focus = False  # Tab goes from table to table
        self.load_list()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load_list()

    def action_refresh(self) -> None:
        self.load_list()

    def refresh_data(self) -> None:
        """Something was written (here, elsewhere, or undone): read again."""
        self.detail = None
        self.load_list()

    def select_client(self, client_id: int) -> None:
        """Called by the app to open a given client."""
        self.selected_id = client_id
        if self.is_mounted:
            self.load_list()

    def load_list(self) -> None:
        self.call_with_store(
            _listed,
            self.context.today,
            then=lambda listed: self.show_list(*listed),
            group="client-list",
            exclusive=True,
        )

    def show_list(self, currency: str, rows: list[ClientListRow], searched: dict[int, str]) -> None:
        self.currency, self.rows, self.searched = currency, rows, searched
        self._show_rows()

    def _shown_rows(self) -> list[ClientListRow]:
        words = fold(self.search).split()
        if not words:
            return self.rows
        return [r for r in self.rows if all(w in self.searched.get(r.client_id, "") for w in words)]

    def _show_rows(self) -> None:
        table = self.query_one("#client-list", DataTable)
        table.clear()
        rows = self._shown_rows()
        for r in rows:
            table.add_row(
                r.name,
                Text(str(r.risk), style=self._risk_style(r.risk)) if r.risk is not None else "",
                format_money(r.monthly_revenue_cents, self.currency)
                if r.monthly_revenue_cents
                else "",
                percent(r.share, missing=""),
                client_status_label(r.status),
                key=str(r.client_id),
            )
        if not rows:
            self.selected_id, self.detail = None, None
            self.query_one("#client-title", Label).update(
                _("No client or contact matches '{search}'.").format(search=self.search)
                if self.search
                else _("No client yet: press N to add one.")
            )
            self.query_one("#client-risk", Static).update("")
            for detail_table in self.query(".detail-table").results(DataTable):
                detail_table.clear()
            return
        ids = [r.client_id for r in rows]
        if self.selected_id not in ids:
            self.selected_id = ids[0]
        table.move_cursor(row=ids.index(self.selected_id))
        self.load_detail(self.selected_id)

    def client_status(self, client_id: int) -> str | None:
        return next((r.status for r in self.rows if r.client_id == client_id), None)

    # -- search ----------------------------------------------------------------------------
    def action_search(self) -> None:
        search = self.query_one("#client-search", Input)
        search.add_class("-shown")
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "client-search":
            event.stop()
            self.search = event.value
            self._show_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "client-search":
            event.stop()
            self.query_one("#client-list", DataTable).focus()

    def action_clear_search(self) -> None:
        """Escape clears the search (wherever the focus is) and shows every client again."""
        search = self.query_one("#client-search", Input)
        if search.has_class("-shown"):
            search.value = ""  # Input.Changed refilters
            search.remove_class("-shown")
            self.search = ""
            self._show_rows()
            self.query_one("#client-list", DataTable).focus()

    # -- selection -------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != "client-list" or event.row_key.value is None:
            return
        client_id = int(event.row_key.value)
        if client_id != self.selected_id or self.detail is None:
            self.selected_id = client_id
            self.load_detail(client_id)

    def focused_record(self) -> tuple[str, int] | None:
        """(what, id) under the cursor of the focused table: a detail table's record, else the
        client selected in the list."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id in tables.SECTION_IDS:
            record_id = tables.key_at_cursor(focused)
            return (focused.id, record_id) if record_id is not None else None
        return ("client", self.selected_id) if self.selected_id is not None else None

    def record_under_cursor(self, table_id: str) -> int | None:
        """The record under the cursor of ``table_id`` when that table has the focus."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id == table_id:
            return tables.key_at_cursor(focused)
        return None

    def load_detail(self, client_id: int) -> None:
        self.call_with_store(
            client_detail,
            client_id,
            self.context.today,
            then=self.show_detail,
            group="client-detail",
            exclusive=True,
        )

    def show_detail(self, d: ClientDetail) -> None:
        if d.client.id != self.selected_id:
            return
        self.detail = d
        self.query_one("#client-title", Label).update(d.client.name)
        parts: list = []
        if d.risk is not None:
            style = self._risk_style(d.risk.score)
            parts.append(Text(_("Churn risk {score}/100").format(score=d.risk.score), style=style))
            for reason in d.risk.reasons:
                parts.append(Text(f"  • {reason.text} (+{reason.points})"))
            if d.risk.reasons:
                parts.append(Text(f"  {_(HOW_REASONS_COMBINE)}", style="dim"))
        risk = self.query_one("#client-risk", Static)
        risk.update(Group(*parts))
        risk.display = bool(parts)
        rows = tables.section_rows(d, lambda cents: format_money(cents, self.currency))
        for table_id, section in rows.items():
            tables.fill(self.query_one(f"#{table_id}", DataTable), section)

    def _risk_style(self, score: int | None) -> str:
        return text_style(risk_score_tone(score), self.app)

    def _draw_tones(self) -> None:
        """The theme changed: draw again what is coloured in place (the risk scores)."""
        if self.rows:
            self._show_rows()
