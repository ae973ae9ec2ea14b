"""Surveys on the clients screen: record one sent, record its answer, write its message. A current
client gets a satisfaction survey, a former one the exit survey (``services.surveys``)."""

from __future__ import annotations

from typing import Any

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _
from pipeline_tui.tui.screens import client_forms as forms
from pipeline_tui.tui.screens.client_actions import ClientScreenBase


class ClientSurveys(ClientScreenBase):
    def client_status(self, client_id: int) -> str | None:
        raise NotImplementedError

    def record_under_cursor(self, table_id: str) -> int | None:
        raise NotImplementedError

    def _survey_kind(self, client_id: int) -> str:
        return "exit" if self.client_status(client_id) == "former" else "satisfaction"

    def action_new_survey(self) -> None:
        from pipeline_tui.services.surveys import record_survey

        client_id = self._need_client()
        if client_id is None or self.detail is None:
            return
        store, today = self.context.require_store(), self.context.today
        kind = self._survey_kind(client_id)

        def save(values: dict[str, Any]) -> Any:
            return record_survey(store, client_id, kind=kind, today=today, **values)

        title = _("{kind} survey sent to {client}").format(
            kind=label(kind), client=self.detail.client.name
        )
        self._form(
            title[:1].upper() + title[1:],
            forms.new_survey_fields(kind, self.detail.contacts),
            save,
            lambda s: _("Survey recorded: sent {day}").format(day=format_day(s.sent_on)),
        )

    def action_answer_survey(self) -> None:
        """The answer to the survey under the cursor, else to the latest one without one."""
        from pipeline_tui.services.surveys import answer_survey

        if self.detail is None or not self.context.can_write():
            return
        survey_id = self.record_under_cursor("surveys")
        waiting = [s for s in self.detail.surveys if s.answered_on is None]
        survey = next((s for s in self.detail.surveys if s.id == survey_id), None)
        survey = survey or (waiting[0] if waiting else None)
        if survey is None:
            self.app.notify(_("No survey waits for an answer: S records one sent."))  # type: ignore[attr-defined]
            return
        store, today = self.context.require_store(), self.context.today

        def save(values: dict[str, Any]) -> Any:
            return answer_survey(store, survey.id, today=today, **values)

        self._form(
            _("Answer to the {kind} survey sent {day}").format(
                kind=label(survey.kind), day=format_day(survey.sent_on)
            ),
            forms.answer_fields(survey),
            save,
            lambda s: _("Answer recorded: {score} ({scale})").format(
                score=s.score, scale=s.scale.upper()
            ),
        )

    def action_survey_message(self) -> None:
        from pipeline_tui.services.surveys import survey_message
        from pipeline_tui.tui.screens.survey_message import SurveyMessageScreen

        client_id = self._need_client()
        if client_id is None:
            return
        today = self.context.today
        self.call_service(
            survey_message,
            self.context.reads,
            client_id,
            kind=self._survey_kind(client_id),
            today=today,
            then=lambda message: self.app.push_screen(SurveyMessageScreen(message, today)),  # type: ignore[attr-defined]
        )
