"""``pipeline-tui settings``: list, get, set, reset; a bad key or value changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TODAY


def _run(cli_run, db: Path, *args: str):
    return cli_run("--db", str(db), "--today", TODAY.isoformat(), *args)


def _rotting(cli_run, db: Path) -> list[tuple[int, int]]:
    data = json.loads(_run(cli_run, db, "today", "--json").stdout)
    return [(d["idle_days"], d["allowed_days"]) for d in data["rotting_deals"]]


def test_rot_days_changes_the_rotting_list(cli_run, demo_db: Path) -> None:
    before = _rotting(cli_run, demo_db)
    assert before and {allowed for _, allowed in before} == {14}
    result = _run(cli_run, demo_db, "settings", "set", "rot_days", "30")
    assert result.exit_code == 0, result.output
    after = _rotting(cli_run, demo_db)
    assert after != before
    assert after == [(idle, 30) for idle, _ in before if idle > 30]
    longest = max(idle for idle, _ in before)
    _run(cli_run, demo_db, "settings", "set", "rot_days", str(longest))
    assert _rotting(cli_run, demo_db) == []
    assert _run(cli_run, demo_db, "settings", "reset", "rot_days").exit_code == 0
    assert _rotting(cli_run, demo_db) == before


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("rot_dayz", "30", "no setting named 'rot_dayz'"),
        ("rot_days", "soon", "not a number"),
        ("stage_probabilities.proposal", "150", "in range"),
        ("currency", "euros", "three-letter"),
        ("dependence_threshold", "1/3", "above 0.5"),
        ("horizon_days", "0", "from 1 to 730"),
    ],
)
def test_a_bad_key_or_value_is_one_line_exit_2_and_nothing_changes(
    cli_run, demo_db: Path, key: str, value: str, says: str
) -> None:
    before = _run(cli_run, demo_db, "settings", "--json").stdout
    result = _run(cli_run, demo_db, "settings", "set", key, value)
    assert result.exit_code == 2
    assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert _run(cli_run, demo_db, "settings", "--json").stdout == before


def test_list_get_set_and_reset(cli_run, demo_db: Path) -> None:
    listed = json.loads(_run(cli_run, demo_db, "settings", "--json").stdout)
    assert listed["horizon_days"] == {
        "value": 90,
        "default": 90,
        "description": listed["horizon_days"]["description"],
    }
    assert {"stage_probabilities", "risk_weights", "rot_days", "currency"} <= set(listed)
    assert _run(cli_run, demo_db, "settings", "set", "dependence_threshold", "90%").exit_code == 0
    assert _run(cli_run, demo_db, "settings", "get", "dependence_threshold").stdout == "0.9\n"
    _run(cli_run, demo_db, "settings", "set", "stage_probabilities.proposal", "50")
    status = json.loads(_run(cli_run, demo_db, "status", "--json").stdout)
    assert status["conversion"]  # the numbers still compute with the new probability
    assert (
        _run(cli_run, demo_db, "settings", "get", "stage_probabilities.proposal").stdout == "50\n"
    )
    _run(cli_run, demo_db, "settings", "reset", "stage_probabilities.proposal")
    assert (
        _run(cli_run, demo_db, "settings", "get", "stage_probabilities.proposal").stdout == "60\n"
    )
    text = _run(cli_run, demo_db, "settings").stdout
    assert "* dependence_threshold" in text and "  horizon_days = 90" in text


def test_the_horizon_setting_decides_what_is_lost(cli_run, demo_db: Path) -> None:
    lost = json.loads(_run(cli_run, demo_db, "status", "--json").stdout)["revenue_lost"]
    assert lost > 0
    _run(cli_run, demo_db, "settings", "set", "horizon_days", "7")
    assert json.loads(_run(cli_run, demo_db, "status", "--json").stdout)["revenue_lost"] < lost
