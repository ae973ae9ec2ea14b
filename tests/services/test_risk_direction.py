"""Acceptance 4: a survey score moves the churn risk (through ``compute_numbers``) the right way."""

from __future__ import annotations

from pipeline_tui.services.numbers import compute_numbers
from pipeline_tui.services.surveys import record_survey
from tests.helpers import Demo


def _risk(demo: Demo, client_id: int) -> tuple[int, int, list[str]]:
    numbers = compute_numbers(demo.store, demo.today)
    figure = next(f for f in numbers.clients if f.client_id == client_id)
    return figure.risk.score, numbers.revenue_at_risk_cents, [r.text for r in figure.risk.reasons]


def test_a_low_satisfaction_score_raises_the_churn_risk(demo: Demo) -> None:
    bank = demo.client_id("Banque Rivemont")  # last survey: NPS 9, two weeks ago
    risk_before, at_risk_before, _ = _risk(demo, bank)
    record_survey(
        demo.store,
        bank,
        kind="satisfaction",
        scale="csat",
        sent_on=demo.today,
        answered_on=demo.today,
        score=1,
        comment="Plus rien ne marche.",
        today=demo.today,
    )
    risk_after, at_risk_after, reasons = _risk(demo, bank)
    assert risk_after > risk_before
    assert at_risk_after > at_risk_before
    assert any("CSAT 1/5" in text for text in reasons)


def test_a_high_satisfaction_score_lowers_the_churn_risk(demo: Demo) -> None:
    retail = demo.client_id(demo.summary.at_risk_client)  # last survey: CSAT 2/5
    risk_before, at_risk_before, _ = _risk(demo, retail)
    record_survey(
        demo.store,
        retail,
        scale="nps",
        sent_on=demo.today,
        answered_on=demo.today,
        score=10,
        today=demo.today,
    )
    risk_after, at_risk_after, reasons = _risk(demo, retail)
    assert risk_after < risk_before
    assert at_risk_after < at_risk_before
    assert not any("survey" in text for text in reasons)  # a perfect score adds no risk


def test_an_exit_survey_does_not_feed_the_risk_of_current_clients(demo: Demo) -> None:
    numbers_before = compute_numbers(demo.store, demo.today)
    record_survey(
        demo.store,
        demo.client_id(demo.summary.former_client),
        kind="exit",
        sent_on=demo.today,
        answered_on=demo.today,
        score=1,
        today=demo.today,
    )
    assert compute_numbers(demo.store, demo.today).revenue_at_risk_cents == (
        numbers_before.revenue_at_risk_cents
    )
