"""Import and export from the TUI: pick what to do, type a path, watch the progress.

The work runs in a thread worker (never on the event loop); the service's ``progress(done, total)``
callback moves the progress bar through ``app.call_from_thread``. The result — the import report
with the line numbers of the rows left out, or the error — shows under the bar. The screen
dismisses with True when it wrote to the database (so the caller reloads what it shows), False
otherwise: ``push_screen(TransferScreen(context), callback)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from pipeline_tui.config import Config
from pipeline_tui.i18n import N_, _, formats, ngettext
from pipeline_tui.services.transfer.report import Progress
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.screens.behaviours import AppScreen
from pipeline_tui.tui.workers import ServiceCalls

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store

SHOWN_PROBLEMS = 200  # rows left out listed on screen; the CLI lists them all


@dataclass(frozen=True)
class TransferAction:
    """One choice of the screen; its label and placeholder in English, translated where shown."""

    key: str
    label: str
    placeholder: str
    writes: bool  # changes the database (the caller reloads)


ACTIONS: tuple[TransferAction, ...] = (
    TransferAction(
        "import_linkedin", N_("Import LinkedIn connections"), N_("path of Connections.csv"), True
    ),
    TransferAction(
        "import_csv", N_("Import a spreadsheet (CSV)"), N_("path of the .csv (or .tsv) file"), True
    ),
    TransferAction(
        "import_json",
        N_("Restore a JSON export (empty database)"),
        N_("path of the .json export"),
        True,
    ),
    TransferAction(
        "export_json", N_("Export everything as JSON"), N_("path of the .json to write"), False
    ),
    TransferAction(
        "export_csv",
        N_("Export one CSV file per table"),
        N_("folder to write the files into"),
        False,
    ),
    TransferAction(
        "export_ics",
        N_("Export due activities as a calendar"),
        N_("path of the .ics to write"),
        False,
    ),
)
_BY_KEY = {action.key: action for action in ACTIONS}
KINDS = ((N_("Contacts"), "contacts"), (N_("Deals"), "deals"), (N_("Activities"), "activities"))


def run_transfer(
    store: Store,
    config: Config,
    action: str,
    path: Path,
    *,
    kind: str = "contacts",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> str:
    """Do ``action`` on ``path`` through the services; returns the text to show."""
    if action == "import_linkedin":
        from pipeline_tui.services.transfer.linkedin import import_linkedin

        report = import_linkedin(store, path, dry_run=dry_run, progress=progress)
        return report.summary(SHOWN_PROBLEMS)
    if action == "import_csv":
        from pipeline_tui.services.transfer.csv_import import import_csv

        report = import_csv(
            store, path, kind, today=config.today, dry_run=dry_run, progress=progress
        )
        return report.summary(SHOWN_PROBLEMS)
    if action == "import_json":
        from pipeline_tui.services.transfer.json_io import import_json

        return import_json(store, path, progress=progress).summary()
    if action == "export_json":
        from pipeline_tui.files import private_file
        from pipeline_tui.services.transfer.json_io import write_json_export

        with private_file(path) as handle:
            counts = write_json_export(store, handle, today=config.today, progress=progress)
        rows = sum(counts.values())
        return ngettext(
            "Exported {count} row to {path}", "Exported {count} rows to {path}", rows
        ).format(count=formats.number(rows), path=path)
    if action == "export_csv":
        from pipeline_tui.services.transfer.csv_export import export_csv

        files = export_csv(store, path, progress=progress)
        return ngettext(
            "Exported {count} table to {path}", "Exported {count} tables to {path}", len(files)
        ).format(count=formats.number(len(files)), path=path)
    if action == "export_ics":
        from pipeline_tui.files import private_file
        from pipeline_tui.services.transfer.ics import build_calendar

        data = build_calendar(store, stamp=datetime.now(UTC))
        with private_file(path, "wb") as handle:
            handle.write(data)
        return _("Calendar of due activities written to {path}").format(path=path)
    raise ValueError(f"unknown transfer action {action!r}")  # not shown: a programming error


class TransferScreen(ServiceCalls, AppScreen, ModalScreen[bool]):
    """Import (LinkedIn, CSV, JSON) and export (JSON, CSV, calendar) with a progress bar."""

    CSS_PATH = "transfer.tcss"
    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.wrote = False
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="transfer-dialog"):
            yield Label(_("Import and export"), id="transfer-title")
            yield Select(
                [(_(a.label), a.key) for a in ACTIONS],
                value=ACTIONS[0].key,
                allow_blank=False,
                id="action",
            )
            with Horizontal(id="import-options"):
                yield Label(_("Rows are"), id="kind-label")
                yield Select(
                    [(_(title), kind) for title, kind in KINDS],
                    value="contacts",
                    allow_blank=False,
                    id="kind",
                )
                yield Checkbox(_("Dry run (write nothing)"), id="dry-run")
            yield Input(placeholder=_(ACTIONS[0].placeholder), id="path")
            with Horizontal(id="transfer-buttons"):
                yield Button(_("Run"), id="run", variant="primary")
                yield Button(_("Close"), id="close")
            yield ProgressBar(id="progress", show_eta=False)
            with VerticalScroll(id="result-box"):
                yield Static("", id="result")

    def on_mount(self) -> None:
        self._show_options(ACTIONS[0].key)
        self.query_one("#path", Input).focus()

    def _show_options(self, key: str) -> None:
        self.query_one("#import-options").display = key in ("import_linkedin", "import_csv")
        self.query_one("#kind-label").display = key == "import_csv"
        self.query_one("#kind").display = key == "import_csv"
        self.query_one("#path", Input).placeholder = _(_BY_KEY[key].placeholder)

    @on(Select.Changed, "#action")
    def _action_changed(self, event: Select.Changed) -> None:
        self._show_options(str(event.value))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#run")
    def _run(self) -> None:
        if self.running:
            return
        raw = self.query_one("#path", Input).value.strip()
        result = self.query_one("#result", Static)
        if not raw:
            result.update(_("Type the path of the file (or folder) first."))
            result.set_class(True, "error")
            return
        action = str(self.query_one("#action", Select).value)
        kind = str(self.query_one("#kind", Select).value)
        dry_run = (
            action in ("import_linkedin", "import_csv")
            and self.query_one("#dry-run", Checkbox).value
        )
        self.running = True
        self.query_one("#run", Button).disabled = True
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        result.set_class(False, "error")
        result.update(_("Working…"))
        self.transfer(action, Path(raw).expanduser(), kind, dry_run)

    def transfer(self, action: str, path: Path, kind: str, dry_run: bool) -> None:
        app = self.app

        def progress(done: int, total: int) -> None:  # (called on the worker's thread)
            app.call_from_thread(self._progress, done, total)

        wrote = _BY_KEY[action].writes and not dry_run
        self.call_with_store(
            run_transfer,
            self.context.config,
            action,
            path,
            kind=kind,
            dry_run=dry_run,
            progress=progress,
            then=lambda text: self._finished(text, True, wrote),
            failed=lambda error: self._finished(
                _("Error: {error}").format(error=error), False, False
            ),
            group="transfer",
            exclusive=True,
        )

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _finished(self, text: str, ok: bool, wrote: bool) -> None:
        self.running = False
        self.wrote = self.wrote or wrote
        self.query_one("#run", Button).disabled = False
        bar = self.query_one("#progress", ProgressBar)
        if not ok:
            bar.display = False  # a bar still pulsing under an error would say work goes on
        elif bar.total is None:
            bar.update(total=1, progress=1)
        result = self.query_one("#result", Static)
        result.set_class(not ok, "error")
        result.update(text)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        if self.running:
            self.notify(_("Wait for the work under way to finish."), severity="warning")
            return
        self.dismiss(self.wrote)
