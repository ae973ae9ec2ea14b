"""The end of a deal and its way back: the mission a won deal opens, the stage a reopened deal
returns to, and the rules of both.

Winning can open the client's mission in the same write, prefilled from the deal: its title, a
start (today unless given), an end after the deal's expected duration, and the deal's monthly value
as a fixed monthly amount, unless a day rate (× days per month) or another amount is given.

Reopening a won or lost deal puts it back at the open stage it was closed from (or the one named).
It never deletes a mission the win opened: a mission is revenue the user may already be invoicing,
so it stays and the user is told which missions of the client are still running (ending or
deleting one is their call). Undo right after the win takes both back at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.dates import end_after_months
from pipeline_tui.domain.validate import check_choice
from pipeline_tui.domain.vocabulary import CLOSED_STAGES, OPEN_STAGES, label
from pipeline_tui.i18n import _

REOPEN_FALLBACK = "negotiation"
"""Where a deal that was never at an open stage (recorded won from the start) reopens."""


@dataclass(frozen=True)
class MissionTerms:
    """What the user gave for the mission a win opens; None takes the deal's default."""

    title: str | None = None
    start_on: date | None = None
    months: int | None = None
    planned_end_on: date | None = None
    day_rate_cents: int | None = None
    days_per_month: float | None = None
    monthly_cents: int | None = None


@dataclass(frozen=True)
class WonDeal:
    """The deal as the mission's defaults need it."""

    title: str
    monthly_value_cents: int
    duration_months: float | None


def default_months(duration_months: float | None) -> int | None:
    """The deal's expected duration as whole months (rounded, at least 1), or None."""
    if duration_months is None or duration_months <= 0:
        return None
    return max(1, round(duration_months))


def mission_values(
    terms: MissionTerms, deal: WonDeal, today: date, default_days_per_month: float
) -> dict[str, Any]:
    """The mission fields (``services.missions`` names) for ``terms`` on a won ``deal``; a
    ValueError in words when the terms contradict each other."""
    if terms.day_rate_cents is not None and terms.monthly_cents is not None:
        raise ValueError(_("the mission is priced by a day rate or a monthly amount, not both"))
    if terms.days_per_month is not None and terms.day_rate_cents is None:
        raise ValueError(_("days per month go with a day rate"))
    if terms.months is not None and terms.planned_end_on is not None:
        raise ValueError(_("give the mission's end or its length in months, not both"))
    start = terms.start_on or today
    values: dict[str, Any] = {
        "title": (terms.title or "").strip() or deal.title,
        "start_on": start,
        "planned_end_on": terms.planned_end_on,
    }
    months = terms.months if terms.months is not None else default_months(deal.duration_months)
    if terms.planned_end_on is None and months is not None:
        values["planned_end_on"] = end_after_months(start, months)
    if terms.day_rate_cents is not None:
        days = terms.days_per_month
        values["day_rate_cents"] = terms.day_rate_cents
        values["days_per_month"] = default_days_per_month if days is None else days
    else:
        monthly = terms.monthly_cents
        if monthly is None:
            if deal.monthly_value_cents <= 0:
                raise ValueError(
                    _(
                        "the deal has no monthly value: "
                        "give the mission's monthly amount or day rate"
                    )
                )
            monthly = deal.monthly_value_cents
        values["fixed_monthly_cents"] = monthly
    return values


def check_reopen(stage: str, to_stage: str | None) -> None:
    """Only a won or lost deal reopens, and to an open stage."""
    if stage not in CLOSED_STAGES:
        raise ValueError(
            _("the deal is open (at the {stage} stage): move it instead").format(stage=label(stage))
        )
    if to_stage is not None:
        check_choice(to_stage, OPEN_STAGES, _("the stage to reopen at"))


def reopen_stage(history: Sequence[StageChange], stage: str) -> str:
    """The open stage a deal now at ``stage`` (won or lost) was closed from: the last move into
    ``stage`` from an open one; else the last open stage it was at; else :data:`REOPEN_FALLBACK`."""
    for change in reversed(history):
        if change.to_stage == stage and change.from_stage in OPEN_STAGES:
            return change.from_stage
    for change in reversed(history):
        if change.to_stage in OPEN_STAGES:
            return change.to_stage
    return REOPEN_FALLBACK
