"""``review``, ``plan`` and ``log`` on the demo: counts checked against our own SQL, Markdown
snapshot, errors."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from pipeline_tui.domain.vocabulary import DEFAULT_STAGE_PROBABILITIES, OPEN_STAGES
from tests.cli.conftest import check_snapshot, run_cli
from tests.conftest import TODAY

WEEK, MONDAY, SUNDAY, CUTOFF = "2026-W47", "2026-11-16", "2026-11-22", "2026-11-23"


def sql(path: Path, query: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, params).fetchall()


def review(path: Path, *args: str) -> dict:
    result = run_cli("--db", str(path), "--today", TODAY.isoformat(), "review", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def w47(demo_template: Path) -> dict:
    return review(demo_template, "--week", WEEK, "--format", "json")


def test_week_and_plan_counts_match_sql(demo_template: Path, w47: dict) -> None:
    assert (w47["week"], w47["from"], w47["to"], w47["as_of"], w47["complete"]) == (
        WEEK,
        MONDAY,
        SUNDAY,
        SUNDAY,
        True,
    )
    # Done activities per channel in the week, leaving out those to opted-out contacts.
    done = dict(
        sql(
            demo_template,
            "SELECT a.channel, count(*) FROM activity a LEFT JOIN contact c ON c.id = a.contact_id "
            "WHERE a.done_on BETWEEN ? AND ? AND NOT (coalesce(c.do_not_contact, 0) = 1 AND "
            "(c.do_not_contact_on IS NULL OR a.done_on >= c.do_not_contact_on)) "
            "GROUP BY a.channel",
            MONDAY,
            SUNDAY,
        )
    )
    assert w47["plan"]["done_by_channel"] == done
    targets = dict(sql(demo_template, "SELECT channel, count FROM cadence WHERE active"))
    events_in_november = sql(
        demo_template,
        "SELECT count(*) FROM activity WHERE channel = 'event' AND done_on BETWEEN ? AND ?",
        "2026-11-01",
        SUNDAY,
    )[0][0]
    by_channel = {c["channel"]: c for c in w47["plan"]["cadences"]}
    assert {ch: c["target"] for ch, c in by_channel.items()} == targets
    for channel in ("emailing", "phone", "social"):
        assert by_channel[channel]["done"] == done[channel]
        assert by_channel[channel]["status"] == (
            "met" if done[channel] >= targets[channel] else "missed"
        )
        assert (by_channel[channel]["period_start"], by_channel[channel]["period_end"]) == (
            MONDAY,
            SUNDAY,
        )
    event = by_channel["event"]
    assert (event["done"], event["period_start"], event["period_end"]) == (
        events_in_november,
        "2026-11-01",
        "2026-11-30",
    )


def test_streak_matches_weeks_counted_by_hand(demo_template: Path, w47: dict) -> None:
    """Walk back from W47: each week needs 10 emails, 5 calls, 3 social messages, and the week
    holding a month's last day needs that month's event; stop at the plan's start."""
    weekly = {"emailing": 10, "phone": 5, "social": 3}
    start = date.fromisoformat(sql(demo_template, "SELECT min(starts_on) FROM cadence")[0][0])
    monday, streak = date.fromisoformat(MONDAY), 0
    while monday + timedelta(days=6) >= start:
        sunday = monday + timedelta(days=6)
        counts = dict(
            sql(
                demo_template,
                "SELECT channel, count(*) FROM activity WHERE done_on BETWEEN ? AND ? "
                "GROUP BY channel",
                monday.isoformat(),
                sunday.isoformat(),
            )
        )
        met = all(counts.get(ch, 0) >= n for ch, n in weekly.items())
        month_end = next(
            (
                day
                for day in (monday + timedelta(days=i) for i in range(7))
                if (day + timedelta(days=1)).day == 1
            ),
            None,
        )
        if month_end is not None:
            first = month_end.replace(day=1)
            events = sql(
                demo_template,
                "SELECT count(*) FROM activity WHERE channel = 'event' AND done_on BETWEEN ? AND ?",
                first.isoformat(),
                month_end.isoformat(),
            )[0][0]
            met = met and (events >= 1 or first < start)
        if not met:
            break
        streak += 1
        monday -= timedelta(weeks=1)
    assert w47["plan"]["streak_weeks"] == streak
    assert streak >= 2  # the demo keeps its plan lately
    assert w47["plan"]["week_verdict"] == "met"


def test_leads_moves_wins_losses_and_overdue_match_sql(demo_template: Path, w47: dict) -> None:
    sources = dict(
        sql(
            demo_template,
            "SELECT channel, count(*) FROM deal WHERE created_on BETWEEN ? AND ? GROUP BY channel",
            MONDAY,
            SUNDAY,
        )
    )
    assert w47["new_leads"]["by_source"] == sources
    assert w47["new_leads"]["total"] == sum(sources.values()) == len(w47["new_leads"]["deals"])
    moves = sql(
        demo_template,
        "SELECT deal_id, from_stage, to_stage, changed_on FROM deal_stage_change "
        "WHERE from_stage IS NOT NULL AND changed_on BETWEEN ? AND ?",
        MONDAY,
        SUNDAY,
    )
    assert sorted((m["deal_id"], m["from"], m["to"], m["on"]) for m in w47["stage_moves"]) == (
        sorted(moves)
    )
    for stage in ("won", "lost"):
        closed = sql(
            demo_template,
            "SELECT count(*) FROM deal_stage_change WHERE to_stage = ? AND changed_on BETWEEN ? "
            "AND ?",
            stage,
            MONDAY,
            SUNDAY,
        )[0][0]
        assert len(w47[stage]) == closed
    reasons = dict(sql(demo_template, "SELECT id, lost_reason FROM deal WHERE stage = 'lost'"))
    assert all(lost["reason"] == reasons[lost["deal_id"]] for lost in w47["lost"])
    overdue = sql(
        demo_template,
        "SELECT id FROM activity WHERE due_on < ? AND (done_on IS NULL OR done_on >= ?)",
        CUTOFF,
        CUTOFF,
    )
    assert sorted(a["id"] for a in w47["overdue"]) == sorted(r[0] for r in overdue)


def test_the_trend_is_the_pipeline_as_of_each_sunday(demo_template: Path, w47: dict) -> None:
    days = [p["as_of"] for p in w47["trend"]]
    assert days == [
        (date.fromisoformat(SUNDAY) - timedelta(weeks=7 - i)).isoformat() for i in range(8)
    ]
    assert [p["week"] for p in w47["trend"]][-1] == WEEK
    for point in w47["trend"]:
        rows = sql(
            demo_template,
            "SELECT d.monthly_value_cents, d.probability, s.to_stage FROM deal d "
            "JOIN deal_stage_change s ON s.id = (SELECT s2.id FROM deal_stage_change s2 "
            "WHERE s2.deal_id = d.id AND s2.changed_on <= ? "
            "ORDER BY s2.changed_on DESC, s2.id DESC LIMIT 1) "
            # the recurring pipeline: no one-off (≤ 1 month), no renewal
            "WHERE d.renewal_of_mission_id IS NULL "
            "AND (d.duration_months IS NULL OR d.duration_months > 1)",
            point["as_of"],
        )
        total = sum(
            Fraction(value * (p if p is not None else DEFAULT_STAGE_PROBABILITIES[stage]), 100)
            for value, p, stage in rows
            if stage in OPEN_STAGES
        )
        assert point["weighted_pipeline"] == int(total + Fraction(1, 2))
    # The revenue lost and at risk of the last point are the ones `status` gives that Sunday.
    status = json.loads(
        run_cli("--db", str(demo_template), "--today", SUNDAY, "status", "--json").stdout
    )
    assert w47["trend"][-1]["revenue_at_risk"] == status["revenue_at_risk"]
    assert w47["trend"][-1]["revenue_lost"] == status["revenue_lost"]


def test_next_weeks_targets_come_from_the_coverage_gap(demo_template: Path, w47: dict) -> None:
    last = w47["trend"][-1]
    gap = max(last["revenue_lost"] + last["revenue_at_risk"] - last["weighted_pipeline"], 0)
    nxt = w47["next_week"]
    assert (nxt["week"], nxt["coverage_gap"]) == ("2026-W48", gap)
    assert nxt["plan_weekly"] == {"emailing": 10, "phone": 5, "social": 3}
    for channel, target in nxt["targets"].items():
        assert target == max(
            nxt["plan_weekly"].get(channel, 0), nxt["whatif_weekly"].get(channel, 0)
        )
    whatif = run_cli(
        "--db",
        str(demo_template),
        "--today",
        SUNDAY,
        "whatif",
        "--gap",
        f"{gap / 100:.2f}",
        "--json",
    )
    assert gap > 0  # the demo's losses are not covered
    data = json.loads(whatif.stdout)
    expected = {ch: n for ch, n in data["weekly_activities"].items() if n}
    assert nxt["whatif_weekly"] == expected
    slower = {
        ch: {k: c[k] for k in ("per_period", "period", "basis", "observations")}
        for ch, c in data["channels"].items()
        if c["per_period"]
    }
    assert nxt["whatif_rates"] == slower


def test_the_markdown_review_snapshot(demo_template: Path) -> None:
    result = run_cli(
        "--db", str(demo_template), "--today", TODAY.isoformat(), "review", "--week", WEEK
    )
    assert result.exit_code == 0, result.output
    check_snapshot(f"review_{WEEK}.md", result.stdout)


def test_default_week_is_the_last_complete_one_and_the_current_week_is_so_far(
    demo_template: Path,
) -> None:
    assert review(demo_template, "--format", "json")["week"] == WEEK
    current = review(demo_template, "--week", "2026-W48", "--format", "json")
    assert (current["as_of"], current["complete"]) == (TODAY.isoformat(), False)
    statuses = {c["channel"]: c["status"] for c in current["plan"]["cadences"]}
    assert statuses["emailing"] == "in progress"  # half the target so far, the week goes on
    assert current["plan"]["week_verdict"] == "pending"


@pytest.mark.parametrize(
    ("week", "words"),
    [("2026-W60", "2026 has weeks 1 to 53"), ("2027-W01", "has not started"), ("48", "ISO week")],
)
def test_bad_weeks_exit_2(demo_template: Path, week: str, words: str) -> None:
    result = run_cli(
        "--db", str(demo_template), "--today", TODAY.isoformat(), "review", "--week", week
    )
    assert result.exit_code == 2
    assert words in result.stderr


def test_plan_command(demo_template: Path) -> None:
    result = run_cli("--db", str(demo_template), "--today", TODAY.isoformat(), "plan", "--json")
    data = json.loads(result.stdout)
    assert (data["as_of"], data["this_week"]) == (TODAY.isoformat(), "pending")
    assert data["streak_weeks"] >= 2
    assert Counter(c["channel"] for c in data["cadences"]) == Counter(
        ["emailing", "phone", "social", "event"]
    )
    text = run_cli("--db", str(demo_template), "--today", TODAY.isoformat(), "plan").stdout
    assert text.startswith("Prospecting plan as of 26 Nov 2026 — streak: ")
    assert "10 e-mails de prospection par semaine" in text


def test_log_command(demo_db: Path) -> None:
    base = ("--db", str(demo_db), "--today", TODAY.isoformat())
    (who,) = sql(
        demo_db,
        "SELECT first_name || ' ' || last_name FROM contact WHERE NOT do_not_contact LIMIT 1",
    )[0]
    result = run_cli(*base, "log", f"call {who} outcome:meeting next:+1w")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Logged: Call with {who} — call (phone), ")
    assert "done 26 Nov 2026" in result.stdout.splitlines()[0]
    assert "follow-up due 3 Dec 2026" in result.stdout
    bad = run_cli(*base, "log", "call someone done:+2d")
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "Error: done:+2d is in the future; use due: to plan it"
    (opted,) = sql(
        demo_db, "SELECT first_name || ' ' || last_name FROM contact WHERE do_not_contact"
    )[0]
    warned = run_cli(*base, "log", f"email {opted}", "--json")
    assert warned.exit_code == 0
    assert "Warning: " in warned.stderr and "opted out of prospecting" in warned.stderr
    assert json.loads(warned.stdout)["activity"]["contact"] == opted
    unknown = run_cli(*base, "log", "call Nobody Atall")
    assert unknown.exit_code == 1 and "no contact or client named" in unknown.stderr
