"""The numbers of DESIGN.md, computed once here for the dashboard, the CLI and the review.

Loads the facts (``store.queries``), hands them to the pure domain functions, and returns one
``Numbers`` value; ``numbers_json`` is the ``status --json`` contract (money in integer cents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.conversion import ConversionStats, conversion_stats_from_paths
from pipeline_tui.domain.pipeline import (
    RottingDeal,
    average_open_monthly_cents,
    coverage,
    rotting_deals,
    weighted_pipeline_cents,
    worst_loss_coverage,
)
from pipeline_tui.domain.revenue import Concentration, concentration, revenue_by_client
from pipeline_tui.domain.risk import RiskScore, RiskWeights, churn_risk, revenue_at_risk_cents
from pipeline_tui.domain.whatif import WhatIf, whatif
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.settings import AppSettings, read_settings
from pipeline_tui.store.queries import clients, deals, missions, risk
from pipeline_tui.store.reader import ReadSource

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store


@dataclass(frozen=True)
class ClientFigure:
    """One active client: what it brings, its share, and how likely it is to leave."""

    client_id: int
    name: str
    monthly_revenue_cents: int
    share: float
    risk: RiskScore

    @property
    def at_risk_cents(self) -> int:
        return revenue_at_risk_cents(
            {self.client_id: self.risk.score}, {self.client_id: self.monthly_revenue_cents}
        )


@dataclass(frozen=True)
class Numbers:
    as_of: date
    currency: str
    concentration: Concentration
    clients: tuple[ClientFigure, ...]  # by risk, highest first
    revenue_at_risk_cents: int
    weighted_pipeline_cents: int
    open_deal_count: int
    coverage: float | None
    worst_loss_coverage: float | None
    largest_client: ClientFigure | None
    conversion: ConversionStats
    rotting: tuple[RottingDeal, ...]
    rotting_client_names: dict[int, str]
    average_open_monthly_cents: int | None

    @property
    def monthly_revenue_cents(self) -> int:
        return self.concentration.total_cents


def _risk_weights(settings: AppSettings) -> RiskWeights:
    try:
        return RiskWeights.from_dict(settings.risk_weights)
    except ValueError as exc:
        raise InvalidInput(f"the stored risk weights are not valid: {exc}") from exc


def compute_numbers(source: ReadSource, today: date) -> Numbers:
    """Every figure of the dashboard and of ``status``, as of ``today``, from one snapshot
    (``source`` is a store, or the fast read path of ``store.reader``)."""
    with source.read() as q:
        settings = read_settings(q)
        every_mission = missions.mission_facts(q)
        revenue = revenue_by_client(every_mission, today)
        risk_inputs = risk.risk_facts(q, revenue, every_mission, today)
        open_deals = deals.deal_facts(q, open_only=True)  # the pipeline is the open deals
        paths = deals.deal_paths(q)  # conversion: every deal, its history summed up in SQL
        rotting = rotting_deals(open_deals, today, settings.rot_days)
        names = clients.client_names(q, set(revenue) | {r.deal.client_id for r in rotting})

    weights = _risk_weights(settings)
    shares = concentration(revenue)
    scores = {cid: churn_risk(risk_inputs[cid], today, weights) for cid in revenue}
    figures = sorted(
        (
            ClientFigure(cid, names[cid], revenue[cid], shares.shares[cid], scores[cid])
            for cid in revenue
        ),
        key=lambda f: (-f.risk.score, -f.monthly_revenue_cents, f.name.lower()),
    )
    at_risk = revenue_at_risk_cents({cid: s.score for cid, s in scores.items()}, revenue)
    weighted = weighted_pipeline_cents(open_deals, settings.stage_probabilities)
    largest = next((f for f in figures if f.client_id == shares.top_client_id), None)
    stats = conversion_stats_from_paths(paths, settings.stage_probabilities)
    return Numbers(
        as_of=today,
        currency=settings.currency,
        concentration=shares,
        clients=tuple(figures),
        revenue_at_risk_cents=at_risk,
        weighted_pipeline_cents=weighted,
        open_deal_count=stats.open_count,
        coverage=coverage(weighted, at_risk),
        worst_loss_coverage=worst_loss_coverage(weighted, shares.top_cents),
        largest_client=largest,
        conversion=stats,
        rotting=tuple(rotting),
        rotting_client_names=names,
        average_open_monthly_cents=average_open_monthly_cents(open_deals),
    )


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def numbers_json(n: Numbers) -> dict[str, object]:
    """The ``status --json`` document. Money is integer cents; ratios are fractions (0.72)."""
    c = n.conversion
    return {
        "as_of": n.as_of.isoformat(),
        "currency": n.currency,
        "monthly_revenue": n.monthly_revenue_cents,
        "top_client_share": _ratio(n.concentration.top_share),
        "hhi": _ratio(n.concentration.hhi),
        "dependent_on_top_client": n.concentration.dependent,
        "revenue_at_risk": n.revenue_at_risk_cents,
        "weighted_pipeline": n.weighted_pipeline_cents,
        "open_deals": n.open_deal_count,
        "coverage": _ratio(n.coverage),
        "worst_loss_coverage": _ratio(n.worst_loss_coverage),
        "worst_loss_client": n.largest_client.name if n.largest_client else None,
        "clients": [
            {
                "name": f.name,
                "monthly_revenue": f.monthly_revenue_cents,
                "share": _ratio(f.share),
                "risk": f.risk.score,
                "revenue_at_risk": f.at_risk_cents,
                "reasons": [r.text for r in f.risk.reasons],
            }
            for f in n.clients
        ],
        "conversion": {
            "stage_rates": {stage: _ratio(rate) for stage, rate in c.stage_rates.items()},
            "lead_to_win_rate": _ratio(c.lead_to_win_rate),
            "win_rate": _ratio(c.win_rate),
            "win_rate_by_channel": {ch: _ratio(r) for ch, r in c.win_rate_by_channel.items()},
            "won": c.won_count,
            "lost": c.lost_count,
            "average_cycle_days": None
            if c.average_cycle_days is None
            else round(c.average_cycle_days, 1),
            "average_won_monthly_value": c.average_won_monthly_cents,
            "sales_velocity_per_day": None
            if c.sales_velocity_cents_per_day is None
            else round(c.sales_velocity_cents_per_day),
        },
        "rotting_deals": len(n.rotting),
    }


@dataclass(frozen=True)
class WhatIfReport:
    """The loss of one client (or a given gap) turned into weekly targets."""

    client_name: str | None
    currency: str
    result: WhatIf
    coverage_before: float | None


def compute_whatif(
    store: Store,
    today: date,
    *,
    client_name: str | None = None,
    gap_cents: int | None = None,
    weeks: int = 12,
) -> WhatIfReport:
    """What losing ``client_name`` (or a monthly ``gap_cents``) asks of the prospecting plan.

    The lost client's revenue becomes the gap; what stays at risk is the other clients' revenue
    at risk; the weighted pipeline is unchanged.
    """
    if weeks < 1:
        raise InvalidInput("the horizon is at least one week")
    if (client_name is None) == (gap_cents is None):
        raise InvalidInput("give a client, or a monthly gap, not both")
    if gap_cents is not None and gap_cents < 0:
        raise InvalidInput("the gap is a positive monthly amount")
    numbers = compute_numbers(store, today)
    at_risk = numbers.revenue_at_risk_cents
    name = None
    if client_name is not None:
        from pipeline_tui.services.clients import find_client  # not on `status`'s path

        client = find_client(store, client_name)
        name = client.name
        lost = next((f for f in numbers.clients if f.client_id == client.id), None)
        gap_cents = lost.monthly_revenue_cents if lost else 0
        at_risk -= lost.at_risk_cents if lost else 0
    result = whatif(
        gap_cents=gap_cents or 0,
        weeks=weeks,
        stats=numbers.conversion,
        weighted_pipeline_cents=numbers.weighted_pipeline_cents,
        at_risk_cents=max(at_risk, 0),
        fallback_won_monthly_cents=numbers.average_open_monthly_cents,
    )
    return WhatIfReport(name, numbers.currency, result, numbers.coverage)


def whatif_json(report: WhatIfReport) -> dict[str, object]:
    r = report.result
    return {
        "client": report.client_name,
        "currency": report.currency,
        "gap": r.gap_cents,
        "weeks": r.weeks,
        "wins_needed": r.wins_needed,
        "leads_needed": r.leads_needed,
        "weekly_leads": round(r.weekly_leads, 2),
        "weekly_activities": r.weekly_activities,
        "average_won_monthly_value": r.avg_won_monthly_cents,
        "value_basis": r.value_basis,
        "lead_to_win_rate": _ratio(r.lead_to_win_rate),
        "weighted_pipeline": r.weighted_pipeline_cents,
        "revenue_at_risk_left": r.at_risk_cents,
        "coverage_before": _ratio(report.coverage_before),
        "coverage_left": _ratio(r.coverage_left),
    }


def client_risk(store: Store, client_id: int, today: date) -> RiskScore:
    """One client's churn risk with its reasons (the same computation as the dashboard's)."""
    with store.read() as q:
        settings = read_settings(q)
        client_missions = missions.mission_facts(q, client_id)
        inputs = risk.risk_facts(q, [client_id], client_missions, today)
    return churn_risk(inputs[client_id], today, _risk_weights(settings))
