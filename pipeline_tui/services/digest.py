"""The morning digest (``remind --digest``): the dashboard's "today" as Markdown, to read in a
mail or paste in notes. Read only: it remembers nothing (``remind`` does)."""

from __future__ import annotations

from datetime import datetime

from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import percent
from pipeline_tui.domain.reminders import behind_pace
from pipeline_tui.services.reminders import DEFAULT_HOURS, Facts, activity_text, gather


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def digest_markdown(facts: Facts) -> str:
    today = facts.now.date()
    a, n = facts.agenda, facts.numbers
    money = lambda cents: format_money(cents, n.currency)  # noqa: E731
    out = [f"# pipeline-tui — {format_day(today)}", ""]
    for title, rows in (("Overdue", a.overdue), ("Due today", a.due_today)):
        out += [f"## {title} ({len(rows)})", ""]
        out += [f"- {activity_text(r, today)}" for r in rows] or ["Nothing."]
        out.append("")
    if facts.soon:
        out += [f"## Next {DEFAULT_HOURS} hours ({len(facts.soon)})", ""]
        out += [f"- {activity_text(r, today)}" for r in facts.soon]
        out.append("")
    out += [f"## Clients at risk ({len(a.risk_alerts)})", ""]
    if a.risk_alerts:
        out += _table(
            ["Client", "Risk", "Monthly", "Why"],
            [
                [
                    f.name,
                    f.risk.score,
                    money(f.monthly_revenue_cents),
                    "; ".join(r.text for r in f.risk.reasons[:3]),
                ]
                for f in a.risk_alerts
            ],
        )
    else:
        out += ["None above the alert score.", ""]
    out += [f"## Rotting deals ({len(a.rotting)})", ""]
    if a.rotting:
        out += _table(
            ["Deal", "Client", "Stage", "Idle"],
            [
                [
                    r.deal.title,
                    a.client_names.get(r.deal.client_id, "?"),
                    r.deal.stage,
                    f"{r.idle_days} d (max {r.allowed_days})",
                ]
                for r in a.rotting
            ],
        )
    else:
        out += ["None.", ""]
    out += ["## Plan", ""]
    if facts.plan.lines:
        rows = []
        for line in facts.plan.lines:
            p = line.period
            pace = "met" if line.met else "on pace"
            if (
                p
                and not line.met
                and behind_pace(line.target, line.done, p.start, p.last_day, today)
            ):
                pace = "behind"
            rows.append([line.label, f"{line.done}/{line.target}", pace])
        out += _table(["Cadence", "Done", "Pace"], rows)
    else:
        out += ["No cadence in force.", ""]
    out += ["## Coverage", ""]
    coverage = "n/a (nothing lost or at risk)" if n.coverage is None else f"{percent(n.coverage)}"
    out += [
        f"- Coverage: {coverage}",
        f"- Lost or at risk: {money(n.exposed_cents)}/month",
        f"- Recurring pipeline: {money(n.recurring_pipeline_cents)}/month",
    ]
    for point in n.coverage_by_date:
        cover = "n/a" if point.coverage is None else percent(point.coverage)
        out.append(f"- By {point.ends_on.isoformat()}: {money(point.loss_cents)} lost, {cover}")
    return "\n".join(out).rstrip() + "\n"


def build_digest(store, now: datetime) -> str:
    return digest_markdown(gather(store, now))
