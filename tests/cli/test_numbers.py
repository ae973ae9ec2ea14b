"""``status``, ``today`` and ``whatif`` on the demo database, with a fixed --today.

The figures are recomputed here with the test's own SQL, independently of the services.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import TODAY

STAGE_P = {"lead": 10, "contacted": 20, "meeting": 40, "proposal": 60, "negotiation": 80}


@pytest.fixture(scope="module")
def cli_demo_db(tmp_path_factory) -> Path:
    """The demo built by the command itself (``demo --no-open``), once for this module."""
    from click.testing import CliRunner

    from pipeline_tui.cli import cli

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(
        cli, ["--db", str(path), "--today", TODAY.isoformat(), "demo", "--no-open"]
    )
    assert result.exit_code == 0, result.output
    return path


def _status(cli_run, db: Path) -> dict:
    result = cli_run("--db", str(db), "--today", TODAY.isoformat(), "status", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_status_json_has_the_contract_keys(cli_run, cli_demo_db: Path) -> None:
    data = _status(cli_run, cli_demo_db)
    for key in (
        "as_of",
        "currency",
        "monthly_revenue",
        "top_client_share",
        "hhi",
        "revenue_at_risk",
        "weighted_pipeline",
        "coverage",
        "worst_loss_coverage",
        "clients",
    ):
        assert key in data
    assert data["as_of"] == "2026-11-26"
    assert data["currency"] == "EUR"
    for client in data["clients"]:
        assert set(client) >= {"name", "monthly_revenue", "share", "risk", "reasons"}
        assert isinstance(client["monthly_revenue"], int)  # cents
    assert isinstance(data["weighted_pipeline"], int)
    assert isinstance(data["revenue_at_risk"], int)


def test_status_json_is_consistent_with_the_database(cli_run, cli_demo_db: Path) -> None:
    data = _status(cli_run, cli_demo_db)
    db = sqlite3.connect(cli_demo_db)
    try:
        # Weighted pipeline: Σ over open deals of monthly value × (override or stage) probability.
        weighted = 0
        for value, stage, override in db.execute(
            "SELECT monthly_value_cents, stage, probability FROM deal "
            "WHERE stage NOT IN ('won', 'lost')"
        ):
            weighted += value * (override if override is not None else STAGE_P[stage])
        assert data["weighted_pipeline"] == round(weighted / 100)

        # Recurring pipeline: the open deals that are neither one-offs (≤ 1 month) nor renewals.
        recurring = 0
        for value, stage, override in db.execute(
            "SELECT monthly_value_cents, stage, probability FROM deal "
            "WHERE stage NOT IN ('won', 'lost') AND renewal_of_mission_id IS NULL "
            "AND (duration_months IS NULL OR duration_months > 1)"
        ):
            recurring += value * (override if override is not None else STAGE_P[stage])
        assert data["recurring_pipeline"] == round(recurring / 100)
        renewals = {
            mid: max(p)
            for mid, *p in db.execute(
                "SELECT renewal_of_mission_id, coalesce(probability, CASE stage "
                + " ".join(f"WHEN '{k}' THEN {v}" for k, v in STAGE_P.items())
                + " END) FROM deal WHERE stage NOT IN ('won', 'lost')"
                " AND renewal_of_mission_id IS NOT NULL"
            )
        }

        # Monthly revenue: active missions on --today, day rate × days or fixed amount; a
        # mission ending within 90 days is lost, weighed by (1 − p) of an open renewal.
        revenue: dict[str, int] = {}
        lost: dict[str, int] = {}
        for mid, name, rate, days, fixed, planned, actual in db.execute(
            "SELECT m.id, c.name, m.day_rate_cents, m.days_per_month, m.fixed_monthly_cents, "
            "m.planned_end_on, m.actual_end_on "
            "FROM mission m JOIN client c ON c.id = m.client_id "
            "WHERE m.start_on <= ? AND (m.actual_end_on IS NULL OR m.actual_end_on >= ?)",
            (TODAY.isoformat(), TODAY.isoformat()),
        ):
            monthly = round(rate * days) if rate else fixed
            revenue[name] = revenue.get(name, 0) + monthly
            ends = actual or planned
            if ends is not None and (date.fromisoformat(ends) - TODAY).days <= 90:
                share = 100 if actual else 100 - renewals.get(mid, 0)
                lost[name] = lost.get(name, 0) + round(monthly * share / 100)
    finally:
        db.close()
    assert data["monthly_revenue"] == sum(revenue.values())
    by_name = {c["name"]: c for c in data["clients"]}
    assert set(by_name) == set(revenue)
    for name, cents in revenue.items():
        assert by_name[name]["monthly_revenue"] == cents
        assert by_name[name]["revenue_lost"] == lost.get(name, 0)
    assert data["revenue_lost"] == sum(lost.values()) > 0

    # Shares sum to 1; HHI = Σ share²; top share is the largest; 1 ÷ HHI effective clients.
    shares = [c["share"] for c in data["clients"]]
    assert sum(shares) == pytest.approx(1.0, abs=1e-3)
    assert data["hhi"] == pytest.approx(sum(s * s for s in shares), abs=1e-3)
    assert data["effective_clients"] == pytest.approx(1 / data["hhi"], abs=0.02)
    assert data["top_client_share"] == max(shares)

    # Revenue at risk: Σ per client of round(risk/100 × (revenue − lost)): the sum of the
    # rounded amounts shown; each client's reason points add up to its risk.
    for c in data["clients"]:
        base = c["monthly_revenue"] - c["revenue_lost"]
        assert c["revenue_at_risk"] == round(c["risk"] * base / 100)
        assert sum(r["points"] for r in c["reason_points"]) == c["risk"]
    assert data["revenue_at_risk"] == sum(c["revenue_at_risk"] for c in data["clients"])
    assert data["coverage"] == pytest.approx(
        data["recurring_pipeline"] / (data["revenue_lost"] + data["revenue_at_risk"]), abs=1e-4
    )
    top = max(revenue.values())
    assert data["worst_loss_coverage"] == pytest.approx(data["recurring_pipeline"] / top, abs=1e-4)
    for point in data["coverage_by_date"]:
        assert point["coverage"] == pytest.approx(
            point["pipeline_before"] / point["loss"], abs=1e-4
        )


def test_the_demo_client_at_risk_ranks_first_with_its_signals(cli_run, cli_demo_db: Path) -> None:
    data = _status(cli_run, cli_demo_db)
    db = sqlite3.connect(cli_demo_db)
    try:
        kinds = {
            name: {
                k
                for (k,) in db.execute(
                    "SELECT DISTINCT s.kind FROM signal s JOIN client c ON c.id = s.client_id "
                    "WHERE c.name = ?",
                    (name,),
                )
            }
            for name in [c["name"] for c in data["clients"]]
        }
    finally:
        db.close()
    first, second = data["clients"][0], data["clients"][1]
    assert first["risk"] >= 50
    assert first["risk"] > second["risk"] + 20
    assert {"scope_creep", "competitor", "change_refused"} <= kinds[first["name"]]
    reasons = " | ".join(first["reasons"])
    assert "scope creep ×" in reasons
    assert "competitor approach" in reasons
    assert "change proposal refused" in reasons
    assert "survey" in reasons


def test_status_text_is_readable(cli_run, cli_demo_db: Path) -> None:
    result = cli_run("--db", str(cli_demo_db), "--today", "2026-11-26", "status")
    assert result.exit_code == 0
    out = result.stdout
    assert "Monthly revenue" in out and "€" in out
    assert "Coverage" in out and "Clients by churn risk" in out
    assert "is covered at" in out


def test_today_lists_overdue_and_due_items(cli_run, cli_demo_db: Path) -> None:
    result = cli_run("--db", str(cli_demo_db), "--today", "2026-11-26", "today", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["overdue"] and data["due_today"]
    assert all(item["due_on"] < "2026-11-26" for item in data["overdue"])
    assert all(item["due_on"] == "2026-11-26" for item in data["due_today"])
    db = sqlite3.connect(cli_demo_db)
    try:
        (due_count,) = db.execute(
            "SELECT count(*) FROM activity WHERE done_on IS NULL AND due_on <= '2026-11-26'"
        ).fetchone()
    finally:
        db.close()
    assert len(data["overdue"]) + len(data["due_today"]) == due_count
    assert data["risk_alerts"][0]["risk"] >= 40
    assert data["rotting_deals"] and all(
        d["idle_days"] > d["allowed_days"] for d in data["rotting_deals"]
    )
    text = cli_run("--db", str(cli_demo_db), "--today", "2026-11-26", "today").stdout
    assert "Overdue" in text and "Due today" in text and "Clients at risk" in text


def test_today_follows_the_today_option(cli_run, cli_demo_db: Path) -> None:
    later = cli_run("--db", str(cli_demo_db), "--today", "2027-02-01", "today", "--json")
    data = json.loads(later.stdout)
    assert data["as_of"] == "2027-02-01"
    assert not data["due_today"] or all(i["due_on"] == "2027-02-01" for i in data["due_today"])


def _today(cli_run, db: Path, *args: str):
    return cli_run("--db", str(db), "--today", "2027-06-01", "today", *args)


def _overdue_lines(text: str) -> list[str]:
    section = text.split("Overdue (", 1)[1].split("\n\n", 1)[0]
    return [line for line in section.splitlines()[2:] if " late " in line]


def test_today_shows_the_first_20_and_how_many_more(cli_run, cli_demo_db: Path) -> None:
    # By 1 June 2027 the demo's 23 open activities are all overdue, and 10 deals rot.
    every = json.loads(_today(cli_run, cli_demo_db, "--json").stdout)
    assert len(every["overdue"]) == 23 and every["overdue_more"] == 0
    assert len(every["rotting_deals"]) == 10
    text = _today(cli_run, cli_demo_db).stdout
    assert "Overdue (23)" in text
    shown = _overdue_lines(text)
    assert len(shown) == 20
    assert all(item["subject"] in line for item, line in zip(every["overdue"], shown, strict=False))
    assert "  … and 3 more (--all lists every one)" in text
    limited = _today(cli_run, cli_demo_db, "--limit", "5").stdout
    assert "Overdue (23)" in limited and len(_overdue_lines(limited)) == 5
    assert "  … and 18 more (--all lists every one)" in limited
    assert "  … and 5 more (--all lists every one)" in limited  # the rotting deals
    full = _today(cli_run, cli_demo_db, "--all").stdout
    assert len(_overdue_lines(full)) == 23 and "more (--all" not in full


def test_today_json_keeps_every_item_unless_limited(cli_run, cli_demo_db: Path) -> None:
    every = json.loads(_today(cli_run, cli_demo_db, "--json").stdout)
    assert json.loads(_today(cli_run, cli_demo_db, "--json", "--all").stdout) == every
    limited = json.loads(_today(cli_run, cli_demo_db, "--json", "--limit", "4").stdout)
    assert limited["overdue"] == every["overdue"][:4]
    assert (limited["overdue_more"], limited["due_today_more"]) == (19, 0)
    assert limited["rotting_deals"] == every["rotting_deals"]
    assert (
        set(limited)
        == set(every)
        >= {
            "as_of",
            "currency",
            "overdue",
            "due_today",
            "risk_alerts",
            "rotting_deals",
        }
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--limit", "0"],
        ["--limit", "x"],
        ["--limit", "-3"],
        ["--limit", "2.5"],
        ["--limit", ""],
        ["--json", "--limit", "0"],
        ["--limit", "3", "--all"],
    ],
)
def test_today_refuses_a_bad_limit_in_one_line(cli_run, cli_demo_db: Path, args) -> None:
    result = _today(cli_run, cli_demo_db, *args)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error: ") and "--limit" in result.stderr


def test_whatif_for_the_largest_client(cli_run, cli_demo_db: Path) -> None:
    status = _status(cli_run, cli_demo_db)
    top = max(status["clients"], key=lambda c: c["monthly_revenue"])
    result = cli_run(
        "--db", str(cli_demo_db), "--today", "2026-11-26", "whatif", top["name"], "--json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["client"] == top["name"]
    assert data["gap"] == top["monthly_revenue"]
    assert data["wins_needed"] >= 1 and data["leads_needed"] >= data["wins_needed"]
    assert data["weeks"] == 12
    # what stays lost or at risk besides the client: the others' (nothing counted twice)
    assert data["revenue_at_risk_left"] == (
        status["revenue_lost"]
        + status["revenue_at_risk"]
        - top["revenue_lost"]
        - top["revenue_at_risk"]
    )
    assert data["coverage_left"] == pytest.approx(
        status["recurring_pipeline"] / (data["revenue_at_risk_left"] + data["gap"]), abs=1e-4
    )
    # the client's revenue already ends inside the horizon: the pipeline landing before then
    ends = [loss["ends_on"] for loss in status["losses"] if loss["client"] == top["name"]]
    in_time = data["coverage_in_time"]
    assert in_time["ends_on"] == min(ends) and in_time["loss"] == data["gap"]
    assert in_time["coverage"] == pytest.approx(in_time["pipeline_before"] / data["gap"], abs=1e-4)
    # one "covered at" for one question: the same figure as status's worst loss
    assert data["covered_at"] == status["worst_loss_coverage"]
    for channel in data["channels"].values():
        assert channel["basis"] in ("history", "prior")
        assert channel["period"] in ("week", "month", "quarter", "year")
    longer = json.loads(
        cli_run(
            "--db",
            str(cli_demo_db),
            "--today",
            "2026-11-26",
            "whatif",
            top["name"],
            "--weeks",
            "24",
            "--json",
        ).stdout
    )
    assert longer["leads_needed"] == data["leads_needed"]
    assert sum(longer["weekly_activities"].values()) <= sum(data["weekly_activities"].values())
    text = cli_run("--db", str(cli_demo_db), "--today", "2026-11-26", "whatif", top["name"]).stdout
    assert f"Losing {top['name']}" in text and "Targets per channel" in text


def test_whatif_with_a_gap(cli_run, cli_demo_db: Path) -> None:
    result = cli_run("--db", str(cli_demo_db), "whatif", "--gap", "8 000 €", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["gap"] == 800_000


def test_whatif_unknown_client_lists_close_matches(cli_run, cli_demo_db: Path) -> None:
    status = _status(cli_run, cli_demo_db)
    name = status["clients"][0]["name"]
    typo = name[:-2]
    result = cli_run("--db", str(cli_demo_db), "whatif", typo)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no client named")
    assert name in result.stderr
    assert "Traceback" not in result.stderr


def test_whatif_needs_a_client_or_a_gap(cli_run, cli_demo_db: Path) -> None:
    result = cli_run("--db", str(cli_demo_db), "whatif")
    assert result.exit_code == 2
    assert "name a client" in result.stderr
    bad = cli_run("--db", str(cli_demo_db), "whatif", "--gap", "lots")
    assert bad.exit_code == 2 and "not an amount" in bad.stderr


def test_status_on_an_empty_database(cli_run, tmp_path: Path) -> None:
    result = cli_run("--db", str(tmp_path / "e.db"), "status", "--json")
    data = json.loads(result.stdout)
    assert data["monthly_revenue"] == 0
    assert data["coverage"] is None and data["worst_loss_coverage"] is None
    assert data["clients"] == []
    text = cli_run("--db", str(tmp_path / "e.db"), "status").stdout
    assert "No active client" in text
    assert date.fromisoformat(data["as_of"])


def test_ending_mutuelle_a_month_early_lowers_coverage(cli_run, demo_db: Path) -> None:
    """Issue 13, acceptance 1: a certain loss is counted in full, never as a probability."""
    before = _status(cli_run, demo_db)
    mutuelle = next(c for c in before["clients"] if c["name"] == "Mutuelle Pélicorne Assurances")
    result = cli_run(
        "--db",
        str(demo_db),
        "--today",
        TODAY.isoformat(),
        "end",
        "Mutuelle Pélicorne Assurances",
        "--on",
        "2026-12-26",
        "--reason",
        "competitor",
        "--training",
        "2500",
    )
    assert result.exit_code == 0, result.output
    after = _status(cli_run, demo_db)
    assert after["coverage"] < before["coverage"]
    assert after["revenue_lost"] >= before["revenue_lost"] + mutuelle["monthly_revenue"]
    loss = next(x for x in after["losses"] if x["client"] == "Mutuelle Pélicorne Assurances")
    assert (loss["certain"], loss["ends_on"], loss["lost"]) == (
        True,
        "2026-12-26",
        mutuelle["monthly_revenue"],
    )
    assert after["weighted_pipeline"] > before["weighted_pipeline"]  # the training offer…
    assert after["recurring_pipeline"] == before["recurring_pipeline"]  # …is a one-off


def test_the_in_time_sentence_names_who_leaves_that_day(cli_run, renewed_first_db: Path) -> None:
    """A loss renewed at 100 % loses nothing and has no point in coverage in time: the sentence
    of the first point names the client who leaves then (Beta), never the first loss (Alpha)."""
    args = ("--db", str(renewed_first_db), "--today", TODAY.isoformat(), "status")
    data = json.loads(cli_run(*args, "--json").stdout)
    assert [(x["client"], x["lost"]) for x in data["losses"]] == [("Alpha", 0), ("Beta", 500_000)]
    assert [x["ends_on"] for x in data["coverage_by_date"]] == ["2027-01-15"]
    text = cli_run(*args).stdout
    assert "lands before Beta leaves on 15 Jan 2027" in text
    assert "before Alpha leaves" not in text
