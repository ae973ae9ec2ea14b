"""The Textual application: modes (screens), global keys, theme. Thin: screens call services.

The app creates one ``TuiContext`` (``context.py``: the configuration, the read path, the store)
and gives it to every screen it builds; the screens and the global keys are declared once, in
``keymap.py``.

Start-up paints first, then fills the dashboard, then gets ready to write:

1. the app module imports only Textual: the first frame ("Opening your pipeline…") is painted;
2. a worker opens the read path (``store.reader``: ``sqlite3`` alone on a SQLite file at the
   current schema) and the dashboard, which reads through it and never imports SQLAlchemy;
3. once the dashboard has shown its numbers, a second worker opens the store (SQLAlchemy, the ORM,
   migrations if needed) and loads the other screens. Keys that need it (another screen, a new
   lead, marking an activity done) pressed before then are kept and run when it is ready.

On a database that is not a SQLite file at the current schema, step 2 opens the store itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from pipeline_tui.config import Config
from pipeline_tui.i18n import _, formats
from pipeline_tui.i18n.nobreak import keep_no_break_spaces
from pipeline_tui.tui import bench_hook, keymap
from pipeline_tui.tui.commands import PipelineCommands
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DashboardShown, DataChanged, OpenClient, OpenOffboarding
from pipeline_tui.tui.repaint import RepaintAfterBatch
from pipeline_tui.tui.screens.start import StartScreen
from pipeline_tui.tui.typeahead import TypeAhead
from pipeline_tui.tui.workers import ServiceCalls

keep_no_break_spaces(textual=True)  # a French amount (4 000 €) never splits across two lines

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.reader import ReadSource

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def screen_modes(app: PipelineApp) -> dict[str, Callable[[], Screen]]:
    """The app's screens by mode name, each built with the app's context when first shown
    (imported here: they pull in the services)."""
    return {entry.mode: partial(entry.screen_class(), app.context) for entry in keymap.SCREENS}


class PipelineApp(TypeAhead, RepaintAfterBatch, ServiceCalls, App[None]):
    """pipeline-tui's terminal interface (``TypeAhead``: keys typed ahead of a screen change go
    to the new screen; ``RepaintAfterBatch``: a screen shown while Textual held its paints is
    painted when they resume)."""

    TITLE = "pipeline-tui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {PipelineCommands}
    MODES = {"start": StartScreen}
    # Screens get "-narrow" below 110 columns (the styles stack panels there).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_MODE = "start"
    # Digits always work; the letters are shortcuts a screen may take for itself (keymap.py).
    BINDINGS = keymap.app_bindings()

    def __init__(
        self,
        store: Store | None = None,
        config: Config | None = None,
        *,
        theme: str | None = None,
    ) -> None:
        """``store`` may be given (tests, screenshots); otherwise it is opened after the first
        frame, from ``config``."""
        super().__init__()
        if config is None:
            if store is None:
                raise ValueError("give a store or a config")  # not shown: a programming error
            config = store.config
        self.context = TuiContext(config, store, write_gate=self.can_write)
        self.ready = False
        self._opening_store = False
        self._pending: str | None = None  # an action asked for before the store was open
        self._installed: set[str] = set()  # the modes added so far
        self.write_error: str | None = None  # why the store could not open behind the dashboard
        if theme:
            self.theme = theme

    @property
    def config(self) -> Config:
        return self.context.config

    @property
    def store(self) -> Store | None:
        """The store, once open (tests and benchmarks look; screens use their context)."""
        return self.context.store

    @property
    def reads(self) -> ReadSource | None:
        """Where the dashboard reads from: the read path, else the store (None before either)."""
        return self.context.read_path or self.context.store

    def on_mount(self) -> None:
        bench_hook.app_mounted(self)  # PIPELINE_TUI_BENCH=first-frame (benchmarks)
        self.sub_title = _("today {day}").format(
            day=formats.weekday_day_month_year(self.config.today)
        )
        if self.context.store is not None:
            self._install(self.context.store, screen_modes(self))
        else:
            # Let the first frame paint before the worker competes for the interpreter.
            self.call_after_refresh(self._open_reads)

    # Start-up's own two workers: they open what the services need, and their failures go to
    # the start screen (not ``call_service``, which is for the screens' calls to the services).
    @work(thread=True, exit_on_error=False)
    def _open_reads(self) -> None:
        """Step 2: the read path and the dashboard (the store itself when there is no fast path)."""
        from pipeline_tui.errors import PipelineError
        from pipeline_tui.tui.context import open_read_path

        reads = None
        try:
            reads = open_read_path(self.config)
            if reads is None:
                self._open_store_now()
                return
            from pipeline_tui.services.dashboard import load_dashboard_start
            from pipeline_tui.tui.screens.dashboard import DashboardScreen

            preloaded = load_dashboard_start(reads, self.config.today)
        except PipelineError as exc:
            self.call_from_thread(self._failed, str(exc), getattr(exc, "exit_code", 1))
            return
        except Exception as exc:  # the fast path is an optimisation: take the usual one
            self.log.warning(f"the read path failed, opening the store instead: {exc!r}")
            if reads is not None:
                reads.close()
            self._open_store_now()
            return
        context = self.context
        self.call_from_thread(
            self._show_dashboard, reads, lambda: DashboardScreen(context, preloaded)
        )

    def _show_dashboard(self, reads: ReadSource, dashboard: Callable[[], Screen]) -> None:
        self.context.read_path = reads
        self.add_mode("dashboard", dashboard)
        self._installed.add("dashboard")
        self.switch_mode("dashboard")

    def on_dashboard_shown(self, _message: DashboardShown) -> None:
        self.dashboard_shown()

    def dashboard_shown(self) -> None:
        """Step 3, once the dashboard has its numbers on screen."""
        if self.context.store is None and not self._opening_store:
            self._opening_store = True
            self.call_after_refresh(self._open_store)

    @work(thread=True, exit_on_error=False)
    def _open_store(self) -> None:
        self._open_store_now()

    def _open_store_now(self) -> None:
        """Open the store and load the screens (on a worker's thread)."""
        from pipeline_tui.errors import PipelineError
        from pipeline_tui.tui.context import open_store

        try:
            modes = screen_modes(self)
            store = open_store(self.config)
        except PipelineError as exc:
            self.call_from_thread(self._failed, str(exc), getattr(exc, "exit_code", 1))
            return
        self.call_from_thread(self._install, store, modes)

    def _failed(self, message: str, code: int) -> None:
        screen = self.screen
        if isinstance(screen, StartScreen):
            self.start_error = (message, code)
            screen.show_error(message)
        else:  # the dashboard is showing: it stays, read-only
            self.write_error = message
            self._pending = None
            said = _("{message}\nThe dashboard is read-only.").format(message=message)
            self.notify(said, severity="error", timeout=30)

    def _install(self, store: Store, modes: dict[str, Callable[[], Screen]]) -> None:
        store.start_journal()  # ctrl+z goes back through what this run wrote
        self.context.store = store
        for name, screen in modes.items():
            if name not in self._installed:
                self.add_mode(name, screen)
                self._installed.add(name)
        self.ready = True
        if self.current_mode != "dashboard":
            self.switch_mode("dashboard")
        pending, self._pending = self._pending, None
        if pending is not None:
            self.call_later(self.run_action, pending)
        bench_hook.app_ready(self)  # PIPELINE_TUI_BENCH=ready (benchmarks)

    def can_write(self, action: str | None = None) -> bool:
        """True once the store is open; else say so, and keep ``action`` to run when it is."""
        if self.ready:
            return True
        if self.write_error is not None:
            self.notify(
                _("Read-only: {error}").format(error=self.write_error), severity="error", timeout=6
            )
            return False
        if action is not None:
            self._pending = action
        self.notify(_("One moment: opening the database for writing…"), timeout=2)
        return False

    def action_goto(self, mode: str) -> None:
        shown = mode == "dashboard" and "dashboard" in self._installed
        if shown or self.can_write(f"goto('{mode}')"):
            self.switch_mode(mode)

    def action_on_screen(self, mode: str, action: str) -> None:
        """Go to screen ``mode`` and run its ``action`` there (the palette's way to an action
        of another screen)."""
        if not self.can_write(f"on_screen({mode!r}, {action!r})"):  # not shown: an action
            return
        self.switch_mode(mode)
        self.call_after_refresh(self.screen.run_action, action)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, less its "Keys" panel (``?`` lists every key of the
        screen, and the palette has it as "Show the keys"), with a screenshot that never fails
        for want of a Downloads folder."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue
            if command.title == "Screenshot":
                command = SystemCommand(
                    _("Screenshot"),
                    _("Save an SVG screenshot (in Downloads, else the current folder)"),
                    self.action_screenshot,
                )
            yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        from platformdirs import user_downloads_path

        if path is None:
            downloads = user_downloads_path()
            path = str(downloads if downloads.is_dir() else Path.cwd())
        stamp = f"{datetime.now():%Y-%m-%d_%H-%M-%S}"
        name = filename or f"pipeline-tui-{stamp}.svg"  # not shown: a file name
        try:
            self.save_screenshot(name, path)
        except OSError as exc:
            why = exc.strerror or str(exc)
            self.notify(_("The screenshot was not saved: {why}").format(why=why), severity="error")
            return
        self.notify(_("Screenshot saved: {path}").format(path=Path(path) / name))

    def action_help(self) -> None:
        from pipeline_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def action_undo(self) -> None:
        """Put back the last change this run made (``store.journal``), off the event loop."""
        if not self.can_write("undo"):
            return
        store = self.context.require_store()
        journal = store.start_journal()  # started when the store was installed: the same one
        self.call_service(journal.undo, store, then=self._undone, group="undo")

    def _undone(self, said: str) -> None:
        self.notify(_("Undone: {change}").format(change=said))
        self.post_message(DataChanged())

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_quick_add(self) -> None:
        if not self.can_write("quick_add"):
            return
        from pipeline_tui.tui.screens.quick_add import QuickAddScreen

        def added(result: object | None) -> None:
            if result is not None:
                self.post_message(DataChanged())

        self.push_screen(QuickAddScreen(self.context), added)

    def action_transfer(self) -> None:
        if not self.can_write("transfer"):
            return
        from pipeline_tui.tui.screens.transfer import TransferScreen

        def done(changed: bool | None) -> None:
            if changed:
                self.post_message(DataChanged())

        self.push_screen(TransferScreen(self.context), done)

    def on_open_client(self, message: OpenClient) -> None:
        self.switch_mode("clients")
        select_client = getattr(self.screen, "select_client", None)
        if select_client is not None:
            select_client(message.client_id)

    def on_open_offboarding(self, message: OpenOffboarding) -> None:
        """Show one offboarding checklist (after a mission was ended early)."""
        from pipeline_tui.tui.screens.offboarding import OffboardingScreen

        self.post_message(DataChanged())
        self.push_screen(OffboardingScreen(self.context, message.offboarding_id))

    def on_offboarding_screen_changed(self, _message: object) -> None:
        self.post_message(DataChanged())

    def on_data_changed(self, _: DataChanged) -> None:
        self.context.data_version += 1
        # Other screens reload when they come back into view; the visible one reloads now.
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()
