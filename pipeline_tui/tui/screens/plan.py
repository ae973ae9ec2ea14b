"""The plan screen: the cadences and their progress, the streak, the one-line log and the what-if.

Everything that touches the database runs in a thread worker (``call_service``); the first frame
shows "Loading…". The log bar previews the parse as you
type (pure parsing, no database) and, once an activity is logged, the bars and the streak reload.
The what-if panel shows what losing the picked client asks of the plan; ``r`` turns those weekly
targets into cadences ("raise the plan").

The cadence table lists every cadence, paused ones too: ``a`` adds one, ``e`` edits the one under
the cursor, ``p`` pauses or resumes it, ``delete`` removes it (after a confirmation that says
what the figures lose); ``s`` opens the sequences.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import in_time_sentence, percent
from pipeline_tui.domain.quicklog import EXAMPLE
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import N_, _, ngettext
from pipeline_tui.services.numbers import WhatIfReport, compute_numbers, compute_whatif
from pipeline_tui.services.plan_progress import PlanStatus, plan_status
from pipeline_tui.services.prospecting import (
    RaiseResult,
    list_cadences,
    pause_cadence,
    raise_plan_from,
    remove_cadence,
    resume_cadence,
)
from pipeline_tui.services.quicklog import LogResult, log_text, preview
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.plan_cadences import COLUMNS, cadence_cells, cadence_form
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.widgets.plan_bars import PlanBars
from pipeline_tui.tui.workers import ServiceCalls

VERDICT_WORDS = {
    "met": N_("met"),
    "pending": N_("in progress"),
    "missed": N_("missed"),
    "idle": N_("no plan in effect"),
}
# How a what-if target's period and the origin of its rate read (``domain.targets``).
PERIOD_WORDS = {"week": N_("a week"), "month": N_("a month"), "quarter": N_("a quarter")}
PERIOD_WORDS["year"] = N_("a year")
BASIS_WORDS = {"history": N_("your history"), "prior": N_("a default rate")}


@dataclass(frozen=True)
class ClientChoice:
    client_id: int
    name: str
    monthly_revenue_cents: int


class PlanScreen(ServiceCalls, AppScreen, Screen[None], screen_name="plan"):
    """Cadences with a bar each, the streak, the log bar and the what-if panel."""

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.report: WhatIfReport | None = None
        self.status: PlanStatus | None = None
        self.currency = "EUR"
        self._names: dict[int, str] = {}
        self.cadences: list = []

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="plan-screen"):
            with Vertical(id="plan-box", classes="box"):
                yield Label(_("Prospecting plan"), classes="box-title")
                yield Label(_("Loading the plan…"), id="streak")
                yield PlanBars(id="plan-bars")
            with Vertical(id="cadence-box", classes="box"):
                yield Label(
                    _("Cadences — a add · e edit · p pause/resume · del remove · s sequences"),
                    classes="box-title",
                )
                yield DataTable(id="cadences", cursor_type="row", zebra_stripes=True)
            with Vertical(id="log-box", classes="box"):
                yield Label(_("Log an activity"), classes="box-title")
                yield Input(placeholder=_(EXAMPLE), id="quicklog")
                yield Label("", id="log-preview")
                yield Static("", id="log-result")
            with Vertical(id="whatif-box", classes="box"):
                yield Label(_("What if a client leaves?"), classes="box-title")
                with Horizontal(id="whatif-controls"):
                    yield Select[int]([], prompt=_("Loading the clients…"), id="whatif-client")
                    yield Button(_("Raise the plan"), id="raise", disabled=True)
                yield Static(_("Pick a client to see the gap and the weekly targets."), id="whatif")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#plan-bars", PlanBars).loading = True
        cadences = self.query_one("#cadences", DataTable)
        cadences.add_columns(*(_(title) for title in COLUMNS))
        cadences.focus()  # the arrows pick the cadence that a, e, p and delete act on
        self.load_plan()
        self.load_clients()

    # -- the plan --------------------------------------------------------------------------------

    def load_plan(self) -> None:
        self.call_with_store(
            plan_status,
            self.context.today,
            then=self.show_plan,
            failed=lambda error: self._show_error("#streak", error),
            group="plan",
            exclusive=True,
        )
        self.call_with_store(
            list_cadences,
            then=self.show_cadences,
            failed=lambda error: self._show_error("#streak", error),
            group="cadences",
            exclusive=True,
        )

    def show_cadences(self, rows: list) -> None:
        self.cadences = list(rows)
        table = self.query_one("#cadences", DataTable)
        row_at = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(*cadence_cells(row), key=str(row.id))
        if rows:
            table.move_cursor(row=min(row_at, len(rows) - 1))

    def show_plan(self, status: PlanStatus) -> None:
        self.status = status
        bars = self.query_one("#plan-bars", PlanBars)
        bars.lines = status.lines
        bars.loading = False
        streak = status.streak
        verdict = streak.current.verdict
        self.query_one("#streak", Label).update(
            ngettext(
                "Streak: {count} week with the whole plan met · this week: {verdict}",
                "Streak: {count} weeks with the whole plan met · this week: {verdict}",
                streak.weeks,
            ).format(count=streak.weeks, verdict=_(VERDICT_WORDS.get(verdict, verdict)))
        )

    def _show_error(self, selector: str, error: PipelineError) -> None:
        said = Text.assemble((_("Error:"), "bold"), " ", str(error))
        self.query_one(selector, Static).update(said)
        self.query_one("#plan-bars", PlanBars).loading = False

    def action_refresh(self) -> None:
        self.load_plan()
        self.load_clients()

    def refresh_data(self) -> None:
        """What the app calls when data changed elsewhere."""
        self.load_plan()

    # -- the cadences ---------------------------------------------------------------------------

    def _cadence_under_cursor(self):
        table = self.query_one("#cadences", DataTable)
        if not self.cadences or not 0 <= table.cursor_row < len(self.cadences):
            self.notify(_("No cadence yet: press a to add one."), severity="warning")
            return None
        return self.cadences[table.cursor_row]

    def _writable(self) -> bool:
        return self.context.can_write()

    def _changed(self, message: str) -> None:
        self.notify(message)
        self.load_plan()
        self.post_message(DataChanged())

    def action_add_cadence(self) -> None:
        if not self._writable():
            return
        form = cadence_form(self.context.require_store(), self.context.today)
        self.app.push_screen(
            form, lambda made: made and self._changed(_("Cadence #{id} added.").format(id=made.id))
        )

    def action_edit_cadence(self) -> None:
        row = self._cadence_under_cursor()
        if row is None or not self._writable():
            return
        form = cadence_form(self.context.require_store(), self.context.today, row)
        self.app.push_screen(
            form,
            lambda made: made and self._changed(_("Cadence #{id} changed.").format(id=made.id)),
        )

    def action_pause_cadence(self) -> None:
        row = self._cadence_under_cursor()
        if row is None or not self._writable():
            return
        change = pause_cadence if row.active else resume_cadence
        said = (
            _("Cadence #{id} paused: out of the plan until resumed.")
            if row.active
            else _("Cadence #{id} resumed.")
        ).format(id=row.id)
        self.call_with_store(change, row.id, then=lambda _done: self._changed(said))

    def action_remove_cadence(self) -> None:
        row = self._cadence_under_cursor()
        if row is None or not self._writable():
            return
        cells = cadence_cells(row)
        self.call_service_if_confirmed(
            ConfirmScreen(
                _("Remove cadence #{id}: {count} {channel} {period}?").format(
                    id=row.id, count=cells[2], channel=cells[1], period=cells[3]
                ),
                [
                    _(
                        "The progress, the streak and the weekly reviews are computed from the "
                        "cadences that exist: none will count it any more, past weeks included."
                    ),
                    _("Pause it (p) instead to take it out of the plan and keep it."),
                ],
                yes=_("Remove"),
            ),
            remove_cadence,
            self.context.require_store(),
            row.id,
            then=lambda _done: self._changed(
                _("Cadence #{id} removed (ctrl+z undoes).").format(id=row.id)
            ),
        )

    def action_sequences(self) -> None:
        from pipeline_tui.tui.screens.sequences import SequencesScreen

        self.app.push_screen(SequencesScreen(self.context))

    # -- the one-line log ------------------------------------------------------------------------

    def action_focus_log(self) -> None:
        self.query_one("#quicklog", Input).focus()

    def action_blur(self) -> None:
        """Leave the field for the cadence table (its keys and arrows work again)."""
        self.query_one("#cadences", DataTable).focus()

    @on(Input.Changed, "#quicklog")
    def _preview(self, event: Input.Changed) -> None:
        target = self.query_one("#log-preview", Label)
        if not event.value.strip():
            target.update("")
            target.set_classes("")
            return
        ok, words = preview(event.value, self.context.today)
        target.update(("→ " if ok else "✗ ") + words)
        target.set_classes("-ok" if ok else "-error")

    @on(Input.Submitted, "#quicklog")
    def _submit(self, event: Input.Submitted) -> None:
        ok, words = preview(event.value, self.context.today)
        if not ok:
            self.query_one("#log-result", Static).update(f"✗ {words}")
            return
        self.log_line(event.value)

    def log_line(self, text: str) -> None:
        self.call_with_store(
            log_text,
            text,
            self.context.today,
            then=self._logged,
            failed=self._log_failed,
            group="log",
            exclusive=True,
        )

    def _log_failed(self, error: PipelineError) -> None:
        self.query_one("#log-result", Static).update(f"✗ {error}")

    def _logged(self, result: LogResult) -> None:
        lines = result.lines(self.context.today)
        lines += [f"⚠ {w}" for w in result.warnings]
        self.query_one("#log-result", Static).update("\n".join(lines))
        for warning in result.warnings:
            self.notify(warning, severity="warning", timeout=8)
        log = self.query_one("#quicklog", Input)
        log.value = ""
        self.load_plan()
        self.post_message(DataChanged())

    # -- the what-if -----------------------------------------------------------------------------

    def load_clients(self) -> None:
        store, today = self.context.require_store(), self.context.today

        def clients() -> tuple[list[ClientChoice], str]:
            numbers = compute_numbers(store, today)
            choices = [
                ClientChoice(f.client_id, f.name, f.monthly_revenue_cents)
                for f in sorted(numbers.clients, key=lambda f: -f.monthly_revenue_cents)
            ]
            return choices, numbers.currency

        self.call_service(
            clients,
            then=lambda found: self.show_clients(*found),
            failed=lambda error: self._show_error("#whatif", error),
            group="clients",
            exclusive=True,
        )

    def show_clients(self, choices: list[ClientChoice], currency: str) -> None:
        self.currency = currency
        select = self.query_one("#whatif-client", Select)
        current = select.value
        options = [
            (
                _("{client} — {value}/month").format(
                    client=c.name, value=format_money(c.monthly_revenue_cents, currency)
                ),
                c.client_id,
            )
            for c in choices
        ]
        select.set_options(options)
        select.prompt = _("Pick a client") if options else _("No active client")
        if current in {c.client_id for c in choices}:
            select.value = current
        self._names = {c.client_id: c.name for c in choices}

    def action_focus_whatif(self) -> None:
        self.query_one("#whatif-client", Select).focus()

    @on(Select.Changed, "#whatif-client")
    def _client_picked(self, event: Select.Changed) -> None:
        self.report = None
        self.query_one("#raise", Button).disabled = True
        if event.value is Select.NULL or event.value is None:
            self.query_one("#whatif", Static).update(_("Pick a client to see the weekly targets."))
            return
        name = self._names.get(event.value)
        if name is None:
            return
        self.query_one("#whatif", Static).update(
            _("Computing the loss of {client}…").format(client=name)
        )
        self.load_whatif(name)

    def load_whatif(self, client_name: str) -> None:
        self.call_with_store(
            compute_whatif,
            self.context.today,
            client_name=client_name,
            then=self.show_whatif,
            failed=lambda error: self._show_error("#whatif", error),
            group="whatif",
            exclusive=True,
        )

    def show_whatif(self, report: WhatIfReport) -> None:
        self.report = report
        r = report.result
        money = lambda cents: format_money(cents, report.currency)  # noqa: E731
        targets = ", ".join(
            _("{count} {channel} {period} ({basis})").format(
                count=t.per_period,
                channel=label(ch),
                period=_(PERIOD_WORDS.get(t.period, t.period)),
                basis=_(BASIS_WORDS.get(t.basis, t.basis)),
            )
            for ch, t in r.targets.items()
            if t.per_period > 0
        )
        wins = ngettext("{count} win", "{count} wins", r.wins_needed).format(count=r.wins_needed)
        leads = ngettext("{count} new lead", "{count} new leads", r.leads_needed).format(
            count=r.leads_needed
        )
        lines = [
            _(
                "Losing [b]{client}[/b] opens a gap of {gap}/month; it is covered at {covered} "
                "(recurring pipeline ÷ its revenue)."
            ).format(
                client=report.client_name,
                gap=money(r.gap_cents),
                covered=percent(report.covered_at),
            ),
            _(
                "Coverage today {before}, {after} once it is lost "
                "(recurring pipeline ÷ lost + at risk)."
            ).format(before=percent(report.coverage_before), after=percent(r.coverage_left)),
            ngettext(
                "To refill it within {count} week: {wins}, {leads}.",
                "To refill it within {count} weeks: {wins}, {leads}.",
                r.weeks,
            ).format(count=r.weeks, wins=wins, leads=leads),
            ngettext(
                "Targets from your last {count} month: {targets}.",
                "Targets from your last {count} months: {targets}.",
                report.history_months,
            ).format(count=report.history_months, targets=targets or _("none")),
        ]
        if report.in_time is not None:
            point = report.in_time
            lines.insert(
                1, in_time_sentence(report.client_name or "", point.ends_on, point.coverage)
            )
        if targets:
            lines.append(_("Press [b]r[/b] to raise the plan with these targets."))
        self.query_one("#whatif", Static).update("\n".join(lines))
        self.query_one("#raise", Button).disabled = not targets

    @on(Button.Pressed, "#raise")
    def _raise_pressed(self) -> None:
        self.action_raise_plan()

    def action_raise_plan(self) -> None:
        if self.report is None:
            self.notify(_("Pick a client in the what-if panel first."), severity="warning")
            return
        self.raise_plan(self.report)

    def raise_plan(self, report: WhatIfReport) -> None:
        self.call_with_store(
            raise_plan_from,
            self.context.today,
            report,
            then=self._plan_raised,
            group="raise",
            exclusive=True,
        )

    def _plan_raised(self, result: RaiseResult) -> None:
        if result.created:
            count = len(result.created)
            text = ngettext(
                "Plan raised: {count} channel from {day} on; the periods under way keep their "
                "targets.",
                "Plan raised: {count} channels from {day} on; the periods under way keep their "
                "targets.",
                count,
            ).format(count=count, day=format_day(result.starts_on))
        else:
            text = _("The plan already has these targets.")
        self.notify(text)
        self.load_plan()
        self.post_message(DataChanged())
