"""The form that ends a mission early: date, notice, reason, note, relationship, training offer.

Each field is checked as it is typed, with the message under the field; the service's own refusal
(a date before the mission's start, a mission already ended…) shows under the form. On success
the screen dismisses with the service's ``EndedMission`` (None when cancelled), so the caller can
open the offboarding: ``push_screen(EndMissionScreen(...), callback)``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from pipeline_tui.domain.dates import HINT as DATE_HINT
from pipeline_tui.domain.dates import parse_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import parse_money
from pipeline_tui.domain.playbook import (
    DEFAULT_NOTICE_DAYS,
    END_REASON_LABELS,
    check_end_note,
    check_notice_days,
)
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.missions import get_mission
from pipeline_tui.services.offboarding import EndedMission, end_mission_early
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen, SubmitOrCancel
from pipeline_tui.tui.workers import ServiceCalls


@dataclass(frozen=True)
class EndRequest:
    """The form's clean values: ``end_mission_early``'s keyword arguments, by the same names."""

    end_on: date
    notice_days: int
    reason: str
    note: str | None
    relationship_good: bool
    training_offer_cents: int | None


def parse_end_form(raw: dict[str, Any], today: date) -> tuple[EndRequest | None, dict[str, str]]:
    """The request, or the message to show under each wrong field (by field name)."""
    errors: dict[str, str] = {}
    end_on = notice = training = None
    try:
        end_on = parse_date(raw.get("end_on") or "", today)
    except ValueError as exc:
        errors["end_on"] = str(exc)
    try:
        days = int((raw.get("notice") or "").strip())
    except ValueError:
        errors["notice"] = _("the notice is a whole number of days")
    else:
        try:
            notice = check_notice_days(days)
        except ValueError as exc:
            errors["notice"] = str(exc)
    reason = raw.get("reason")
    if reason in (None, Select.NULL):
        errors["reason"] = _("choose why the mission ends")
        reason = None
    note = (raw.get("note") or "").strip() or None
    if reason is not None:
        try:
            check_end_note(reason, note)
        except ValueError as exc:
            errors["note"] = str(exc)
    training_text = (raw.get("training") or "").strip()
    if training_text:
        try:
            training = parse_money(training_text)
            if training <= 0:
                errors["training"] = _("the offer is an amount above zero (or leave it empty)")
        except ValueError as exc:
            errors["training"] = str(exc)
    if errors or end_on is None or notice is None or reason is None:
        return None, errors
    return (
        EndRequest(end_on, notice, reason, note, bool(raw.get("good")), training),
        errors,
    )


class _Fields(VerticalScroll, can_focus=False):
    """The scrolling column of fields; Tab goes from field to field, not to the column."""


class EndMissionScreen(SubmitOrCancel, ServiceCalls, AppScreen, ModalScreen[EndedMission | None]):
    """End a mission early; dismisses with the ``EndedMission`` written, or None."""

    CSS_PATH = "end_mission.tcss"
    AUTO_FOCUS = "#field-end_on"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "submit", N_("End the mission")),
    ]
    FIELDS = ("end_on", "notice", "reason", "note", "good", "training")

    def __init__(self, context: TuiContext, mission_id: int) -> None:
        super().__init__(context)
        self.mission_id = mission_id
        self.mission_start: date | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="end-form"):
            yield Label(_("End the mission early"), id="end-title")
            yield Label("", id="end-mission")
            with _Fields(id="end-fields"):
                yield Label(_("Last day of the mission *"), classes="field-label")
                yield Input(placeholder=_(DATE_HINT), id="field-end_on")
                yield Label("", id="error-end_on", classes="field-error")
                yield Label(_("Notice, in days *"), classes="field-label")
                yield Input(str(DEFAULT_NOTICE_DAYS), id="field-notice", type="integer")
                yield Label("", id="error-notice", classes="field-error")
                yield Label(_("Reason *"), classes="field-label")
                yield Select(
                    [(_(text), value) for value, text in END_REASON_LABELS.items()],
                    prompt=_("Why does it end?"),
                    id="field-reason",
                )
                yield Label("", id="error-reason", classes="field-error")
                yield Label(_("Note"), classes="field-label")
                yield Input(placeholder=_("what happened, in your words"), id="field-note")
                yield Label("", id="error-note", classes="field-error")
                yield Checkbox(_("The relationship stayed good"), value=True, id="field-good")
                yield Label("", id="error-good", classes="field-error")
                yield Label(_("Paid training offer for whoever takes over"), classes="field-label")
                yield Input(
                    placeholder=_("e.g. 3 500 (leave empty: no offer)"), id="field-training"
                )
                yield Label("", id="error-training", classes="field-error")
            yield Label("", id="form-error")
            with Horizontal(id="end-buttons"):
                yield Button(_("End the mission"), variant="error", id="submit")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.load_mission()

    def load_mission(self) -> None:
        self.call_with_store(
            get_mission,
            self.mission_id,
            then=lambda mission: self._show_mission(mission.title, mission.start_on),
            failed=self._show_failure,
            group="end-mission-load",
            exclusive=True,
        )

    def _show_mission(self, title: str, start_on: date) -> None:
        self.mission_start = start_on
        self.query_one("#end-mission", Label).update(
            _("{title} — since {day}").format(title=title, day=format_day(start_on))
        )

    def _show_failure(self, error: PipelineError) -> None:
        self.show_error(str(error))

    def _raw(self) -> dict[str, Any]:
        return {
            "end_on": self.query_one("#field-end_on", Input).value,
            "notice": self.query_one("#field-notice", Input).value,
            "reason": self.query_one("#field-reason", Select).value,
            "note": self.query_one("#field-note", Input).value,
            "good": self.query_one("#field-good", Checkbox).value,
            "training": self.query_one("#field-training", Input).value,
        }

    def _show_errors(self, errors: dict[str, str], only: str | None = None) -> None:
        for name in self.FIELDS if only is None else (only,):
            message = errors.get(name)
            error = self.query_one(f"#error-{name}", Label)
            error.update(f"✗ {message}" if message else "")
            error.display = bool(message)

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name not in self.FIELDS:
            return
        _, errors = parse_end_form(self._raw(), self.context.today)
        if event.value.strip() or name not in errors:
            self._show_errors(errors, only=name)

    def on_select_changed(self, event: Select.Changed) -> None:
        _, errors = parse_end_form(self._raw(), self.context.today)
        self._show_errors(errors, only="reason")
        if "note" not in errors:
            self._show_errors(errors, only="note")

    def action_submit(self) -> None:
        request, errors = parse_end_form(self._raw(), self.context.today)
        self._show_errors(errors)
        if request is None:
            self.show_error(_("Please correct the fields marked ✗."))
            return
        self.show_error("")
        self.query_one("#submit", Button).disabled = True
        self.end_mission(request)

    def end_mission(self, request: EndRequest) -> None:
        self.call_with_store(
            end_mission_early,
            self.mission_id,
            **asdict(request),
            today=self.context.today,
            then=self.dismiss,
            failed=self._refused,
            group="end-mission-write",
            exclusive=True,
        )

    def _refused(self, error: PipelineError) -> None:
        self.query_one("#submit", Button).disabled = False
        self.show_error(str(error))

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Label).update(f"✗ {message}" if message else "")
