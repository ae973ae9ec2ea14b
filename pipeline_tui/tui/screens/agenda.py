"""The agenda: every open activity by due date (overdue first), filtered by channel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Select

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.present import due_label
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, label
from pipeline_tui.services.activities import add_activity
from pipeline_tui.services.agenda import agenda_page
from pipeline_tui.services.clients import find_client
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.activity_actions import ActivityActions
from pipeline_tui.tui.screens.behaviours import Refreshing
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable


class AgendaScreen(Refreshing, ActivityActions, Screen[None]):
    CSS_PATH = "../styles/agenda.tcss"
    BINDINGS = [
        Binding("x", "done", "Done"),
        Binding("plus", "postpone(1)", "+1 day"),
        Binding("s", "reschedule", "Reschedule"),
        Binding("A", "log", "Log activity"),
        Binding("f", "filter", "Filter channel"),
        Binding("f5", "refresh", "Refresh"),
    ]

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self.channel: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="agenda-bar"):
            yield Label("Channel", id="channel-label")
            yield Select([(label(c), c) for c in CHANNELS], prompt="all channels", id="channel")
            yield Label("", id="agenda-count")
        yield LazyTable(
            fetch=self._fetch, to_row=self._row, page_size=300, fill_column="subject", id="agenda"
        )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#agenda", LazyTable)
        for title, width in (("Due", 11), ("When", 9), ("Kind", 9), ("Channel", 14)):
            table.add_column(title, width=width)
        table.add_column("Subject", key="subject")
        table.add_column("Contact", width=20)
        table.add_column("Client", width=24)
        self.refresh_data()
        self.query_one("#agenda", LazyTable).focus()

    def refresh_data(self) -> None:
        self.query_one("#agenda", LazyTable).reload(keep_cursor=True)

    def activity_table(self) -> LazyTable:
        return self.query_one("#agenda", LazyTable)

    def _changed(self, _result=None) -> None:
        self.refresh_data()
        super()._changed()

    def _fetch(self, after, limit: int):
        return agenda_page(self.context.reads, after=after, channel=self.channel, limit=limit)

    def _row(self, row):
        a = row.activity
        when = due_label(a.due_on, self.context.today)
        return (
            row.key,
            str(a.id),
            (
                format_day(a.due_on),
                when,
                label(a.kind),
                label(a.channel),
                a.subject or "—",
                row.contact_name or "",
                row.client_name or "",
            ),
        )

    def on_lazy_table_loaded(self, event: LazyTable.Loaded) -> None:
        table = event.table
        more = "" if table.exhausted else "+"
        self.query_one("#agenda-count", Label).update(f"{table.row_count}{more} open activities")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.channel = None if event.value is Select.BLANK else str(event.value)
        self.refresh_data()

    def action_filter(self) -> None:
        self.query_one("#channel", Select).focus()

    def action_log(self) -> None:
        today = self.context.today

        def save(values) -> None:
            if not values:
                return
            store = self.context.require_store()

            def log() -> object:
                client_id = None
                if values["client"]:
                    client_id = find_client(store, values["client"]).id
                when = values["on"]
                fields = {"done_on": when} if values["done"] else {"due_on": when}
                return add_activity(
                    store,
                    values["kind"],
                    subject=values["subject"] or "",
                    outcome=values["outcome"],
                    client_id=client_id,
                    **fields,
                )

            self.call_service(log, then=self._changed, success="Activity logged")

        self.app.push_screen(
            FormScreen(
                "Log an activity",
                [
                    FieldSpec(
                        "kind",
                        "Kind",
                        "choice",
                        required=True,
                        default="email",
                        choices=tuple((label(k), k) for k in ACTIVITY_KINDS),
                    ),
                    FieldSpec("subject", "Subject"),
                    FieldSpec("client", "Client (name)"),
                    FieldSpec("on", "Date", "date", required=True, default="today"),
                    FieldSpec("done", "Already done (otherwise: due on that date)", "bool"),
                    FieldSpec("outcome", "Outcome"),
                ],
                today,
                submit_label="Log",
            ),
            save,
        )
