"""The sequences screen (``s`` on the plan screen): each sequence with its steps, the enrolments
of the one under the cursor and where each stands; define, edit, enrol, stop, remove.

Keys: ``a`` define a sequence (name and steps typed ``email:0, call:3, email:7``, checked as
they are typed, the wrong word named), ``e`` edit the one under the cursor, ``+`` enrol a contact
or a deal in it (names offered as you type), ``x`` stop the enrolment under the cursor of the
enrolment table, ``delete`` remove the sequence (asks first), ``escape`` back to the plan.
Everything that reads or writes runs in a worker (``call_service``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.sequence import STEPS_EXAMPLE, format_steps, parse_steps
from pipeline_tui.i18n import _, ngettext
from pipeline_tui.services.sequence_view import (
    SequenceState,
    lead_names,
    sequences_with_enrollments,
    standing,
)
from pipeline_tui.services.sequences import (
    define_sequence,
    edit_sequence,
    enroll_named,
    remove_sequence,
    stop_enrollment,
)
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.behaviours import AppScreen, Refreshing
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, open_form
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store


def _check_steps(text: Any) -> None:
    parse_steps(str(text))


def sequence_fields(state: SequenceState | None = None) -> list[FieldSpec]:
    return [
        FieldSpec(
            "name",
            _("Name"),
            required=True,
            default=state.sequence.name if state else None,
            max_len=200,
            placeholder=_("Relance standard"),
        ),
        FieldSpec(
            "steps",
            _("Steps: kind:day, the day counted from the enrolment"),
            required=True,
            default=format_steps(state.sequence.steps) if state else None,
            placeholder=STEPS_EXAMPLE,
            check=_check_steps,
        ),
    ]


def _removal_details(enrolled: int, running: int) -> list[str]:
    """What goes with a sequence removed: its enrolments, the steps of the running ones."""
    details = [
        ngettext(
            "{count} enrolment goes with it.", "{count} enrolments go with it.", enrolled
        ).format(count=enrolled)
    ]
    if running:
        details.append(
            ngettext(
                "The {count} running one stops: its steps not done yet are deleted.",
                "The {count} running ones stop: their steps not done yet are deleted.",
                running,
            ).format(count=running)
        )
    details.append(_("The activities already done stay."))
    return details


class SequencesScreen(ServiceCalls, Refreshing, AppScreen, Screen[None], screen_name="sequences"):
    """Sequences, their enrolments, and the keys that change them."""

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.states: list[SequenceState] = []
        self.names: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Vertical(id="sequences-screen"):
            with Vertical(classes="box"):
                yield Label(
                    _("Sequences — a define · e edit · + enrol · del remove · esc back"),
                    classes="box-title",
                )
                yield DataTable(id="sequence-table", cursor_type="row", zebra_stripes=True)
            with Vertical(classes="box"):
                yield Label(_("Enrolments — x stop"), classes="box-title", id="enrolments-title")
                yield DataTable(id="enrolment-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="sequence-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#sequence-table", DataTable).add_columns(
            "#", _("name"), _("steps"), _("running"), _("enrolled")
        )
        self.query_one("#enrolment-table", DataTable).add_columns(
            "#", _("who"), _("from"), _("where it stands")
        )
        self.query_one("#sequence-table", DataTable).focus()
        self.refresh_data()

    # -- reading ---------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        store = self.context.require_store()

        def load() -> tuple[list[SequenceState], tuple[str, ...]]:
            return sequences_with_enrollments(store), lead_names(store)

        self.call_service(load, then=lambda found: self.show(*found), group="seq", exclusive=True)

    def show(self, states: list[SequenceState], names: tuple[str, ...]) -> None:
        self.states, self.names = states, names
        table = self.query_one("#sequence-table", DataTable)
        at = table.cursor_row
        table.clear()
        for state in states:
            s = state.sequence
            running = sum(1 for e in state.enrollments if e.running)
            table.add_row(
                str(s.id), s.name, format_steps(s.steps), str(running), str(len(state.enrollments))
            )
        if states:
            table.move_cursor(row=min(at, len(states) - 1))
        else:
            self.query_one("#sequence-note", Static).update(
                _("No sequence yet: press a to define one ({example}).").format(
                    example=STEPS_EXAMPLE
                )
            )
        self.show_enrolments()

    def selected(self, warn: bool = True) -> SequenceState | None:
        table = self.query_one("#sequence-table", DataTable)
        if self.states and 0 <= table.cursor_row < len(self.states):
            return self.states[table.cursor_row]
        if warn:
            self.notify(_("No sequence yet: press a to define one."), severity="warning")
        return None

    def show_enrolments(self) -> None:
        state = self.selected(warn=False)
        table = self.query_one("#enrolment-table", DataTable)
        at = table.cursor_row
        table.clear()
        if state is None:
            return
        self.query_one("#enrolments-title", Label).update(
            _("Enrolments in {sequence} — tab to pick one · x stop").format(
                sequence=state.sequence.name
            )
        )
        for e in state.enrollments:
            table.add_row(str(e.id), e.who, format_day(e.started_on), standing(e))
        if state.enrollments:
            table.move_cursor(row=min(at, len(state.enrollments) - 1))
        note = (
            "" if state.enrollments else _("Nobody enrolled: press + to enrol a contact or deal.")
        )
        self.query_one("#sequence-note", Static).update(note)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "sequence-table":
            self.show_enrolments()

    # -- writing ---------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.context.today

    def _changed(self, message: str) -> None:
        self.notify(message)
        self.refresh_data()
        self.post_message(DataChanged())

    def _selected_to_write(self) -> SequenceState | None:
        """The sequence under the cursor, when there is one and the store can be written."""
        state = self.selected()
        if state is None or not self.context.can_write():
            return None
        return state

    def action_add_sequence(self) -> None:
        if not self.context.can_write():
            return

        def save(store: Store, values: dict[str, Any]):
            return define_sequence(store, values["name"], values["steps"])

        open_form(
            self,
            _("New sequence"),
            sequence_fields(),
            save,
            lambda made: self._changed(_("Sequence {name} defined.").format(name=made.name)),
        )

    def action_edit_sequence(self) -> None:
        state = self._selected_to_write()
        if state is None:
            return

        def save(store: Store, values: dict[str, Any]):
            return edit_sequence(
                store, state.sequence.id, name=values["name"], steps_text=values["steps"]
            )

        open_form(
            self,
            _("Edit {sequence} (the leads enrolled keep their steps)").format(
                sequence=state.sequence.name
            ),
            sequence_fields(state),
            save,
            lambda made: self._changed(_("Sequence {name} changed.").format(name=made.name)),
        )

    def action_enroll(self) -> None:
        state = self._selected_to_write()
        if state is None:
            return
        fields = [
            FieldSpec(
                "lead",
                _("Contact or deal (#id or name; → takes the suggestion)"),
                required=True,
                suggestions=self.names,
                placeholder=_("Karim Benali"),
            )
        ]

        def save(store: Store, values: dict[str, Any]):
            return enroll_named(store, f"#{state.sequence.id}", values["lead"], on=self.today)

        open_form(
            self,
            _("Enrol in {sequence} from {day}").format(
                sequence=state.sequence.name, day=format_day(self.today)
            ),
            fields,
            save,
            lambda made: self._changed(
                _("{who} enrolled in {sequence}.").format(who=made.who, sequence=made.sequence_name)
            ),
            _("Enrol"),
        )

    def action_stop_enrollment(self) -> None:
        state = self._selected_to_write()
        table = self.query_one("#enrolment-table", DataTable)
        if state is None:
            return
        if not state.enrollments or not 0 <= table.cursor_row < len(state.enrollments):
            self.notify(_("Nobody enrolled in this sequence."), severity="warning")
            return
        enrolment = state.enrollments[table.cursor_row]
        if not enrolment.running:
            self.notify(
                _("Enrolment #{id} already stopped.").format(id=enrolment.id), severity="warning"
            )
            return
        left = len(enrolment.remaining)
        self.call_service_if_confirmed(
            ConfirmScreen(
                _("Stop enrolment #{id} ({who})?").format(id=enrolment.id, who=enrolment.who),
                [
                    ngettext(
                        "Its {count} step not done yet is deleted; the done ones stay.",
                        "Its {count} steps not done yet are deleted; the done ones stay.",
                        left,
                    ).format(count=left)
                ],
                yes=_("Stop"),
            ),
            stop_enrollment,
            self.context.require_store(),
            enrolment.id,
            on=self.today,
            then=lambda stopped: self._changed(
                ngettext(
                    "Enrolment #{id} stopped: {count} planned step deleted.",
                    "Enrolment #{id} stopped: {count} planned steps deleted.",
                    stopped.cancelled,
                ).format(id=stopped.enrollment_id, count=stopped.cancelled)
            ),
        )

    def action_remove_sequence(self) -> None:
        state = self._selected_to_write()
        if state is None:
            return
        s = state.sequence
        running = sum(1 for e in state.enrollments if e.running)
        self.call_service_if_confirmed(
            ConfirmScreen(
                _("Remove sequence {name}?").format(name=s.name),
                _removal_details(len(state.enrollments), running),
                yes=_("Remove"),
            ),
            remove_sequence,
            self.context.require_store(),
            s.id,
            on=self.today,
            then=lambda removal: self._changed(
                _("Sequence {name} removed.").format(name=removal.name)
            ),
        )

    def action_back(self) -> None:
        self.app.pop_screen()
