"""The numbers of DESIGN.md, computed once here for the dashboard, the CLI and the review.

Loads the facts (``store.queries``), hands them to the pure domain functions, and returns one
``Numbers`` value; ``numbers_json`` is the ``status --json`` contract (money in integer cents).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from dateutil.relativedelta import relativedelta

from pipeline_tui.domain.conversion import ConversionStats, conversion_stats_from_groups
from pipeline_tui.domain.figures import stake
from pipeline_tui.domain.losses import CoverageOnDate, Loss, coverage_by_date
from pipeline_tui.domain.pipeline import (
    RottingDeal,
    average_group_monthly_cents,
    idle_since,
    rotting_deals,
    weighted_pipeline_cents,
    worst_loss_coverage,
)
from pipeline_tui.domain.revenue import Concentration, concentration
from pipeline_tui.domain.risk import RiskScore, churn_risk
from pipeline_tui.domain.targets import ChannelHistory, ChannelTarget
from pipeline_tui.domain.whatif import WhatIf, whatif
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.number_facts import NumberFacts, read_number_facts, risk_weights
from pipeline_tui.services.resolve import find_client_in
from pipeline_tui.services.settings import AppSettings, read_settings
from pipeline_tui.store.queries import clients, deals, history, missions, risk
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.reader import Reader, ReadSource


@dataclass(frozen=True)
class ClientFigure:
    """One client with revenue: what it brings, its share, what of it is already lost, how likely
    it is to leave and what of the rest is at risk (``domain.figures``)."""

    client_id: int
    name: str
    monthly_revenue_cents: int
    share: float
    risk: RiskScore
    lost_cents: int = 0
    at_risk_cents: int = 0


@dataclass(frozen=True)
class LossLine:
    """A loss with the names the user reads."""

    loss: Loss
    client: str
    mission: str


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
    revenue_lost_cents: int = 0
    recurring_pipeline_cents: int = 0
    losses: tuple[LossLine, ...] = ()
    coverage_by_date: tuple[CoverageOnDate, ...] = ()
    horizon_days: int = 90

    @property
    def monthly_revenue_cents(self) -> int:
        return self.concentration.total_cents

    @property
    def exposed_cents(self) -> int:
        """What coverage divides by: revenue lost + revenue at risk."""
        return self.revenue_lost_cents + self.revenue_at_risk_cents

    def leaving_on(self, day: date) -> str:
        """Who leaves on ``day``, a date of ``coverage_by_date``: the client of that day's first
        loss that loses something (a renewal at 100 % loses nothing, and ``coverage_by_date``
        has no point for it). The in-time sentence names this client, in ``status`` and on the
        dashboard."""
        return next(
            line.client
            for line in self.losses
            if line.loss.ends_on == day and line.loss.amount_cents > 0
        )


def compute_numbers(source: ReadSource, today: date) -> Numbers:
    """Every figure of the dashboard and of ``status``, as of ``today``, from one snapshot
    (``source`` is a store, or the fast read path of ``store.reader``); ``domain.figures`` says
    how lost, at risk and coverage are computed."""
    with source.read() as q:
        return numbers_in(q, read_number_facts(q, [today]), today)


def numbers_in(q: Reader, facts: NumberFacts, today: date) -> Numbers:
    """The numbers on ``today`` (one of the days ``facts`` were read for), computed from the
    facts; only the names shown (clients, missions) are read, in the caller's transaction."""
    settings = facts.settings
    open_deals = facts.open_deals
    result = facts.stake(today)
    idle = deals.deal_facts(q, idle_since=idle_since(today, settings.rot_days))
    rotting = rotting_deals(idle, today, settings.rot_days)
    names = clients.client_names(q, set(result.clients) | {r.deal.client_id for r in rotting})
    titles = missions.mission_titles(
        q, [loss.mission_id for loss in result.losses if loss.mission_id is not None]
    )
    revenue = {cid: c.monthly_revenue_cents for cid, c in result.clients.items()}
    shares = concentration(revenue, settings.dependence_threshold)
    figures = sorted(
        (
            ClientFigure(
                cid,
                names[cid],
                c.monthly_revenue_cents,
                shares.shares[cid],
                c.risk,
                c.lost_cents,
                c.at_risk_cents,
            )
            for cid, c in result.clients.items()
        ),
        key=lambda f: (-f.risk.score, -f.monthly_revenue_cents, f.name.lower()),
    )
    weighted = weighted_pipeline_cents(open_deals, settings.stage_probabilities)
    largest = next((f for f in figures if f.client_id == shares.top_client_id), None)
    stats = conversion_stats_from_groups(facts.paths, settings.stage_probabilities)
    recurring = result.recurring_pipeline_cents
    in_time = coverage_by_date(
        result.losses, open_deals, today, stats.average_cycle_days, settings.stage_probabilities
    )
    return Numbers(
        as_of=today,
        currency=settings.currency,
        concentration=shares,
        clients=tuple(figures),
        revenue_at_risk_cents=result.revenue_at_risk_cents,
        weighted_pipeline_cents=weighted,
        open_deal_count=stats.open_count,
        coverage=result.coverage,
        worst_loss_coverage=worst_loss_coverage(recurring, shares.top_cents),
        largest_client=largest,
        conversion=stats,
        rotting=tuple(rotting),
        rotting_client_names=names,
        average_open_monthly_cents=average_group_monthly_cents(open_deals),
        revenue_lost_cents=result.revenue_lost_cents,
        recurring_pipeline_cents=recurring,
        losses=tuple(
            LossLine(loss, names[loss.client_id], titles.get(loss.mission_id or -1, ""))
            for loss in result.losses
        ),
        coverage_by_date=tuple(in_time),
        horizon_days=settings.horizon_days,
    )


def ratio_json(value: float | None) -> float | None:
    """A ratio as the JSON documents write it: a fraction (0.72), to 4 decimals."""
    return None if value is None else round(value, 4)


def conversion_json(c: ConversionStats) -> dict[str, object]:
    """The conversion numbers as ``status --json`` writes them (the review's JSON has five)."""
    return {
        "stage_rates": {stage: ratio_json(rate) for stage, rate in c.stage_rates.items()},
        "lead_to_win_rate": ratio_json(c.lead_to_win_rate),
        "win_rate": ratio_json(c.win_rate),
        "win_rate_by_channel": {ch: ratio_json(r) for ch, r in c.win_rate_by_channel.items()},
        "won": c.won_count,
        "lost": c.lost_count,
        "average_cycle_days": None
        if c.average_cycle_days is None
        else round(c.average_cycle_days, 1),
        "average_won_monthly_value": c.average_won_monthly_cents,
        "sales_velocity_per_day": None
        if c.sales_velocity_cents_per_day is None
        else round(c.sales_velocity_cents_per_day),
    }


def numbers_json(n: Numbers) -> dict[str, object]:
    """The ``status --json`` document. Money is integer cents; ratios are fractions (0.72).
    Keys are only ever added (the README lists them)."""
    k = n.concentration
    return {
        "as_of": n.as_of.isoformat(),
        "currency": n.currency,
        "monthly_revenue": n.monthly_revenue_cents,
        "top_client_share": ratio_json(k.top_share),
        "hhi": ratio_json(k.hhi),
        "effective_clients": None if k.effective_clients is None else round(k.effective_clients, 2),
        "dependent_on_top_client": k.dependent,
        "dependence_threshold": round(k.threshold, 4),
        "over_dependence_threshold": k.over_threshold,
        "revenue_lost": n.revenue_lost_cents,
        "revenue_at_risk": n.revenue_at_risk_cents,
        "weighted_pipeline": n.weighted_pipeline_cents,
        "recurring_pipeline": n.recurring_pipeline_cents,
        "open_deals": n.open_deal_count,
        "coverage": ratio_json(n.coverage),
        "worst_loss_coverage": ratio_json(n.worst_loss_coverage),
        "worst_loss_client": n.largest_client.name if n.largest_client else None,
        "horizon_days": n.horizon_days,
        "losses": [
            {
                "client": line.client,
                "mission": line.mission,
                "monthly_revenue": line.loss.monthly_revenue_cents,
                "lost": line.loss.amount_cents,
                "ends_on": line.loss.ends_on.isoformat(),
                "certain": line.loss.certain,
                "early": line.loss.early,
                "renewal_probability": line.loss.renewal_probability / 100,
            }
            for line in n.losses
        ],
        "coverage_by_date": [
            {
                "ends_on": point.ends_on.isoformat(),
                "loss": point.loss_cents,
                "pipeline_before": point.pipeline_before_cents,
                "coverage": ratio_json(point.coverage),
            }
            for point in n.coverage_by_date
        ],
        "clients": [
            {
                "name": f.name,
                "monthly_revenue": f.monthly_revenue_cents,
                "share": ratio_json(f.share),
                "risk": f.risk.score,
                "revenue_lost": f.lost_cents,
                "revenue_at_risk": f.at_risk_cents,
                "reasons": [r.english for r in f.risk.reasons],
                "reason_points": [
                    {"reason": r.english, "points": r.points} for r in f.risk.reasons
                ],
            }
            for f in n.clients
        ],
        "conversion": conversion_json(n.conversion),
        "rotting_deals": len(n.rotting),
    }


@dataclass(frozen=True)
class WhatIfReport:
    """The loss of one client (or a given gap) turned into per-channel targets.

    ``covered_at`` is the one "covered at" figure of the product: the recurring weighted pipeline
    ÷ the client's monthly revenue (``worst_loss_coverage`` is it for the largest client).
    ``coverage_after`` is the coverage once that revenue is lost too."""

    client_name: str | None
    currency: str
    result: WhatIf
    coverage_before: float | None
    covered_at: float | None = None
    history_months: int = 12
    in_time: CoverageOnDate | None = None  # when the client's revenue is already due to end

    @property
    def targets(self) -> dict[str, ChannelTarget]:
        return self.result.targets

    @property
    def coverage_after(self) -> float | None:
        return self.result.coverage_left


def history_since(today: date, months: int) -> date:
    """The first day of the history window: ``months`` months before ``today``, plus a day."""
    return today - relativedelta(months=months) + timedelta(days=1)


def compute_whatif(
    source: ReadSource,
    today: date,
    *,
    client_name: str | None = None,
    gap_cents: int | None = None,
    weeks: int | None = None,
) -> WhatIfReport:
    """What losing ``client_name`` (or a monthly ``gap_cents``) asks of the prospecting plan,
    from one snapshot (``whatif_report`` says how)."""
    if weeks is not None and weeks < 1:
        raise InvalidInput(_("the horizon is at least one week"))
    if (client_name is None) == (gap_cents is None):
        raise InvalidInput(_("give a client, or a monthly gap, not both"))
    if gap_cents is not None and gap_cents < 0:
        raise InvalidInput(_("the gap is a positive monthly amount"))
    with source.read() as q:
        facts = read_number_facts(q, [today])
        numbers = numbers_in(q, facts, today)
        client = None if client_name is None else find_client_in(q, client_name)
        channels = whatif_history(q, facts.settings, today)
    return whatif_report(numbers, facts, channels, client=client, gap_cents=gap_cents, weeks=weeks)


def whatif_history(q: Reader, settings: AppSettings, today: date) -> dict[str, ChannelHistory]:
    """The prospecting history the what-if learns from: the ``history_window_months`` to
    ``today``."""
    return history.channel_history(q, history_since(today, settings.history_window_months), today)


def whatif_report(
    numbers: Numbers,
    facts: NumberFacts,
    channels: dict[str, ChannelHistory],
    *,
    client: ClientRecord | None = None,
    gap_cents: int | None = None,
    weeks: int | None = None,
) -> WhatIfReport:
    """What losing ``client`` (or a monthly ``gap_cents``) asks of the prospecting plan, from the
    numbers already computed on their day and the facts they came from.

    The gap is the client's whole monthly revenue; what is lost and at risk besides it is the
    others' (and whatever of the client is not already counted), so nothing is counted twice;
    the recurring pipeline is unchanged. ``weeks`` defaults to the ``whatif_weeks`` setting.
    """
    settings = facts.settings
    today = numbers.as_of
    weeks = weeks if weeks is not None else settings.whatif_weeks
    exposed = numbers.exposed_cents
    name = None
    covered_at = None
    in_time = None
    if client is not None:
        name = client.name
        lost = next((f for f in numbers.clients if f.client_id == client.id), None)
        gap_cents = lost.monthly_revenue_cents if lost else 0
        exposed -= (lost.lost_cents + lost.at_risk_cents) if lost else 0
        covered_at = worst_loss_coverage(numbers.recurring_pipeline_cents, gap_cents)
        ends = [line.loss.ends_on for line in numbers.losses if line.loss.client_id == client.id]
        if ends and gap_cents:
            whole = Loss(client.id, None, gap_cents, min(ends), early=True)
            (in_time,) = coverage_by_date(
                [whole],
                facts.open_deals,
                today,
                numbers.conversion.average_cycle_days,
                settings.stage_probabilities,
            )
    result = whatif(
        gap_cents=gap_cents or 0,
        weeks=weeks,
        stats=numbers.conversion,
        weighted_pipeline_cents=numbers.recurring_pipeline_cents,
        history=channels,
        at_risk_cents=max(exposed, 0),
        fallback_won_monthly_cents=numbers.average_open_monthly_cents,
        prior_win_percent=settings.stage_probabilities.get("lead", 10),
    )
    return WhatIfReport(
        name,
        numbers.currency,
        result,
        numbers.coverage,
        covered_at,
        settings.history_window_months,
        in_time,
    )


def _number(value: Fraction) -> float:
    return round(float(value), 4)


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
        "lead_to_win_rate": ratio_json(r.lead_to_win_rate),
        "weighted_pipeline": r.weighted_pipeline_cents,
        "revenue_at_risk_left": r.at_risk_cents,
        "coverage_before": ratio_json(report.coverage_before),
        "coverage_left": ratio_json(r.coverage_left),
        "covered_at": ratio_json(report.covered_at),
        "coverage_in_time": None
        if report.in_time is None
        else {
            "ends_on": report.in_time.ends_on.isoformat(),
            "loss": report.in_time.loss_cents,
            "pipeline_before": report.in_time.pipeline_before_cents,
            "coverage": ratio_json(report.in_time.coverage),
        },
        "history_months": report.history_months,
        "channels": {
            ch: {
                "per_week": _number(t.per_week),
                "per_period": t.per_period,
                "period": t.period,
                "basis": t.basis,
                "observations": t.observations,
                "leads": _number(t.leads),
                "win_share": _number(t.win_share),
                "win_rate": _number(t.win_rate),
                "activities_per_lead": _number(t.activities_per_lead),
            }
            for ch, t in r.targets.items()
        },
    }


def client_risk(source: ReadSource, client_id: int, today: date) -> RiskScore:
    """One client's churn risk with its reasons: the dashboard's computation
    (``domain.figures.stake``) on this client's missions and deals alone."""
    with source.read() as q:
        settings = read_settings(q)
        client_missions = missions.mission_facts(q, client_id)
        inputs = risk.risk_facts(q, [client_id], client_missions, today)
        open_deals = deals.deal_facts(q, open_only=True, with_dates=False, client_id=client_id)
    weights = risk_weights(settings)
    result = stake(
        client_missions,
        open_deals,
        inputs,
        today,
        horizon_days=settings.horizon_days,
        stage_probabilities=settings.stage_probabilities,
        weights=weights,
    )
    if client_id in result.clients:
        return result.clients[client_id].risk
    return churn_risk(inputs[client_id], today, weights)
