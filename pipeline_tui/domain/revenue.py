"""Monthly revenue of active missions and its concentration (DESIGN.md, "The numbers").

Pure functions over :class:`MissionFacts`, which the services fill from the database. Money is
integer cents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Protocol, TypeVar

from pipeline_tui.domain.mathutil import round_half_up

DEPENDENCE_THRESHOLD = 0.5
"""A top-client share strictly above this (50 %) flags dependence on one client."""


@dataclass(frozen=True, slots=True)
class MissionFacts:
    """What the numbers need to know about one mission.

    A mission is priced either by day (``day_rate_cents`` × ``days_per_month``) or by a fixed
    monthly amount (``fixed_monthly_cents``).
    """

    client_id: int
    start_on: date
    planned_end_on: date | None
    actual_end_on: date | None
    day_rate_cents: int | None
    days_per_month: float | None
    fixed_monthly_cents: int | None
    id: int | None = None
    status: str = "active"


def mission_monthly_cents(mission: MissionFacts) -> int:
    """Monthly revenue of a mission, in cents.

    - Day-rate pricing, when both ``day_rate_cents`` and ``days_per_month`` are set:
      ``round_half_up(day_rate_cents × days_per_month)``, computed in exact decimal arithmetic
      (``days_per_month`` is read as the decimal it was typed as), e.g.
      65_000 × 18.5 = 1_202_500 cents; 333 × 1.5 = 499.5 → 500 cents.
    - Otherwise the fixed monthly amount ``fixed_monthly_cents``.
    - Otherwise 0 (a mission without a price brings no revenue).

    Day-rate pricing wins when both are filled in.
    """
    if mission.day_rate_cents is not None and mission.days_per_month is not None:
        return _day_rate_monthly_cents(mission.day_rate_cents, float(mission.days_per_month))
    if mission.fixed_monthly_cents is not None:
        return mission.fixed_monthly_cents
    return 0


@lru_cache(maxsize=4096)
def _day_rate_monthly_cents(day_rate_cents: int, days_per_month: float) -> int:
    """Remembered: the numbers ask for each mission's revenue on each day of a trend."""
    return round_half_up(Decimal(day_rate_cents) * Decimal(repr(days_per_month)))


class Dated(Protocol):
    """What deciding whether a mission runs needs: its start and its actual end (any mission row
    has them: ``MissionFacts``, the stored mission, a read row)."""

    @property
    def start_on(self) -> date: ...

    @property
    def actual_end_on(self) -> date | None: ...

    @property
    def status(self) -> str: ...


D = TypeVar("D", bound=Dated)


def is_active(mission: Dated, today: date) -> bool:
    """True when the mission runs on ``today``.

    ``start_on <= today`` and (``actual_end_on`` is None or ``today <= actual_end_on``): a mission
    whose actual end was yesterday is not active; one whose (early) end is recorded for a future
    date is still active until that day included. The planned end does not end a mission: only an
    actual end does. A mission recorded as ended (status ``ended`` or ``ended_early``) without
    an actual end date is not running: it brings no revenue (an import may carry one).
    """
    if mission.start_on > today:
        return False
    if mission.actual_end_on is None:
        return mission.status == "active"
    return today <= mission.actual_end_on


def can_end_early(mission: Dated, today: date) -> bool:
    """True when the mission can be ended early on ``today``: it runs on that day
    (:func:`is_active`) and no actual end is recorded yet (one already ended, even on a later
    day, is not ended a second time)."""
    return mission.actual_end_on is None and is_active(mission, today)


def endable_missions(missions: Iterable[D], today: date) -> list[D]:
    """The missions among ``missions`` that can be ended early on ``today``, in their order."""
    return [m for m in missions if can_end_early(m, today)]


def revenue_ends_on(missions: Iterable[MissionFacts], today: date) -> date | None:
    """The day a client's revenue stops, from its missions running on ``today``: the latest end
    (actual, else planned) among them; None when one of them is open-ended or none runs."""
    ends = [m.actual_end_on or m.planned_end_on for m in missions if is_active(m, today)]
    if not ends or any(end is None for end in ends):
        return None
    return max(e for e in ends if e is not None)


def revenue_by_client(missions: Iterable[MissionFacts], today: date) -> dict[int, int]:
    """Monthly revenue per client, in cents: Σ ``mission_monthly_cents`` over its active missions.

    Only missions active on ``today`` count; clients whose total is not > 0 are left out, so the
    keys are exactly the clients that bring revenue now.
    """
    totals: dict[int, int] = {}
    for mission in missions:
        if is_active(mission, today):
            totals[mission.client_id] = totals.get(mission.client_id, 0) + mission_monthly_cents(
                mission
            )
    return {client_id: cents for client_id, cents in totals.items() if cents > 0}


@dataclass(frozen=True, slots=True)
class Concentration:
    """How concentrated the monthly revenue is on a few clients.

    - ``total_cents``: Σ monthly revenue of the clients with revenue.
    - ``shares``: client_id → revenue ÷ total; they sum to 1 (within 1e-9) when total > 0, and
      the mapping is empty when there is no revenue.
    - ``top_client_id`` / ``top_cents`` / ``top_share``: the client with the largest revenue
      (ties: the smallest client_id), its revenue and its share; None / 0 / None without revenue.
    - ``hhi``: Herfindahl-Hirschman index Σ share², between 1/n (n clients with equal revenue)
      and 1 (a single client); None without revenue.
    - ``effective_clients``: ``1 ÷ hhi``, the number of equal clients that would give the same
      concentration (3 clients at 50/25/25 % count as 2.67); None without revenue.
    - ``dependent``: ``top_share > 0.5`` — dependence on one client is a business risk and, for a
      French freelancer, a requalification risk.
    - ``over_threshold``: ``top_share ≥ threshold``, the user's dependence threshold (setting
      ``dependence_threshold``, 5/6 by default); None without revenue.
    """

    total_cents: int = 0
    shares: dict[int, float] = field(default_factory=dict)
    top_client_id: int | None = None
    top_share: float | None = None
    hhi: float | None = None
    dependent: bool | None = None
    top_cents: int = 0
    threshold: float = 5 / 6
    over_threshold: bool | None = None

    @property
    def effective_clients(self) -> float | None:
        return None if not self.hhi else 1 / self.hhi


def concentration(revenue_by_client: Mapping[int, int], threshold: float = 5 / 6) -> Concentration:
    """Shares, top client and Herfindahl index of the monthly revenue per client.

    ``share(c) = revenue(c) ÷ Σ revenue``; ``hhi = Σ share(c)²``; ``dependent = top_share > 0.5``.
    Clients with revenue ≤ 0 are ignored. Example: 6_000_00 and 4_000_00 → shares 0.6 / 0.4,
    hhi = 0.36 + 0.16 = 0.52, dependent (0.6 > 0.5).
    """
    positive = {cid: cents for cid, cents in revenue_by_client.items() if cents > 0}
    total = sum(positive.values())
    if total <= 0:
        return Concentration(threshold=threshold)
    shares = {cid: cents / total for cid, cents in sorted(positive.items())}
    top_client_id = min(positive, key=lambda cid: (-positive[cid], cid))
    hhi = math.fsum(share * share for share in shares.values())
    top_share = shares[top_client_id]
    return Concentration(
        total_cents=total,
        shares=shares,
        top_client_id=top_client_id,
        top_share=top_share,
        hhi=hhi,
        dependent=top_share > DEPENDENCE_THRESHOLD,
        top_cents=positive[top_client_id],
        threshold=threshold,
        over_threshold=top_share >= threshold - 1e-12,
    )
