"""The offboarding template (``P`` on the offboarding screen): the steps every new checklist is
copied from, each due some days after the notice or the end. ``A`` adds a step, ``e`` edits the
one under the cursor, ``delete`` deletes it (after a confirmation), shift+↑ / shift+↓ move it.

Editing the template changes the next offboardings, never one already open; the first edit
copies the built-in default into the database (``services.playbook_template``). Each change is
one service call, one transaction (one ctrl+z).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from pipeline_tui.domain.playbook import TemplateStep
from pipeline_tui.i18n import N_, _, pgettext
from pipeline_tui.services import playbook_template as service
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, open_form
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.tui.context import TuiContext

ANCHORS = ((N_("the notice given"), "notice"), (N_("the last day"), "end"))


def _when(step: TemplateStep) -> str:
    days = f"{step.offset_days:+d}"
    if step.anchor == "notice":
        return _("notice {days} d").format(days=days)
    return _("end {days} d").format(days=days)


def _flags(step: TemplateStep) -> str:
    flags = [] if step.active else [_("off")]
    if step.only_if_good:
        flags.append(_("if good"))
    return ", ".join(flags)


def _columns(steps: list[TemplateStep]) -> tuple[tuple[str, int], ...]:
    """The table's columns for ``steps`` in the language spoken: when each is due and its flags
    as wide as their widest cell (12 at least, as in English); the title gives up what they
    take more."""
    when = max([12, *(Text(_when(step)).cell_len for step in steps)])
    flags = max([12, *(Text(_flags(step)).cell_len for step in steps)])
    title = 52 - (when - 12) - (flags - 12)
    return (("#", 3), (_("Step"), title), (_("Due"), when), ("", flags))


def step_fields(step: TemplateStep | None = None) -> list[FieldSpec]:
    """The form of a step: its title, what it is dated from and how many days after."""
    return [
        FieldSpec("title", _("Step"), required=True, default=step.title if step else None),
        FieldSpec(
            "anchor",
            _("Dated from"),
            "choice",
            required=True,
            default=step.anchor if step else "end",
            choices=tuple((_(text), value) for text, value in ANCHORS),
        ),
        FieldSpec(
            "offset_days",
            _("Days after it (negative: before)"),
            "int",
            required=True,
            default=step.offset_days if step else 0,
            minimum=-3650,
            maximum=3650,
        ),
        FieldSpec(
            "only_if_good",
            _("Only when the relationship stayed good"),
            "bool",
            default=step.only_if_good if step else False,
        ),
        FieldSpec(
            "active",
            _("Copied into new checklists"),
            "bool",
            default=step.active if step else True,
        ),
    ]


class PlaybookScreen(ServiceCalls, AppScreen, ModalScreen[None], screen_name="playbook"):
    """The template's steps, in order, editable."""

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.steps: list[TemplateStep] = []
        self._cursor_key: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="playbook"):
            yield Label(_("Offboarding template"), id="playbook-title")
            yield Label("", id="playbook-origin")
            yield DataTable(id="playbook-steps", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#playbook-steps", DataTable)
        self._add_columns(table, [])
        table.focus()
        self.load()

    @staticmethod
    def _add_columns(table: DataTable, steps: list[TemplateStep]) -> None:
        for title, width in _columns(steps):
            table.add_column(title, width=width)

    def refresh_data(self) -> None:
        """Reload after a change made elsewhere (ctrl+z)."""
        self.load()

    def load(self) -> None:
        store = self.context.require_store()

        def read() -> tuple[list[TemplateStep], bool]:
            return service.load_template(store), service.is_default_template(store)

        self.call_service(read, then=self.show, group="playbook-load", exclusive=True)

    def show(self, loaded: tuple[list[TemplateStep], bool]) -> None:
        self.steps, default = loaded
        self.query_one("#playbook-origin", Label).update(
            _("the built-in default: new checklists copy it; the ones already open keep theirs")
            if default
            else _("your template: new checklists copy it; the ones already open keep theirs")
        )
        table = self.query_one("#playbook-steps", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table, self.steps)
        for position, step in enumerate(self.steps, start=1):
            table.add_row(str(position), step.title, _when(step), _flags(step), key=step.key)
        keys = [step.key for step in self.steps]
        if self._cursor_key in keys:
            cursor = keys.index(self._cursor_key)
        self._cursor_key = None
        if self.steps:
            table.move_cursor(row=min(cursor, len(self.steps) - 1), animate=False)

    def _selected(self) -> TemplateStep | None:
        table = self.query_one("#playbook-steps", DataTable)
        if not self.steps or table.row_count == 0:
            return None
        return self.steps[min(table.cursor_row, len(self.steps) - 1)]

    def _changed(self, _result: Any = None) -> None:
        self.post_message(DataChanged())
        self.load()

    def _form(self, title: str, step: TemplateStep | None, save: Callable[..., Any]) -> None:
        def saved(result: TemplateStep) -> None:
            self._cursor_key = result.key
            self._changed()

        open_form(self, title, step_fields(step), save, saved)

    def action_add(self) -> None:
        selected = self._selected()
        position = self.steps.index(selected) + 2 if selected else None  # after the cursor

        def save(store: Store, values: dict[str, Any]) -> TemplateStep:
            return service.add_titled_step(
                store,
                values["title"],
                anchor=values["anchor"],
                offset_days=values["offset_days"],
                only_if_good=values["only_if_good"],
                active=values["active"],
                position=position,
            )

        self._form(_("A step of the offboarding template"), None, save)

    def action_edit(self) -> None:
        step = self._selected()
        if step is None:
            return

        def save(store: Store, values: dict[str, Any]) -> TemplateStep:
            return service.update_template_step(store, step.key, **values)

        self._form(_("Edit the template step"), step, save)

    def action_delete(self) -> None:
        step = self._selected()
        if step is None:
            return
        self.call_service_if_confirmed(
            ConfirmScreen(
                _("Delete the step '{title}' from the template?").format(title=step.title),
                [_("new checklists will not have it; the open ones keep theirs")],
                yes=pgettext("button", "Delete"),
            ),
            service.remove_template_step,
            self.context.require_store(),
            step.key,
            then=self._changed,
            success=_("Step deleted from the template"),
        )

    def action_move(self, by: int) -> None:
        step = self._selected()
        if step is None:
            return
        position = self.steps.index(step) + 1 + int(by)
        if not 1 <= position <= len(self.steps):
            return
        self._cursor_key = step.key
        self.call_with_store(
            service.move_template_step,
            step.key,
            position,
            then=self._changed,
        )

    def action_close(self) -> None:
        self.dismiss(None)
