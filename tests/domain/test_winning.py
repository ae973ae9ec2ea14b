"""The mission a won deal opens, and where a reopened deal goes back to (``domain.winning``)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.winning import (
    MissionTerms,
    WonDeal,
    check_reopen,
    default_months,
    mission_values,
    reopen_stage,
)

D = date(2026, 12, 1)
DEAL = WonDeal("Audit", 8_000_00, 4.6)


def test_the_defaults_come_from_the_deal() -> None:
    assert mission_values(MissionTerms(), DEAL, D, 18) == {
        "title": "Audit",
        "start_on": D,
        "planned_end_on": date(2027, 4, 30),  # 5 whole months from 1 Dec
        "fixed_monthly_cents": 8_000_00,
    }
    no_length = WonDeal("Run", 1000, None)
    assert mission_values(MissionTerms(), no_length, D, 18)["planned_end_on"] is None
    assert default_months(0.4) == 1


def test_a_day_rate_takes_the_default_days_and_refusals_are_worded() -> None:
    by_day = mission_values(MissionTerms(day_rate_cents=600_00), DEAL, D, 18)
    assert (by_day["day_rate_cents"], by_day["days_per_month"]) == (600_00, 18)
    assert "fixed_monthly_cents" not in by_day
    with pytest.raises(ValueError, match="not both"):
        mission_values(MissionTerms(day_rate_cents=1, monthly_cents=1), DEAL, D, 18)
    with pytest.raises(ValueError, match="go with a day rate"):
        mission_values(MissionTerms(days_per_month=10), DEAL, D, 18)
    with pytest.raises(ValueError, match="no monthly value"):
        mission_values(MissionTerms(), WonDeal("Free", 0, None), D, 18)


def test_a_deal_reopens_where_it_was_closed_from() -> None:
    def moves(*pairs: tuple[str | None, str]) -> list[StageChange]:
        return [StageChange(1, a, b, D) for a, b in pairs]

    history = moves((None, "lead"), ("lead", "proposal"), ("proposal", "won"))
    assert reopen_stage(history, "won") == "proposal"
    relost = moves((None, "lead"), ("lead", "lost"), ("lost", "meeting"), ("meeting", "lost"))
    assert reopen_stage(relost, "lost") == "meeting"
    assert reopen_stage(moves((None, "won")), "won") == "negotiation"
    with pytest.raises(ValueError, match="move it instead"):
        check_reopen("proposal", None)
    with pytest.raises(ValueError, match="not one of"):
        check_reopen("won", "lost")
