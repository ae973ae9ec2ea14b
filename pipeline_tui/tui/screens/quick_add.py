"""``n`` from anywhere: one line, parsed as you type, saved only when it is valid.

The line uses the same parser as ``pipeline-tui add`` (domain/quickadd.py); the preview shows
what will be created (and which client or contact already exists), errors are underlined in
place, Tab completes known clients and contacts.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from pipeline_tui.domain import quickadd
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import N_, _
from pipeline_tui.services import leads
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.workers import ServiceCalls

# Translated, the example must still be a line the quick-add grammar reads (it reads French and
# English words alike): tests/tui/test_french_screens.py parses it.
EXAMPLE = N_('Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri "met at Devoxx"')


class QuickAddScreen(ServiceCalls, AppScreen, ModalScreen[object | None]):
    CSS_PATH = "../styles/quick_add.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("tab", "complete", N_("Complete"), priority=True),
    ]

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.names: list[str] = []
        self.result: quickadd.ParseResult | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-add"):
            yield Label(_("New lead — one line, Enter to save, Tab to complete, Esc to cancel"))
            yield Input(placeholder=_(EXAMPLE), id="line")
            yield Static("", id="underline")
            yield Static(_example(), id="preview")
            yield Static("", id="existing")

    def on_mount(self) -> None:
        self.query_one("#line", Input).focus()
        self.load_names()

    def load_names(self) -> None:
        self.call_with_store(leads.known_names, then=self._names_loaded)

    def _names_loaded(self, names: list[str]) -> None:
        self.names = names

    def on_input_changed(self, event: Input.Changed) -> None:
        line = event.value
        if not line.strip():
            self.result = None
            self.query_one("#underline", Static).update("")
            self.query_one("#preview", Static).update(_example())
            self.query_one("#existing", Static).update("")
            return
        self.result = quickadd.parse(line, self.context.today)
        self._show(line, self.result)

    def _show(self, line: str, result: quickadd.ParseResult) -> None:
        marks = [" "] * (len(line) + 1)
        for error in result.errors:
            for i in range(error.start, min(max(error.end, error.start + 1), len(marks))):
                marks[i] = "^"
        underline = Text("".join(marks).rstrip(), style="bold red")  # not shown: a style
        self.query_one("#underline", Static).update(underline)
        preview = self.query_one("#preview", Static)
        if result.errors:
            lines = Text()
            for error in result.errors:
                lines.append(f"✗ {error.message}\n", style="red")
            preview.update(lines)
            self.query_one("#existing", Static).update("")
            return
        assert result.draft is not None
        preview.update(Text("\n".join(quickadd.describe(result.draft)), style="green"))
        self.preview_existing(result.draft)

    def preview_existing(self, draft: quickadd.LeadDraft) -> None:
        self.call_with_store(
            leads.lead_preview,
            draft,
            self.context.today,
            then=lambda preview: self._show_preview(draft, preview),
            group="lead-preview",
            exclusive=True,
        )

    def _show_preview(self, draft: quickadd.LeadDraft, preview) -> None:
        if self.result is None or self.result.draft != draft:
            return  # the line changed meanwhile
        lines = Text("\n".join(preview.lines), style="green")
        start = 0
        for line in preview.lines:  # a renewal refused (✗) in red
            if line.startswith("✗"):
                lines.stylize("bold red", start, start + len(line))  # not shown: a style
            start += len(line) + 1
        self.query_one("#preview", Static).update(lines)
        warnings = [w.message for w in self.result.warnings]
        self.query_one("#existing", Static).update(
            Text("\n".join(f"! {w}" for w in warnings), style="yellow")
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        result = quickadd.parse(event.value, self.context.today)
        self.result = result
        if result.draft is None:
            self._show(event.value, result)
            self.app.bell()
            return
        if not self.saving:
            self.saving = True
            self.save(result.draft)

    def save(self, draft: quickadd.LeadDraft) -> None:
        self.call_with_store(
            leads.add_lead,
            draft,
            self.context.today,
            then=self._saved,
            failed=self._failed,
            group="lead-save",
            exclusive=True,
        )

    def _failed(self, error: PipelineError) -> None:
        self.saving = False
        self.query_one("#preview", Static).update(Text(f"✗ {error}", style="red"))

    def _saved(self, added) -> None:
        app = self.app
        self.dismiss(added)  # first: the confirmation then shows on the screen underneath
        app.notify(leads.describe_added(added), title=_("Lead added"))
        for warning in getattr(added, "warnings", ()):
            app.notify(warning, severity="warning")

    def action_complete(self) -> None:
        line_input = self.query_one("#line", Input)
        options = quickadd.complete(line_input.value, line_input.cursor_position, self.names)
        if len(options) == 1:
            line_input.value = options[0]
            line_input.cursor_position = len(options[0])
        elif options:
            self.query_one("#existing", Static).update(
                Text(_("Tab: {names}").format(names=" · ".join(options[:8])), style="dim")
            )

    def action_cancel(self) -> None:
        self.dismiss(None)


def _example() -> Text:
    """The example line under the empty input (plain text: the line's quotes and brackets
    stay as typed)."""
    return Text(_("e.g. {line}").format(line=_(EXAMPLE)), style="dim")
