"""A deal's detail: its figures, the stage history and the activities around it; ``r`` flags or
unflags it as the renewal of one of its client's missions; ``e`` edits it, ``]``/``[`` move it a
stage, ``w``/``x`` win or lose it, ``R`` reopens it, ``delete`` deletes it (``deal_actions``), as
on the board. Its footer shows its own keys; ``escape`` closes it and gives the board the stage
the deal is at, so that the board's selection follows it."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import deal_heading
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, label
from pipeline_tui.i18n import _, formats, ngettext
from pipeline_tui.services.deal_view import DealDetail, deal_detail
from pipeline_tui.services.deals import next_stage, update_deal
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.screens.deal_actions import DealActions
from pipeline_tui.tui.screens.form import FormScreen, renewal_field
from pipeline_tui.tui.widgets.footer import KeyFooter


class DealDetailScreen(DealActions, AppScreen, ModalScreen[str | None], screen_name="deal_detail"):
    """Dismissed with the deal's stage (None when it was deleted)."""

    def __init__(self, context: TuiContext, deal_id: int) -> None:
        super().__init__(context)
        self.deal_id = deal_id
        self.detail: DealDetail | None = None
        self._stage: str | None = None  # where the moves asked so far take the deal

    def action_renewal(self) -> None:
        """The "Renews mission" select: one of the client's missions, or none (not a renewal)."""
        if self.detail is None:
            return
        detail = self.detail

        def save(values) -> None:
            if values is None:
                return
            chosen = values["renewal_of_mission_id"]
            title = next((m.title for m in detail.client_missions if m.id == chosen), None)
            self.call_with_store(
                update_deal,
                self.deal_id,
                renewal_of_mission_id=chosen,
                then=lambda _deal: self.load(),
                success=(
                    _("{deal}: renews {mission}").format(deal=detail.deal.title, mission=title)
                    if title
                    else _("Not a renewal")
                ),
            )

        self.app.push_screen(
            FormScreen(
                _("Renewal: {deal}").format(deal=detail.deal.title),
                [
                    renewal_field(
                        detail.client_missions, detail.renews.id if detail.renews else None
                    )
                ],
                self.context.today,
            ),
            save,
        )

    def compose(self) -> ComposeResult:
        box = VerticalScroll(id="detail")
        box.border_subtitle = _("esc close")
        with box:
            yield Label(_("Loading…"), id="detail-title")
            yield Static("", id="detail-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        self.call_with_store(deal_detail, self.deal_id, then=self.show)

    refresh_data = load  # the app reloads the visible screen after a change

    def deal_changed(self, deleted: bool = False) -> None:
        if deleted:
            self.dismiss(None)
        super().deal_changed(deleted)

    def action_close(self) -> None:
        self.dismiss(self._stage or (self.detail.deal.stage if self.detail else None))

    def action_move(self, step: int) -> None:
        """The deal a stage on (or back); a second press moves it on from where the first
        took it, even before the first is recorded."""
        if self.detail is None:
            return
        deal = self.detail.deal
        target = next_stage(self._stage or deal.stage, int(step))
        if target is None:
            self.app.notify(_("No stage that way."), severity="warning")
            return
        self._stage = target

        def refused() -> None:
            self._stage = None
            self.load()

        self.move(deal.id, deal.title, target, refused=refused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.detail is None or action not in ("won", "lost", "reopen", "move"):
            return True
        if action == "move":
            return self.detail.deal.stage not in CLOSED_STAGES or None
        closed = self.detail.deal.stage in CLOSED_STAGES
        return (closed if action == "reopen" else not closed) or None

    def deal_under_keys(self) -> int | None:
        return self.deal_id

    def show(self, d: DealDetail) -> None:
        self.detail = d
        if not self.moves_pending:
            self._stage = None  # the stage shown is where the deal is
        self.refresh_bindings()
        deal = d.deal
        self.query_one("#detail-title", Label).update(deal_heading(deal.title, d.client.name))
        facts = Table.grid(padding=(0, 2))
        stage = label(deal.stage) + (f" ({deal.lost_reason})" if deal.lost_reason else "")
        facts.add_row(_("Stage"), stage)
        facts.add_row(_("Monthly value"), format_money(deal.monthly_value_cents))
        if deal.duration_months:
            months = deal.duration_months
            written = formats.number(months, decimals=0 if float(months).is_integer() else 1)
            duration = ngettext("{months} month", "{months} months", int(months))
            facts.add_row(_("Duration"), duration.format(months=written))
        if deal.probability is not None:
            own = formats.percent(deal.probability / 100)
            facts.add_row(_("Probability"), _("{percent} (this deal's own)").format(percent=own))
        facts.add_row(_("Channel"), label(deal.channel))
        if d.contact:
            facts.add_row(_("Contact"), f"{d.contact.full_name} {d.contact.email or ''}".strip())
        if deal.expected_close_on:
            facts.add_row(_("Expected close"), format_day(deal.expected_close_on))
        facts.add_row(_("Renews"), d.renews.title if d.renews else _("— (r to flag a renewal)"))
        history = Table(title=_("Stage history"), expand=True, title_justify="left")
        history.add_column(_("Date"))
        history.add_column(_("Move"))
        for h in d.history:
            to_stage = label(h.to_stage)
            move = to_stage if h.from_stage is None else f"{label(h.from_stage)} → {to_stage}"
            history.add_row(format_day(h.changed_on), move)
        acts = Table(title=_("Activities"), expand=True, title_justify="left")
        acts.add_column(_("Date"))
        acts.add_column(_("Kind"))
        acts.add_column(_("Subject"))
        acts.add_column(_("Outcome"))
        for a in d.activities:
            due = _("due {day}").format(day=format_day(a.due_on))
            when = format_day(a.done_on) if a.done_on else due
            acts.add_row(when, label(a.kind), a.subject, a.outcome or "")
        from rich.console import Group

        self.query_one("#detail-body", Static).update(Group(facts, "", history, "", acts))
