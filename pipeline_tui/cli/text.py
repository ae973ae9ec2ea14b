"""The numbers as text for a person (``status``, ``today``, ``whatif``): a ``terminal.Doc`` whose
runs carry the tone of what they say (``domain.present``), coloured on a terminal only."""

from __future__ import annotations

from pipeline_tui.cli.terminal import Cell, Doc, table
from pipeline_tui.domain.mathutil import format_day, plural
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import (
    COVERAGE_MEANS,
    COVERED_AT_MEANS,
    at_risk_tone,
    concentration_tone,
    coverage_tone,
    due_label,
    in_time_sentence,
    percent,
    risk_score_tone,
    worst_loss_sentence,
)
from pipeline_tui.domain.risk import HOW_REASONS_COMBINE
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _
from pipeline_tui.services.numbers import Numbers, WhatIfReport
from pipeline_tui.services.today import TodayAgenda

LIST_LIMIT = 20


def render_status(n: Numbers) -> Doc:
    money = lambda cents: format_money(cents, n.currency)  # noqa: E731
    c = n.concentration
    top = n.largest_client
    lines = Doc().add((f"Status as of {format_day(n.as_of)} ({n.currency})", "title")).add()
    flags = ("  ⚠ more than half of your revenue" if c.dependent else "") + (
        f"  ⚠ at or above your dependence threshold ({percent(c.threshold)})"
        if c.over_threshold
        else ""
    )
    facts = [
        ["Monthly revenue", money(n.monthly_revenue_cents), ""],
        [
            "Top client share",
            (percent(c.top_share), concentration_tone(c.dependent)),
            ((top.name if top else "no active client") + flags, concentration_tone(c.dependent)),
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
            (
                money(n.revenue_at_risk_cents),
                at_risk_tone(n.revenue_at_risk_cents, n.monthly_revenue_cents),
            ),
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
            (percent(n.coverage), coverage_tone(n.coverage)),
            _(COVERAGE_MEANS) if n.coverage is not None else "nothing lost or at risk",
        ],
    ]
    lines.extend(table(facts, right={1}, header=False))
    if top is not None:
        sentence = worst_loss_sentence(
            top.name, top.monthly_revenue_cents, n.currency, n.worst_loss_coverage
        )
        lines.add("  ", (sentence, coverage_tone(n.worst_loss_coverage)), f" ({_(COVERED_AT_MEANS)})")
    if n.losses:
        lines.add().add(("Revenue lost", "title"))
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
        lines.extend(table(rows, right={3, 4}))
        names = {}
        for line in n.losses:
            names.setdefault(line.loss.ends_on, line.client)
        for point in n.coverage_by_date:
            sentence = in_time_sentence(names[point.ends_on], point.ends_on, point.coverage)
            lines.add("  ", (sentence, coverage_tone(point.coverage)))
    lines.add()
    if n.clients:
        lines.add(("Clients by churn risk", "title"))
        rows: list[list[Cell]] = [["Client", "Monthly", "Share", "Risk", "Why (points)"]]
        for f in n.clients:
            why = (
                "; ".join(f"{r.text} (+{r.points})" for r in f.risk.reasons[:3])
                or "no warning sign"
            )
            score = (str(f.risk.score), risk_score_tone(f.risk.score))
            rows.append([f.name, money(f.monthly_revenue_cents), percent(f.share), score, why])
        lines.extend(table(rows, right={1, 2, 3}))
        lines.add((f"  {HOW_REASONS_COMBINE}", "muted"))
    else:
        lines.add("No active client: add a mission to see revenue and risk.")
    conv = n.conversion
    lines.add().add(
        f"Conversion lead → won {percent(conv.lead_to_win_rate)} · win rate "
        f"{percent(conv.win_rate)} ({conv.won_count} won, {conv.lost_count} lost)"
        + (
            f" · average cycle {conv.average_cycle_days:.0f} days"
            if conv.average_cycle_days is not None
            else ""
        ),
    )
    if n.rotting:
        lines.add(
            (f"{len(n.rotting)} open deals have had no activity for too long", "warning"),
            " (see today).",
        )
    return lines


def _more(count: int) -> str:
    return f"  … and {count:,} more (--all lists every one)"


def _activity_lines(title: str, rows, more: int, today, tone: str | None = None) -> Doc:
    if not rows:
        return Doc()
    cells: list[list[Cell]] = [["When", "Kind", "Subject", "Who"]]
    for row in rows:
        a = row.activity
        who = " · ".join(x for x in (row.contact_name, row.client_name) if x)
        cells.append([(due_label(a.due_on, today), tone), label(a.kind), a.subject or "—", who])
    heading = f"{title} ({len(rows) + more:,})"
    lines = Doc().add((heading, "title")).extend(table(cells, right=set()))
    if more:
        lines.add(_more(more))
    return lines.add()


def render_today(agenda: TodayAgenda) -> Doc:
    money = lambda cents: format_money(cents, agenda.currency)  # noqa: E731
    day = agenda.as_of
    lines = Doc().add((f"Today, {format_day(day)}", "title")).add()
    lines.extend(_activity_lines("Overdue", agenda.overdue, agenda.overdue_more, day, "bad"))
    lines.extend(_activity_lines("Due today", agenda.due_today, agenda.due_today_more, day))
    if not agenda.overdue and not agenda.due_today:
        lines.add(("Nothing due today.", "good")).add()
    if agenda.risk_alerts:
        lines.add((f"Clients at risk ({len(agenda.risk_alerts)})", "title"))
        cells: list[list[Cell]] = [["Client", "Risk", "Monthly", "Why"]]
        for f in agenda.risk_alerts:
            why = "; ".join(r.text for r in f.risk.reasons[:3])
            score = (str(f.risk.score), risk_score_tone(f.risk.score))
            cells.append([f.name, score, money(f.monthly_revenue_cents), why])
        lines.extend(table(cells, right={1, 2})).add()
    if agenda.rotting:
        lines.add((f"Rotting deals ({len(agenda.rotting)})", "title"))
        cells = [["Deal", "Client", "Stage", "Idle"]]
        shown = agenda.rotting if agenda.limit is None else agenda.rotting[: agenda.limit]
        for r in shown:
            cells.append(
                [
                    r.deal.title,
                    agenda.client_names.get(r.deal.client_id, "?"),
                    r.deal.stage,
                    (f"{r.idle_days} d (max {r.allowed_days})", "warning"),
                ]
            )
        lines.extend(table(cells, right=set()))
        if len(agenda.rotting) > len(shown):
            lines.add(_more(len(agenda.rotting) - len(shown)))
    return lines.strip_end()


def render_whatif(report: WhatIfReport) -> Doc:
    r = report.result
    money = lambda cents: format_money(cents, report.currency)  # noqa: E731
    gap = f"{money(r.gap_cents)}/month to refill within {r.weeks} weeks"
    title = f"Losing {report.client_name}: {gap}" if report.client_name else f"A gap of {gap}"
    lines = Doc().add((title, "title")).add()
    if r.gap_cents == 0:
        return lines.add(("Nothing to refill: no active revenue is lost.", "good"))
    if report.client_name is not None:
        sentence = worst_loss_sentence(
            report.client_name, r.gap_cents, report.currency, report.covered_at
        )
        lines.add((sentence, coverage_tone(report.covered_at))).add(
            (f"({_(COVERED_AT_MEANS)})", "muted")
        )
        if report.in_time is not None:
            point = report.in_time
            sentence = in_time_sentence(report.client_name, point.ends_on, point.coverage)
            lines.add((sentence, coverage_tone(point.coverage)))
        lines.add()
    basis = {
        "history": "your average won deal",
        "fallback": "your average open deal (no won deal yet)",
        "gap": "one deal the size of the gap (no deal history)",
    }.get(r.value_basis, r.value_basis)
    facts: list[list[Cell]] = [
        ["Wins needed", str(r.wins_needed), f"at {money(r.avg_won_monthly_cents)}/month, {basis}"],
        ["Leads needed", str(r.leads_needed), "per channel below, from your own history"],
        [
            "Coverage now",
            (percent(report.coverage_before), coverage_tone(report.coverage_before)),
            _(COVERAGE_MEANS),
        ],
        [
            "Coverage after",
            (percent(r.coverage_left), coverage_tone(r.coverage_left)),
            "the same, once this revenue is lost too",
        ],
    ]
    lines.extend(table(facts, right={1}, header=False))
    lines.add().add(
        (f"Targets per channel (history: the last {report.history_months} months)", "title")
    )
    rows: list[list[Cell]] = [["Channel", "Target", "Leads", "Activities/lead", "Basis"]]
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
    return lines.extend(table(rows, right={2, 3}))
