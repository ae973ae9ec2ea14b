"""The weekly review as JSON (money in integer cents) and as Markdown to paste into notes."""

from __future__ import annotations

from datetime import date

from pipeline_tui.domain.cadence import Period
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import deal_heading, percent
from pipeline_tui.domain.review import OpenItem
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, ngettext
from pipeline_tui.services.lessons import LessonRow, lesson_json
from pipeline_tui.services.numbers import conversion_json, ratio_json
from pipeline_tui.services.review import MoveRow, WeeklyReview, period_text
from pipeline_tui.store.queries.deals import DealRow

_CONVERSION = (
    "stage_rates",
    "lead_to_win_rate",
    "win_rate",
    "average_cycle_days",
    "average_won_monthly_value",
)
"""The conversion numbers of the review's JSON, as ``status --json`` writes them."""


def _deal_json(deal: DealRow) -> dict[str, object]:
    return {
        "id": deal.id,
        "title": deal.title,
        "client": deal.client_name,
        "channel": deal.channel,
        "stage": deal.stage,
        "monthly_value": deal.monthly_value_cents,
    }


def _move_json(move: MoveRow) -> dict[str, object]:
    return {
        "deal_id": move.deal.id,
        "title": move.deal.title,
        "client": move.deal.client_name,
        "from": move.from_stage,
        "to": move.to_stage,
        "on": move.on.isoformat(),
        "monthly_value": move.deal.monthly_value_cents,
    }


def _closed_json(move: MoveRow) -> dict[str, object]:
    out = _move_json(move)
    if move.to_stage == "lost":
        out["reason"] = move.deal.lost_reason if move.deal.stage == "lost" else None
    return out


def review_json(r: WeeklyReview) -> dict[str, object]:
    """The ``review --format json`` document."""
    w, c, n = r.week, r.conversion, r.next_week
    return {
        "week": w.label,
        "from": w.monday.isoformat(),
        "to": w.sunday.isoformat(),
        "as_of": w.as_of.isoformat(),
        "complete": w.complete,
        "currency": r.currency,
        "plan": {
            "cadences": [
                {
                    "id": row.line.cadence_id,
                    "channel": row.line.channel,
                    "label": row.line.label,
                    "target": row.line.target,
                    "done": row.line.done,
                    "period_start": row.line.period.start.isoformat() if row.line.period else None,
                    "period_end": row.line.period.last_day.isoformat() if row.line.period else None,
                    "status": row.status,
                }
                for row in r.plan
            ],
            "done_by_channel": r.done_by_channel,
            "week_verdict": r.streak.current.verdict,
            "streak_weeks": r.streak.weeks,
        },
        "new_leads": {
            "total": len(r.new_leads),
            "by_source": r.leads_by_source,
            "deals": [_deal_json(d) for d in r.new_leads],
        },
        "stage_moves": [_move_json(m) for m in r.moves],
        "won": [_closed_json(m) for m in r.won],
        "lost": [_closed_json(m) for m in r.lost],
        "conversion": {k: v for k, v in conversion_json(c).items() if k in _CONVERSION},
        "trend": [
            {
                "week": p.week,
                "as_of": p.day.isoformat(),
                "weighted_pipeline": p.weighted_pipeline_cents,
                "revenue_at_risk": p.revenue_at_risk_cents,
                "revenue_lost": p.revenue_lost_cents,
                "coverage": ratio_json(p.coverage),
            }
            for p in r.trend
        ],
        "overdue": [
            {
                "id": a.id,
                "kind": a.kind,
                "subject": a.subject,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "days_overdue": (w.cutoff - a.due_on).days if a.due_on else 0,
                "client": a.client_name,
                "contact": a.contact_name,
                "deal_id": a.deal_id,
            }
            for a in r.overdue
        ],
        "open_lessons": [lesson_json(row, w.as_of) for row in r.lessons],
        "next_week": {
            "week": n.label,
            "coverage_gap": n.coverage_gap_cents,
            "horizon_weeks": n.horizon_weeks,
            "wins_needed": n.wins_needed,
            "leads_needed": n.leads_needed,
            "plan_weekly": n.plan_weekly,
            "whatif_weekly": n.whatif_weekly,
            "targets": n.targets,
            "whatif_rates": {
                ch: {
                    "per_period": t.per_period,
                    "period": t.period,
                    "basis": t.basis,
                    "observations": t.observations,
                }
                for ch, t in n.whatif_rates.items()
                if t.per_period > 0
            },
        },
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    align = ["---:" if i in right else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _deal_line(deal: DealRow, currency: str) -> str:
    return _("{deal} ({channel}, {amount}/month)").format(
        deal=deal_heading(deal.title, deal.client_name),
        channel=label(deal.channel),
        amount=format_money(deal.monthly_value_cents, currency),
    )


MAX_LISTED = 25  # longer lists are cut in the Markdown (the JSON has everything)

# How the Markdown says a cadence's status and a week's verdict (the JSON keeps the codes).
PLAN_STATUSES = {
    "met": N_("met"),
    "missed": N_("missed"),
    "in progress": N_("in progress"),
    "not started": N_("not started"),
    "pending": N_("pending"),
    "idle": N_("idle"),
}

PER_PERIOD = {
    "week": N_("{count} a week"),
    "month": N_("{count} a month"),
    "quarter": N_("{count} a quarter"),
    "year": N_("{count} a year"),
}

BASES = {"history": N_("history"), "prior": N_("prior")}


def _plan_status(code: str) -> str:
    return _(PLAN_STATUSES[code]) if code in PLAN_STATUSES else code


def _bullets(items: list[str]) -> list[str]:
    lines = [f"- {_cell(item)}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        more = len(items) - MAX_LISTED
        lines.append(
            "- " + ngettext("… and {count} more", "… and {count} more", more).format(count=more)
        )
    return lines or ["- " + _("none")]


def _counts(counts: dict[str, int]) -> str:
    """``emailing 14, phone 6``: a count per channel."""
    return ", ".join(f"{label(ch)} {k}" for ch, k in counts.items())


def _plan_section(r: WeeklyReview) -> list[str]:
    out = ["## " + _("Prospecting plan"), ""]
    if r.plan:
        out += _table(
            [_("Cadence"), _("Channel"), _("Done"), _("Target"), _("Period"), _("Status")],
            [
                [
                    row.line.label,
                    label(row.line.channel),
                    str(row.line.done),
                    str(row.line.target),
                    period_text(row.line.period),
                    _plan_status(row.status),
                ]
                for row in r.plan
            ],
            right={2, 3},
        )
    else:
        out.append(_("No prospecting plan (no active cadence)."))
    weeks = r.streak.weeks
    out += [
        "",
        _("Done this week: {done}.").format(done=_counts(r.done_by_channel) or _("nothing")),
        "",
        ngettext(
            "Plan streak: **{count} week** (this week: {verdict}).",
            "Plan streak: **{count} weeks** (this week: {verdict}).",
            weeks,
        ).format(count=weeks, verdict=_plan_status(r.streak.current.verdict)),
    ]
    return out


def _deals_sections(r: WeeklyReview) -> list[str]:
    cur = r.currency
    out = ["## " + _("New leads ({count})").format(count=len(r.new_leads)), ""]
    if r.leads_by_source:
        out += [_("By source: {sources}.").format(sources=_counts(r.leads_by_source)), ""]
    out += _bullets([_deal_line(d, cur) for d in r.new_leads])
    out += ["", "## " + _("Deals that moved ({count})").format(count=len(r.moves)), ""]
    out += _bullets(
        [
            _("{day}: {deal}: {from_stage} → {to_stage}").format(
                day=format_day(m.on),
                deal=deal_heading(m.deal.title, m.deal.client_name),
                from_stage=label(m.from_stage or ""),
                to_stage=label(m.to_stage),
            )
            for m in r.moves
        ]
    )
    out += ["", "## " + _("Won ({count})").format(count=len(r.won)), ""]
    out += _bullets(
        [
            _("{day}: {deal}").format(day=format_day(m.on), deal=_deal_line(m.deal, cur))
            for m in r.won
        ]
    )
    out += ["", "## " + _("Lost ({count})").format(count=len(r.lost)), ""]
    out += _bullets(
        [
            _("{day}: {deal} — {reason}").format(
                day=format_day(m.on),
                deal=_deal_line(m.deal, cur),
                reason=(m.deal.lost_reason if m.deal.stage == "lost" else None)
                or _("reopened since"),
            )
            for m in r.lost
        ]
    )
    return out


def _conversion_section(r: WeeklyReview) -> list[str]:
    c = r.conversion
    if c.average_cycle_days is None:
        cycle = "—"
    else:
        days = round(c.average_cycle_days)
        cycle = ngettext("{count} day", "{count} days", days).format(count=days)
    return [
        "## " + _("Conversion"),
        "",
        *_table(
            [_("Stage"), _("→ next"), _("Rate")],
            [[label(s.stage), label(s.next_stage), percent(s.rate)] for s in c.stages],
            right={2},
        ),
        "",
        _(
            "Lead → won: {lead_to_win} · win rate {win_rate} ({won}, {lost}) · "
            "average cycle lead → won {cycle} · average won deal {amount}/month."
        ).format(
            lead_to_win=percent(c.lead_to_win_rate),
            win_rate=percent(c.win_rate),
            won=ngettext("{count} won", "{count} won", c.won_count).format(count=c.won_count),
            lost=ngettext("{count} lost", "{count} lost", c.lost_count).format(count=c.lost_count),
            cycle=cycle,
            amount=format_money(c.average_won_monthly_cents, r.currency),
        ),
    ]


def _trend_section(r: WeeklyReview) -> list[str]:
    money = lambda cents: format_money(cents, r.currency)  # noqa: E731
    return [
        "## " + _("Coverage trend"),
        "",
        *_table(
            [
                _("Week"),
                _("As of"),
                _("Recurring pipeline"),
                _("Revenue lost"),
                _("Revenue at risk"),
                _("Coverage"),
            ],
            [
                [
                    p.week,
                    format_day(p.day),
                    money(p.weighted_pipeline_cents),
                    money(p.revenue_lost_cents),
                    money(p.revenue_at_risk_cents),
                    percent(p.coverage),
                ]
                for p in r.trend
            ],
            right={2, 3, 4, 5},
        ),
        "",
        _("Coverage = recurring weighted pipeline ÷ (revenue lost + revenue at risk)."),
    ]


def _overdue_line(a: OpenItem, cutoff: date) -> str:
    late = (cutoff - a.due_on).days
    line = ngettext(
        "due {day} ({count} day): {subject}", "due {day} ({count} days): {subject}", late
    ).format(day=format_day(a.due_on), count=late, subject=a.subject)
    who = ", ".join(x for x in (a.contact_name, a.client_name) if x)
    return f"{line} — {who}" if who else line


def _lesson_line(row: LessonRow, as_of: date) -> str:
    line = row.lesson.text + (f" — {row.client_name}" if row.client_name else "")
    if not row.lesson.due_on:
        return line
    training = _("(training by {day}, overdue)") if row.overdue(as_of) else _("(training by {day})")
    return f"{line} {training.format(day=format_day(row.lesson.due_on))}"


def _next_week_section(r: WeeklyReview) -> list[str]:
    n = r.next_week
    out = ["## " + _("Next week's targets ({week})").format(week=n.label), ""]
    if n.coverage_gap_cents > 0:
        out.append(
            ngettext(
                "Coverage gap: {amount}/month of revenue lost or at risk not covered by the "
                "recurring pipeline → {wins}, {leads} within {count} week.",
                "Coverage gap: {amount}/month of revenue lost or at risk not covered by the "
                "recurring pipeline → {wins}, {leads} within {count} weeks.",
                n.horizon_weeks,
            ).format(
                amount=format_money(n.coverage_gap_cents, r.currency),
                wins=ngettext("{count} win", "{count} wins", n.wins_needed).format(
                    count=n.wins_needed
                ),
                leads=ngettext("{count} new lead", "{count} new leads", n.leads_needed).format(
                    count=n.leads_needed
                ),
                count=n.horizon_weeks,
            )
        )
    else:
        out.append(
            _("No coverage gap: the recurring pipeline covers the revenue lost and at risk.")
        )
    out.append("")
    if n.targets:
        out += _table(
            [_("Channel"), _("Plan"), _("What-if"), _("Target")],
            [
                [
                    label(ch),
                    str(n.plan_weekly.get(ch, 0)),
                    str(n.whatif_weekly.get(ch, 0)),
                    f"**{k}**",
                ]
                for ch, k in n.targets.items()
            ],
            right={1, 2, 3},
        )
    else:
        out.append(_("No weekly target."))
    slower = {ch: t for ch, t in n.whatif_rates.items() if t.per_period > 0 and t.period != "week"}
    if slower:
        out += ["", _("Less than one a week, from the what-if:")]
        out += _bullets(
            [
                _("{channel}: {rate} ({basis})").format(
                    channel=label(ch),
                    rate=_(PER_PERIOD[t.period]).format(count=t.per_period),
                    basis=_(BASES[t.basis]),
                )
                for ch, t in slower.items()
            ]
        )
    return out


def review_markdown(r: WeeklyReview) -> str:
    """The review in Markdown, headed by the week, one section per question."""
    w = r.week
    period = period_text(Period(w.monday, w.next_monday))
    seen = (
        _("Seen as of {day}; money per month in {currency}.")
        if w.complete
        else _("Seen as of {day} (week in progress); money per month in {currency}.")
    )
    out = [
        "# " + _("Weekly review — {week} ({period})").format(week=w.label, period=period),
        "",
        seen.format(day=format_day(w.as_of), currency=r.currency),
        "",
        *_plan_section(r),
        "",
        *_deals_sections(r),
        "",
        *_conversion_section(r),
        "",
        *_trend_section(r),
        "",
        "## " + _("Overdue follow-ups ({count})").format(count=len(r.overdue)),
        "",
        *_bullets([_overdue_line(a, w.cutoff) for a in r.overdue]),
    ]
    if r.lessons:
        out += ["", "## " + _("Open lessons ({count})").format(count=len(r.lessons)), ""]
        out += _bullets([_lesson_line(row, w.as_of) for row in r.lessons])
    out += ["", *_next_week_section(r)]
    return "\n".join(out) + "\n"
