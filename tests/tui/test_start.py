"""Start-up: the first frame comes before the store is open; a bad database is said in words."""

from __future__ import annotations

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
