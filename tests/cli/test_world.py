"""Issue 14, acceptance 2: a freelancer's world built, edited and pruned with the command line
alone, then ``status --json`` and ``plan --json`` against figures worked out by hand.

Today is Tuesday 24 Nov 2026 (ISO week from Monday 23 Nov).

The world at the end:

- Atelier Nova, mission "Refonte API" at €600 a day × 15 days = €9,000 a month (ends 31 Aug 2027,
  outside the 90-day horizon: nothing lost); surveyed today, CSAT 4 (no risk); contacted today.
- Banque Rivemont, mission "Audit" edited from €4,000 to €5,000 a month (ends 30 Jun 2027); a
  competitor approach on 20 Nov (0.35) and never surveyed (0.10): risk 1 − 0.65 × 0.90 = 0.415,
  42 points; called today, so no no-contact risk. At risk: 42 % × €5,000 = €2,100.
- Studio Lumen, deal "Site vitrine" at proposal (60 %), edited from €5,000 to €6,000 a month over
  6 months (recurring): weighted and recurring pipeline €3,600.

So: monthly revenue €14,000; shares 9/14 = 0.6429 and 5/14 = 0.3571; HHI (81 + 25) / 196 =
0.5408; coverage 3,600 / 2,100 = 1.7143; losing Atelier Nova (€9,000) is covered at 0.4.

The plan: 10 emails a week and calls edited from 5 to 4 a week; done this week: 2 emails and 2
calls (the sequence's planned email is due, not done). Every record kind also had one created
and deleted again: a client, a contact, a mission, a deal, a cadence, a sequence, a signal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import TODAY


def test_a_world_built_edited_and_pruned_from_the_command_line(cli_run, tmp_path: Path) -> None:
    db = str(tmp_path / "world.db")

    def run(*args: str, code: int = 0):
        result = cli_run("--db", db, "--today", TODAY.isoformat(), *args)
        assert result.exit_code == code, (args, result.output)
        return result

    def as_json(*args: str):
        return json.loads(run(*args, "--json").stdout)

    # built
    for name in ("Atelier Nova", "Banque Rivemont", "Studio Lumen", "Temporaire"):
        run("client", "add", name)
    run("contact", "add", "Atelier Nova", "Léa Martin", "--email", "lea@nova.example")
    run("contact", "add", "Banque Rivemont", "Marc Roux", "--email", "marc@rivemont.example")
    run("contact", "add", "Studio Lumen", "Inès Caron", "--email", "ines@lumen.example")
    run("contact", "add", "Studio Lumen", "Paul Essai")
    run(
        "mission", "add", "Atelier Nova", "Refonte API", "--start", "2026-09-01",
        "--months", "12", "--day-rate", "600", "--days-per-month", "15",
    )  # fmt: skip
    run(
        "mission", "add", "Banque Rivemont", "Audit", "--start", "2026-10-01",
        "--end", "2027-06-30", "--monthly", "4000",
    )  # fmt: skip
    run("mission", "add", "Temporaire", "Essai", "--start", "2026-11-01", "--monthly", "100")
    run(
        "deal", "add", "Studio Lumen", "Site vitrine", "--stage", "proposal",
        "--value", "5000", "--months", "6", "--contact", "Inès Caron",
    )  # fmt: skip
    run("deal", "add", "Studio Lumen", "Brouillon", "--value", "999")
    run("plan", "add", "email", "10", "--per", "week")
    run("plan", "add", "call", "5", "--per", "week")
    run("plan", "add", "event", "1", "--per", "month")
    run("sequence", "add", "Relance", "--steps", "email:0,call:3,email:7")
    run("sequence", "add", "Jetable", "--steps", "email:0")
    run("sequence", "enroll", "Relance", "Inès Caron")
    run("survey", "Atelier Nova", "--score", "4")
    run("signal", "add", "Banque Rivemont", "competitor", "--on", "2026-11-20")
    added = run("signal", "add", "Banque Rivemont", "scope_creep", "--on", "2026-11-21").stdout
    scope_creep = re.search(r"Signal #(\d+) recorded", added).group(1)
    run("log", "call Marc Roux outcome:ok")
    run("log", "email Léa Martin")
    run("log", "email Léa Martin")
    run("log", "call Léa Martin")

    # edited, once each
    run("client", "edit", "Studio Lumen", "--notes", "agence web, Lyon")
    run("contact", "edit", "Marc Roux", "--phone", "+33 6 12 34 56 78")
    run("mission", "edit", "Audit", "--monthly", "5000")
    run("deal", "edit", "Site vitrine", "--value", "6000")
    cadences = {c["channel"]: c["id"] for c in as_json("plan")["cadences"]}
    run("plan", "edit", str(cadences["phone"]), "--count", "4")
    run("sequence", "edit", "Relance", "--steps", "email:0,call:3,email:7,social:14")

    # deleted, one of each
    run("signal", "rm", scope_creep, "--yes")
    run("mission", "rm", "Essai", "--yes")
    run("client", "rm", "Temporaire", "--yes")
    run("contact", "rm", "Paul Essai", "--yes")
    run("deal", "rm", "Brouillon", "--yes")
    run("plan", "rm", str(cadences["event"]), "--yes")
    run("sequence", "rm", "Jetable", "--yes")

    status = as_json("status")
    assert status["monthly_revenue"] == 1_400_000
    assert status["top_client_share"] == 0.6429
    assert status["hhi"] == 0.5408
    assert status["revenue_lost"] == 0 and status["losses"] == []
    assert status["weighted_pipeline"] == 360_000
    assert status["recurring_pipeline"] == 360_000
    assert status["open_deals"] == 1
    clients = {c["name"]: c for c in status["clients"]}
    assert set(clients) == {"Atelier Nova", "Banque Rivemont"}
    assert clients["Atelier Nova"]["risk"] == 0
    assert clients["Banque Rivemont"]["monthly_revenue"] == 500_000
    assert clients["Banque Rivemont"]["share"] == 0.3571

    plan = as_json("plan")
    assert [(c["channel"], c["target"], c["done"], c["met"]) for c in plan["cadences"]] == [
        ("emailing", 10, 2, False),
        ("phone", 4, 2, False),
    ]
    sequences = as_json("sequence", "list")
    assert [s["name"] for s in sequences] == ["Relance"]
    assert [len(s["steps"]) for s in sequences] == [4]
    assert len(sequences[0]["enrollments"]) == 1
