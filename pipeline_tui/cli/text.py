"""Plain-text renderings of the numbers for the terminal (``status``, ``today``, ``whatif``)."""

from __future__ import annotations

from pipeline_tui.domain.mathutil import format_day, plural
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import (
    COVERAGE_MEANS,
    COVERED_AT_MEANS,
    due_label,
    in_time_sentence,
    percent,
    worst_loss_sentence,
)
from pipeline_tui.domain.risk import HOW_REASONS_COMBINE
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.services.numbers import Numbers, WhatIfReport
from pipeline_tui.services.today import TodayAgenda

LIST_LIMIT = 20


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def render_status(n: Numbers) -> str:
    money = lambda cents: format_money(cents, n.currency)  # noqa: E731
    c = n.concentration
    top = n.largest_client
    lines = [f"Status as of {format_day(n.as_of)} ({n.currency})", ""]
    flags = ("  ⚠ more than half of your revenue" if c.dependent else "") + (
        f"  ⚠ at or above your dependence threshold ({percent(c.threshold)})"
        if c.over_threshold
        else ""
    )
    facts = [
        ["Monthly revenue", money(n.monthly_revenue_cents), ""],
        [
            "Top client share",
            percent(c.top_share),
            (top.name if top else "no active client") + flags,
        ],
        [
            "Herfindahl index",
            "—" if c.hhi is None else f"{c.hhi:.2f}",
            "Σ share²: 1.00 = one client"
            + (
                ""
                if c.effective_clients is None
                else f"; as {c.effective_clients:.1f} equal clients"
            ),
        ],
        [
            "Revenue lost",
            money(n.revenue_lost_cents),
            f"missions ending within {n.horizon_days} days, no renewal (a renewal weighs them)",
        ],
        [
            "Revenue at risk",
            money(n.revenue_at_risk_cents),
            "Σ risk × monthly revenue not already lost",
        ],
        [
            "Weighted pipeline",
            money(n.weighted_pipeline_cents),
            f"{plural(n.open_deal_count, 'open deal')} × stage probability; "
            f"{money(n.recurring_pipeline_cents)} recurring",
        ],
        [
            "Coverage",
            percent(n.coverage),
            COVERAGE_MEANS if n.coverage is not None else "nothing lost or at risk",
        ],
    ]
    lines += _table(facts, right={1})
    if top is not None:
        sentence = worst_loss_sentence(
            top.name, top.monthly_revenue_cents, n.currency, n.worst_loss_coverage
        )
        lines.append(f"  {sentence} ({COVERED_AT_MEANS})")
    if n.losses:
        lines += ["", "Revenue lost"]
        rows = [["Client", "Mission", "Ends", "Monthly", "Lost", "Why"]]
        for line in n.losses:
            loss = line.loss
            why = (
                "ended early"
                if loss.early
                else "planned end, no renewal"
                if loss.certain
                else f"planned end, renewal at {loss.renewal_probability} %"
            )
            rows.append(
                [
                    line.client,
                    line.mission,
                    format_day(loss.ends_on),
                    money(loss.monthly_revenue_cents),
                    money(loss.amount_cents),
                    why,
                ]
            )
        lines += _table(rows, right={3, 4})
        names = {}
        for line in n.losses:
            names.setdefault(line.loss.ends_on, line.client)
        for point in n.coverage_by_date:
            lines.append(
                "  " + in_time_sentence(names[point.ends_on], point.ends_on, point.coverage)
            )
    lines.append("")
    if n.clients:
        lines.append("Clients by churn risk")
        rows = [["Client", "Monthly", "Share", "Risk", "Why (points)"]]
        for f in n.clients:
            why = (
                "; ".join(f"{r.text} (+{r.points})" for r in f.risk.reasons[:3])
                or "no warning sign"
            )
            rows.append(
                [f.name, money(f.monthly_revenue_cents), percent(f.share), str(f.risk.score), why]
            )
        lines += _table(rows, right={1, 2, 3})
        lines.append(f"  {HOW_REASONS_COMBINE}")
    else:
        lines.append("No active client: add a mission to see revenue and risk.")
    conv = n.conversion
    lines += [
        "",
        f"Conversion lead → won {percent(conv.lead_to_win_rate)} · win rate "
        f"{percent(conv.win_rate)} ({conv.won_count} won, {conv.lost_count} lost)"
        + (
            f" · average cycle {conv.average_cycle_days:.0f} days"
            if conv.average_cycle_days is not None
            else ""
        ),
    ]
    if n.rotting:
        lines.append(f"{len(n.rotting)} open deals have had no activity for too long (see today).")
    return "\n".join(lines)


def _activity_lines(title: str, rows, today) -> list[str]:
    if not rows:
        return []
    table = [["When", "Kind", "Subject", "Who"]]
    for row in rows[:LIST_LIMIT]:
        a = row.activity
        who = " · ".join(x for x in (row.contact_name, row.client_name) if x)
        table.append([due_label(a.due_on, today), label(a.kind), a.subject or "—", who])
    lines = [f"{title} ({len(rows)})", *_table(table, right=set())]
    if len(rows) > LIST_LIMIT:
        lines.append(f"  … and {len(rows) - LIST_LIMIT} more")
    return [*lines, ""]


def render_today(agenda: TodayAgenda) -> str:
    money = lambda cents: format_money(cents, agenda.currency)  # noqa: E731
    lines = [f"Today, {format_day(agenda.as_of)}", ""]
    lines += _activity_lines("Overdue", agenda.overdue, agenda.as_of)
    lines += _activity_lines("Due today", agenda.due_today, agenda.as_of)
    if not agenda.overdue and not agenda.due_today:
        lines += ["Nothing due today.", ""]
    if agenda.risk_alerts:
        lines.append(f"Clients at risk ({len(agenda.risk_alerts)})")
        table = [["Client", "Risk", "Monthly", "Why"]]
        for f in agenda.risk_alerts:
            why = "; ".join(r.text for r in f.risk.reasons[:3])
            table.append([f.name, str(f.risk.score), money(f.monthly_revenue_cents), why])
        lines += [*_table(table, right={1, 2}), ""]
    if agenda.rotting:
        lines.append(f"Rotting deals ({len(agenda.rotting)})")
        table = [["Deal", "Client", "Stage", "Idle"]]
        for r in agenda.rotting[:LIST_LIMIT]:
            table.append(
                [
                    r.deal.title,
                    agenda.client_names.get(r.deal.client_id, "?"),
                    r.deal.stage,
                    f"{r.idle_days} d (max {r.allowed_days})",
                ]
            )
        lines += _table(table, right=set())
        if len(agenda.rotting) > LIST_LIMIT:
            lines.append(f"  … and {len(agenda.rotting) - LIST_LIMIT} more")
    return "\n".join(lines).rstrip()


def render_whatif(report: WhatIfReport) -> str:
    r = report.result
    money = lambda cents: format_money(cents, report.currency)  # noqa: E731
    who = f"Losing {report.client_name}" if report.client_name else "A gap of"
    lines = [f"{who}: {money(r.gap_cents)}/month to refill within {r.weeks} weeks", ""]
    if r.gap_cents == 0:
        lines.append("Nothing to refill: no active revenue is lost.")
        return "\n".join(lines)
    if report.client_name is not None:
        sentence = worst_loss_sentence(
            report.client_name, r.gap_cents, report.currency, report.covered_at
        )
        lines += [sentence, f"({COVERED_AT_MEANS})"]
        if report.in_time is not None:
            point = report.in_time
            lines.append(in_time_sentence(report.client_name, point.ends_on, point.coverage))
        lines.append("")
    basis = {
        "history": "your average won deal",
        "fallback": "your average open deal (no won deal yet)",
        "gap": "one deal the size of the gap (no deal history)",
    }.get(r.value_basis, r.value_basis)
    facts = [
        ["Wins needed", str(r.wins_needed), f"at {money(r.avg_won_monthly_cents)}/month, {basis}"],
        ["Leads needed", str(r.leads_needed), "per channel below, from your own history"],
        ["Coverage now", percent(report.coverage_before), COVERAGE_MEANS],
        [
            "Coverage after",
            percent(r.coverage_left),
            "the same, once this revenue is lost too",
        ],
    ]
    lines += _table(facts, right={1})
    lines += ["", f"Targets per channel (history: the last {report.history_months} months)"]
    rows = [["Channel", "Target", "Leads", "Activities/lead", "Basis"]]
    for ch, t in r.targets.items():
        rows.append(
            [
                label(ch),
                f"{t.per_period} a {t.period}",
                f"{float(t.leads):.1f}",
                f"{float(t.activities_per_lead):.1f}",
                f"{t.basis} ({t.observations} leads)",
            ]
        )
    lines += _table(rows, right={2, 3})
    return "\n".join(lines)
