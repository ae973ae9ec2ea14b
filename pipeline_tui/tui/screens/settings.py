"""The settings screen: every setting that decides a number, its value, its default and what it
changes (``domain.settings``' registry, the same list as ``pipeline-tui settings``).

A map setting shows one row per entry (``rot_days.proposal``). Enter edits the selected row in a
small form that checks the text as it is typed with the registry's own parser and check (and
keeps what was typed on an error); Delete puts it back to its default. Reads and writes run in
workers.

The descriptions come from the registry marked for the catalog (``N_``) and are translated here,
where they are shown. The ``language`` setting is read when the app starts (``tui/launch``): a
change says that it takes effect at the next start.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from pipeline_tui.domain.settings import SettingRow, edit_text, parse_setting, setting_rows
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import _
from pipeline_tui.services.settings import load_settings, reset_setting, set_setting
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.behaviours import AppScreen, Refreshing
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen
from pipeline_tui.tui.widgets.footer import KeyFooter
from pipeline_tui.tui.widgets.header import AppHeader
from pipeline_tui.tui.workers import ServiceCalls

# The settings the app reads once, when it starts (the language it speaks).
NEXT_START = frozenset({"language"})


def _load(source) -> tuple[list[SettingRow], dict[str, str]]:
    settings = load_settings(source)
    rows = [_auto(row) for row in setting_rows(settings)]
    return rows, {row.path: edit_text(settings, row.path) or _auto_text(row.path) for row in rows}


def _auto_text(path: str) -> str:
    """What an empty value reads: the empty language follows the environment, and ``auto`` is
    the word that sets it so."""
    return "auto" if path == "language" else ""


def _auto(row: SettingRow) -> SettingRow:
    return replace(
        row,
        value=row.value or _auto_text(row.path),
        default=row.default or _auto_text(row.path),
    )


def _check(path: str):
    def check(text: str) -> None:
        parse_setting(path, text, {})  # the stored entries are valid: this one decides

    return check


class SettingsScreen(Refreshing, ServiceCalls, AppScreen, Screen[None], screen_name="settings"):
    def __init__(self, context: TuiContext) -> None:
        super().__init__(context)
        self.rows: list[SettingRow] = []
        self.texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield AppHeader()
        with Horizontal(id="settings-head"):
            yield Label(_("Settings"), id="settings-title")
            yield Label(_("Enter edit · Del reset to default · * changed"), id="settings-hint")
        yield DataTable(id="settings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="settings-help")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#settings", DataTable)
        table.add_column(_("Setting"), key="path")
        table.add_column(_("Value"), key="value")
        table.add_column(_("Default"), key="default")
        table.add_column("", key="changed", width=1)
        table.add_column(_("What it changes"), key="description")
        table.loading = True
        table.focus()
        self.refresh_data()

    def refresh_data(self) -> None:
        self.call_service(
            _load, self.context.reads, then=self._show, group="settings", exclusive=True
        )

    def _show(self, loaded: tuple[list[SettingRow], dict[str, str]]) -> None:
        self.rows, self.texts = loaded
        table = self.query_one("#settings", DataTable)
        row = table.cursor_row
        table.clear()
        for s in self.rows:
            table.add_row(
                s.path, s.value, s.default, "*" if s.changed else "", _(s.description), key=s.path
            )
        table.loading = False
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))
        self._describe()

    def selected(self) -> SettingRow | None:
        table = self.query_one("#settings", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _describe(self) -> None:
        row = self.selected()
        text = ""
        if row is not None:
            said = (
                _("{path} = {value} (changed), default {default}: {description}")
                if row.changed
                else _("{path} = {value}, default {default}: {description}")
            )
            text = said.format(
                path=row.path, value=row.value, default=row.default, description=_(row.description)
            )
        self.query_one("#settings-help", Static).update(text)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._describe()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit(row, self.texts.get(row.path, row.value))

    def edit(self, row: SettingRow, text: str, error: str | None = None) -> None:
        """The one-field form for ``row``, starting from ``text`` (and ``error`` if a save
        failed: the form comes back with what was typed)."""
        form = FormScreen(
            _("Setting {path}").format(path=row.path),
            [
                FieldSpec(
                    "value",
                    _("Default {default} — {description}").format(
                        default=row.default, description=_(row.description)
                    ),
                    required=True,
                    default=text,
                    max_len=5000,
                    check=_check(row.path),
                )
            ],
            self.context.today,
        )

        def save(values) -> None:
            if not values:
                return
            typed = values["value"]
            self.call_with_store(
                set_setting,
                row.path,
                typed,
                then=lambda _stored: self._changed(self._saved(row)),
                failed=lambda exc: self._save_failed(row, typed, exc),
            )

        self.app.push_screen(form, save)
        if error:
            form.call_after_refresh(form.show_error, error)

    def _save_failed(self, row: SettingRow, typed: str, exc: PipelineError) -> None:
        self.edit(row, typed, str(exc))

    def action_reset(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.changed:
            self.notify(
                _("{path} already has its default, {default}.").format(
                    path=row.path, default=row.default
                )
            )
            return
        self.call_with_store(
            reset_setting,
            row.path,
            then=lambda _key: self._changed(self._reset(row)),
        )

    @staticmethod
    def _saved(row: SettingRow) -> str:
        if row.path in NEXT_START:
            return _("{path} saved: the app takes it at its next start.").format(path=row.path)
        return _("{path} saved").format(path=row.path)

    @staticmethod
    def _reset(row: SettingRow) -> str:
        if row.path in NEXT_START:
            return _("{path} is back to its default: the app takes it at its next start.").format(
                path=row.path
            )
        return _("{path} is back to {default}").format(path=row.path, default=row.default)

    def _changed(self, message: str) -> None:
        self.notify(message)
        self.post_message(DataChanged())
