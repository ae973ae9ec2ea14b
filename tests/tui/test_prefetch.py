"""The dashboard read by a helper process while the TUI starts (``pipeline_tui.tui.prefetch``)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.services.dashboard import load_dashboard_start
from pipeline_tui.store.reader import open_read_store
from pipeline_tui.tui import bench_hook, prefetch
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.screens.dashboard import DashboardScreen
from tests.conftest import TODAY
from tests.tui.conftest import settle


def _config(path: Path) -> Config:
    return Config(db_url=f"sqlite:///{path}", today=TODAY)


def test_the_helper_reads_what_the_app_would(demo_db: Path) -> None:
    helper = prefetch.start(_config(demo_db))
    assert helper is not None
    from_helper = helper.result()
    reads = open_read_store(_config(demo_db))
    assert from_helper == load_dashboard_start(reads, TODAY)
    assert from_helper.due and from_helper.data.numbers.clients
    reads.close()


def test_a_benchmark_run_learns_the_helpers_peak_memory(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its peak RSS counts in the TUI's (benchmarks/run.py adds them up)."""
    marks = tmp_path / "marks"
    helper = prefetch.start(_config(demo_db))
    assert helper is not None and helper.result() is not None
    assert not marks.exists()  # not a benchmark run: nothing written
    monkeypatch.setenv(bench_hook.MOMENT_ENV, "populated")
    monkeypatch.setenv(bench_hook.FILE_ENV, str(marks))
    helper = prefetch.start(_config(demo_db))
    assert helper is not None and helper.result() is not None
    (line,) = marks.read_text(encoding="ascii").splitlines()
    name, _, kib = line.split()
    assert name == bench_hook.HELPER and int(kib) > 1024


def test_no_helper_where_there_is_nothing_to_read(tmp_path: Path) -> None:
    assert prefetch.start(_config(tmp_path / "new.db")) is None
    assert prefetch.start(Config(db_url="sqlite://", today=TODAY)) is None
    assert not (tmp_path / "new.db").exists()


def test_the_helper_gives_up_on_a_file_to_upgrade(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003_offboarding'")
    conn.close()
    helper = prefetch.start(_config(demo_db))
    assert helper is not None
    assert helper.result() is None
    assert helper.process.returncode == prefetch.NO_FAST_PATH


def test_cancel_stops_a_helper_still_running(demo_db: Path) -> None:
    helper = prefetch.start(_config(demo_db))
    assert helper is not None
    helper.cancel()  # at once: Python alone takes longer than this to start
    assert helper.process.returncode is not None and helper.process.returncode < 0  # killed


class _Fake:
    def __init__(self, result) -> None:
        self.value, self.cancelled = result, False

    def result(self, timeout: float = 0):
        return self.value

    def cancel(self) -> None:
        self.cancelled = True


@pytest.mark.parametrize("helped", [True, False])
async def test_the_app_shows_what_the_helper_read_or_reads_it_itself(
    demo_db: Path, monkeypatch, helped: bool
) -> None:
    reads = open_read_store(_config(demo_db))
    read = load_dashboard_start(reads, TODAY)
    reads.close()
    from pipeline_tui.services import dashboard

    calls = []
    monkeypatch.setattr(
        dashboard,
        "load_dashboard_start",
        lambda r, t: calls.append(t) or load_dashboard_start(r, t),
    )
    app = PipelineApp(None, _config(demo_db), prefetch=_Fake(read if helped else None))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "covered at" in str(app.screen.query_one("#worst-loss").render())
    assert calls == ([] if helped else [TODAY])
    app.store.close()
    app.reads.close()


async def test_long_lists_are_cut_on_the_dashboard_and_say_so(store, tmp_path: Path) -> None:
    """A dashboard is a summary: past 50 active clients, the 50 most at risk are listed."""
    from pipeline_tui.services import clients, missions
    from pipeline_tui.tui.screens.dashboard import LIST_ROWS

    for i in range(LIST_ROWS + 5):
        client = clients.add_client(store, f"Client {i:02d}")
        missions.add_mission(
            store, client.id, "Run", TODAY - timedelta(days=90), fixed_monthly_cents=100_000 + i
        )
    app = PipelineApp(store, store.config)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#risk").row_count == LIST_ROWS
        title = str(app.screen.query_one("#risk-title").render())
        assert f"the {LIST_ROWS} most at risk" in title
        assert "Client 54" in str(app.screen.query_one("#risk").get_row_at(0))  # the largest
