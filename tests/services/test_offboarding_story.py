"""Acceptance 1: the whole story on the demo, through the services.

The demo's at-risk client (Maison Verlaine Distribution) ends its mission early after a refused
change proposal: the revenue and the coverage move by the right amounts, the checklist is dated,
the training deal is in the pipeline, ticking items moves the progress, and the exit survey lands
on the former client.
"""

from __future__ import annotations

from datetime import date, timedelta

from pipeline_tui.services.clients import list_clients
from pipeline_tui.services.deals import get_deal, list_deals, stage_history
from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.services.offboarding import end_mission_early, set_item_done
from pipeline_tui.services.offboarding_view import (
    gap_report,
    get_offboarding_view,
    open_offboardings,
)
from pipeline_tui.services.surveys import client_surveys, record_survey
from tests.helpers import Demo

RETAIL = "Maison Verlaine Distribution"
TRAINING = 350_000  # €3,500


def test_ending_the_at_risk_client_early_walks_the_whole_playbook(demo: Demo) -> None:
    store, today = demo.store, demo.today
    assert demo.summary.at_risk_client == RETAIL
    mission = demo.running_mission(RETAIL)
    client_id = mission.client_id
    monthly = mission.day_rate_cents * mission.days_per_month  # 750 € × 11 days
    assert monthly == 825_000

    # The numbers the day after the end, with the mission still running (nothing ended yet).
    day_after = today + timedelta(days=1)
    before = compute_numbers(store, day_after)
    others = [f for f in before.clients if f.client_id != client_id]
    assert len(others) == len(before.clients) - 1
    expected_revenue = before.monthly_revenue_cents - monthly
    expected_at_risk = sum(f.at_risk_cents for f in others)  # the others do not move
    expected_weighted = before.weighted_pipeline_cents + TRAINING * 60 // 100  # proposal: 60 %

    on_end_day_before = compute_numbers(store, today)

    ended = end_mission_early(
        store,
        mission.id,
        end_on=today,
        notice_days=30,
        reason="scope_creep_refused",
        note="Avenant refusé : la DSI veut absorber les demandes dans le forfait.",
        relationship_good=True,
        training_offer_cents=TRAINING,
        today=today,
    )

    # On the end day the revenue still comes in, and all of it is now certainly lost: coverage
    # can only go down (the training is a one-off: it covers no monthly revenue).
    on_end_day = compute_numbers(store, today)
    assert on_end_day.monthly_revenue_cents == on_end_day_before.monthly_revenue_cents
    assert client_id in {f.client_id for f in on_end_day.clients}
    assert on_end_day.revenue_lost_cents >= monthly
    assert [line.loss.early for line in on_end_day.losses if line.client == RETAIL] == [True]
    assert on_end_day.recurring_pipeline_cents == on_end_day_before.recurring_pipeline_cents
    assert on_end_day.coverage <= on_end_day_before.coverage
    # The day after, the revenue is gone from the numbers.
    after = compute_numbers(store, day_after)
    assert client_id not in {f.client_id for f in after.clients}
    assert after.monthly_revenue_cents == expected_revenue == before.monthly_revenue_cents - 825_000
    assert after.revenue_at_risk_cents == expected_at_risk
    assert after.weighted_pipeline_cents == expected_weighted
    # The gap appears in the what-if: the lost revenue is what the plan must refill.
    assert gap_report(store, ended.offboarding_id, today).result.gap_cents == 825_000

    # The checklist: every step of the template, dated from the notice (27 Oct) or the end.
    view = get_offboarding_view(store, ended.offboarding_id)
    assert [(i.key, i.due_on) for i in view.items] == [
        ("transition_plan", date(2026, 10, 27)),
        ("handover", date(2026, 10, 30)),
        ("training_offer", date(2026, 11, 1)),
        ("documents", date(2026, 11, 26)),
        ("final_invoice", date(2026, 11, 26)),
        ("raise_targets", date(2026, 11, 26)),
        ("satisfaction_surveys", date(2026, 11, 29)),
        ("post_mortem", date(2026, 12, 3)),
        ("exit_survey", date(2026, 12, 10)),
        ("case_study", date(2026, 12, 26)),
    ]
    assert [i.position for i in view.items] == list(range(1, 11))
    # Proposing the training is done by the deal itself.
    assert [i.key for i in view.items if i.done_on] == ["training_offer"]
    assert str(view.summary.progress) == "1/10"

    # The training deal is in the pipeline, at the proposal stage, with its value and history.
    deal = get_deal(store, ended.training_deal_id)
    assert view.training_deal is not None and view.training_deal.id == deal.id
    assert (deal.client_id, deal.stage, deal.monthly_value_cents) == (
        client_id,
        "proposal",
        TRAINING,
    )
    assert deal.id in {d.id for d, _ in list_deals(store, stage="proposal", open_only=True)}
    assert [(h.from_stage, h.to_stage, h.changed_on) for h in stage_history(store, deal.id)] == [
        (None, "proposal", today)
    ]

    # Ticking items moves the progress; the offboarding stays on the dashboard until done.
    by_key = {i.key: i for i in view.items}
    assert set_item_done(store, by_key["transition_plan"].id, today).done == 2
    assert set_item_done(store, by_key["handover"].id, today).done == 3
    assert str(get_offboarding_view(store, ended.offboarding_id).summary.progress) == "3/10"
    assert ended.offboarding_id in {s.id for s in open_offboardings(store)}

    # Two weeks after the end the exit survey goes out; its answer lands on the former client.
    later = today + timedelta(days=15)
    survey = record_survey(
        store,
        client_id,
        kind="exit",
        scale="csat",
        sent_on=today + timedelta(days=14),
        answered_on=later,
        score=4,
        comment="Bonne passation, dommage pour le périmètre.",
        today=later,
    )
    status = {row.id: row.status for row in list_clients(store, later)}
    assert status[client_id] == "former"
    latest = client_surveys(store, client_id)[0]
    assert (latest.id, latest.kind, latest.scale, latest.score) == (survey.id, "exit", "csat", 4)
    view = get_offboarding_view(store, ended.offboarding_id)
    exit_item = next(i for i in view.items if i.key == "exit_survey")
    assert exit_item.done_on == today + timedelta(days=14)  # recorded = sent: item ticked
    assert str(view.summary.progress) == "4/10"

    # Completing every item closes the offboarding; unticking one reopens it.
    for item in view.items:
        if item.done_on is None:
            progress = set_item_done(store, item.id, later)
    assert (progress.done, progress.total, progress.complete) == (10, 10, True)
    assert get_offboarding_view(store, ended.offboarding_id).summary.closed_on == later
    assert ended.offboarding_id not in {s.id for s in open_offboardings(store)}
    assert not set_item_done(store, by_key["case_study"].id, None).complete
    assert ended.offboarding_id in {s.id for s in open_offboardings(store)}
