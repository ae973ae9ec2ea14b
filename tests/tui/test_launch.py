"""One launch path: ``tui.launch.open_tui``, for ``cli/start.py`` and the click group alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.tui import app as app_module
from pipeline_tui.tui.launch import open_tui
from tests.conftest import TODAY


class Recording:
    """Stands for the app: records how it was built, fails to start like a bad file would."""

    built: list[tuple[object, Config]] = []

    def __init__(self, store, config) -> None:
        self.config = config
        Recording.built.append((store, config))

    def run(self) -> None:
        self.start_error = ("the file is not a SQLite database", 3)


@pytest.fixture
def recorded(monkeypatch) -> list[tuple[object, Config]]:
    Recording.built = []
    monkeypatch.setattr(app_module, "PipelineApp", Recording)
    return Recording.built


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


def test_open_tui_builds_the_app_on_the_config_and_returns_its_exit_code(
    demo_file: Path, recorded, capsys
) -> None:
    config = Config(db_url=f"sqlite:///{demo_file}", today=TODAY)
    assert open_tui(config) == 3
    assert recorded == [(None, config)]
    assert capsys.readouterr().err == "Error: the file is not a SQLite database\n"


def test_an_open_store_is_handed_over(store, recorded, capsys) -> None:
    assert open_tui(store.config, store) == 3
    assert recorded == [(store, store.config)]


def test_the_click_group_opens_the_tui_the_same_way(demo_file: Path, recorded, cli_run) -> None:
    result = cli_run("--db", str(demo_file), "--today", "2026-11-26")
    assert result.exit_code == 3
    assert "Error: the file is not a SQLite database" in result.stderr
    ((store, config),) = recorded
    assert store is None and config.today == TODAY
