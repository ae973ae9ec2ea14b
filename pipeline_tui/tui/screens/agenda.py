"""The agenda: every open activity by due date (overdue first), filtered by channel and by
``/``: the words typed, anywhere in the client's name, the contact's, the subject or the notes.
Escape clears the search. The keys on the activity under the cursor are ``ActivityActions``'."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Select

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.present import due_label
from pipeline_tui.domain.vocabulary import CHANNELS, label
from pipeline_tui.i18n import _, formats, ngettext
from pipeline_tui.services.agenda import agenda_page
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.activity_actions import ActivityActions
from pipeline_tui.tui.screens.behaviours import AppScreen, Refreshing
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.widgets.lazy_table import LazyTable


def _widest(texts: Iterable[str]) -> int:
    """The width of the widest of ``texts``: a column of dates, or of words, as the language
    spoken writes them (``28 Nov 2026``: 11 cells; ``28 sept. 2026``: 13)."""
    return max(cell_len(text) for text in texts)


def _when_samples(today: date) -> list[str]:
    """What the "When" column says, at its widest: a month late, today, tomorrow, in a month."""
    return [due_label(today + timedelta(days=days), today) for days in (-30, 0, 1, 30)]


class AgendaScreen(Refreshing, ActivityActions, AppScreen, Screen[None], screen_name="agenda"):
    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.channel: str | None = None
        self.search: str | None = None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="agenda-bar"):
            yield Label(_("Channel"), id="channel-label")
            yield Select([(label(c), c) for c in CHANNELS], prompt=_("all channels"), id="channel")
            yield Input(
                placeholder=_("/ search: client, contact, subject, note"), id="agenda-search"
            )
            yield Label("", id="agenda-count")
        yield LazyTable(
            fetch=self._fetch, to_row=self._row, page_size=300, fill_column="subject", id="agenda"
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#agenda", LazyTable)
        for title, width in (
            (_("Due"), _widest(format_day(date(2026, month, 28)) for month in range(1, 13))),
            (_("When"), _widest(_when_samples(self.context.today))),
            (_("Kind"), 9),
            (_("Channel"), _widest(label(c) for c in CHANNELS)),
        ):
            table.add_column(title, width=width)
        table.add_column(_("Subject"), key="subject")
        table.add_column(_("Contact"), width=20)
        table.add_column(_("Client"), width=24)
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
        return agenda_page(
            self.context.reads, after=after, channel=self.channel, search=self.search, limit=limit
        )

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
        self.query_one("#agenda-count", Label).update(
            self._count_line(event.table.row_count, more=not event.table.exhausted)
        )

    def _count_line(self, count: int, *, more: bool) -> str:
        """``12 open activities``, ``300+ open activities found`` (more than loaded so far)."""
        if self.search and more:
            said = ngettext("{count}+ open activity found", "{count}+ open activities found", count)
        elif self.search:
            said = ngettext("{count} open activity found", "{count} open activities found", count)
        elif more:
            said = ngettext("{count}+ open activity", "{count}+ open activities", count)
        else:
            said = ngettext("{count} open activity", "{count} open activities", count)
        return said.format(count=formats.number(count))

    def on_select_changed(self, event: Select.Changed) -> None:
        self.channel = None if event.value is Select.BLANK else str(event.value)
        self.refresh_data()

    def action_filter(self) -> None:
        self.query_one("#channel", Select).focus()

    def action_search(self) -> None:
        # At once, not after the keys already queued (``focus()`` waits): "/acme" typed fast
        # lands in the search, never on the app's keys ("a" is the agenda, "r" the review).
        self.set_focus(self.query_one("#agenda-search", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "agenda-search":
            search = event.value.strip() or None
            if search != self.search:
                self.search = search
                self.query_one("#agenda", LazyTable).reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "agenda-search":
            self.set_focus(self.query_one("#agenda", LazyTable))

    def action_clear_search(self) -> None:
        """Escape: the search is emptied (the whole agenda again) and the list has the keys."""
        search = self.query_one("#agenda-search", Input)
        if search.value:
            search.value = ""  # Input.Changed reloads
        self.set_focus(self.query_one("#agenda", LazyTable))
