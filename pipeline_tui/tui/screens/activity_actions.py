"""Mark done, postpone and reschedule the activity under the cursor (dashboard and agenda).

The write services are imported when a key is pressed: the dashboard shows without the ORM.
"""

from __future__ import annotations

from datetime import timedelta

from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.workers import ServiceCalls


class ActivityActions(ServiceCalls):
    """Needs ``context`` and ``activity_table()``: the LazyTable whose items are ``AgendaRow``s."""

    context: TuiContext

    def activity_table(self) -> LazyTable:
        raise NotImplementedError

    def _selected_activity(self):
        if not self.context.can_write():
            return None
        row = self.activity_table().item_at_cursor()
        if row is None:
            self.app.notify("No activity selected.", severity="warning")
        return row.activity if row is not None else None

    def _changed(self, _result=None) -> None:
        self.post_message(DataChanged())

    def action_done(self) -> None:
        from pipeline_tui.services.activities import complete_activity

        activity = self._selected_activity()
        if activity is not None:
            self.call_service(
                complete_activity,
                self.context.require_store(),
                activity.id,
                self.context.today,
                then=self._changed,
                success=f"Done: {activity.subject or activity.kind}",
            )

    def action_postpone(self, days: int) -> None:
        from pipeline_tui.services.activities import reschedule_activity

        activity = self._selected_activity()
        if activity is not None:
            due = self.context.today + timedelta(days=int(days))
            self.call_service(
                reschedule_activity,
                self.context.require_store(),
                activity.id,
                due,
                then=self._changed,
                success=f"Moved to {due:%a %d %b}",
            )

    def action_reschedule(self) -> None:
        from pipeline_tui.services.activities import reschedule_activity

        activity = self._selected_activity()
        if activity is None:
            return
        today = self.context.today

        def chosen(values) -> None:
            if values:
                self.call_service(
                    reschedule_activity,
                    self.context.require_store(),
                    activity.id,
                    values["due_on"],
                    then=self._changed,
                    success=f"Moved to {values['due_on']:%a %d %b}",
                )

        self.app.push_screen(
            FormScreen(
                f"Reschedule: {activity.subject or activity.kind}",
                [FieldSpec("due_on", "New due date", "date", required=True, default="tomorrow")],
                today,
                submit_label="Reschedule",
            ),
            chosen,
        )
