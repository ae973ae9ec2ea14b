"""The case-study draft (DESIGN.md, "End of a collaboration"): Markdown assembled from the
mission and the outcomes the user typed, in the language spoken, for the user to edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class CaseStudyFacts:
    """What a case-study draft is made of."""

    client: str
    industry: str | None
    mission: str
    start_on: date
    end_on: date | None
    role: str | None
    outcomes: Sequence[str]
    contact: str | None = None


def _months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month + (end.day >= start.day)
    return max(1, months)


def split_outcomes(text: str | None) -> list[str]:
    """One outcome per non-empty line, list markers (``-``, ``*``, ``•``) stripped."""
    return [
        line.strip().lstrip("-*•").strip()
        for line in (text or "").splitlines()
        if line.strip().lstrip("-*•").strip()
    ]


def case_study_markdown(facts: CaseStudyFacts) -> str:
    """A Markdown draft for the user to edit: context, role, outcomes, a quote to ask for."""
    start = format_day(facts.start_on)
    if facts.end_on is not None:
        months = _months(facts.start_on, facts.end_on)
        period = ngettext(
            "{start} – {end} ({count} month)", "{start} – {end} ({count} months)", months
        ).format(start=start, end=format_day(facts.end_on), count=months)
    else:
        period = _("since {day}").format(day=start)
    client = facts.client
    if facts.industry:
        client = _("{client} ({industry})").format(client=facts.client, industry=facts.industry)
    role = facts.role or _("_(describe your role)_")
    lines = [
        "# "
        + _("Case study: {mission} for {client}").format(
            mission=facts.mission, client=facts.client
        ),
        "",
        "- **" + _("Client:") + "** " + client,
        "- **" + _("Mission:") + "** " + facts.mission,
        "- **" + _("Period:") + "** " + period,
        "- **" + _("My role:") + "** " + role,
        "",
        "## " + _("The challenge"),
        "",
        _("_(What {client} needed, and why it mattered.)_").format(client=facts.client),
        "",
        "## " + _("What I did"),
        "",
        _("_(The approach, the main steps, the people involved.)_"),
        "",
        "## " + _("Outcomes"),
        "",
    ]
    if facts.outcomes:
        lines += [f"- {outcome}" for outcome in facts.outcomes]
    else:
        lines.append("- " + _("_(an outcome, with a figure if you have one)_"))
    who = facts.contact or _("a contact at {client}").format(client=facts.client)
    quote_line = "> " + _("_(a quote from {who}, to ask for)_").format(who=who)
    lines += ["", "## " + _("In their words"), "", quote_line, ""]
    return "\n".join(lines)
