"""Issue 13, point 10: an import refuses an inconsistent mission (ended without an end date, an
end before the start) and a deal renewing another client's mission, with where and why, and
imports nothing; a renewal link survives the JSON round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services import clients, deals, missions
from pipeline_tui.services.transfer.json_io import export_json, import_json
from pipeline_tui.store.database import Store
from tests.conftest import TODAY
from tests.helpers import counts, open_at

STAMP = "2026-01-01T00:00:00+00:00"


def _document(mission: dict, deal: dict | None = None) -> str:
    base_mission = {
        "id": 1,
        "client_id": 1,
        "title": "Run",
        "start_on": "2026-03-01",
        "fixed_monthly_cents": 500000,
        "created_at": STAMP,
    }
    tables: dict = {
        "client": [
            {"id": 1, "name": "Acme", "created_at": STAMP},
            {"id": 2, "name": "Beta", "created_at": STAMP},
        ],
        "mission": [
            {**base_mission, "id": 9, "title": "Fine one"},
            {**base_mission, **mission},
        ],
    }
    if deal is not None:
        tables["deal"] = [
            {
                "id": 1,
                "client_id": 1,
                "title": "Renewal",
                "stage": "proposal",
                "channel": "other",
                "monthly_value_cents": 0,
                "created_on": "2026-10-01",
                "created_at": STAMP,
                **deal,
            }
        ]
    return json.dumps({"format": "pipeline-tui", "version": 1, "tables": tables})


@pytest.mark.parametrize(
    ("mission", "deal", "message"),
    [
        (
            {"status": "ended"},
            None,
            "table mission, row 2 (id 1, 'Run'): the mission is ended but has no actual end date",
        ),
        (
            {"status": "ended_early", "end_reason": "competitor"},
            None,
            "row 2 (id 1, 'Run'): the mission is ended early but has no actual end date",
        ),
        (
            {"planned_end_on": "2026-02-01"},
            None,
            "row 2 (id 1, 'Run'): the planned end 2026-02-01 is before the start 2026-03-01",
        ),
        (
            {"status": "ended", "actual_end_on": "2026-02-27"},
            None,
            "row 2 (id 1, 'Run'): the actual end 2026-02-27 is before the start 2026-03-01",
        ),
        (
            {"client_id": 2},
            {"renewal_of_mission_id": 1},
            "table deal, row 1 (id 1, 'Renewal'): a deal renews a mission of its own client",
        ),
    ],
)
def test_import_json_refuses_an_inconsistent_record_whole(
    store: Store, tmp_path: Path, db_path: Path, mission, deal, message
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_document(mission, deal), encoding="utf-8")
    before = counts(db_path)
    with pytest.raises(InvalidInput) as caught:
        import_json(store, path)
    assert str(caught.value).startswith("bad.json: ")
    assert message in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert counts(db_path) == before


def test_a_consistent_file_imports(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    ended = {"status": "ended", "actual_end_on": "2026-09-30", "planned_end_on": "2026-12-31"}
    path.write_text(_document(ended, {"renewal_of_mission_id": 1}), encoding="utf-8")
    report = import_json(store, path)
    assert report.created["mission"] == 2 and report.created["deal"] == 1


def test_the_cli_says_where_and_exits_2(cli_run, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_document({"status": "ended"}), encoding="utf-8")
    db = tmp_path / "new.db"
    result = cli_run("--db", str(db), "--today", TODAY.isoformat(), "import", "json", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: bad.json: table mission, row 2 (id 1, 'Run')")
    assert len(result.stderr.strip().splitlines()) == 1
    assert counts(db)["mission"] == 0


def test_a_renewal_link_round_trips_through_json(store: Store, tmp_path: Path) -> None:
    client = clients.add_client(store, "Acme")
    mission = missions.add_mission(
        store, client.id, "Run", TODAY, day_rate_cents=60000, days_per_month=18
    )
    deals.add_deal(store, client.id, "Run, year 2", on=TODAY, renewal_of_mission_id=mission.id)
    first = export_json(store, today=TODAY)
    [row] = json.loads(first)["tables"]["deal"]
    assert row["renewal_of_mission_id"] == mission.id
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    fresh = open_at(tmp_path / "fresh.db")
    try:
        import_json(fresh, path)
        assert export_json(fresh, today=TODAY) == first
    finally:
        fresh.close()
