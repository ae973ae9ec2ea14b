"""The weekly review screen: the review of one ISO week, with the 8-week coverage trend as charts.

The review is ``services.review.weekly_review`` rendered by ``review_markdown`` (the same text as
``pipeline-tui review``), computed in a thread worker and shown with Rich's Markdown renderer (a
static renderable: Textual's Markdown widget builds a widget per block and takes about a second to
lay a review out on the event loop); ``[``/``←`` and ``]``/``→`` move a week,
``y`` copies the Markdown to the clipboard.
"""

from __future__ import annotations

from datetime import date

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Sparkline, Static

from pipeline_tui.domain.cadence import Period
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import percent
from pipeline_tui.domain.weeks import shift_week, week_label, week_start
from pipeline_tui.i18n import _
from pipeline_tui.services.review import WeeklyReview, default_week, period_text, weekly_review
from pipeline_tui.services.review_format import review_markdown
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.workers import ServiceCalls


class ReviewScreen(ServiceCalls, AppScreen, Screen[None], screen_name="review"):
    """One week's review; keys move to the previous and the next week."""

    def __init__(self, context: TuiContext, week: date | None = None) -> None:
        super().__init__(context)
        self._week = week
        self.review: WeeklyReview | None = None
        self.markdown = ""

    @property
    def monday(self) -> date:
        """The Monday of the week shown (default: the last complete week)."""
        if self._week is None:
            self._week = default_week(self.context.today)
        return week_start(self._week)

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="review-head"):
            yield Label(_("Weekly review"), id="review-week")
            yield Label(_("← previous week · next week →"), id="review-hint")
        with Horizontal(id="review-charts"):
            with Vertical(classes="chart"):
                yield Label(_("Recurring pipeline, 8 weeks"), classes="chart-title")
                yield Sparkline([], id="trend-weighted")
                yield Label("", id="trend-weighted-caption", classes="chart-caption")
            with Vertical(classes="chart"):
                yield Label(_("Coverage of lost + at risk, 8 weeks"), classes="chart-title")
                yield Sparkline([], id="trend-coverage")
                yield Label("", id="trend-coverage-caption", classes="chart-caption")
        with VerticalScroll(id="review-scroll"):
            yield Static(_("Loading the review…"), id="review-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    def _title(self) -> str:
        monday = self.monday
        days = period_text(Period(monday, shift_week(monday, 1)))
        return _("Weekly review — {week} ({days})").format(week=week_label(monday), days=days)

    def load(self) -> None:
        self.query_one("#review-week", Label).update(self._title())
        self.query_one("#review-scroll").loading = True
        self.load_review(self.monday)

    def load_review(self, monday: date) -> None:
        source, today = self.context.reads, self.context.today

        def review() -> tuple[WeeklyReview, str]:
            found = weekly_review(source, today, monday)
            return found, review_markdown(found)

        self.call_service(
            review,
            then=lambda found: self.show(*found),
            failed=lambda error: self.show_error(str(error)),
            group="review",
            exclusive=True,
        )

    def show(self, review: WeeklyReview, text: str) -> None:
        if review.week.monday != self.monday:
            return  # an older week's answer arriving late
        self.review = review
        self.markdown = text
        self.query_one("#review-scroll").loading = False
        self.query_one("#review-body", Static).update(Markdown(_without_heading(text)))
        money = lambda cents: format_money(cents, review.currency)  # noqa: E731
        trend = review.trend
        weighted = self.query_one("#trend-weighted", Sparkline)
        weighted.data = [p.weighted_pipeline_cents / 100 for p in trend]
        self.query_one("#trend-weighted-caption", Label).update(
            f"{money(trend[0].weighted_pipeline_cents)} ({trend[0].week}) → "
            f"{money(trend[-1].weighted_pipeline_cents)} ({trend[-1].week})"
        )
        coverage = self.query_one("#trend-coverage", Sparkline)
        coverage.data = [p.coverage or 0.0 for p in trend]
        self.query_one("#trend-coverage-caption", Label).update(
            f"{percent(trend[0].coverage)} → {percent(trend[-1].coverage)}"
        )

    def show_error(self, text: str) -> None:
        self.query_one("#review-scroll").loading = False
        said = _("Error:")
        self.query_one("#review-body", Static).update(Markdown(f"**{said}** {text}"))

    def action_previous_week(self) -> None:
        self._week = shift_week(self.monday, -1)
        self.load()

    def action_next_week(self) -> None:
        following = shift_week(self.monday, 1)
        if following > self.context.today:
            said = _("{week} has not started yet.").format(week=week_label(following))
            self.notify(said, severity="warning")
            return
        self._week = following
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def refresh_data(self) -> None:
        self.load()

    def action_copy_markdown(self) -> None:
        if not self.markdown:
            return
        self.app.copy_to_clipboard(self.markdown)
        self.notify(_("The review is on the clipboard (Markdown)."))


def _without_heading(markdown: str) -> str:
    """The review's Markdown less its first-level heading: the screen's title line says the same
    (the week and its dates), and the copied Markdown (``y``) keeps it."""
    first, _, rest = markdown.partition("\n")
    return rest.lstrip("\n") if first.startswith("# ") else markdown
