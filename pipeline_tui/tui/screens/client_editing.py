"""Edit and delete what is under the cursor of the clients screen's focused table: the client
(the list), a contact, a mission, a signal or a survey (the detail's tables).

Every save and every deletion is one service call, so one transaction and one step of undo. A
deletion first says what goes with it (``domain.removal``, the CLI's wording) and asks; a client
with missions is archived, not deleted (``services.clients.remove_client``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.removal import Removal
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, pgettext
from pipeline_tui.tui.screens import client_forms as forms
from pipeline_tui.tui.screens.client_actions import ClientScreenBase
from pipeline_tui.tui.screens.confirm import ConfirmScreen

NOT_HERE = {
    "deals": N_("Deals are changed on the pipeline board (2)."),
    "timeline": N_("Activities are changed on the agenda (4)."),
}


class ClientEditing(ClientScreenBase):
    def focused_record(self) -> tuple[str, int] | None:
        """(what, id) under the cursor of the focused table; the list's client by default."""
        raise NotImplementedError

    def _target(self) -> tuple[str, int] | None:
        if not self.context.can_write():
            return None
        target = self.focused_record()
        if target is None:
            self.app.notify(_("Nothing selected here."), severity="warning")  # type: ignore[attr-defined]
        elif target[0] in NOT_HERE:
            self.app.notify(_(NOT_HERE[target[0]]), severity="warning")  # type: ignore[attr-defined]
            return None
        return target

    def _record(self, what: str, record_id: int) -> Any:
        """The record as the detail shows it (the edit form's values)."""
        d = self.detail
        assert d is not None
        if what == "missions":
            return next(m.mission for m in d.missions if m.mission.id == record_id)
        return next(r for r in getattr(d, what) if r.id == record_id)

    # -- edit ------------------------------------------------------------------------------
    def action_edit(self) -> None:
        target = self._target()
        if target is None or (target[0] != "client" and self.detail is None):
            return
        what, record_id = target
        store, today = self.context.require_store(), self.context.today
        if what == "client":
            self._edit_client(store, record_id)
            return
        editors = {
            "contacts": self._edit_contacts,
            "missions": self._edit_missions,
            "signals": self._edit_signals,
            "surveys": self._edit_surveys,
        }
        editors[what](store, today, self._record(what, record_id))

    def _edit_client(self, store: Any, client_id: int) -> None:
        from pipeline_tui.services.clients import update_client

        if self.detail is None or self.detail.client.id != client_id:
            self.app.notify(_("One moment: the client is loading."))  # type: ignore[attr-defined]
            return
        self._form(
            _("Edit client: {name}").format(name=self.detail.client.name),
            forms.client_fields(self.detail.client),
            lambda values: update_client(store, client_id, **values),
            lambda c: _("Client changed: {name}").format(name=c.name),
        )

    def _edit_contacts(self, store: Any, today: Any, contact: Any) -> None:
        from pipeline_tui.services.clients import edit_contact

        def save(values: dict[str, Any]) -> Any:
            changes, opted_out = forms.contact_changes(values)
            return edit_contact(store, contact.id, changes, do_not_contact=opted_out, today=today)

        self._form(
            _("Edit contact: {name}").format(name=contact.full_name),
            forms.contact_fields(contact),
            save,
            lambda c: _("Contact changed: {name}").format(name=c.full_name),
        )

    def _edit_missions(self, store: Any, _today: Any, mission: Any) -> None:
        from pipeline_tui.services.missions import update_mission

        self._form(
            _("Edit mission: {title}").format(title=mission.title),
            forms.mission_fields(mission),
            lambda values: update_mission(store, mission.id, **forms.mission_values(values)),
            lambda m: _("Mission changed: {title}").format(title=m.title),
        )

    def _edit_signals(self, store: Any, _today: Any, signal: Any) -> None:
        from pipeline_tui.services.signals import update_signal

        self._form(
            _("Edit signal: {signal} on {day}").format(
                signal=label(signal.kind), day=format_day(signal.occurred_on)
            ),
            forms.signal_fields(signal),
            lambda values: update_signal(store, signal.id, **values),
            lambda s: _("Signal changed: {signal}").format(signal=label(s.kind)),
        )

    def _edit_surveys(self, store: Any, today: Any, survey: Any) -> None:
        from pipeline_tui.services.surveys import update_survey

        self._form(
            _("Edit {kind} survey sent {day}").format(
                kind=label(survey.kind), day=format_day(survey.sent_on)
            ),
            forms.survey_fields(survey),
            lambda values: update_survey(store, survey.id, today=today, **values),
            lambda s: _("Survey changed: sent {day}").format(day=format_day(s.sent_on)),
        )

    # -- delete ----------------------------------------------------------------------------
    def action_delete(self) -> None:
        """Say what goes with the record, ask, then delete it (archive a client with
        missions)."""
        from pipeline_tui.services import clients, missions, signals, surveys

        target = self._target()
        if target is None:
            return
        what, record_id = target
        store, today = self.context.require_store(), self.context.today
        # What the service says goes with the record, and how it is removed.
        removals: dict[str, tuple[Callable[..., Removal], Callable[[], Any]]] = {
            "client": (
                clients.client_removal,
                lambda: clients.remove_client(store, record_id, today),
            ),
            "contacts": (clients.contact_removal, lambda: clients.remove_contact(store, record_id)),
            "missions": (
                missions.mission_removal,
                lambda: missions.remove_mission(store, record_id),
            ),
        }
        if what in removals:
            removal, remove = removals[what]
            self.call_service(removal, store, record_id, then=lambda r: self._confirm(r, remove))
        elif self.detail is not None:
            record = self._record(what, record_id)
            if what == "signals":
                name = _("the {signal} signal of {day}").format(
                    signal=label(record.kind), day=format_day(record.occurred_on)
                )
                remove: Callable[[], Any] = lambda: signals.remove_signal(store, record_id)  # noqa: E731
            else:
                name = _("the {kind} survey sent {day}").format(
                    kind=label(record.kind), day=format_day(record.sent_on)
                )
                remove = lambda: surveys.remove_survey(store, record_id)  # noqa: E731
            self._confirm(Removal(what.removesuffix("s"), record_id, name), remove)

    def _confirm(self, removal: Removal, remove: Callable[[], Any]) -> None:
        yes = _("Archive") if removal.archived else pgettext("button", "Delete")
        details = []
        if removal.archived:
            details.append(_("To delete it for good: pipeline-tui client rm --for-good"))

        if removal.archived:
            said = _("Archived: {name}").format(name=removal.name)
        else:
            said = _("Deleted: {name}").format(name=removal.name)
        self.call_service_if_confirmed(
            ConfirmScreen(removal.question, details, yes=yes),
            remove,
            then=self._changed,
            success=said,
        )
