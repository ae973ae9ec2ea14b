"""The presentation rules the CLI and the TUI share (``domain.present``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.domain.present import (
    at_risk_tone,
    concentration_tone,
    coverage_tone,
    due_label,
    percent,
    risk_score_tone,
    worst_loss_sentence,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("value", "options", "text"),
    [
        (0.723, {}, "72%"),
        (0.725, {}, "72%"),  # Python's rounding of the float, as every screen had it
        (1.5, {}, "150%"),
        (0.0, {}, "0%"),
        (None, {}, "—"),
        (None, {"missing": ""}, ""),
        (0.5012, {"decimals": 1}, "50.1%"),
    ],
)
def test_percent(value, options, text) -> None:
    assert percent(value, **options) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "1 d late"), (12, "12 d late"), (-1, "tomorrow"), (-5, "in 5 d")],
)
def test_due_label_counts_from_today(days: int, text: str) -> None:
    assert due_label(TODAY - timedelta(days=days), TODAY) == text


def test_the_worst_loss_sentence() -> None:
    sentence = worst_loss_sentence("Maison Verlaine", 825_000, "EUR", 0.72)
    assert sentence == "Losing Maison Verlaine, €8,250/month, is covered at 72%."
    assert worst_loss_sentence("A", 100, "EUR", None).endswith("is covered at —.")


@pytest.mark.parametrize(
    ("coverage", "tone"),
    [
        (None, "neutral"),
        (1.0, "good"),
        (2.3, "good"),
        (0.99, "warning"),
        (0.5, "warning"),
        (0.49, "bad"),
        (0.0, "bad"),
    ],
)
def test_coverage_tone(coverage, tone) -> None:
    assert coverage_tone(coverage) == tone


@pytest.mark.parametrize(
    ("at_risk", "revenue", "tone"),
    [
        (0, 0, "good"),
        (500, 0, "good"),
        (10, 100, "good"),
        (11, 100, "warning"),
        (30, 100, "warning"),
        (31, 100, "bad"),
    ],
)
def test_at_risk_tone(at_risk: int, revenue: int, tone: str) -> None:
    assert at_risk_tone(at_risk, revenue) == tone


def test_concentration_tone() -> None:
    assert concentration_tone(True) == "bad"
    assert concentration_tone(False) == "neutral"


@pytest.mark.parametrize(
    ("score", "tone"),
    [
        (None, "neutral"),
        (0, "good"),
        (29, "good"),
        (30, "warning"),
        (59, "warning"),
        (60, "bad"),
        (100, "bad"),
    ],
)
def test_risk_score_tone(score, tone) -> None:
    assert risk_score_tone(score) == tone


def test_a_deal_is_named_with_its_client_once() -> None:
    from pipeline_tui.domain.present import deal_heading

    assert deal_heading("Site vitrine", "Studio Lumen") == "Site vitrine — Studio Lumen"
    assert deal_heading("Acme — Jane Doe", "Acme") == "Acme — Jane Doe"
    assert deal_heading("acme", "Acme") == "acme"
    assert deal_heading("Audit", None) == "Audit"


def test_a_default_deal_title_never_names_a_stage() -> None:
    from pipeline_tui.domain.lead_draft import default_title

    assert default_title("Acme") == "Acme"
    assert default_title("Acme", "Jane Doe") == "Acme — Jane Doe"
