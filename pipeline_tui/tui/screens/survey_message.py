"""The survey message from the user's template, to copy or to write as a ``.eml`` file for their
mail app: the product sends no mail (``services.surveys.survey_message``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _
from pipeline_tui.tui.screens.behaviours import NamedScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from pipeline_tui.services.surveys import SurveyMessage


def eml_name(message: SurveyMessage) -> str:
    """``~/survey-acme.eml``: where the message is written unless the user says otherwise."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in message.client_name).split())
    name = f"{message.kind}-survey-{slug.lower() or 'client'}"  # not shown: a file's name
    return f"~/{name}.eml"


def write_eml(message: SurveyMessage, path: str) -> Path:
    """The message as a ``.eml`` file, readable by the user only (``files``)."""
    from pipeline_tui.files import write_private_text

    return write_private_text(path, message.eml, newline="")


class SurveyMessageScreen(NamedScreen, ModalScreen[None], screen_name="survey_message"):
    """The message, selectable; ``y`` copies it whole (as the review copies its Markdown;
    ``c`` stays the app's), ``w`` writes the ``.eml``."""

    def __init__(self, message: SurveyMessage, today: date) -> None:
        super().__init__()
        self.message = message
        self.today = today

    @property
    def text(self) -> str:
        m = self.message
        to = _("To: {to}").format(to=m.to or _("(no contact with an email)"))
        subject = _("Subject: {subject}").format(subject=m.subject)
        return f"{to}\n{subject}\n\n{m.body}"

    def compose(self) -> ComposeResult:
        with Vertical(id="survey-message"):
            title = _("{kind} survey for {client}").format(
                kind=label(self.message.kind), client=self.message.client_name
            )
            yield Label(title[:1].upper() + title[1:], id="survey-message-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="survey-message-text")
        yield KeyFooter()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify(_("Copied: paste it in your mail app."))

    def action_write(self) -> None:
        def save(values: dict[str, Any]) -> Path:
            return write_eml(self.message, values["path"])

        def written(path: Path | None) -> None:
            if path is not None:
                self.app.notify(
                    _("Wrote {path} (open it in your mail app to send it).").format(path=path)
                )

        field = FieldSpec("path", _("File"), required=True, default=eml_name(self.message))
        self.app.push_screen(
            FormScreen(_("Write the message as a .eml file"), [field], self.today, save=save),
            written,
        )

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
