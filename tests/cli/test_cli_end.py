"""``end CLIENT``: the mission it ends is the one that runs and has no end recorded; with several,
it names them and ends nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from pipeline_tui.services.clients import add_client
from pipeline_tui.services.missions import add_mission, get_mission
from pipeline_tui.store.database import Store
from tests.conftest import TODAY


def _run(cli_run, db_path: Path, *args: str):
    return cli_run("--db", str(db_path), "--today", TODAY.isoformat(), *args)


def _mission(store: Store, client_id: int, title: str, start_on: date) -> int:
    mission = add_mission(store, client_id, title, start_on, fixed_monthly_cents=500_000)
    assert mission.id is not None
    return mission.id


def test_a_mission_not_started_yet_is_not_ended(store: Store, cli_run, db_path: Path) -> None:
    client = add_client(store, "Acme")
    assert client.id is not None
    running = _mission(store, client.id, "Run", TODAY - timedelta(days=60))
    later = _mission(store, client.id, "Next phase", TODAY + timedelta(days=30))
    result = _run(cli_run, db_path, "end", "Acme", "--on", "today", "--reason", "budget", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["mission"] == "Run"
    assert get_mission(store, running).actual_end_on == TODAY
    assert get_mission(store, later).actual_end_on is None


def test_several_running_missions_are_named_and_nothing_ends(
    store: Store, cli_run, db_path: Path
) -> None:
    client = add_client(store, "Acme")
    assert client.id is not None
    first = _mission(store, client.id, "Build", date(2026, 2, 1))
    second = _mission(store, client.id, "Run", date(2026, 5, 1))
    result = _run(cli_run, db_path, "end", "Acme", "--on", "today", "--reason", "budget")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Acme has 2 running missions, name one by id: "
        f"#{first} Build (since 1 Feb 2026); #{second} Run (since 1 May 2026)\n"
    )
    assert get_mission(store, first).actual_end_on is None
    ended = _run(cli_run, db_path, "end", f"#{second}", "--on", "today", "--reason", "budget")
    assert ended.exit_code == 0, ended.stderr
    assert get_mission(store, second).actual_end_on == TODAY
