"""What the clients screen creates: a client, a contact, a mission, a deal, a signal; and ending
the running mission. Each form saves itself (``FormScreen(save=…)``): a refusal of the service
shows under the fields with everything typed kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged, OpenOffboarding
from pipeline_tui.tui.screens import client_forms as forms
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.screens.signal_picker import SignalPicker
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.services.client_view import ClientDetail
    from pipeline_tui.store.database import Store


class ClientScreenBase(ServiceCalls):
    """What the clients screen's actions share: the client shown, its detail, a form that
    saves itself, and saying that data changed."""

    context: TuiContext
    selected_id: int | None
    detail: ClientDetail | None

    def _changed(self, _result: object = None) -> None:
        """Reload (the app calls ``refresh_data``) and tell the other screens."""
        self.detail = None
        self.post_message(DataChanged())  # type: ignore[attr-defined]

    def _need_client(self) -> int | None:
        if self.selected_id is None or not self.context.can_write():
            if self.selected_id is None:
                self.app.notify(_("Select a client first."), severity="warning")  # type: ignore[attr-defined]
            return None
        return self.selected_id

    def _client_form(
        self,
        title: str,
        fields: list[FieldSpec],
        save: Callable[[Store, int, dict[str, Any]], Any],
        said: Callable[[Any], str],
    ) -> None:
        """The form of a new record of the selected client: ``save(store, client_id, values)``."""
        client_id = self._need_client()
        if client_id is None:
            return
        store = self.context.require_store()
        self._form(title, fields, lambda values: save(store, client_id, values), said)

    def _form(
        self,
        title: str,
        fields: list[FieldSpec],
        save: Callable[[dict[str, Any]], Any],
        said: Callable[[Any], str],
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Push the form; once ``save`` returned, say ``said(result)`` and reload."""

        def done(result: Any) -> None:
            if result is not None:
                self.app.notify(said(result))  # type: ignore[attr-defined]
                (then or self._changed)(result)

        form = FormScreen(title, fields, self.context.today, save=save)
        self.app.push_screen(form, done)  # type: ignore[attr-defined]


class ClientCreating(ClientScreenBase):
    def action_signal(self) -> None:
        from pipeline_tui.services.signals import add_signal

        client_id = self._need_client()
        if client_id is None:
            return

        def chosen(kind: str | None) -> None:
            if kind:
                self.call_with_store(
                    add_signal,
                    client_id,
                    kind,
                    self.context.today,
                    then=self._changed,
                    success=_("Signal recorded: {signal}").format(signal=label(kind)),
                )

        self.app.push_screen(SignalPicker(), chosen)  # type: ignore[attr-defined]

    def action_new_client(self) -> None:
        from pipeline_tui.services.clients import add_client

        if not self.context.can_write():
            return
        store = self.context.require_store()

        def save(values: dict[str, Any]) -> Any:
            return add_client(store, values.pop("name"), **values)

        def added(client: Any) -> None:
            self.selected_id = client.id
            self._changed()

        self._form(
            _("New client"),
            forms.client_fields(),
            save,
            lambda c: _("Client added: {name}").format(name=c.name),
            added,
        )

    def action_new_contact(self) -> None:
        from pipeline_tui.services.clients import add_contact

        def save(store: Store, client_id: int, values: dict[str, Any]) -> Any:
            given = {k: v for k, v in values.items() if v is not None}
            return add_contact(store, given.pop("first_name"), client_id=client_id, **given)

        self._client_form(
            _("New contact"),
            forms.contact_fields(),
            save,
            lambda c: _("Contact added: {name}").format(name=c.full_name),
        )

    def action_new_mission(self) -> None:
        from pipeline_tui.services.missions import add_mission

        def save(store: Store, client_id: int, values: dict[str, Any]) -> Any:
            given = forms.mission_values(values)
            if given["day_rate_cents"] is None and given["fixed_monthly_cents"] is None:
                given.pop("day_rate_cents")  # the service says what a mission needs
            pricing = {k: v for k, v in given.items() if v is not None}
            title, start_on = pricing.pop("title"), pricing.pop("start_on")
            return add_mission(store, client_id, title, start_on, **pricing)

        self._client_form(
            _("New mission"),
            forms.mission_fields(),
            save,
            lambda m: _("Mission added: {title}").format(title=m.title),
        )

    def action_new_deal(self) -> None:
        from pipeline_tui.services.deals import add_deal

        today = self.context.today

        def save(store: Store, client_id: int, values: dict[str, Any]) -> Any:
            given = {k: v for k, v in values.items() if v is not None}
            return add_deal(store, client_id, given.pop("title"), on=today, **given)

        missions = [m.mission for m in (self.detail.missions if self.detail else [])]
        self._client_form(
            _("New deal"),
            forms.deal_fields(missions),
            save,
            lambda d: _("Deal added: {title}").format(title=d.title),
        )

    def action_end_mission(self) -> None:
        """End a mission early: the one under the cursor of the missions table when it has the
        focus, else the client's one running mission; the form, then the offboarding checklist
        it opens."""
        from pipeline_tui.domain.playbook import mission_to_end
        from pipeline_tui.tui.screens.end_mission import EndMissionScreen

        if self.detail is None or not self.context.can_write():
            return
        mission_id = self.record_under_cursor("missions")  # type: ignore[attr-defined]
        if mission_id is None:
            try:  # the rule the CLI's ``end CLIENT`` follows
                mission_id = mission_to_end(
                    [line.mission for line in self.detail.missions],
                    self.context.today,
                    self.detail.client.name,
                )
            except ValueError as exc:
                self.app.notify(str(exc), severity="warning")  # type: ignore[attr-defined]
                return

        def ended(result: Any) -> None:
            if result is not None:
                self._changed()
                self.post_message(OpenOffboarding(result.offboarding_id))  # type: ignore[attr-defined]

        self.app.push_screen(EndMissionScreen(self.context, mission_id), ended)  # type: ignore[attr-defined]
