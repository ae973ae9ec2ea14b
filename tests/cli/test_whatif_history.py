"""``whatif --json`` per channel, from a history built by hand (issue 13, acceptance 2).

Over the last 12 months: emailing 200 activities done, 15 leads (deals from emailing), 5 of them
won; social 30 activities, 5 leads, 1 won; phone nothing; event 2 activities, 4 leads, none won.
Every won deal is worth €1,000 a month, and the client lost brings €11,000 a month, so
``wins_needed = ⌈11,000 ÷ 1,000⌉ = 11``. Priors: k = 5 pseudo observations, mix 40/30/20/10 %,
win rate r₀ = the lead stage's 10 %, 10 emails / 6 messages / 4 calls / ½ event a lead. Σ W = 6.

- emailing: share (5 + 5 × 0.4) ÷ (6 + 5) = 7/11; win rate (5 + 0.5) ÷ (15 + 5) = 0.275;
  activities a lead (200 + 50) ÷ 20 = 12.5; leads 11 × 7/11 ÷ 0.275 = 25.45;
  25.45 × 12.5 ÷ 12 weeks = 26.5 → **27 a week**, basis history (15 leads ≥ 5).
- social: share 2.5/11; rate 1.5 ÷ 10 = 0.15; a lead (30 + 30) ÷ 10 = 6; leads 16.67;
  100 ÷ 12 = 8.33 → **8 a week**, history (5 leads).
- phone: share 1/11; rate 0.5 ÷ 5 = 0.1; a lead 20 ÷ 5 = 4; leads 10; 40 ÷ 12 = 3.33 →
  **3 a week**, prior (0 leads).
- event: share 0.5/11; rate 0.5 ÷ 9; a lead (2 + 2.5) ÷ 9 = 0.5; leads 9; 4.5 ÷ 12 = 0.375 a
  week, 1.625 a month → **2 a month**, prior (4 leads < 5).

Leads needed: ⌈25.45 + 16.67 + 10 + 9⌉ = ⌈61.12⌉ = 62.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from pipeline_tui.services import activities, clients, deals, missions
from pipeline_tui.store.database import Store
from tests.conftest import TODAY

HISTORY = {  # channel: (activities done, leads, won)
    "emailing": (200, 15, 5),
    "social": (30, 5, 1),
    "event": (2, 4, 0),
}
KIND = {"emailing": "email", "social": "social", "event": "event"}


def _build(store: Store) -> None:
    big = clients.add_client(store, "Big Client")
    missions.add_mission(store, big.id, "Run", date(2026, 1, 5), fixed_monthly_cents=11_000_00)
    prospect = clients.add_client(store, "Prospects")
    created = TODAY - timedelta(days=120)
    for channel, (done, leads, won) in HISTORY.items():
        for i in range(done):
            day = TODAY - timedelta(days=1 + i % 300)
            activities.add_activity(
                store, KIND[channel], channel=channel, subject="Outreach", due_on=day, done_on=day
            )
        for i in range(leads):
            deal = deals.add_deal(
                store,
                prospect.id,
                f"{channel} lead {i}",
                on=created,
                channel=channel,
                monthly_value_cents=1_000_00,
            )
            if i < won:
                deals.move_deal(store, deal.id, "won", on=created + timedelta(days=30))


def test_whatif_targets_per_channel_are_the_hand_worked_ones(
    cli_run, store: Store, db_path: Path
) -> None:
    _build(store)
    result = cli_run(
        "--db", str(db_path), "--today", TODAY.isoformat(), "whatif", "Big Client", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["gap"], data["wins_needed"], data["weeks"]) == (11_000_00, 11, 12)
    assert data["average_won_monthly_value"] == 1_000_00
    shown = {
        ch: (c["per_period"], c["period"], c["basis"], c["observations"])
        for ch, c in data["channels"].items()
    }
    assert shown == {
        "emailing": (27, "week", "history", 15),
        "social": (8, "week", "history", 5),
        "phone": (3, "week", "prior", 0),
        "event": (2, "month", "prior", 4),
    }
    assert data["channels"]["emailing"]["win_share"] == round(7 / 11, 4)
    assert data["channels"]["emailing"]["activities_per_lead"] == 12.5
    assert data["channels"]["event"]["per_week"] == 0.375
    assert data["leads_needed"] == 62
    assert data["weekly_activities"] == {"emailing": 27, "social": 8, "phone": 3, "event": 0}
