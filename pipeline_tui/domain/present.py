"""How the numbers read, the same in the CLI and the TUI: percentages, due labels, the worst-loss
sentence, and the tone of a figure (good, warning, bad, neutral).

A tone is only a word: the TUI maps it to a style (``tui/tones.py``), the CLI prints the text alone.
Money is ``domain.money.format_money``; dates are ``domain.mathutil.format_day``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pipeline_tui.domain.money import format_money
from pipeline_tui.i18n import N_, _, formats

Tone = Literal["good", "warning", "bad", "neutral"]

MISSING = "—"
"""What an undefined ratio shows (coverage with nothing at risk, a rate with no history)."""


def percent(value: float | None, *, decimals: int = 0, missing: str = MISSING) -> str:
    """0.723 → ``72%`` (``72 %`` in French); None (undefined: nothing at risk) → ``missing``."""
    return formats.percent(value, decimals=decimals, missing=missing)


def due_label(due_on: date, today: date) -> str:
    """When an activity is due, from today: ``today``, ``3 d late``, ``tomorrow``, ``in 5 d``."""
    late = (today - due_on).days
    if late == 0:
        return _("today")
    if late > 0:
        return _("{days} d late").format(days=late)
    return _("tomorrow") if late == -1 else _("in {days} d").format(days=-late)


COVERAGE_MEANS = N_("recurring weighted pipeline ÷ (revenue lost + revenue at risk)")
"""What coverage divides, in the words every surface uses (a message: ``_(COVERAGE_MEANS)``)."""

COVERED_AT_MEANS = N_("covered at: the recurring weighted pipeline ÷ that client's monthly revenue")
"""What "covered at" means, the same on the dashboard, in ``status`` and in ``whatif`` (a
message: ``_(COVERED_AT_MEANS)``)."""


def worst_loss_sentence(
    name: str, monthly_revenue_cents: int, currency: str, coverage: float | None
) -> str:
    """``Losing X, €8,250/month, is covered at 72 %.``: a client's loss and what covers it
    (:data:`COVERED_AT_MEANS`)."""
    money = format_money(monthly_revenue_cents, currency)
    return _("Losing {name}, {money}/month, is covered at {coverage}.").format(
        name=name, money=money, coverage=percent(coverage)
    )


def in_time_sentence(name: str, ends_on: date, coverage: float | None) -> str:
    """``The pipeline that lands before X leaves on 3 Jan covers 27 %.``: coverage in time."""
    return _("The pipeline that lands before {name} leaves on {day} covers {coverage}.").format(
        name=name, day=formats.day_month_year(ends_on), coverage=percent(coverage)
    )


def coverage_tone(coverage: float | None) -> Tone:
    """Weighted pipeline ÷ revenue at risk: all of it covered is good, half of it a warning."""
    if coverage is None:
        return "neutral"
    return "good" if coverage >= 1 else "warning" if coverage >= 0.5 else "bad"


def at_risk_tone(revenue_at_risk_cents: int, monthly_revenue_cents: int) -> Tone:
    """The share of the monthly revenue at risk: above 30 % is bad, above 10 % a warning."""
    share = revenue_at_risk_cents / monthly_revenue_cents if monthly_revenue_cents else 0
    return "bad" if share > 0.3 else "warning" if share > 0.1 else "good"


def concentration_tone(dependent: bool) -> Tone:
    """Depending on one client (more than half of the revenue) is bad."""
    return "bad" if dependent else "neutral"


def risk_score_tone(score: int | None) -> Tone:
    """A client's churn risk (0–100): 60 and above is bad, 30 and above a warning."""
    if score is None:
        return "neutral"
    return "bad" if score >= 60 else "warning" if score >= 30 else "good"


def deal_heading(title: str, client_name: str | None) -> str:
    """A deal named with its client, ``Site vitrine — Studio Lumen``, without saying the client
    twice when the title starts with it (``Acme — Jane Doe``, not ``Acme — Jane Doe — Acme``)."""
    if not client_name or title.casefold().startswith(client_name.casefold()):
        return title
    return f"{title} — {client_name}"


def activity_core_json(activity: Any) -> dict[str, object]:
    """The first keys of every activity in JSON (``today``, ``log`` and ``activity show``): id,
    kind, channel, subject and due date (ISO), in that order; each command adds its own after."""
    return {
        "id": activity.id,
        "kind": activity.kind,
        "channel": activity.channel,
        "subject": activity.subject,
        "due_on": activity.due_on.isoformat() if activity.due_on else None,
    }
