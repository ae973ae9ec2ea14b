"""The import/export screen, pressed key by key with Pilot in a tiny app that pushes it."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App
from textual.widgets import Input, ProgressBar, Select, Static

from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.transfer import TransferScreen
from tests.helpers import TransferHost as Host
from tests.helpers import counts, write_linkedin
from tests.tui.conftest import settle


def _result(app: App) -> Static:
    return app.screen.query_one("#result", Static)


async def test_import_linkedin_with_progress_and_line_numbers(
    store: Store, tmp_path: Path, db_path: Path, monkeypatch
) -> None:
    rows = [
        [f"P{i}", "Test", f"https://www.linkedin.com/in/p{i}", "", f"Co {i % 9}", "", "1 Jan 2024"]
        for i in range(3_000)
    ]
    rows[1][2] = ""  # line 6: no profile URL
    path = write_linkedin(tmp_path / "Connections.csv", rows)
    app = Host(store, store.config)
    seen: list[tuple[float, float | None]] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TransferScreen)
        bar = screen.query_one("#progress", ProgressBar)
        original = bar.update

        def spy(**kwargs):
            seen.append((kwargs.get("progress"), kwargs.get("total")))
            return original(**kwargs)

        bar.update = spy  # type: ignore[method-assign]
        await pilot.click("#path")
        monkeypatch.chdir(path.parent)  # a path relative to where the TUI was started
        await pilot.press(*path.name, "enter")
        await settle(pilot)

        text = str(_result(app).render())
        assert "created: 9 clients, 2999 contacts" in text
        assert "line 6: no profile URL" in text
        assert (bar.progress, bar.total) == (3_000, 3_000)
        assert (1_000, 3_000) in seen and (2_000, 3_000) in seen  # moved while it worked
        assert counts(db_path)["contact"] == 2_999
        await pilot.press("escape")
        await pilot.pause()
    assert app.dismissed == [True]


async def test_an_error_is_shown_where_the_path_was_typed(store: Store, tmp_path: Path) -> None:
    app = Host(store, store.config)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#action", Select).value = "import_json"
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "missing.json")
        await pilot.click("#run")
        await settle(pilot)
        result = _result(app)
        assert str(result.render()).startswith("Error: cannot read")
        assert result.has_class("error")
        await pilot.click("#close")
        await pilot.pause()
    assert app.dismissed == [False]


async def test_export_json_and_csv_from_the_screen(demo_store: Store, tmp_path: Path) -> None:
    app = Host(demo_store, demo_store.config)
    target = tmp_path / "out.json"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#import-options").display  # LinkedIn first: a dry run option
        screen.query_one("#action", Select).value = "export_json"
        await pilot.pause()
        assert not screen.query_one("#import-options").display
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert "Exported" in str(_result(app).render())
        assert json.loads(target.read_text(encoding="utf-8"))["format"] == "pipeline-tui"

        screen.query_one("#action", Select).value = "import_csv"
        await pilot.pause()
        assert screen.query_one("#kind", Select).display
        screen.query_one("#action", Select).value = "export_csv"
        await pilot.pause()
        screen.query_one("#path", Input).value = str(tmp_path / "folder")
        await pilot.click("#run")
        await settle(pilot)
        assert (tmp_path / "folder" / "deal.csv").exists()
        await pilot.press("escape")
        await pilot.pause()
    assert app.dismissed == [False]  # exports change nothing to reload
