"""A modal form built from field specs, validated inline; it dismisses with the clean values.

Every form of the app (client, contact, mission, deal, activity, lost reason…) is one of these:
the caller lists the fields, the form parses each with the domain's own parsers (money, dates,
emails), shows the message under the field that is wrong, and returns nothing until all are right.

With ``save``, the form writes itself: ``save(values)`` runs in a worker (the app's one idiom,
``call_service``), the form dismisses with what it returned, and a refusal of the service (a
duplicate name, an unknown client, a date before the mission's start) shows under the fields while
everything typed stays: the user corrects one word instead of typing the form again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select

from pipeline_tui.domain.dates import HINT as DATE_HINT
from pipeline_tui.domain.dates import parse_date
from pipeline_tui.domain.money import parse_money
from pipeline_tui.domain.validate import clean_email
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import N_, _, formats, ngettext
from pipeline_tui.tui.screens.behaviours import SubmitOrCancel
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

NO_CHOICE = Select.NULL
"""An optional select's value when nothing is chosen (``Select.BLANK`` is the allow-blank flag,
not a value)."""  # not shown: a docstring


@dataclass(frozen=True)
class FieldSpec:
    """One field: ``kind`` is text, money, date, email, int, float, choice or bool."""

    name: str
    label: str  # in the language spoken: the caller translates it
    kind: str = "text"
    required: bool = False
    default: Any = None
    choices: tuple[tuple[str, str], ...] = ()  # (label, value) for kind="choice"
    placeholder: str = ""
    minimum: float | None = None
    maximum: float | None = None
    max_len: int = 300
    check: Callable[[Any], None] | None = field(default=None, compare=False)
    # Names offered as you type (clients, contacts, deals): → at the end takes the suggestion.
    suggestions: tuple[str, ...] = ()
    # A date field whose offsets (+6m) count from this other date field (a mission's end from
    # its start) rather than from today; its placeholder says so.
    offsets_from: str | None = None


def renewal_field(missions: Iterable[Any], current: int | None = None) -> FieldSpec:
    """The deal forms' "Renews mission" select: the client's ``missions`` (records with an id,
    a title and dates), none chosen by default (a deal that renews nothing)."""
    choices = tuple(
        (
            _("{mission} (from {day})").format(
                mission=m.title, day=formats.day_month_year(m.start_on)
            ),
            m.id,
        )
        for m in missions
    )
    return FieldSpec(
        "renewal_of_mission_id", _("Renews mission"), "choice", default=current, choices=choices
    )


def parse_field(spec: FieldSpec, raw: Any, today: date, base: date | None = None) -> Any:
    """The clean value of one field, or ValueError with the message to show under it; ``base``
    is the date an offset counts from (``spec.offsets_from``'s value), None for today."""
    if spec.kind == "bool":
        return bool(raw)
    if spec.kind == "choice":
        if raw is None or raw is NO_CHOICE:
            if spec.required:
                raise ValueError(_("choose {field}").format(field=spec.label.lower()))
            return None
        return raw
    text = (raw or "").strip()
    if not text:
        if spec.required:
            raise ValueError(_("{field} is required").format(field=spec.label))
        return None
    if spec.kind == "money":
        value: Any = parse_money(text)
    elif spec.kind == "date":
        value = parse_date(text, today, offsets_from=base)
    elif spec.kind == "email":
        value = clean_email(text)
    elif spec.kind in ("int", "float"):
        try:
            value = int(text) if spec.kind == "int" else float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError(_("{text!r} is not a number").format(text=text)) from exc
        if spec.minimum is not None and value < spec.minimum:
            raise ValueError(_("at least {minimum}").format(minimum=_bound(spec.minimum)))
        if spec.maximum is not None and value > spec.maximum:
            raise ValueError(_("at most {maximum}").format(maximum=_bound(spec.maximum)))
    else:
        if len(text) > spec.max_len:
            count = spec.max_len
            raise ValueError(
                ngettext("at most {count} character", "at most {count} characters", count).format(
                    count=count
                )
            )
        value = text
    if spec.check is not None:
        spec.check(value)
    return value


def _bound(value: float) -> str:
    """A field's minimum or maximum as the language writes it: ``0.5`` / ``0,5``, ``100``."""
    return formats.number(value, decimals=0 if float(value).is_integer() else 1)


def _initial_text(spec: FieldSpec) -> str:
    value = spec.default
    if value is None:
        return ""
    if spec.kind == "money":
        return f"{value / 100:.2f}".removesuffix(".00")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class FormScreen(ServiceCalls, SubmitOrCancel, ModalScreen[Any]):
    """Fill the fields, Enter or Ctrl+S to save, Escape to cancel.

    Without ``save`` it dismisses with the clean values (a dict) for the caller to write; with
    ``save`` it calls ``save(values)`` off the event loop and dismisses with its result, or shows
    the service's refusal and stays open with everything typed."""

    CSS_PATH = "../styles/form.tcss"
    # Not a priority binding: the key then waits behind the text typed before it in the field's
    # queue (a priority one ran first, on a field still empty, when both came in one burst).
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "submit", N_("Save")),
    ]

    def __init__(
        self,
        title: str,
        fields: list[FieldSpec],
        today: date,
        submit_label: str | None = None,
        *,
        save: Callable[[dict[str, Any]], Any] | None = None,
        cancel_label: str | None = None,
    ) -> None:
        """``title``, the fields' labels and the buttons' words come translated; the buttons
        say "Save" and "Cancel" when not given."""
        super().__init__()
        # What Escape means here (e.g. "Won, no mission").
        self.cancel_label = cancel_label if cancel_label is not None else _("Cancel")
        self.form_title = title
        self.fields = fields
        self.today = today
        self.submit_label = submit_label if submit_label is not None else _("Save")
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    yield Label(spec.label + (" *" if spec.required else ""), classes="field-label")
                    yield self._widget(spec)
                    yield Label("", id=f"error-{spec.name}", classes="field-error")
            yield Label("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(self.submit_label, variant="primary", id="submit")
                yield Button(self.cancel_label, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#form-fields").can_focus = False
        # Its first field takes the keys at once: what is typed right after the key that opened
        # the form, before it is painted, goes into it (type-ahead is never lost).
        if self.fields:
            self.query_one(f"#field-{self.fields[0].name}").focus()

    def on_key(self, event: events.Key) -> None:
        """A key that reached the form itself while no field had the focus yet (typed ahead,
        the form still being mounted: ``tui/typeahead.py``) goes into the field that has it
        now. (An ``Input`` takes every printable key it gets: none comes here from one.)"""
        focused = self.focused
        if event.is_printable and event.character and isinstance(focused, Input):
            event.stop()
            focused.insert_text_at_cursor(event.character)

    def _widget(self, spec: FieldSpec):
        wid = f"field-{spec.name}"
        if spec.kind == "bool":
            return Checkbox(spec.label, value=bool(spec.default), id=wid)
        if spec.kind == "choice":
            return Select(
                spec.choices,
                value=spec.default if spec.default is not None else NO_CHOICE,
                allow_blank=not spec.required,
                id=wid,
            )
        placeholder = spec.placeholder or (DATE_HINT if spec.kind == "date" else "")
        suggester = (
            SuggestFromList(spec.suggestions, case_sensitive=False) if spec.suggestions else None
        )
        return Input(_initial_text(spec), placeholder=placeholder, suggester=suggester, id=wid)

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self.query_one(f"#field-{spec.name}")
        return getattr(widget, "value", None)

    def validate_all(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {}
        ok = True
        for spec in self.fields:
            error = self.query_one(f"#error-{spec.name}", Label)
            try:
                base = values.get(spec.offsets_from) if spec.offsets_from else None
                values[spec.name] = parse_field(spec, self._raw(spec), self.today, base)
                error.update("")
            except ValueError as exc:
                error.update(f"✗ {exc}")
                ok = False
        return values if ok else None

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        spec = next((s for s in self.fields if s.name == name), None)
        if spec is None:
            return
        error = self.query_one(f"#error-{spec.name}", Label)
        try:
            parse_field(spec, event.value, self.today, self._base_of(spec))
            error.update("")
        except ValueError as exc:
            if event.value.strip():
                error.update(f"✗ {exc}")

    def _base_of(self, spec: FieldSpec) -> date | None:
        """The date ``spec``'s offsets count from, as typed now (None while it is not a date)."""
        other = next((s for s in self.fields if s.name == spec.offsets_from), None)
        if other is None:
            return None
        try:
            return parse_field(other, self._raw(other), self.today)
        except ValueError:
            return None

    def action_submit(self) -> None:
        if self.saving:  # Enter pressed again while the service writes: one write
            return
        values = self.validate_all()
        if values is None:
            self.query_one("#form-error", Label).update(_("Please correct the fields marked ✗."))
        elif self.save is None:
            self.dismiss(values)
        else:
            self.saving = True
            self.query_one("#form-error", Label).update("")
            self.call_service(self.save, values, then=self._saved, failed=self._refused)

    def _saved(self, result: Any) -> None:
        self.saving = False
        self.dismiss(result)

    def _refused(self, error: PipelineError) -> None:
        self.saving = False
        self.show_error(str(error))

    def show_error(self, message: str) -> None:
        """A message from the service (e.g. a duplicate name), shown without closing the form."""
        self.query_one("#form-error", Label).update(f"✗ {message}")


def open_form(
    screen: Any,
    title: str,
    fields: list[FieldSpec],
    save: Callable[[Store, dict[str, Any]], Any],
    saved: Callable[[Any], object],
    submit_label: str | None = None,
) -> None:
    """Push, over ``screen`` (which has the app's ``context``), a form that saves itself with
    ``save(store, values)`` on the open store; ``saved(result)`` once it has saved, nothing when
    it is cancelled. The one way the screens open a form that writes."""
    store = screen.context.require_store()
    form = FormScreen(
        title, fields, screen.context.today, submit_label, save=lambda values: save(store, values)
    )
    screen.app.push_screen(form, lambda result: None if result is None else saved(result))
