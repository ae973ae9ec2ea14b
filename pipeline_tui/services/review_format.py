"""The weekly review as JSON (money in integer cents) and as Markdown to paste into notes."""

from __future__ import annotations

from pipeline_tui.domain.cadence import Period
from pipeline_tui.domain.mathutil import format_day, plural
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.present import deal_heading, percent
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.services.lessons import lesson_json
from pipeline_tui.services.review import MoveRow, WeeklyReview, period_text
from pipeline_tui.store.queries.deals import DealRow


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


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
        "conversion": {
            "stage_rates": {stage: _ratio(rate) for stage, rate in c.stage_rates.items()},
            "lead_to_win_rate": _ratio(c.lead_to_win_rate),
            "win_rate": _ratio(c.win_rate),
            "average_cycle_days": None
            if c.average_cycle_days is None
            else round(c.average_cycle_days, 1),
            "average_won_monthly_value": c.average_won_monthly_cents,
        },
        "trend": [
            {
                "week": p.week,
                "as_of": p.day.isoformat(),
                "weighted_pipeline": p.weighted_pipeline_cents,
                "revenue_at_risk": p.revenue_at_risk_cents,
                "revenue_lost": p.revenue_lost_cents,
                "coverage": _ratio(p.coverage),
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
    value = format_money(deal.monthly_value_cents, currency)
    heading = deal_heading(deal.title, deal.client_name)
    return f"{heading} ({label(deal.channel)}, {value}/month)"


MAX_LISTED = 25
"""Longer lists are cut in the Markdown (the JSON has everything)."""


def _bullets(items: list[str]) -> list[str]:
    lines = [f"- {_cell(item)}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(f"- … and {len(items) - MAX_LISTED} more")
    return lines or ["- none"]


def review_markdown(r: WeeklyReview) -> str:
    """The review in Markdown, headed by the week, one section per question."""
    w, cur, n = r.week, r.currency, r.next_week
    money = lambda cents: format_money(cents, cur)  # noqa: E731
    seen = f"as of {format_day(w.as_of)}" + ("" if w.complete else " (week in progress)")
    out = [
        f"# Weekly review — {w.label} ({period_text(Period(w.monday, w.next_monday))})",
        "",
        f"Seen {seen}; money per month in {cur}.",
        "",
        "## Prospecting plan",
        "",
    ]
    if r.plan:
        out += _table(
            ["Cadence", "Channel", "Done", "Target", "Period", "Status"],
            [
                [
                    row.line.label,
                    label(row.line.channel),
                    str(row.line.done),
                    str(row.line.target),
                    period_text(row.line.period),
                    row.status,
                ]
                for row in r.plan
            ],
            right={2, 3},
        )
    else:
        out.append("No prospecting plan (no active cadence).")
    done = ", ".join(f"{label(ch)} {k}" for ch, k in r.done_by_channel.items()) or "nothing"
    out += [
        "",
        f"Done this week: {done}.",
        "",
        f"Plan streak: **{plural(r.streak.weeks, 'week')}** "
        f"(this week: {r.streak.current.verdict}).",
        "",
        f"## New leads ({len(r.new_leads)})",
        "",
    ]
    if r.leads_by_source:
        sources = ", ".join(f"{label(ch)} {k}" for ch, k in r.leads_by_source.items())
        out += [f"By source: {sources}.", ""]
    out += _bullets([_deal_line(d, cur) for d in r.new_leads])
    out += ["", f"## Deals that moved ({len(r.moves)})", ""]
    out += _bullets(
        [
            f"{format_day(m.on)}: {deal_heading(m.deal.title, m.deal.client_name)}: "
            f"{label(m.from_stage or '')} → {label(m.to_stage)}"
            for m in r.moves
        ]
    )
    out += ["", f"## Won ({len(r.won)})", ""]
    out += _bullets([f"{format_day(m.on)}: {_deal_line(m.deal, cur)}" for m in r.won])
    out += ["", f"## Lost ({len(r.lost)})", ""]
    out += _bullets(
        [
            f"{format_day(m.on)}: {_deal_line(m.deal, cur)} — "
            f"{(m.deal.lost_reason if m.deal.stage == 'lost' else None) or 'reopened since'}"
            for m in r.lost
        ]
    )
    c = r.conversion
    cycle = "—" if c.average_cycle_days is None else f"{c.average_cycle_days:.0f} days"
    out += [
        "",
        "## Conversion",
        "",
        *_table(
            ["Stage", "→ next", "Rate"],
            [[label(s.stage), label(s.next_stage), percent(s.rate)] for s in c.stages],
            right={2},
        ),
        "",
        f"Lead → won: {percent(c.lead_to_win_rate)} · win rate {percent(c.win_rate)} "
        f"({c.won_count} won, {c.lost_count} lost) · average cycle lead → won {cycle} · "
        f"average won deal {money(c.average_won_monthly_cents)}/month.",
        "",
        "## Coverage trend",
        "",
        *_table(
            ["Week", "As of", "Recurring pipeline", "Revenue lost", "Revenue at risk", "Coverage"],
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
        "Coverage = recurring weighted pipeline ÷ (revenue lost + revenue at risk).",
        "",
        f"## Overdue follow-ups ({len(r.overdue)})",
        "",
    ]
    out += _bullets(
        [
            f"due {format_day(a.due_on)} ({plural((w.cutoff - a.due_on).days, 'day')}): "
            f"{a.subject}"
            + (
                f" — {', '.join(x for x in (a.contact_name, a.client_name) if x)}"
                if a.contact_name or a.client_name
                else ""
            )
            for a in r.overdue
        ]
    )
    if r.lessons:
        out += ["", f"## Open lessons ({len(r.lessons)})", ""]
        out += _bullets(
            [
                row.lesson.text
                + (f" — {row.client_name}" if row.client_name else "")
                + (
                    f" (training by {format_day(row.lesson.due_on)}"
                    + (", overdue)" if row.overdue(w.as_of) else ")")
                    if row.lesson.due_on
                    else ""
                )
                for row in r.lessons
            ]
        )
    out += ["", f"## Next week's targets ({n.label})", ""]
    if n.coverage_gap_cents > 0:
        out.append(
            f"Coverage gap: {money(n.coverage_gap_cents)}/month of revenue lost or at risk not "
            f"covered by the recurring pipeline → {plural(n.wins_needed, 'win')}, "
            f"{plural(n.leads_needed, 'new lead')} within {n.horizon_weeks} weeks."
        )
    else:
        out.append("No coverage gap: the recurring pipeline covers the revenue lost and at risk.")
    out.append("")
    if n.targets:
        out += _table(
            ["Channel", "Plan", "What-if", "Target"],
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
        out.append("No weekly target.")
    slower = {ch: t for ch, t in n.whatif_rates.items() if t.per_period > 0 and t.period != "week"}
    if slower:
        out += ["", "Less than one a week, from the what-if:"]
        out += _bullets(
            [f"{label(ch)}: {t.per_period} a {t.period} ({t.basis})" for ch, t in slower.items()]
        )
    return "\n".join(out) + "\n"
