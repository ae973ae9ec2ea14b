"""``pipeline-tui settings``: list, get, set and reset, on a copy of the demo database.

Acceptance 4 of issue 13: ``settings set rot_days 30`` changes the rotting list; a bad key or value
gets one clear line on stderr, exit code 2, and changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import TODAY


@pytest.fixture
def run(cli_run, demo_db: Path):
    def run(*args: str):
        return cli_run("--db", str(demo_db), "--today", TODAY.isoformat(), *args)

    return run


def _stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT key, value FROM setting"))


def _rotting(run) -> list[tuple[int, int]]:
    result = run("today", "--json")
    assert result.exit_code == 0, result.stderr
    return [(d["id"], d["allowed_days"]) for d in json.loads(result.stdout)["rotting_deals"]]


def test_rot_days_30_changes_the_rotting_list(run) -> None:
    before = _rotting(run)
    assert before and all(allowed == 14 for _, allowed in before)
    result = run("settings", "set", "rot_days", "30")
    assert result.exit_code == 0, result.stderr
    after = _rotting(run)
    assert all(allowed == 30 for _, allowed in after)
    assert len(after) < len(before)  # deals idle 15 to 30 days no longer rot
    assert {deal for deal, _ in after} < {deal for deal, _ in before}
    assert json.loads(run("status", "--json").stdout)["rotting_deals"] == len(after)


def test_one_stage_of_rot_days_and_its_reset(run) -> None:
    assert run("settings", "set", "rot_days.proposal", "21").exit_code == 0
    assert run("settings", "get", "rot_days.proposal").stdout.strip() == "21"
    assert json.loads(run("settings", "get", "rot_days", "--json").stdout) == {
        "lead": 14,
        "contacted": 14,
        "meeting": 14,
        "proposal": 21,
        "negotiation": 14,
    }
    result = run("settings", "reset", "rot_days.proposal")
    assert result.exit_code == 0, result.stderr
    assert run("settings", "get", "rot_days.proposal").stdout.strip() == "14"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("set", "colour", "blue"), ("colour", "currency")),  # says which settings exist
        (("set", "rot_days", "soon"), ("rot_days", "whole number")),
        (("set", "rot_days.proposal", "0"), ("rot_days.proposal", "at least 1")),
        (("set", "rot_days.proposal", "-3"), ("rot_days.proposal", "at least 1")),
        (("set", "rot_days.won", "3"), ("rot_days", "negotiation")),
        (("set", "stage_probabilities.proposal", "150"), ("stage_probabilities", "0 to 100")),
        (("set", "currency", "euro"), ("currency", "three-letter")),
        (("set", "dependence_threshold", "0.4"), ("dependence_threshold", "5/6")),
        (("set", "risk_weights.competitor", "1.5"), ("competitor", "between 0 and 1")),
        (("set", "risk_weights.competitor_window_days", "x"), ("competitor_window_days", "days")),
        (("set", "risk_weights.nope", "1"), ("risk_weights", "competitor")),
        (("set", "horizon_days", "0"), ("horizon_days", "1 to 730")),
        (("set", "survey_templates", "{oops"), ("survey_templates", "JSON")),
        (("get", "colour"), ("colour",)),
        (("reset", "rot_days.nope"), ("rot_days", "proposal")),
    ],
)
def test_a_bad_key_or_value_is_one_line_exit_2_and_changes_nothing(
    run, demo_db: Path, args: tuple[str, ...], names: tuple[str, ...]
) -> None:
    assert run("settings", "set", "rot_days.proposal", "21").exit_code == 0
    before = _stored(demo_db)
    result = run("settings", *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for name in names:
        assert name in lines[0]
    assert result.stdout == ""
    assert _stored(demo_db) == before


def test_values_as_typed_on_the_command_line(run) -> None:
    for text, expected in (("5/6", 5 / 6), ("0.8333", 0.8333), ("83%", 0.83)):
        assert run("settings", "set", "dependence_threshold", text).exit_code == 0
        got = json.loads(run("settings", "get", "dependence_threshold", "--json").stdout)
        assert got == pytest.approx(expected)
    assert run("settings", "set", "currency", "chf").exit_code == 0
    assert run("settings", "get", "currency").stdout.strip() == "CHF"
    assert run("settings", "set", "stage_probabilities.proposal", "50").exit_code == 0
    assert run("settings", "set", "risk_weights.competitor", "0.3").exit_code == 0
    assert run("settings", "set", "risk_weights.competitor_window_days", "120").exit_code == 0
    assert run("settings", "set", "rot_days", '{"lead": 7, "meeting": 21}').exit_code == 0
    document = json.loads(run("settings", "--json").stdout)
    assert document["stage_probabilities"]["value"]["proposal"] == 50
    assert document["risk_weights"]["value"]["competitor"] == 0.3
    assert document["risk_weights"]["value"]["competitor_window_days"] == 120
    assert document["risk_weights"]["value"]["insourcing"] == 0.45  # the others keep defaults
    assert document["rot_days"]["value"]["lead"] == 7
    assert document["rot_days"]["value"]["meeting"] == 21


def test_the_list_says_value_default_what_changed_and_why(run) -> None:
    assert run("settings", "set", "risk_alert_score", "60").exit_code == 0
    result = run("settings")
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "risk_alert_score" in line)
    assert line.split()[:4] == ["risk_alert_score", "60", "40", "*"]
    assert "daily agenda" in result.stdout
    for key in ("currency", "rot_days.proposal", "risk_weights.competitor", "whatif_weeks"):
        assert key in result.stdout
    document = json.loads(run("settings", "--json").stdout)
    assert set(document) >= {
        "currency",
        "stage_probabilities",
        "rot_days",
        "risk_weights",
        "survey_gap_days",
        "survey_templates",
        "default_days_per_month",
        "risk_alert_score",
        "horizon_days",
        "history_window_months",
        "dependence_threshold",
        "whatif_weeks",
    }
    assert document["risk_alert_score"] == {
        "value": 60,
        "default": 40,
        "description": document["risk_alert_score"]["description"],
    }
    assert run("settings", "reset", "risk_alert_score").exit_code == 0
    assert json.loads(run("settings", "get", "risk_alert_score", "--json").stdout) == 40


def test_risk_alert_score_decides_the_alerts_of_the_day(run) -> None:
    def alerts() -> list[int]:
        return [a["risk"] for a in json.loads(run("today", "--json").stdout)["risk_alerts"]]

    risks = [c["risk"] for c in json.loads(run("status", "--json").stdout)["clients"]]
    assert alerts() == [r for r in risks if r >= 40]
    threshold = min(r for r in risks if r > 0)
    assert run("settings", "set", "risk_alert_score", str(threshold)).exit_code == 0
    assert alerts() == [r for r in risks if r >= threshold]
    assert len(alerts()) > 0
