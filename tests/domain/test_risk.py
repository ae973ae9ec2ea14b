"""Churn-risk score, its reasons, the weights and the revenue at risk (pipeline_tui.domain.risk)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.risk import (
    ClientRiskFacts,
    RiskReason,
    RiskWeights,
    SignalFact,
    SurveyFact,
    churn_risk,
    share_points,
    survey_concern,
    survey_normalised,
)

TODAY = date(2026, 11, 26)
NOV_12 = date(2026, 11, 12)  # 14 days ago
GOOD_SURVEY = SurveyFact("csat", TODAY - timedelta(days=12), TODAY - timedelta(days=10), 5)


def client(
    *,
    signals: tuple[SignalFact, ...] = (),
    surveys: tuple[SurveyFact, ...] = (GOOD_SURVEY,),
    last_contact_on: date | None = TODAY,
    mission_end_on: date | None = None,
    renewal_planned: bool = False,
) -> ClientRiskFacts:
    """A quiet client (fresh top survey, contacted today, open-ended) unless told otherwise."""
    return ClientRiskFacts(1, signals, surveys, last_contact_on, mission_end_on, renewal_planned)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_quiet_client_has_no_risk() -> None:
    score = churn_risk(client(), TODAY)
    assert score.score == 0
    assert score.reasons == ()
    assert score.client_id == 1


# --- signals ---------------------------------------------------------------------------------


def test_scope_creep_three_times() -> None:
    signals = tuple(SignalFact("scope_creep", d) for d in (days_ago(50), days_ago(30), NOV_12))
    score = churn_risk(client(signals=signals), TODAY)
    # 1 − (1 − 0.12)³ = 1 − 0.88³ = 1 − 0.681472 = 0.318528 → 31.8528 points → 32
    assert score.score == 32
    assert score.reasons == (
        RiskReason(
            "scope_creep", "scope creep ×3 in 60 days (last on 12 Nov 2026)", 32, NOV_12, 0.318528
        ),
    )


def test_scope_creep_window_edges() -> None:
    at_edge = client(signals=(SignalFact("scope_creep", days_ago(60)),))
    outside = client(signals=(SignalFact("scope_creep", days_ago(61)),))
    future = client(signals=(SignalFact("scope_creep", TODAY + timedelta(days=1)),))
    assert churn_risk(at_edge, TODAY).score == 12  # 0.12 × 100
    assert churn_risk(outside, TODAY).score == 0
    assert churn_risk(future, TODAY).score == 0


@pytest.mark.parametrize(
    ("kind", "on", "expected", "text"),
    [
        ("change_refused", NOV_12, 25, "change proposal refused on 12 Nov 2026"),
        ("competitor", date(2026, 10, 3), 35, "competitor approach on 3 Oct 2026"),
        ("insourcing", date(2026, 6, 1), 45, "insourcing intent on 1 Jun 2026"),
    ],
)
def test_single_signal(kind: str, on: date, expected: int, text: str) -> None:
    score = churn_risk(client(signals=(SignalFact(kind, on),)), TODAY)
    assert score.score == expected
    assert score.reasons[0].text == text
    assert score.reasons[0].on == on


def test_change_refused_window_is_90_days() -> None:
    facts = client(signals=(SignalFact("change_refused", days_ago(91)),))
    assert churn_risk(facts, TODAY).score == 0


def test_note_carries_no_risk() -> None:
    signals = (SignalFact("note", NOV_12, "lunch went well"), SignalFact("unknown", NOV_12))
    assert churn_risk(client(signals=signals), TODAY).score == 0


# --- surveys ---------------------------------------------------------------------------------


def test_survey_normalisation() -> None:
    assert survey_normalised("csat", 2) == 0.25  # (2 − 1) ÷ 4
    assert survey_normalised("nps", 4) == 0.4  # 4 ÷ 10
    assert survey_normalised("csat", 9) == 1.0  # clamped to 5
    assert survey_normalised("stars", 3) is None


def test_low_csat() -> None:
    survey = SurveyFact("csat", date(2026, 8, 25), date(2026, 9, 1), 2)  # 86 days ago
    score = churn_risk(client(surveys=(survey,)), TODAY)
    # CSAT 2 worries at 0.75: 0.40 × 0.75 = 0.30 → 30
    assert score.score == 30
    assert score.reasons == (
        RiskReason("survey_low", "last survey CSAT 2/5 on 1 Sep 2026", 30, date(2026, 9, 1), 0.3),
    )


def test_low_nps() -> None:
    survey = SurveyFact("nps", days_ago(20), days_ago(15), 4)
    score = churn_risk(client(surveys=(survey,)), TODAY)
    # a detractor: 0.5 + 0.5 × (6 − 4) ÷ 6 = 2/3; 0.40 × 2/3 = 0.2667 → 27
    assert score.score == 27
    assert score.reasons[0].text.startswith("last survey NPS 4/10 on ")


def test_latest_answered_survey_wins() -> None:
    old_bad = SurveyFact("csat", days_ago(100), days_ago(90), 1)
    new_good = SurveyFact("csat", days_ago(20), days_ago(10), 5)
    unanswered = SurveyFact("csat", days_ago(2), None, None)
    assert churn_risk(client(surveys=(new_good, old_bad, unanswered)), TODAY).score == 0


def test_survey_older_than_window_is_ignored() -> None:
    stale = SurveyFact("csat", days_ago(205), days_ago(200), 1)
    score = churn_risk(client(surveys=(stale,)), TODAY)
    # the CSAT 1 would weigh 0.40; it is stale, so "no survey" 0.10 instead → 10
    assert score.score == 10
    expected = RiskReason("no_survey", "no survey for 200 days", 10, days_ago(200), 0.1)
    assert score.reasons == (expected,)


def test_never_surveyed_and_never_answered() -> None:
    assert churn_risk(client(surveys=()), TODAY).reasons == (
        RiskReason("no_survey", "never surveyed", 10, None, 0.1),
    )
    sent = SurveyFact("nps", date(2026, 11, 2), None, None)
    (reason,) = churn_risk(client(surveys=(sent,)), TODAY).reasons
    assert reason.text == "no survey answered (last sent on 2 Nov 2026)"


# --- mission end -----------------------------------------------------------------------------


def test_mission_end_in_21_days_rounds_half_up() -> None:
    end = date(2026, 12, 17)  # 21 days ahead
    score = churn_risk(client(mission_end_on=end), TODAY)
    # 0.30 × (1 − 21/60) = 0.30 × 0.65 = 0.195 → 19.5 → 20 (half up, despite float noise)
    assert score.score == 20
    assert score.reasons == (
        RiskReason(
            "mission_end",
            "mission ends in 21 days (17 Dec 2026), no renewal planned",
            20,
            end,
            0.195,
        ),
    )


def test_mission_end_edges() -> None:
    def score(days_left: int, renewal: bool = False) -> int:
        facts = client(mission_end_on=TODAY + timedelta(days=days_left), renewal_planned=renewal)
        return churn_risk(facts, TODAY).score

    assert score(60) == 0  # window edge: 0.30 × (1 − 60/60) = 0
    assert score(30) == 15  # 0.30 × (1 − 30/60) = 0.15
    assert score(0) == 30  # full weight
    assert score(-5) == 30  # planned end passed, still running: full weight
    assert score(5, renewal=True) == 0
    facts = client(mission_end_on=TODAY - timedelta(days=5))
    assert "passed 5 days ago" in churn_risk(facts, TODAY).reasons[0].text
    assert "mission ends today" in churn_risk(client(mission_end_on=TODAY), TODAY).reasons[0].text


# --- no contact ------------------------------------------------------------------------------


def test_no_contact() -> None:
    def score(days: int | None) -> int:
        last = None if days is None else days_ago(days)
        return churn_risk(client(last_contact_on=last), TODAY).score

    assert score(30) == 0  # not more than 30 days
    assert score(45) == 4  # 0.15 × (45 − 30)/60 = 0.15 × 0.25 = 0.0375 → 3.75 → 4
    assert score(90) == 15  # 0.15 × min(1, 60/60)
    assert score(400) == 15
    assert score(None) == 15  # never contacted: full weight
    reason = churn_risk(client(last_contact_on=days_ago(45)), TODAY).reasons[0]
    assert (reason.text, reason.on) == ("no contact for 45 days", days_ago(45))
    assert churn_risk(client(last_contact_on=None), TODAY).reasons[0].text == "no contact on record"


# --- combination -----------------------------------------------------------------------------


def test_combined_factors_and_order() -> None:
    facts = client(
        signals=(SignalFact("change_refused", NOV_12),),
        surveys=(),
        mission_end_on=date(2026, 12, 17),
    )
    score = churn_risk(facts, TODAY)
    # 1 − (1 − 0.25)(1 − 0.195)(1 − 0.10) = 1 − 0.75 × 0.805 × 0.9 = 1 − 0.543375 = 0.456625 → 46
    assert score.score == 46
    assert [r.kind for r in score.reasons] == ["change_refused", "mission_end", "no_survey"]
    # points: 46 × (0.25, 0.195, 0.10) ÷ 0.545 = 21.10, 16.46, 8.44 → floors 21 + 16 + 8 = 45,
    # the one point left goes to the largest remainder (0.46, mission end): 21 + 17 + 8 = 46
    assert [r.points for r in score.reasons] == [21, 17, 8]
    assert [r.contribution for r in score.reasons] == [0.25, 0.195, 0.1]


def test_score_is_capped_at_99() -> None:
    signals = tuple(SignalFact("scope_creep", days_ago(i)) for i in range(40))
    signals += (SignalFact("insourcing", NOV_12), SignalFact("competitor", NOV_12))
    # 1 − 0.88⁴⁰ × 0.55 × 0.65 × 0.85 (never contacted) ≈ 1 − 0.006017 × 0.3039 ≈ 0.99817
    # → 99.8 would round to 100: capped at 99
    assert churn_risk(client(signals=signals, last_contact_on=None), TODAY).score == 99
    certain = RiskWeights(insourcing=1.0)
    facts = client(signals=(SignalFact("insourcing", NOV_12),))
    assert churn_risk(facts, TODAY, certain).score == 99


# --- weights ---------------------------------------------------------------------------------


def test_weights_round_trip_and_custom() -> None:
    weights = RiskWeights()
    assert RiskWeights.from_dict(weights.to_dict()) == weights
    custom = RiskWeights.from_dict({"competitor": 0.5, "no_contact_days": 45.0, "future_key": 3})
    assert custom.competitor == 0.5
    assert custom.no_contact_days == 45
    facts = client(signals=(SignalFact("competitor", NOV_12),))
    assert churn_risk(facts, TODAY, custom).score == 50


@pytest.mark.parametrize(
    "bad",
    [
        {"competitor": 1.5},
        {"competitor": -0.1},
        {"competitor": "high"},
        {"competitor": True},
        {"competitor": float("nan")},
        {"scope_creep_window_days": 0},
        {"scope_creep_window_days": 1.5},
        {"survey_max_age_days": "180"},
    ],
)
def test_bad_weights_raise(bad: dict[str, object]) -> None:
    key = next(iter(bad))
    with pytest.raises(ValueError, match=key):
        RiskWeights.from_dict(bad)


def test_weights_need_a_mapping() -> None:
    with pytest.raises(ValueError, match="JSON object"):
        RiskWeights.from_dict([1, 2])  # type: ignore[arg-type]


# --- revenue at risk (``domain.figures``: per client, on what is not already lost) -----------


def test_revenue_at_risk_per_client() -> None:
    from pipeline_tui.domain.figures import client_at_risk_cents

    assert client_at_risk_cents(40, 5_000_00, 0) == 200_000
    # 15 % × 3_333_33 = 49_999.95 → 50_000: each client's amount is rounded, the total is the
    # sum of the amounts the user sees
    assert client_at_risk_cents(15, 3_333_33, 0) == 50_000
    assert client_at_risk_cents(50, 1, 0) == 1  # half a cent, half up
    # risk applies to what is not already lost
    assert client_at_risk_cents(50, 8_000_00, 3_000_00) == 2_500_00
    assert client_at_risk_cents(99, 8_000_00, 8_000_00) == 0
    assert client_at_risk_cents(0, 1_000_00, 0) == 0


# --- properties ------------------------------------------------------------------------------

ADVERSE = ("scope_creep", "change_refused", "competitor", "insourcing")
any_day = st.integers(-400, 30).map(lambda n: TODAY + timedelta(days=n))
signal = st.builds(SignalFact, st.sampled_from((*ADVERSE, "note")), any_day)
survey = st.one_of(
    st.builds(SurveyFact, st.just("csat"), any_day, st.none() | any_day, st.integers(1, 5)),
    st.builds(SurveyFact, st.just("nps"), any_day, st.none() | any_day, st.integers(0, 10)),
)
facts_strategy = st.builds(
    ClientRiskFacts,
    st.just(1),
    st.lists(signal, max_size=6).map(tuple),
    st.lists(survey, max_size=3).map(tuple),
    st.none() | any_day,
    st.none() | any_day,
    st.booleans(),
)
PROPERTY = settings(max_examples=80, deadline=None)


@PROPERTY
@given(facts_strategy)
def test_score_bounded_and_reasons_sorted(facts: ClientRiskFacts) -> None:
    score = churn_risk(facts, TODAY)
    assert 0 <= score.score <= 99
    contributions = [r.contribution for r in score.reasons]
    assert contributions == sorted(contributions, reverse=True)
    assert all(0 < c <= 1 for c in contributions)
    assert sum(r.points for r in score.reasons) == score.score  # the points add up


@PROPERTY
@given(facts_strategy, st.sampled_from(ADVERSE), any_day)
def test_adding_an_adverse_signal_never_lowers(facts: ClientRiskFacts, kind: str, on: date) -> None:
    more = dataclasses.replace(facts, signals=(*facts.signals, SignalFact(kind, on)))
    assert churn_risk(more, TODAY).score >= churn_risk(facts, TODAY).score


@PROPERTY
@given(facts_strategy, st.integers(0, 10))
def test_lower_survey_score_never_lowers(facts: ClientRiskFacts, drop: int) -> None:
    def lowered(s: SurveyFact) -> SurveyFact:
        if s.score is None:
            return s
        return dataclasses.replace(s, score=max(s.score - drop, 0 if s.scale == "nps" else 1))

    worse = dataclasses.replace(facts, surveys=tuple(lowered(s) for s in facts.surveys))
    assert churn_risk(worse, TODAY).score >= churn_risk(facts, TODAY).score


@PROPERTY
@given(facts_strategy, st.integers(0, 100))
def test_nearer_mission_end_never_lowers(facts: ClientRiskFacts, sooner: int) -> None:
    if facts.mission_end_on is None:
        facts = dataclasses.replace(facts, mission_end_on=TODAY + timedelta(days=90))
    nearer = dataclasses.replace(facts, mission_end_on=facts.mission_end_on - timedelta(sooner))
    assert churn_risk(nearer, TODAY).score >= churn_risk(facts, TODAY).score


@PROPERTY
@given(facts_strategy, st.integers(0, 200))
def test_longer_without_contact_never_lowers(facts: ClientRiskFacts, longer: int) -> None:
    last = facts.last_contact_on
    later = None if last is None else last - timedelta(days=longer)
    for worse in (dataclasses.replace(facts, last_contact_on=later), client_never(facts)):
        assert churn_risk(worse, TODAY).score >= churn_risk(facts, TODAY).score


def client_never(facts: ClientRiskFacts) -> ClientRiskFacts:
    return dataclasses.replace(facts, last_contact_on=None)


@pytest.mark.parametrize(("scale", "score"), [("nps", 9), ("nps", 10), ("csat", 4), ("csat", 5)])
def test_a_satisfied_answer_carries_no_risk(scale: str, score: int) -> None:
    survey = SurveyFact(scale, days_ago(10), days_ago(5), score)
    result = churn_risk(client(surveys=(survey,), last_contact_on=days_ago(1)), TODAY)
    assert result.score == 0
    assert result.reasons == ()


def test_survey_scales_follow_their_meaning() -> None:
    assert survey_concern("nps", 8) == survey_concern("nps", 7) == 0.25  # passive
    assert survey_concern("nps", 6) == 0.5 and survey_concern("nps", 0) == 1.0  # detractors
    assert survey_concern("csat", 3) == 0.5 and survey_concern("csat", 1) == 1.0


def test_points_split_the_score_by_largest_remainder() -> None:
    assert share_points(46, [0.25, 0.195, 0.10]) == [21, 17, 8]
    assert share_points(10, [0.1, 0.1, 0.1]) == [4, 3, 3]  # ties: the earlier reason
    assert share_points(0, [0.2]) == [0]
