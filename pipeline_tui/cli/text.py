"""The numbers as text for a person (``status``, ``today``, ``whatif``): a ``terminal.Doc`` whose
runs carry the tone of what they say (``domain.present``), coloured on a terminal only."""

from __future__ import annotations

from pipeline_tui.cli.terminal import Cell, Doc, table
from pipeline_tui.domain.mathutil import format_day
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
from pipeline_tui.i18n import N_, _, formats, ngettext
from pipeline_tui.services.numbers import Numbers, WhatIfReport
from pipeline_tui.services.today import TodayAgenda

LIST_LIMIT = 20

# How often a channel's target comes back (``domain.targets.ChannelTarget.period``).
_PER_PERIOD = {
    "week": N_("{count} a week"),
    "month": N_("{count} a month"),
    "year": N_("{count} a year"),
}
# Where the average value of a won deal comes from (``domain.whatif.WhatIfResult.value_basis``).
_VALUE_BASIS = {
    "history": N_("your average won deal"),
    "fallback": N_("your average open deal (no won deal yet)"),
    "gap": N_("one deal the size of the gap (no deal history)"),
}


def _target_basis(basis: str, leads: int) -> str:
    """Where a channel's conversion comes from: its own history or the prior, and on how many
    leads."""
    if basis == "history":
        text = ngettext("history ({count} lead)", "history ({count} leads)", leads)
    else:
        text = ngettext("prior ({count} lead)", "prior ({count} leads)", leads)
    return text.format(count=formats.number(leads))


def render_status(n: Numbers) -> Doc:
    money = lambda cents: format_money(cents, n.currency)  # noqa: E731
    c = n.concentration
    top = n.largest_client
    title = _("Status as of {day} ({currency})").format(
        day=format_day(n.as_of), currency=n.currency
    )
    lines = Doc().add((title, "title")).add()
    flags = ("  ⚠ " + _("more than half of your revenue") if c.dependent else "") + (
        "  ⚠ "
        + _("at or above your dependence threshold ({threshold})").format(
            threshold=percent(c.threshold)
        )
        if c.over_threshold
        else ""
    )
    hhi_means = _("Σ share²: {one} = one client").format(one=formats.number(1, decimals=2))
    if c.effective_clients is not None:
        hhi_means += _("; as {count} equal clients").format(
            count=formats.number(c.effective_clients, decimals=1)
        )
    open_deals = ngettext("{count} open deal", "{count} open deals", n.open_deal_count)
    facts = [
        [_("Monthly revenue"), money(n.monthly_revenue_cents), ""],
        [
            _("Top client share"),
            (percent(c.top_share), concentration_tone(c.dependent)),
            ((top.name if top else _("no active client")) + flags, concentration_tone(c.dependent)),
        ],
        [
            _("Herfindahl index"),
            "—" if c.hhi is None else formats.number(c.hhi, decimals=2),
            hhi_means,
        ],
        [
            _("Revenue lost"),
            money(n.revenue_lost_cents),
            ngettext(
                "missions ending within {count} day, no renewal (a renewal weighs them)",
                "missions ending within {count} days, no renewal (a renewal weighs them)",
                n.horizon_days,
            ).format(count=n.horizon_days),
        ],
        [
            _("Revenue at risk"),
            (
                money(n.revenue_at_risk_cents),
                at_risk_tone(n.revenue_at_risk_cents, n.monthly_revenue_cents),
            ),
            _("Σ risk × monthly revenue not already lost"),
        ],
        [
            _("Weighted pipeline"),
            money(n.weighted_pipeline_cents),
            _("{open_deals} × stage probability; {recurring} recurring").format(
                open_deals=open_deals.format(count=formats.number(n.open_deal_count)),
                recurring=money(n.recurring_pipeline_cents),
            ),
        ],
        [
            _("Coverage"),
            (percent(n.coverage), coverage_tone(n.coverage)),
            _(COVERAGE_MEANS) if n.coverage is not None else _("nothing lost or at risk"),
        ],
    ]
    lines.extend(table(facts, right={1}, header=False))
    if top is not None:
        sentence = worst_loss_sentence(
            top.name, top.monthly_revenue_cents, n.currency, n.worst_loss_coverage
        )
        lines.add(
            "  ", (sentence, coverage_tone(n.worst_loss_coverage)), f" ({_(COVERED_AT_MEANS)})"
        )
    if n.losses:
        lines.add().add((_("Revenue lost"), "title"))
        rows = [[_("Client"), _("Mission"), _("Ends"), _("Monthly"), _("Lost"), _("Why")]]
        for line in n.losses:
            loss = line.loss
            why = (
                _("ended early")
                if loss.early
                else _("planned end, no renewal")
                if loss.certain
                else _("planned end, renewal at {probability}").format(
                    probability=percent(loss.renewal_probability / 100)
                )
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
        for point in n.coverage_by_date:
            sentence = in_time_sentence(n.leaving_on(point.ends_on), point.ends_on, point.coverage)
            lines.add("  ", (sentence, coverage_tone(point.coverage)))
    lines.add()
    if n.clients:
        lines.add((_("Clients by churn risk"), "title"))
        rows: list[list[Cell]] = [
            [_("Client"), _("Monthly"), _("Share"), _("Risk"), _("Why (points)")]
        ]
        for f in n.clients:
            why = "; ".join(f"{r.text} (+{r.points})" for r in f.risk.reasons[:3]) or _(
                "no warning sign"
            )
            score = (str(f.risk.score), risk_score_tone(f.risk.score))
            rows.append([f.name, money(f.monthly_revenue_cents), percent(f.share), score, why])
        lines.extend(table(rows, right={1, 2, 3}))
        lines.add(("  " + _(HOW_REASONS_COMBINE), "muted"))
    else:
        lines.add(_("No active client: add a mission to see revenue and risk."))
    conv = n.conversion
    conversion = _(
        "Conversion lead → won {conversion} · win rate {win_rate} ({won} won, {lost} lost)"
    ).format(
        conversion=percent(conv.lead_to_win_rate),
        win_rate=percent(conv.win_rate),
        won=formats.number(conv.won_count),
        lost=formats.number(conv.lost_count),
    )
    if conv.average_cycle_days is not None:
        days = round(conv.average_cycle_days)
        conversion += ngettext(
            " · average cycle {count} day", " · average cycle {count} days", days
        ).format(count=formats.number(days))
    lines.add().add(conversion)
    if n.rotting:
        rotting = ngettext(
            "{count} open deal has had no activity for too long (see today).",
            "{count} open deals have had no activity for too long (see today).",
            len(n.rotting),
        )
        lines.add((rotting.format(count=formats.number(len(n.rotting))), "warning"))
    return lines


def _more(count: int) -> str:
    return "  " + _("… and {count} more (--all lists every one)").format(
        count=formats.number(count)
    )


def _activity_lines(title: str, rows, more: int, today, tone: str | None = None) -> Doc:
    if not rows:
        return Doc()
    cells: list[list[Cell]] = [[_("When"), _("Kind"), _("Subject"), _("Who")]]
    for row in rows:
        a = row.activity
        who = " · ".join(x for x in (row.contact_name, row.client_name) if x)
        cells.append([(due_label(a.due_on, today), tone), label(a.kind), a.subject or "—", who])
    heading = f"{title} ({formats.number(len(rows) + more)})"
    lines = Doc().add((heading, "title")).extend(table(cells, right=set()))
    if more:
        lines.add(_more(more))
    return lines.add()


def render_today(agenda: TodayAgenda) -> Doc:
    money = lambda cents: format_money(cents, agenda.currency)  # noqa: E731
    day = agenda.as_of
    lines = Doc().add((_("Today, {day}").format(day=format_day(day)), "title")).add()
    lines.extend(_activity_lines(_("Overdue"), agenda.overdue, agenda.overdue_more, day, "bad"))
    lines.extend(_activity_lines(_("Due today"), agenda.due_today, agenda.due_today_more, day))
    if not agenda.overdue and not agenda.due_today:
        lines.add((_("Nothing due today."), "good")).add()
    if agenda.risk_alerts:
        count = formats.number(len(agenda.risk_alerts))
        lines.add((_("Clients at risk ({count})").format(count=count), "title"))
        cells: list[list[Cell]] = [[_("Client"), _("Risk"), _("Monthly"), _("Why")]]
        for f in agenda.risk_alerts:
            why = "; ".join(r.text for r in f.risk.reasons[:3])
            score = (str(f.risk.score), risk_score_tone(f.risk.score))
            cells.append([f.name, score, money(f.monthly_revenue_cents), why])
        lines.extend(table(cells, right={1, 2})).add()
    if agenda.rotting:
        count = formats.number(len(agenda.rotting))
        lines.add((_("Rotting deals ({count})").format(count=count), "title"))
        cells = [[_("Deal"), _("Client"), _("Stage"), _("Idle")]]
        shown = agenda.rotting if agenda.limit is None else agenda.rotting[: agenda.limit]
        for r in shown:
            cells.append(
                [
                    r.deal.title,
                    agenda.client_names.get(r.deal.client_id, "?"),
                    label(r.deal.stage),
                    (
                        _("{days} d (max {allowed})").format(
                            days=r.idle_days, allowed=r.allowed_days
                        ),
                        "warning",
                    ),
                ]
            )
        lines.extend(table(cells, right=set()))
        if len(agenda.rotting) > len(shown):
            lines.add(_more(len(agenda.rotting) - len(shown)))
    return lines.strip_end()


def render_whatif(report: WhatIfReport) -> Doc:
    r = report.result
    money = lambda cents: format_money(cents, report.currency)  # noqa: E731
    gap = ngettext(
        "{gap}/month to refill within {count} week",
        "{gap}/month to refill within {count} weeks",
        r.weeks,
    ).format(gap=money(r.gap_cents), count=r.weeks)
    title = (
        _("Losing {client}: {gap}").format(client=report.client_name, gap=gap)
        if report.client_name
        else _("A gap of {gap}").format(gap=gap)
    )
    lines = Doc().add((title, "title")).add()
    if r.gap_cents == 0:
        return lines.add((_("Nothing to refill: no active revenue is lost."), "good"))
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
    basis = _VALUE_BASIS.get(r.value_basis)
    basis = _(basis) if basis else r.value_basis
    facts: list[list[Cell]] = [
        [
            _("Wins needed"),
            formats.number(r.wins_needed),
            _("at {value}/month, {basis}").format(
                value=money(r.avg_won_monthly_cents), basis=basis
            ),
        ],
        [
            _("Leads needed"),
            formats.number(r.leads_needed),
            _("per channel below, from your own history"),
        ],
        [
            _("Coverage now"),
            (percent(report.coverage_before), coverage_tone(report.coverage_before)),
            _(COVERAGE_MEANS),
        ],
        [
            _("Coverage after"),
            (percent(r.coverage_left), coverage_tone(r.coverage_left)),
            _("the same, once this revenue is lost too"),
        ],
    ]
    lines.extend(table(facts, right={1}, header=False))
    targets = ngettext(
        "Targets per channel (history: the last {count} month)",
        "Targets per channel (history: the last {count} months)",
        report.history_months,
    ).format(count=report.history_months)
    lines.add().add((targets, "title"))
    rows: list[list[Cell]] = [
        [_("Channel"), _("Target"), _("Leads"), _("Activities/lead"), _("Basis")]
    ]
    for ch, t in r.targets.items():
        per_period = _PER_PERIOD.get(t.period)
        rows.append(
            [
                label(ch),
                _(per_period).format(count=t.per_period) if per_period else str(t.per_period),
                formats.number(float(t.leads), decimals=1),
                formats.number(float(t.activities_per_lead), decimals=1),
                _target_basis(t.basis, t.observations),
            ]
        )
    return lines.extend(table(rows, right={2, 3}))
