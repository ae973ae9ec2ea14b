"""Start-up: the first frame comes before the store is open; a bad database is said in words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline_tui.config import Config
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.screens.start import StartScreen
from tests.conftest import TODAY
from tests.tui.conftest import settle


def test_the_app_module_does_not_import_the_database_layer() -> None:
    code = textwrap.dedent(
        """
        import sys
        import pipeline_tui.tui.app
        heavy = [m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules]
        print(heavy)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


async def test_the_store_opens_after_the_first_frame(tmp_path: Path) -> None:
    config = Config(db_url=f"sqlite:///{tmp_path / 'new.db'}", today=TODAY)
    app = PipelineApp(None, config)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)  # painted with no store yet
        await settle(pilot)
        assert app.ready and app.store is not None
        assert type(app.screen).__name__ == "DashboardScreen"
    app.store.close()


async def test_a_database_that_cannot_be_opened_is_explained(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all\n" * 50)
    app = PipelineApp(None, Config(db_url=f"sqlite:///{bad}", today=TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        message = str(app.screen.query_one("#start-message").render())
        assert "not a SQLite database" in message
        await pilot.press("q")
    assert app.start_error[1] == 3


async def test_the_dashboard_fills_through_the_read_path(demo_template: Path, tmp_path: Path):
    """On a database at the current schema the dashboard (numbers and due list) comes from the
    read path; the store opens after it, and then every screen is there."""
    from pipeline_tui.store.reader import SqliteReadStore
    from pipeline_tui.tui.screens.dashboard import DashboardScreen
    from pipeline_tui.tui.widgets.lazy_table import LazyTable

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    app = PipelineApp(None, Config(db_url=f"sqlite:///{path}", today=TODAY))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert isinstance(app.reads, SqliteReadStore)
        assert app.screen.query_one("#due", LazyTable).row_count > 0
        assert "covered at" in str(app.screen.query_one("#worst-loss").render())
        assert app.ready and app.store is not None
        await pilot.press("2")
        await settle(pilot)
        assert type(app.screen).__name__ == "PipelineScreen"
    app.store.close()
    app.reads.close()


async def test_keys_pressed_before_the_store_is_open_run_once_it_is(
    demo_template: Path, tmp_path: Path, monkeypatch
):
    from pipeline_tui.store.database import open_store
    from pipeline_tui.tui import app as app_module
    from pipeline_tui.tui.screens.dashboard import DashboardScreen

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    config = Config(db_url=f"sqlite:///{path}", today=TODAY)
    monkeypatch.setattr(PipelineApp, "_open_store", lambda self: None)  # it never comes
    app = PipelineApp(None, config)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.store is None
        await pilot.press("2")
        await pilot.press("x")  # mark done: needs the store too
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert any("opening the database" in n.message for n in app._notifications)
        store = open_store(config)
        app._install(store, app_module.screen_modes(app))  # what the store's worker does
        await settle(pilot)
        assert type(app.screen).__name__ == "PipelineScreen"  # the last key asked for it
    store.close()
    app.reads.close()


def test_the_dashboard_is_populated_without_sqlalchemy(demo_template: Path, tmp_path: Path):
    """As a whole process: the dashboard's numbers are on screen before SQLAlchemy is
    imported (it loads afterwards, for writing)."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    code = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from pipeline_tui.config import Config
        from pipeline_tui.tui.app import PipelineApp

        shown = PipelineApp.dashboard_shown
        def dashboard_shown(self):
            heavy = [m for m in ("sqlalchemy", "sqlmodel") if m in sys.modules]
            label = str(self.screen.query_one("#worst-loss").render())
            print("AT POPULATED", heavy, "covered at" in label, file=sys.stderr)
            shown(self)
        PipelineApp.dashboard_shown = dashboard_shown
        app = PipelineApp(None, Config(db_url="sqlite:///{path}", today=date(2026, 11, 26)))
        app.run()
        """
    )
    env = {
        **os.environ,
        "PIPELINE_TUI_BENCH": "populated",
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "COLUMNS": "140",
        "LINES": "45",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert "AT POPULATED [] True" in out.stderr, out.stderr[-2000:]


async def test_a_store_that_cannot_open_leaves_the_dashboard_read_only(
    demo_template: Path, tmp_path: Path, monkeypatch
):
    """The dashboard was read; opening the store for writing then fails (say, the file is
    locked by a migration elsewhere): the numbers stay, and keys that would write say why."""
    from pipeline_tui.errors import DatabaseError
    from pipeline_tui.store import database
    from pipeline_tui.tui.screens.dashboard import DashboardScreen

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)

    def locked(config):
        raise DatabaseError(f"the database {path} is locked by another program")

    monkeypatch.setattr(database, "open_store", locked)
    app = PipelineApp(None, Config(db_url=f"sqlite:///{path}", today=TODAY))
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.store is None
        assert "covered at" in str(app.screen.query_one("#worst-loss").render())
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Read-only: ") and "locked" in m for m in messages)
        assert not hasattr(app, "start_error")
    app.reads.close()


async def test_an_unexpected_failure_of_the_read_path_falls_back_to_the_store(
    demo_template: Path, tmp_path: Path, monkeypatch
):
    from pipeline_tui.tui.screens.dashboard import DashboardScreen

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)

    def broken(reads, today):
        raise RuntimeError("a bug in the read path")

    from pipeline_tui.services import dashboard

    monkeypatch.setattr(dashboard, "load_dashboard_start", broken)
    app = PipelineApp(None, Config(db_url=f"sqlite:///{path}", today=TODAY))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.ready and app.reads is app.store
        assert "covered at" in str(app.screen.query_one("#worst-loss").render())
    app.store.close()


async def test_the_dashboard_names_who_leaves_at_the_first_date(renewed_first_db: Path) -> None:
    """The in-time sentence names the client who leaves on the first date coverage in time has
    (Beta), not the first loss in the list (Alpha, renewed at 100 %: it loses nothing)."""
    app = PipelineApp(None, Config(db_url=f"sqlite:///{renewed_first_db}", today=TODAY))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await settle(pilot)
        sentence = str(app.screen.query_one("#worst-loss").render())
        assert "lands before Beta leaves on 15 Jan 2027" in sentence, sentence
        await pilot.press("q")
