"""What the agenda and the dashboard's due list do to the activity under the cursor: mark it
done, move it a day later, reschedule, edit, delete; and log a new one.

The forms offer client, contact and deal names as you type (``services.activities.link_names``,
read before the form opens) and save themselves (``FormScreen(save=…)``): a name the service
does not know keeps the form open with everything typed and the names it meant.

The write services are imported when a key is pressed: the dashboard shows without the ORM.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, label
from pipeline_tui.i18n import _
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.lazy_table import LazyTable
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.services.activities import ActivityDetail, LinkNames


def kind_choices() -> tuple[tuple[str, str], ...]:
    """The activity kinds to choose from, in the language spoken."""
    return tuple((label(k), k) for k in ACTIVITY_KINDS)


def channel_choices() -> tuple[tuple[str, str], ...]:
    """The channels to choose from, in the language spoken."""
    return tuple((label(c), c) for c in CHANNELS)


def link_fields(names: LinkNames, detail: ActivityDetail | None = None) -> list[FieldSpec]:
    """Client, contact and deal, by name, with the known names offered as you type."""
    links = (  # name, label, placeholder, the names offered
        ("client", _("Client"), _("name or #id (empty: none)"), names.clients),
        ("contact", _("Contact"), _("first and last name, or #id"), names.contacts),
        ("deal", _("Deal"), _("title or #id"), names.deals),
    )
    now = (detail.client_name, detail.contact_name, detail.deal_title) if detail else (None,) * 3
    return [
        FieldSpec(name, title, default=default, placeholder=hint, suggestions=offered)
        for (name, title, hint, offered), default in zip(links, now, strict=True)
    ]


def log_fields(names: LinkNames) -> list[FieldSpec]:
    """The "Log an activity" form: done on a date, or due on it."""
    return [
        FieldSpec(
            "kind", _("Kind"), "choice", required=True, default="email", choices=kind_choices()
        ),
        FieldSpec("subject", _("Subject")),
        *link_fields(names),
        FieldSpec("on", _("Date"), "date", required=True, default=_("today")),
        FieldSpec("done", _("Already done (otherwise: due on that date)"), "bool"),
        FieldSpec("outcome", _("Outcome")),
    ]


def edit_fields(names: LinkNames, detail: ActivityDetail) -> list[FieldSpec]:
    """The "Edit the activity" form, filled with what the activity is now."""
    a = detail.activity
    return [
        FieldSpec(
            "kind", _("Kind"), "choice", required=True, default=a.kind, choices=kind_choices()
        ),
        FieldSpec(
            "channel",
            _("Channel"),
            "choice",
            required=True,
            default=a.channel,
            choices=channel_choices(),
        ),
        FieldSpec("subject", _("Subject"), default=a.subject or None),
        *link_fields(names, detail),
        FieldSpec("due_on", _("Due"), "date", default=a.due_on),
        FieldSpec("done_on", _("Done on (empty: still to do)"), "date", default=a.done_on),
        FieldSpec("outcome", _("Outcome"), default=a.outcome),
        FieldSpec("notes", _("Note"), default=a.notes, max_len=4000),
    ]


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
            self.app.notify(_("No activity selected."), severity="warning")
        return row.activity if row is not None else None

    def _changed(self, _result=None) -> None:
        self.post_message(DataChanged())

    def _saved(self, message: str) -> Callable[[Any], None]:
        """The callback of a form that saved itself: None when it was cancelled."""

        def saved(result: Any) -> None:
            if result is not None:
                self.app.notify(message)
                self._changed()

        return saved

    def action_done(self) -> None:
        from pipeline_tui.services.activities import complete_activity

        activity = self._selected_activity()
        if activity is not None:
            self.call_with_store(
                complete_activity,
                activity.id,
                self.context.today,
                then=self._changed,
                success=_("Done: {activity}").format(activity=self._named(activity)),
            )

    def action_postpone(self, days: int) -> None:
        """The due date moves ``days`` later (from the due date, not from today)."""
        from pipeline_tui.services.activities import postpone_activity

        activity = self._selected_activity()
        if activity is not None:
            self.call_with_store(
                postpone_activity,
                activity.id,
                int(days),
                then=lambda moved: self._moved(moved.due_on),
            )

    @staticmethod
    def _named(activity) -> str:
        """What an activity is called in a message: its subject, else its kind."""
        return activity.subject or label(activity.kind)

    def _moved(self, due_on) -> None:
        if due_on < self.context.today:
            said = _("Due {day} (still overdue)")
        else:
            said = _("Due {day}")
        self.app.notify(said.format(day=format_day(due_on)))
        self._changed()

    def action_reschedule(self) -> None:
        from pipeline_tui.services.activities import reschedule_activity

        activity = self._selected_activity()
        if activity is None:
            return
        store = self.context.require_store()

        def save(values: dict[str, Any]) -> Any:
            return reschedule_activity(store, activity.id, values["due_on"])

        self.app.push_screen(
            FormScreen(
                _("Reschedule: {activity}").format(activity=self._named(activity)),
                [
                    FieldSpec(
                        "due_on", _("New due date"), "date", required=True, default=_("tomorrow")
                    )
                ],
                self.context.today,
                submit_label=_("Reschedule"),
                save=save,
            ),
            lambda moved: self._moved(moved.due_on) if moved is not None else None,
        )

    def action_log(self) -> None:
        from pipeline_tui.services.activities import link_names

        if self.context.can_write():
            self.call_service(link_names, self.context.reads, then=self._open_log_form)

    def _open_log_form(self, names: LinkNames) -> None:
        from pipeline_tui.services.activities import log_activity

        store = self.context.require_store()

        def save(values: dict[str, Any]) -> Any:
            when = {"done_on" if values["done"] else "due_on": values["on"]}
            return log_activity(
                store,
                values["kind"],
                subject=values["subject"] or "",
                outcome=values["outcome"],
                client=values["client"],
                contact=values["contact"],
                deal=values["deal"],
                **when,
            )

        self.app.push_screen(
            FormScreen(
                _("Log an activity"), log_fields(names), self.context.today, _("Log"), save=save
            ),
            self._saved(_("Activity logged")),
        )

    def action_edit_activity(self) -> None:
        from pipeline_tui.services.activities import activity_detail, link_names

        activity = self._selected_activity()
        if activity is None:
            return
        reads = self.context.reads

        def load() -> tuple[LinkNames, ActivityDetail]:
            return link_names(reads), activity_detail(reads, activity.id)

        self.call_service(load, then=lambda loaded: self._open_edit_form(*loaded))

    def _open_edit_form(self, names: LinkNames, detail: ActivityDetail) -> None:
        from pipeline_tui.services.activities import edit_activity

        store = self.context.require_store()
        activity_id = detail.activity.id

        def save(values: dict[str, Any]) -> Any:
            return edit_activity(store, activity_id, **values)

        title = self._named(detail.activity)
        self.app.push_screen(
            FormScreen(
                _("Edit the activity: {activity}").format(activity=title),
                edit_fields(names, detail),
                self.context.today,
                save=save,
            ),
            self._saved(_("Saved: {activity}").format(activity=title)),
        )

    def action_delete_activity(self) -> None:
        from pipeline_tui.services.activities import activity_removal

        activity = self._selected_activity()
        if activity is not None:
            self.call_service(
                activity_removal,
                self.context.reads,
                activity.id,
                then=lambda said: self._confirm_delete(activity.id, *said),
            )

    def _confirm_delete(self, activity_id: int, question: str, facts: list[str]) -> None:
        from pipeline_tui.services.activities import remove_activity

        self.call_service_if_confirmed(
            ConfirmScreen(question, facts, yes=_("Delete")),
            remove_activity,
            self.context.require_store(),
            activity_id,
            then=self._changed,
            success=_("Activity deleted"),
        )
