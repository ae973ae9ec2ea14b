"""The daily dashboard: the KPIs, what is due, who may leave, the plan, rotting deals, the trend."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Sparkline

from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import (
    at_risk_tone,
    concentration_tone,
    coverage_tone,
    due_label,
    in_time_sentence,
    percent,
    risk_score_tone,
    worst_loss_sentence,
)
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, formats, ngettext, pgettext
from pipeline_tui.services.agenda import agenda_page
from pipeline_tui.services.dashboard import (
    DUE_PAGE,
    DashboardData,
    DashboardStart,
    load_dashboard,
)
from pipeline_tui.services.numbers import Numbers
from pipeline_tui.tui import bench_hook
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DashboardShown, OpenClient
from pipeline_tui.tui.screens.activity_actions import ActivityActions
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.tones import TONE_VARIABLES, text_style, tone_class
from pipeline_tui.tui.widgets.fit_table import FitTable
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.widgets.kpi import KpiTile
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.widgets.plan_bars import PlanBars

LIST_ROWS = 50  # a summary: the whole lists are on the Clients and Pipeline screens


def _title(title: str, total: int, cut: str) -> str:
    """A box title that says when its list is cut: ``cut``, "Rotting deals (120) · the 50 idle
    longest", when there are more than ``LIST_ROWS``."""
    return title if total <= LIST_ROWS else cut


def short_stage(stage: str) -> str:
    """A stage in a narrow column, where the deal's title needs the room: the word itself in
    English, French's short words (« RDV », « propale », « négo ») where its own are long."""
    short = {
        "meeting": pgettext("short stage", "meeting"),
        "proposal": pgettext("short stage", "proposal"),
        "negotiation": pgettext("short stage", "negotiation"),
    }
    return short.get(stage) or label(stage)


class DashboardScreen(ActivityActions, AppScreen, Screen[None], screen_name="dashboard"):
    """Home: open it every morning."""

    # Below 110 columns the panels stack and scroll; from 110 they share the height, what is due
    # above the clients at risk; from 180 those two side by side (``dashboard.tcss``).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (180, "-roomy")]
    _reload_pending = False
    _loaded_version = -1  # the context's data_version the shown data is as of
    _numbers: Numbers | None = None  # the last shown (the risk table is drawn from them)

    def __init__(self, context: TuiContext, preloaded: DashboardStart | None = None) -> None:
        """``preloaded``: what ``load_dashboard_start`` read (at start-up, while the first frame
        was on screen), shown as the screen mounts, without a loading state."""
        super().__init__(context)
        self._initial = preloaded

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with VerticalScroll(id="dashboard"):
            with Horizontal(id="kpis"):
                yield KpiTile(_("Revenue /month"), id="kpi-revenue")
                yield KpiTile(_("Lost + at risk"), id="kpi-risk")
                yield KpiTile(_("Pipeline"), id="kpi-pipeline")
                yield KpiTile(_("Coverage"), id="kpi-coverage")
            yield Label(_("Loading the numbers…"), id="worst-loss")
            with Horizontal(id="middle"):
                with Vertical(id="due-box", classes="box"):
                    yield Label(_("Due today and overdue"), classes="box-title", id="due-title")
                    yield LazyTable(
                        fetch=self._fetch_due,
                        to_row=self._due_row,
                        page_size=DUE_PAGE,
                        fill_column="subject",
                        keep=("who",),
                        id="due",
                    )
                with Vertical(id="risk-box", classes="box"):
                    yield Label(_("Clients by churn risk"), classes="box-title", id="risk-title")
                    yield FitTable(
                        grow="why",
                        keep=("client",),
                        id="risk",
                        cursor_type="row",
                        zebra_stripes=True,
                    )
            with Horizontal(id="bottom"):
                with Vertical(id="plan-box", classes="box"):
                    yield Label(_("Prospecting plan"), classes="box-title", id="plan-title")
                    yield PlanBars(id="plan")
                with Vertical(id="rotting-box", classes="box"):
                    yield Label(_("Rotting deals"), classes="box-title", id="rotting-title")
                    yield FitTable(grow="deal", id="rotting", cursor_type="row", zebra_stripes=True)
                with Vertical(id="trend-box", classes="box"):
                    yield Label(_("Weighted pipeline, last weeks"), classes="box-title")
                    yield Sparkline([], id="trend")
                    yield Label("", id="trend-caption")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Each column as wide as what it holds; the last named takes what is left (FitTable).
        due = self.query_one("#due", LazyTable)
        for title in (N_("When"), N_("Kind"), N_("Subject"), N_("Who")):
            due.add_column(_(title), key=title.lower())
        risk = self.query_one("#risk", FitTable)
        for title in (N_("Client"), N_("Risk"), N_("Monthly"), N_("Why")):
            risk.add_column(_(title), key=title.lower())
        rotting = self.query_one("#rotting", FitTable)
        rotting.add_column(_("Deal"), key="deal")
        rotting.add_column(_("Stage"), key="stage")
        # a narrow column: French says it in four letters (« Dort »), the documents « Inactive »
        rotting.add_column(pgettext("narrow column", "Idle"), key="idle")
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_risk())
        if self._initial is None:
            self.refresh_data()
        else:
            self._loaded_version = self.context.data_version
            due.feed(self._initial.due)
            self.show(self._initial.data)
            self._initial = None

    def on_screen_resume(self) -> None:
        # Back from another screen or a modal: reload only if something was changed meanwhile
        # (a modal that changes data says so with DataChanged, which reloads the visible screen).
        if self.is_mounted and self._loaded_version != self.context.data_version:
            self.refresh_data()

    def action_refresh(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Reload everything, once for any burst of requests (a modal closing and the change
        it made both ask)."""
        self._loaded_version = self.context.data_version
        if not self._reload_pending:
            self._reload_pending = True
            self.call_after_refresh(self._reload)

    def _reload(self) -> None:
        self._reload_pending = False
        self.query_one("#due", LazyTable).reload(keep_cursor=True)
        self.load()

    # -- the due list: keyset pages of open activities up to today ---------------------------
    def _fetch_due(self, after, limit: int):
        return agenda_page(self.context.reads, after=after, until=self.context.today, limit=limit)

    def _due_row(self, row):
        a = row.activity
        when = due_label(a.due_on, self.context.today)
        who = row.contact_name or row.client_name or ""
        return row.key, str(a.id), (when, label(a.kind), a.subject or "—", who)

    def activity_table(self) -> LazyTable:
        return self.query_one("#due", LazyTable)

    # -- everything else: one worker, one call -----------------------------------------------
    def load(self) -> None:
        context = self.context
        self.call_service(
            load_dashboard,
            context.reads,
            context.today,
            then=self.show,
            group="dashboard",
            exclusive=True,
        )

    def show(self, data: DashboardData) -> None:
        n = data.numbers
        money = lambda cents: format_money(cents, n.currency)  # noqa: E731
        revenue = self.query_one("#kpi-revenue", KpiTile)
        revenue.value = money(n.monthly_revenue_cents)
        top = n.largest_client
        c = n.concentration
        revenue.caption = (
            _("top {share} · {clients} eff. clients").format(
                share=percent(c.top_share), clients=formats.number(c.effective_clients, decimals=1)
            )
            if top and c.effective_clients is not None
            else _("no active mission")
        )
        revenue.caption_tone = concentration_tone(bool(c.dependent))  # the money stays neutral
        risk = self.query_one("#kpi-risk", KpiTile)
        risk.value = money(n.exposed_cents)
        risk.caption = _("{lost} lost · {at_risk} at risk").format(
            lost=money(n.revenue_lost_cents), at_risk=money(n.revenue_at_risk_cents)
        )
        risk.tone = at_risk_tone(n.exposed_cents, n.monthly_revenue_cents)
        pipeline = self.query_one("#kpi-pipeline", KpiTile)
        pipeline.value = money(n.weighted_pipeline_cents)
        pipeline.caption = ngettext(
            "{count} deal · {recurring} recurring",
            "{count} deals · {recurring} recurring",
            n.open_deal_count,
        ).format(count=n.open_deal_count, recurring=money(n.recurring_pipeline_cents))
        coverage = self.query_one("#kpi-coverage", KpiTile)
        coverage.value = percent(n.coverage)
        coverage.caption = (
            _("recurring ÷ (lost + at risk)")
            if n.coverage is not None
            else _("nothing lost or at risk")
        )
        coverage.tone = coverage_tone(n.coverage)
        worst = self.query_one("#worst-loss", Label)
        if top is None:
            worst.update(_("No active client yet: add a mission to see what is at stake."))
        else:
            sentences = [
                worst_loss_sentence(
                    top.name, top.monthly_revenue_cents, n.currency, n.worst_loss_coverage
                )
            ]
            if n.coverage_by_date:
                point = n.coverage_by_date[0]
                leaving = n.leaving_on(point.ends_on)
                sentences.append(in_time_sentence(leaving, point.ends_on, point.coverage))
            worst.update(" ".join(sentences))
        for tone in TONE_VARIABLES:
            worst.set_class(
                top is not None and tone == coverage_tone(n.worst_loss_coverage), tone_class(tone)
            )
        self._numbers = n
        self._show_risk()
        self.query_one("#risk-title", Label).update(
            _title(
                _("Clients by churn risk"),
                len(n.clients),
                _("Clients by churn risk · the {count} most at risk (all: 3 Clients)").format(
                    count=LIST_ROWS
                ),
            )
        )
        self.query_one("#due-title", Label).update(
            _("Due today ({today}) and overdue ({overdue})").format(
                today=data.due_today_count, overdue=data.overdue_count
            )
        )
        rotting = self.query_one("#rotting", FitTable)
        rotting.clear()
        for r in n.rotting[:LIST_ROWS]:
            idle = _("{days} d").format(days=r.idle_days)
            rotting.add_row(r.deal.title, short_stage(r.deal.stage), idle, key=str(r.deal.id))
        rotting_count = len(n.rotting)
        self.query_one("#rotting-title", Label).update(
            _title(
                _("Rotting deals ({total})").format(total=rotting_count),
                rotting_count,
                _("Rotting deals ({total}) · the {count} idle longest").format(
                    total=rotting_count, count=LIST_ROWS
                ),
            )
        )
        self.query_one("#plan", PlanBars).lines = data.plan
        streak = ngettext(
            "Prospecting plan · streak {count} week",
            "Prospecting plan · streak {count} weeks",
            data.streak,
        ).format(count=data.streak)
        self.query_one("#plan-title", Label).update(streak if data.plan else _("Prospecting plan"))
        trend = self.query_one("#trend", Sparkline)
        trend.data = [value / 100 for value in data.trend]
        trend.set_class(not data.trend, "-empty")
        caption = self.query_one("#trend-caption", Label)
        if data.trend:
            weeks = len(data.trend)
            caption.update(
                ngettext(
                    "{first} → {last} over {count} week",
                    "{first} → {last} over {count} weeks",
                    weeks,
                ).format(first=money(data.trend[0]), last=money(data.trend[-1]), count=weeks)
            )
        else:
            caption.update(_("no history yet"))
        bench_hook.dashboard_shown(self)  # PIPELINE_TUI_BENCH=populated (benchmarks)
        self.post_message(DashboardShown())

    def _show_risk(self) -> None:
        """The clients by churn risk, each score in its tone (drawn again when the theme
        changes: the colour is the theme's)."""
        n = self._numbers
        if n is None:
            return
        table = self.query_one("#risk", FitTable)
        table.clear()
        for f in n.clients[:LIST_ROWS]:
            why = "; ".join(r.text for r in f.risk.reasons[:2]) or _("no warning sign")
            score = Text(
                str(f.risk.score), style=text_style(risk_score_tone(f.risk.score), self.app)
            )
            money = format_money(f.monthly_revenue_cents, n.currency)
            table.add_row(f.name, score, money, why, key=str(f.client_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "risk" and event.row_key.value is not None:
            self.post_message(OpenClient(int(event.row_key.value)))
