"""The morning digest (``remind --digest``): the dashboard's "today" as Markdown, to read in a
mail or paste in notes. Read only: it remembers nothing (``remind`` does)."""

from __future__ import annotations

from datetime import date, datetime

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import percent
from pipeline_tui.domain.reminders import behind_pace
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _, ngettext
from pipeline_tui.services.reminders import DEFAULT_HOURS, Facts, activity_text, gather


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _agenda_sections(facts: Facts, today: date) -> list[str]:
    a = facts.agenda
    out: list[str] = []
    for title, rows in ((_("Overdue"), a.overdue), (_("Due today"), a.due_today)):
        out += [f"## {title} ({len(rows)})", ""]
        out += [f"- {activity_text(r, today)}" for r in rows] or [_("Nothing.")]
        out.append("")
    if facts.soon:
        heading = ngettext(
            "Next {hours} hour ({count})", "Next {hours} hours ({count})", DEFAULT_HOURS
        ).format(hours=DEFAULT_HOURS, count=len(facts.soon))
        out += [f"## {heading}", ""]
        out += [f"- {activity_text(r, today)}" for r in facts.soon]
        out.append("")
    return out


def _risk_sections(facts: Facts) -> list[str]:
    a, currency = facts.agenda, facts.numbers.currency
    out = ["## " + _("Clients at risk ({count})").format(count=len(a.risk_alerts)), ""]
    if a.risk_alerts:
        out += _table(
            [_("Client"), _("Risk"), _("Monthly"), _("Why")],
            [
                [
                    f.name,
                    f.risk.score,
                    format_money(f.monthly_revenue_cents, currency),
                    "; ".join(r.text for r in f.risk.reasons[:3]),
                ]
                for f in a.risk_alerts
            ],
        )
    else:
        out += [_("None above the alert score."), ""]
    out += ["## " + _("Rotting deals ({count})").format(count=len(a.rotting)), ""]
    if a.rotting:
        out += _table(
            [_("Deal"), _("Client"), _("Stage"), _("Idle")],
            [
                [
                    r.deal.title,
                    a.client_names.get(r.deal.client_id, "?"),
                    label(r.deal.stage),
                    _("{count} d (max {allowed})").format(
                        count=r.idle_days, allowed=r.allowed_days
                    ),
                ]
                for r in a.rotting
            ],
        )
    else:
        out += [_("None."), ""]
    return out


def _plan_section(facts: Facts, today: date) -> list[str]:
    out = ["## " + _("Plan"), ""]
    if not facts.plan.lines:
        return [*out, _("No cadence in force."), ""]
    rows: list[list[object]] = []
    for line in facts.plan.lines:
        p = line.period
        pace = _("met") if line.met else _("on pace")
        if p and not line.met and behind_pace(line.target, line.done, p.start, p.last_day, today):
            pace = _("behind")
        rows.append([line.label, f"{line.done}/{line.target}", pace])
    return out + _table([_("Cadence"), _("Done"), _("Pace")], rows)


def _coverage_section(facts: Facts) -> list[str]:
    n = facts.numbers
    money = lambda cents: format_money(cents, n.currency)  # noqa: E731
    coverage = _("n/a (nothing lost or at risk)") if n.coverage is None else percent(n.coverage)
    out = [
        "## " + _("Coverage"),
        "",
        "- " + _("Coverage: {coverage}").format(coverage=coverage),
        "- " + _("Lost or at risk: {amount}/month").format(amount=money(n.exposed_cents)),
        "- "
        + _("Recurring pipeline: {amount}/month").format(amount=money(n.recurring_pipeline_cents)),
    ]
    for point in n.coverage_by_date:
        cover = _("n/a") if point.coverage is None else percent(point.coverage)
        out.append(
            "- "
            + _("By {day}: {amount} lost, {coverage}").format(
                day=format_day(point.ends_on), amount=money(point.loss_cents), coverage=cover
            )
        )
    return out


def digest_markdown(facts: Facts) -> str:
    """The digest: what is overdue and due, the clients at risk, the rotting deals, the plan's
    pace and the coverage, one section each."""
    today = facts.now.date()
    out = ["# " + _("pipeline-tui — {day}").format(day=format_day(today)), ""]
    out += _agenda_sections(facts, today)
    out += _risk_sections(facts)
    out += _plan_section(facts, today)
    out += _coverage_section(facts)
    return "\n".join(out).rstrip() + "\n"


def build_digest(store, now: datetime) -> str:
    return digest_markdown(gather(store, now))
