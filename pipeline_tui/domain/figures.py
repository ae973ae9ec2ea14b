"""What is lost, what is at risk, and how much of it the pipeline covers: one computation.

From the missions, the open deals and each client's risk facts on ``today``:

1. ``losses`` (``domain.losses``): the running missions' revenue that stops within the horizon,
   certain, or weighed by an open renewal deal; ``lost(c)`` = Σ of a client's rounded losses.
2. Churn risk (``domain.risk``) for each client with revenue. A renewal deal open for one of its
   running missions counts as a renewal planned; a mission end already counted as a loss is not
   counted a second time as a risk reason.
3. ``at_risk(c) = round_half_up(score(c) ÷ 100 × (revenue(c) − lost(c)))``: risk applies to what
   is not already lost. ``revenue_at_risk`` = Σ at_risk(c), ``revenue_lost`` = Σ lost(c): totals
   are sums of the rounded amounts shown.
4. ``coverage = recurring pipeline ÷ (revenue_lost + revenue_at_risk)``, where the recurring
   pipeline is the weighted pipeline of the open deals that can replace monthly revenue (no
   one-off, no renewal: ``losses.recurring_pipeline_cents``).

Ending a running mission early makes its whole monthly revenue lost: the denominator never
shrinks and the numerator does not move, so coverage never rises (a property test holds it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline_tui.domain.losses import (
    Loss,
    at_risk_base_cents,
    losses,
    lost_by_client,
    recurring_pipeline_cents,
    renewal_probabilities,
)
from pipeline_tui.domain.mathutil import divide_half_up, safe_ratio
from pipeline_tui.domain.pipeline import DealFacts, Weighed
from pipeline_tui.domain.revenue import MissionFacts, is_active, revenue_by_client
from pipeline_tui.domain.risk import ClientRiskFacts, RiskScore, RiskWeights, churn_risk


@dataclass(frozen=True, slots=True)
class ClientStake:
    """One client with revenue: its monthly revenue, what of it is lost, its risk and what of the
    rest is at risk."""

    client_id: int
    monthly_revenue_cents: int
    lost_cents: int
    risk: RiskScore
    at_risk_cents: int


@dataclass(frozen=True, slots=True)
class Stake:
    """The whole computation (module docstring)."""

    clients: dict[int, ClientStake]
    losses: tuple[Loss, ...]
    revenue_lost_cents: int
    revenue_at_risk_cents: int
    recurring_pipeline_cents: int

    @property
    def coverage(self) -> float | None:
        return safe_ratio(
            self.recurring_pipeline_cents, self.revenue_lost_cents + self.revenue_at_risk_cents
        )


def client_at_risk_cents(score: int, revenue_cents: int, lost_cents: int) -> int:
    """``round_half_up(score ÷ 100 × (revenue − lost))``."""
    base = at_risk_base_cents(revenue_cents, lost_cents)
    return divide_half_up(min(max(score, 0), 100) * base, 100)


def _risk_facts(facts: ClientRiskFacts, renewing: bool, end_is_lost: bool) -> ClientRiskFacts:
    changes: dict[str, object] = {}
    if renewing:
        changes["renewal_planned"] = True
    if end_is_lost:
        changes["mission_end_on"] = None
    return replace(facts, **changes) if changes else facts


@dataclass(frozen=True, slots=True)
class OpenPipeline:
    """What the open deals bring to the computation, whatever the day: the best open renewal of
    each mission (``losses.renewal_probabilities``) and the recurring pipeline."""

    renewals: dict[int, int]
    recurring_pipeline_cents: int


def open_pipeline(
    open_deals: Iterable[Weighed], stage_probabilities: Mapping[str, int] | None = None
) -> OpenPipeline:
    deals = list(open_deals)
    return OpenPipeline(
        renewal_probabilities(deals, stage_probabilities),
        recurring_pipeline_cents(deals, stage_probabilities),
    )


def stake(
    missions: Iterable[MissionFacts],
    open_deals: Iterable[DealFacts],
    risk_inputs: Mapping[int, ClientRiskFacts],
    today: date,
    *,
    horizon_days: int,
    stage_probabilities: Mapping[str, int] | None = None,
    weights: RiskWeights | None = None,
) -> Stake:
    """Losses, risk, at-risk amounts and coverage on ``today`` (module docstring)."""
    return stake_of(
        missions,
        open_pipeline(open_deals, stage_probabilities),
        risk_inputs,
        today,
        horizon_days=horizon_days,
        weights=weights,
    )


def stake_of(
    missions: Iterable[MissionFacts],
    pipeline: OpenPipeline,
    risk_inputs: Mapping[int, ClientRiskFacts],
    today: date,
    *,
    horizon_days: int,
    weights: RiskWeights | None = None,
    reasons: bool = True,
) -> Stake:
    """:func:`stake` with the open deals summed up once (``open_pipeline``), for several days;
    ``reasons=False`` leaves the risk reasons out (the totals are the same)."""
    missions = list(missions)
    revenue = revenue_by_client(missions, today)
    renewals = pipeline.renewals
    found = losses(missions, today, horizon_days, renewals)
    lost = lost_by_client(found)
    renewing = {m.client_id for m in missions if m.id in renewals and is_active(m, today)}
    horizon = today + timedelta(days=horizon_days)
    clients = {}
    for cid, monthly in revenue.items():
        facts = risk_inputs.get(cid, ClientRiskFacts(cid))
        end = facts.mission_end_on
        end_is_lost = end is not None and end <= horizon
        score = churn_risk(
            _risk_facts(facts, cid in renewing, end_is_lost), today, weights, reasons=reasons
        )
        client_lost = min(lost.get(cid, 0), monthly)
        clients[cid] = ClientStake(
            cid,
            monthly,
            client_lost,
            score,
            client_at_risk_cents(score.score, monthly, client_lost),
        )
    return Stake(
        clients=clients,
        losses=tuple(found),
        revenue_lost_cents=sum(c.lost_cents for c in clients.values()),
        revenue_at_risk_cents=sum(c.at_risk_cents for c in clients.values()),
        recurring_pipeline_cents=pipeline.recurring_pipeline_cents,
    )
