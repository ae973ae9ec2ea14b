"""Lost, at risk and coverage (domain.figures): a certain loss is never a probability, and ending
a mission early never raises coverage."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.figures import stake
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.revenue import MissionFacts, is_active
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, SurveyFact

TODAY = date(2026, 11, 24)


def mission(mid: int, client: int, monthly: int, planned: int | None = None, **kw) -> MissionFacts:
    end = None if planned is None else TODAY + timedelta(days=planned)
    return MissionFacts(
        client, TODAY - timedelta(days=100), end, None, None, None, monthly, mid, **kw
    )


def deal(did: int, client: int, monthly: int, stage: str = "proposal", **kw) -> DealFacts:
    return DealFacts(
        did, client, stage, monthly, None, "emailing", TODAY - timedelta(days=10), **kw
    )


def test_a_planned_end_without_renewal_is_lost_and_a_renewal_weighs_it() -> None:
    missions = [mission(1, 1, 8_000_00, planned=40), mission(2, 2, 4_000_00)]
    risky = {2: ClientRiskFacts(2, signals=(SignalFact("competitor", TODAY),))}
    pipeline = [deal(1, 3, 3_000_00)]  # proposal: 60 % → 1_800_00
    plain = stake(missions, pipeline, risky, TODAY, horizon_days=90)
    assert plain.revenue_lost_cents == 8_000_00
    # client 2: competitor 35 %, never surveyed 10 %, no contact 15 % → 1 − .65×.9×.85 = 50 %
    assert plain.clients[2].risk.score == 50
    assert plain.revenue_at_risk_cents == 2_000_00
    assert plain.coverage == 1_800_00 / 10_000_00

    renewal = deal(2, 1, 8_000_00, renewal_of_mission_id=1)  # proposal 60 %
    weighed = stake(missions, [*pipeline, renewal], risky, TODAY, horizon_days=90)
    assert weighed.revenue_lost_cents == 3_200_00  # 40 % of 8_000_00
    assert weighed.recurring_pipeline_cents == 1_800_00  # a renewal is not new pipeline
    assert "no renewal planned" not in " ".join(r.text for r in weighed.clients[1].risk.reasons)


def test_a_one_off_deal_never_covers_monthly_revenue() -> None:
    missions = [mission(1, 1, 5_000_00, planned=10)]
    training = deal(1, 1, 2_500_00, duration_months=1.0)
    result = stake(missions, [training], {}, TODAY, horizon_days=90)
    assert result.recurring_pipeline_cents == 0
    assert result.coverage == 0.0


days = st.integers(-60, 400)
missions_strategy = st.lists(
    st.builds(
        lambda client, monthly, start, planned: (client, monthly, start, planned),
        st.integers(1, 4),
        st.integers(0, 20_000_00),
        st.integers(-300, 5),
        st.none() | days,
    ),
    min_size=1,
    max_size=6,
)
deals_strategy = st.lists(
    st.tuples(
        st.integers(1, 6),
        st.integers(0, 10_000_00),
        st.sampled_from(("lead", "contacted", "meeting", "proposal", "negotiation")),
        st.none() | st.floats(0.5, 24),
        st.none() | st.integers(1, 6),
    ),
    max_size=6,
)
risk_strategy = st.dictionaries(
    st.integers(1, 4),
    st.tuples(
        st.lists(st.sampled_from(("competitor", "scope_creep", "insourcing")), max_size=3),
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 200),
    ),
)


def _facts(raw_missions, raw_deals, raw_risk):
    missions = [
        MissionFacts(
            client,
            TODAY + timedelta(days=start),
            None if planned is None else TODAY + timedelta(days=max(planned, start + 1)),
            None,
            None,
            None,
            monthly,
            i + 1,
        )
        for i, (client, monthly, start, planned) in enumerate(raw_missions)
    ]
    deals = [
        deal(i + 1, client, value, stage, duration_months=months, renewal_of_mission_id=renews)
        for i, (client, value, stage, months, renews) in enumerate(raw_deals)
    ]
    risk = {
        client: ClientRiskFacts(
            client,
            signals=tuple(SignalFact(kind, TODAY - timedelta(days=3)) for kind in kinds),
            surveys=()
            if nps is None
            else (SurveyFact("nps", TODAY - timedelta(days=9), TODAY - timedelta(days=8), nps),),
            last_contact_on=None if contact is None else TODAY - timedelta(days=contact),
        )
        for client, (kinds, nps, contact) in raw_risk.items()
    }
    return missions, deals, risk


@settings(max_examples=150, deadline=None)
@given(missions_strategy, deals_strategy, risk_strategy, st.data())
def test_ending_any_running_mission_early_never_raises_coverage(
    raw_missions, raw_deals, raw_risk, data
) -> None:
    missions, deals, risk = _facts(raw_missions, raw_deals, raw_risk)
    running = [m for m in missions if is_active(m, TODAY)]
    if not running:
        return
    ended = data.draw(st.sampled_from(running))
    latest = ended.planned_end_on or TODAY + timedelta(days=400)
    on = TODAY + timedelta(days=data.draw(st.integers(0, max((latest - TODAY).days, 0))))
    after_missions = [
        dataclasses.replace(m, actual_end_on=on, status="ended_early") if m is ended else m
        for m in missions
    ]
    before = stake(missions, deals, risk, TODAY, horizon_days=90)
    after = stake(after_missions, deals, risk, TODAY, horizon_days=90)
    lost_before = sum(c.lost_cents for c in before.clients.values())
    assert after.revenue_lost_cents >= lost_before
    ended_monthly = ended.fixed_monthly_cents or 0
    assert after.clients.get(ended.client_id) is None or (
        after.clients[ended.client_id].lost_cents >= ended_monthly
    )
    if before.coverage is not None:
        assert after.coverage is not None
        assert after.coverage <= before.coverage + 1e-12


@settings(max_examples=150, deadline=None)
@given(missions_strategy, deals_strategy, risk_strategy)
def test_every_clients_points_sum_to_its_risk(raw_missions, raw_deals, raw_risk) -> None:
    missions, deals, risk = _facts(raw_missions, raw_deals, raw_risk)
    for client in stake(missions, deals, risk, TODAY, horizon_days=90).clients.values():
        assert sum(r.points for r in client.risk.reasons) == client.risk.score
        assert client.lost_cents + client.at_risk_cents <= client.monthly_revenue_cents


@settings(max_examples=100, deadline=None)
@given(missions_strategy, deals_strategy, risk_strategy)
def test_coverage_in_time_is_the_pipeline_closing_by_each_date(raw_missions, raw_deals, raw_risk):
    """The one-pass sum equals weighing, for each date, the deals expected to close by then."""
    from pipeline_tui.domain.losses import coverage_by_date, expected_close_on, losses
    from pipeline_tui.domain.pipeline import weighted_pipeline_cents

    missions, deals, _ = _facts(raw_missions, raw_deals, raw_risk)
    found = losses(missions, TODAY, 90)
    for point in coverage_by_date(found, deals, TODAY, 30.0):
        by_then = [
            d
            for d in deals
            if d.recurring
            and d.renewal_of_mission_id is None
            and expected_close_on(d, TODAY, 30.0) <= point.ends_on
        ]
        assert point.pipeline_before_cents == weighted_pipeline_cents(by_then)
        lost = sum(x.amount_cents for x in found if x.ends_on <= point.ends_on)
        assert point.loss_cents == lost
