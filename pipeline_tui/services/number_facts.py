"""What the numbers are computed from, read once for one day or several.

``read_number_facts`` takes the facts in the caller's read transaction; every figure of a day is
then a pure computation on them (``stake_on`` here, ``services.numbers.numbers_in`` for the whole
``Numbers``). Only the churn-risk facts depend on the day (signals, surveys and last contact as
of that day): they are read once for every day asked. The missions, the open deals and the deal
paths are today's: the numbers of a past day (the review's trend) are computed from them as
``compute_numbers`` on that day computes them. The open deals come summed up in SQL
(``DealGroup``), not one by one: a sum does not grow with the deals; the rotting ones, which
are listed, are read by ``numbers_in`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pipeline_tui.domain.conversion import PathGroup
from pipeline_tui.domain.figures import OpenPipeline, Stake, open_pipeline, stake_of
from pipeline_tui.domain.pipeline import DealGroup
from pipeline_tui.domain.revenue import MissionFacts, revenue_by_client
from pipeline_tui.domain.risk import ClientRiskFacts, RiskWeights
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _
from pipeline_tui.services.settings import AppSettings, read_settings
from pipeline_tui.store.queries import deals, missions, risk
from pipeline_tui.store.reader import Reader


def risk_weights(settings: AppSettings) -> RiskWeights:
    """The stored risk weights, or a clear error when they are not valid."""
    try:
        return RiskWeights.from_dict(settings.risk_weights)
    except ValueError as exc:
        raise InvalidInput(
            _("the stored risk weights are not valid: {error}").format(error=exc)
        ) from exc


@dataclass(frozen=True)
class NumberFacts:
    """The facts of the numbers on each of ``days``, from one snapshot."""

    days: tuple[date, ...]
    settings: AppSettings
    missions: list[MissionFacts]
    open_deals: list[DealGroup]  # the pipeline: the open deals, alike ones counted together
    paths: list[PathGroup]  # conversion: the deals' summaries, counted in SQL
    risk: dict[date, dict[int, ClientRiskFacts]]  # each day's, of every client earning then

    @cached_property
    def pipeline(self) -> OpenPipeline:
        """The open deals summed up once for every day (``domain.figures.open_pipeline``)."""
        return open_pipeline(self.open_deals, self.settings.stage_probabilities)

    def stake(self, day: date, *, reasons: bool = True) -> Stake:
        """Lost, at risk and coverage on ``day`` (one of ``days``): ``domain.figures.stake``
        (``reasons=False``: the risk scores without their reasons, for totals)."""
        if day not in self.risk:
            wrong = f"the facts were read for {self.days}, not for {day}"  # not shown: a bug
            raise ValueError(wrong)
        return stake_of(
            self.missions,
            self.pipeline,
            self.risk[day],
            day,
            horizon_days=self.settings.horizon_days,
            weights=risk_weights(self.settings),
            reasons=reasons,
        )


def read_number_facts(q: Reader, days: Iterable[date]) -> NumberFacts:
    """The facts of the numbers on each of ``days``, in the caller's read transaction."""
    wanted = tuple(sorted(set(days)))
    settings = read_settings(q)
    every_mission = missions.mission_facts(q)
    return NumberFacts(
        days=wanted,
        settings=settings,
        missions=every_mission,
        open_deals=deals.open_deal_groups(q),
        paths=deals.deal_path_counts(q),
        risk=risk.risk_facts_by_day(
            q, {day: revenue_by_client(every_mission, day) for day in wanted}, every_mission
        ),
    )
