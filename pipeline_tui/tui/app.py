"""The Textual application: modes (screens), global keys, theme. Thin: screens call services.

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

from collections.abc import Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from pipeline_tui.config import Config
from pipeline_tui.tui import bench_hook
from pipeline_tui.tui.commands import PipelineCommands
from pipeline_tui.tui.messages import DataChanged, OpenClient
from pipeline_tui.tui.screens.start import StartScreen

NAVIGATION = (
    ("1", "d", "dashboard", "Dashboard"),
    ("2", "p", "pipeline", "Pipeline"),
    ("3", "c", "clients", "Clients"),
    ("4", "a", "agenda", "Agenda"),
    ("5", "l", "plan", "Plan"),
    ("6", "r", "review", "Review"),
    ("7", "o", "offboarding", "Offboarding"),
)
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def screen_modes(app: PipelineApp) -> dict[str, Callable[[], Screen]]:
    """The app's screens by mode name (imported here: they pull in the services)."""
    from pipeline_tui.tui.screens.agenda import AgendaScreen
    from pipeline_tui.tui.screens.clients import ClientsScreen
    from pipeline_tui.tui.screens.dashboard import DashboardScreen
    from pipeline_tui.tui.screens.offboarding import OffboardingScreen
    from pipeline_tui.tui.screens.pipeline import PipelineScreen
    from pipeline_tui.tui.screens.plan import PlanScreen
    from pipeline_tui.tui.screens.review import ReviewScreen

    return {
        "dashboard": DashboardScreen,
        "pipeline": PipelineScreen,
        "clients": ClientsScreen,
        "agenda": AgendaScreen,
        "plan": lambda: PlanScreen(app.store, app.config),
        "review": lambda: ReviewScreen(app.store, app.config),
        "offboarding": lambda: OffboardingScreen(app.store, app.config),
    }


class PipelineApp(App[None]):
    """pipeline-tui's terminal interface."""

    TITLE = "pipeline-tui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {PipelineCommands}
    MODES = {"start": StartScreen}
    # Screens get "-narrow" below 110 columns (the styles stack panels there).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    DEFAULT_MODE = "start"
    BINDINGS = [
        # Digits always work; the letters are shortcuts a screen may take for itself.
        *(
            binding
            for digit, letter, mode, name in NAVIGATION
            for binding in (
                Binding(digit, f"goto('{mode}')", name),
                Binding(letter, f"goto('{mode}')", name, show=False),
            )
        ),
        Binding("n", "quick_add", "New lead"),
        Binding("i", "transfer", "Import/export", show=False),
        Binding("question_mark", "help", "Keys"),
        Binding("t", "toggle_theme", "Light/dark", show=False),
        Binding("q", "quit", "Quit", show=False),
    ]
    # (name in the palette, help, action)
    PALETTE_ACTIONS = [
        ("Go to the dashboard", "key 1 or d", "goto('dashboard')"),
        ("Go to the pipeline", "key 2 or p", "goto('pipeline')"),
        ("Go to the clients", "key 3 or c", "goto('clients')"),
        ("Go to the agenda", "key 4 or a", "goto('agenda')"),
        ("Go to the plan and what-if", "key 5 or l", "goto('plan')"),
        ("Go to the weekly review", "key 6 or r", "goto('review')"),
        ("Go to the offboarding checklists", "key 7 or o", "goto('offboarding')"),
        ("New lead (quick add)", "key n", "quick_add"),
        ("Import or export (LinkedIn, CSV, JSON, calendar)", "key i", "transfer"),
        ("Toggle light / dark theme", "key t", "toggle_theme"),
        ("Show the keys", "key ?", "help"),
    ]

    def __init__(
        self,
        store=None,
        config: Config | None = None,
        *,
        theme: str | None = None,
        prefetch=None,
    ):
        """``store`` may be given (tests, screenshots); otherwise it is opened after the first
        frame, from ``config``. ``prefetch``: a helper process already reading the dashboard
        (``pipeline_tui.prefetch``), whose result is taken instead of reading it here."""
        super().__init__()
        if config is None:
            if store is None:
                raise ValueError("give a store or a config")
            config = store.config
        self.store = store
        self.reads = store  # where the dashboard reads from (``store.reader``)
        self.config = config
        self.ready = False
        self._opening_store = False
        self._pending: str | None = None  # an action asked for before the store was open
        self._installed: set[str] = set()  # the modes added so far
        self.write_error: str | None = None  # why the store could not open behind the dashboard
        self.data_version = 0  # counts the DataChanged messages: what a screen's data is as of
        self._prefetch = prefetch
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        bench_hook.app_mounted(self)  # PIPELINE_TUI_BENCH=first-frame (benchmarks)
        self.sub_title = f"today {self.config.today:%a %d %b %Y}"
        if self.store is not None:
            self._install(self.store, screen_modes(self))
        else:
            # Let the first frame paint before the worker competes for the interpreter.
            self.call_after_refresh(self._open_reads)

    @work(thread=True, exit_on_error=False)
    def _open_reads(self) -> None:
        """Step 2: the read path and the dashboard (the store itself when there is no fast path)."""
        from pipeline_tui.errors import PipelineError
        from pipeline_tui.store.reader import open_read_store

        reads = None
        try:
            reads = open_read_store(self.config)
            if reads is None:
                if self._prefetch is not None:
                    self._prefetch.cancel()
                self._open_store_now()
                return
            from pipeline_tui.services.dashboard import load_dashboard_start
            from pipeline_tui.tui.screens.dashboard import DashboardScreen

            preloaded = self._prefetch.result() if self._prefetch is not None else None
            if preloaded is None:  # no helper, or it could not read: read here
                preloaded = load_dashboard_start(reads, self.config.today)
        except PipelineError as exc:
            self.call_from_thread(self._failed, str(exc), getattr(exc, "exit_code", 1))
            return
        except Exception as exc:  # the fast path is an optimisation: take the usual one
            self.log.error(f"the read path failed, opening the store instead: {exc!r}")
            if reads is not None:
                reads.close()
            self._open_store_now()
            return
        self.call_from_thread(self._show_dashboard, reads, lambda: DashboardScreen(preloaded))

    def _show_dashboard(self, reads, dashboard: Callable[[], Screen]) -> None:
        self.reads = reads
        self.add_mode("dashboard", dashboard)
        self._installed.add("dashboard")
        self.switch_mode("dashboard")

    def dashboard_shown(self) -> None:
        """Step 3, once the dashboard has its numbers on screen."""
        if self.store is None and not self._opening_store:
            self._opening_store = True
            self.call_after_refresh(self._open_store)

    @work(thread=True, exit_on_error=False)
    def _open_store(self) -> None:
        self._open_store_now()

    def _open_store_now(self) -> None:
        """Open the store and load the screens (on a worker's thread)."""
        from pipeline_tui.errors import PipelineError
        from pipeline_tui.store.database import open_store

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
            self.notify(f"{message}\nThe dashboard is read-only.", severity="error", timeout=30)

    def _install(self, store, modes: dict[str, Callable[[], Screen]]) -> None:
        self.store = store
        if self.reads is None:
            self.reads = store
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
            self.notify(f"Read-only: {self.write_error}", severity="error", timeout=6)
            return False
        if action is not None:
            self._pending = action
        self.notify("One moment: opening the database for writing…", timeout=2)
        return False

    def action_goto(self, mode: str) -> None:
        shown = mode == "dashboard" and "dashboard" in self._installed
        if shown or self.can_write(f"goto('{mode}')"):
            self.switch_mode(mode)

    def action_help(self) -> None:
        from pipeline_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_quick_add(self) -> None:
        if not self.can_write("quick_add"):
            return
        from pipeline_tui.tui.screens.quick_add import QuickAddScreen

        def added(result) -> None:
            if result is not None:
                self.post_message(DataChanged())

        self.push_screen(QuickAddScreen(), added)

    def action_transfer(self) -> None:
        if not self.can_write("transfer"):
            return
        from pipeline_tui.tui.screens.transfer import TransferScreen

        def done(changed) -> None:
            if changed:
                self.post_message(DataChanged())

        self.push_screen(TransferScreen(self.store, self.config), done)

    def on_open_client(self, message: OpenClient) -> None:
        self.switch_mode("clients")
        select = getattr(self.screen, "select_client", None)
        if select is not None:
            select(message.client_id)

    def open_offboarding(self, offboarding_id: int) -> None:
        """Show one offboarding checklist (after a mission was ended early)."""
        from pipeline_tui.tui.screens.offboarding import OffboardingScreen

        self.post_message(DataChanged())
        self.push_screen(OffboardingScreen(self.store, self.config, offboarding_id))

    def on_offboarding_screen_changed(self, _message) -> None:
        self.post_message(DataChanged())

    def on_data_changed(self, _: DataChanged) -> None:
        self.data_version += 1
        # Other screens reload when they come back into view; the visible one reloads now.
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()
