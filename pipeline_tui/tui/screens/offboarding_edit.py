"""Adding, editing and deleting the rows of the offboarding screen: checklist items, transition
steps, documents and lessons. The focused table says which: ``A`` adds to it, ``e`` edits the row
under its cursor, ``delete`` deletes it after a confirmation.

Every form saves itself (``FormScreen(save=…)``): a refusal of the service stays in the form
with what was typed. Each write is one service call, one transaction (one ctrl+z).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.i18n import N_, _, pgettext
from pipeline_tui.services import lessons as lesson_service
from pipeline_tui.services import offboarding as service
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, open_form
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.services.offboarding_view import OffboardingView
    from pipeline_tui.store.database import Store
    from pipeline_tui.tui.context import TuiContext

LESSON_TEXT = N_("What did not work, or the training to take")
TRAINING_BY = N_("Take the training by (empty: not a training)")


def _lesson_kind(due_on: date | None) -> str:
    return "training" if due_on else "went_wrong"


class OffboardingEditing(ServiceCalls):
    """Needs ``context``, ``offboarding_id``, ``current_view()``, ``focused_row()`` and
    ``written()`` (reload after a write) from the screen."""

    context: TuiContext
    offboarding_id: int | None

    def current_view(self) -> OffboardingView | None:
        raise NotImplementedError

    def focused_row(self) -> tuple[str, int] | None:
        raise NotImplementedError

    def written(self) -> None:
        raise NotImplementedError

    def _form(
        self, title: str, fields: list[FieldSpec], save: Callable[[Store, dict[str, Any]], Any]
    ) -> None:
        """A form that saves itself with ``save(store, values)``; the screen reloads after."""
        open_form(self, title, fields, save, lambda _result: self.written())

    # --- add -----------------------------------------------------------------------------------

    def action_add(self) -> None:
        oid = self.offboarding_id
        if oid is None or not self.context.can_write():
            return
        table = self.focused.id if isinstance(self.focused, DataTable) else None
        today = self.context.today
        if table == "ob-documents":
            self._form(
                _("A document to hand over"),
                [FieldSpec("name", _("Document"), required=True)],
                lambda store, v: service.add_document(store, oid, v["name"]),
            )
        elif table == "ob-lessons":
            self._form(
                _("A lesson of the post-mortem"),
                [
                    FieldSpec("text", _(LESSON_TEXT), required=True),
                    FieldSpec("due_on", _(TRAINING_BY), "date"),
                ],
                lambda store, v: lesson_service.add_lesson(
                    store,
                    v["text"],
                    kind=_lesson_kind(v["due_on"]),
                    today=today,
                    offboarding_id=oid,
                    due_on=v["due_on"],
                ),
            )
        elif table == "ob-items":
            self.notify(
                _(
                    "The checklist comes from the template: P edits it for the next "
                    "offboardings; e edits an item of this one."
                ),
            )
        else:
            self._form(
                _("A step of the transition plan"),
                self._step_fields(),
                lambda store, v: service.add_transition_step(
                    store, oid, v["task"], owner=v["owner"], due_on=v["due_on"]
                ),
            )

    @staticmethod
    def _step_fields(task: str | None = None, owner: str | None = None, due_on=None):
        return [
            FieldSpec("task", _("What is handed over"), required=True, default=task),
            FieldSpec("owner", _("Who takes it over"), max_len=200, default=owner),
            FieldSpec("due_on", _("By"), "date", default=due_on),
        ]

    def _row_to(self, hint: str) -> tuple[OffboardingView, tuple[str, int]] | None:
        """The checklist shown and the row under the cursor (kind, id); None when there is no
        row there (``hint`` says where to put the cursor) or nothing can be written yet."""
        view, row = self.current_view(), self.focused_row()
        if view is None or row is None:
            self.notify(hint)
            return None
        if not self.context.can_write():
            return None
        return view, row

    # --- edit ----------------------------------------------------------------------------------

    def action_edit(self) -> None:
        target = self._row_to(_("Put the cursor on a row of a table to edit it."))
        if target is None:
            return
        view, (kind, row_id) = target
        if kind == "item":
            item = next(i for i in view.items if i.id == row_id)
            self._form(
                _("Edit the checklist item"),
                [
                    FieldSpec("title", _("Item"), required=True, default=item.title),
                    FieldSpec("due_on", _("Due"), "date", required=True, default=item.due_on),
                    FieldSpec("notes", _("Notes"), default=item.notes, max_len=4000),
                ],
                lambda store, v: service.update_item(
                    store, row_id, title=v["title"], due_on=v["due_on"], notes=v["notes"] or ""
                ),
            )
        elif kind == "step":
            step = next(s for s in view.steps if s.id == row_id)
            self._form(
                _("Edit the transition step"),
                self._step_fields(step.task, step.owner, step.due_on),
                lambda store, v: service.update_transition_step(
                    store, row_id, v["task"], owner=v["owner"], due_on=v["due_on"]
                ),
            )
        elif kind == "document":
            doc = next(d for d in view.documents if d.id == row_id)
            self._form(
                _("Rename the document"),
                [FieldSpec("name", _("Document"), required=True, default=doc.name)],
                lambda store, v: service.rename_document(store, row_id, v["name"]),
            )
        elif kind == "lesson":
            lesson = next(le for le in view.lessons if le.id == row_id)
            self._form(
                _("Edit the lesson"),
                [
                    FieldSpec(
                        "text", _(LESSON_TEXT), required=True, default=lesson.text, max_len=500
                    ),
                    FieldSpec("due_on", _(TRAINING_BY), "date", default=lesson.due_on),
                ],
                lambda store, v: lesson_service.update_lesson(
                    store, row_id, v["text"], kind=_lesson_kind(v["due_on"]), due_on=v["due_on"]
                ),
            )

    # --- delete --------------------------------------------------------------------------------

    def action_delete(self) -> None:
        target = self._row_to(_("Put the cursor on a row of a table to delete it."))
        if target is None:
            return
        view, (kind, row_id) = target
        today = self.context.today
        if kind == "item":
            item = next(i for i in view.items if i.id == row_id)
            due = format_day(item.due_on)
            state = (
                _("due on {due}, done on {done}").format(due=due, done=format_day(item.done_on))
                if item.done_on
                else _("due on {due}, not done").format(due=due)
            )
            self._confirm(
                _("Delete the checklist item '{title}'?").format(title=item.title),
                [state, _("the checklist closes once every item left is done")],
                lambda store: service.remove_item(store, row_id, today),
            )
        elif kind == "step":
            step = next(s for s in view.steps if s.id == row_id)
            who = [_("taken over by {owner}").format(owner=step.owner)] if step.owner else []
            self._confirm(
                _("Delete the transition step '{task}'?").format(task=step.task),
                who,
                lambda store: service.remove_transition_step(store, row_id),
            )
        elif kind == "document":
            doc = next(d for d in view.documents if d.id == row_id)
            self._confirm(
                _("Delete the document '{name}' from the list?").format(name=doc.name),
                [],
                lambda store: service.remove_document(store, row_id),
            )
        elif kind == "lesson":
            lesson = next(le for le in view.lessons if le.id == row_id)
            self._confirm(
                _("Delete the lesson '{text}'?").format(text=lesson.text),
                [_("a training to take by {day}").format(day=format_day(lesson.due_on))]
                if lesson.due_on
                else [],
                lambda store: lesson_service.remove_lesson(store, row_id),
            )

    def _confirm(self, question: str, details: list[str], remove: Callable[[Store], Any]) -> None:
        self.call_service_if_confirmed(
            ConfirmScreen(question, details, yes=pgettext("button", "Delete")),
            remove,
            self.context.require_store(),
            then=lambda _result: self.written(),
            success=_("Deleted"),
            group="offboarding-write",
        )
