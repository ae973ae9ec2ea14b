"""A first screen: clients, open deals and the activities due, read in a worker thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from pipeline_tui.config import Config
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.services.activities import AgendaRow, agenda_page
from pipeline_tui.services.clients import ClientRow, list_clients
from pipeline_tui.services.deals import list_deals
from pipeline_tui.services.settings import load_settings
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Deal

SHOWN = 200  # rows per table: this first screen is a summary, not a browser


@dataclass(frozen=True)
class OverviewData:
    currency: str
    clients: list[ClientRow]
    deals: list[tuple[Deal, str]]
    due: list[AgendaRow]


def load_overview(store: Store, config: Config) -> OverviewData:
    return OverviewData(
        currency=load_settings(store).currency,
        clients=list_clients(store, config.today),
        deals=list_deals(store, open_only=True, limit=SHOWN),
        due=agenda_page(store, until=config.today, limit=SHOWN),
    )


class OverviewScreen(Screen[None]):
    """Clients, open deals and due activities; the full dashboard replaces it later."""

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading…", id="status")
        yield Label("Due and overdue activities", classes="section-title")
        yield DataTable(id="due", cursor_type="row", zebra_stripes=True)
        yield Label("Open deals", classes="section-title")
        yield DataTable(id="deals", cursor_type="row", zebra_stripes=True)
        yield Label("Clients", classes="section-title")
        yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#due", DataTable).add_columns("Due", "Kind", "Subject", "Client", "Contact")
        self.query_one("#deals", DataTable).add_columns(
            "Deal", "Client", "Stage", "Monthly", "Channel"
        )
        self.query_one("#clients", DataTable).add_columns("Client", "Status", "Industry")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        data = load_overview(self.store, self.config)
        self.app.call_from_thread(self.show, data)

    def show(self, data: OverviewData) -> None:
        today = self.config.today
        due = self.query_one("#due", DataTable)
        due.clear()
        for row in data.due:
            a = row.activity
            when = "today" if a.due_on == today else f"{a.due_on} (overdue)"
            due.add_row(
                when, label(a.kind), a.subject, row.client_name or "", row.contact_name or ""
            )
        deals = self.query_one("#deals", DataTable)
        deals.clear()
        for deal, client_name in data.deals:
            deals.add_row(
                deal.title,
                client_name,
                deal.stage,
                format_money(deal.monthly_value_cents, data.currency),
                label(deal.channel),
            )
        clients = self.query_one("#clients", DataTable)
        clients.clear()
        for row in data.clients:
            clients.add_row(row.client.name, row.status, row.client.industry or "")
        self.query_one("#status", Label).update(
            f"{len(data.due)} due · {len(data.deals)} open deals · {len(data.clients)} clients"
        )
