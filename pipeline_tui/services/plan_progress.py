"""The prospecting plan's progress: the active cadences, the done activities that count toward
them, each cadence in its current period, and the streak.

Read-only, through the read path (``store.queries``): the dashboard shows the plan without
loading the ORM. Storing cadences and raising the plan is ``services.prospecting``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.cadence import (
    CadenceProgress,
    CadenceSpec,
    Period,
    Streak,
    cadence_progress,
    describe_rule,
    plan_streak,
)
from pipeline_tui.domain.review import done_by_channel
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.store.queries.activities import done_facts
from pipeline_tui.store.queries.cadences import active_specs
from pipeline_tui.store.reader import Reader, ReadSource


def plan_facts(q: Reader, until: date) -> tuple[list[CadenceSpec], dict[str, list[date]]]:
    """The active cadences and the done dates per channel that count toward them."""
    specs = active_specs(q)
    if not specs:
        return specs, {}
    since = min(s.starts_on for s in specs)
    return specs, done_by_channel(done_facts(q, since, until))


@dataclass(frozen=True)
class PlanLine:
    """One cadence in its current period (``label``/``done``/``target`` as the plan bars want)."""

    cadence_id: int
    channel: str
    label: str
    rule: str
    rule_text: str
    target: int
    done: int
    period: Period | None
    met: bool  # the progress's (``domain.cadence.CadenceProgress``): one rule for both
    ratio: float


@dataclass(frozen=True)
class PlanStatus:
    as_of: date
    lines: tuple[PlanLine, ...]
    streak: Streak


def cadence_label(spec: CadenceSpec) -> str:
    """The user's label, else ``5 phone weekly``."""
    if spec.label:
        return spec.label
    return f"{spec.count} {label(spec.channel)} {describe_rule(spec.rrule, spec.starts_on)}"


def _line(progress: CadenceProgress) -> PlanLine:
    spec = progress.spec
    return PlanLine(
        cadence_id=spec.id,
        channel=spec.channel,
        label=cadence_label(spec),
        rule=spec.rrule,
        rule_text=describe_rule(spec.rrule, spec.starts_on),
        target=spec.count,
        done=progress.done,
        period=progress.period,
        met=progress.met,
        ratio=progress.ratio,
    )


def plan_lines(
    specs: list[CadenceSpec], done: dict[str, list[date]], day: date
) -> tuple[PlanLine, ...]:
    """The cadences in force on ``day``, each in its period (one not started yet, or ended, has
    no period: it is not a line of the plan that day)."""
    lines = (_line(cadence_progress(s, day, done.get(s.channel, []))) for s in specs)
    return tuple(line for line in lines if line.period is not None)


def plan_status(source: ReadSource, today: date) -> PlanStatus:
    """Every active cadence in its period containing ``today``, and the streak."""
    with source.read() as q:
        specs, done = plan_facts(q, today)
    return PlanStatus(today, plan_lines(specs, done, today), plan_streak(specs, done, today))


def plan_json(status: PlanStatus) -> dict[str, object]:
    return {
        "as_of": status.as_of.isoformat(),
        "streak_weeks": status.streak.weeks,
        "this_week": status.streak.current.verdict,
        "cadences": [
            {
                "id": line.cadence_id,
                "channel": line.channel,
                "label": line.label,
                "rrule": line.rule,
                "target": line.target,
                "done": line.done,
                "met": line.met,
                "period_start": line.period.start.isoformat() if line.period else None,
                "period_end": line.period.last_day.isoformat() if line.period else None,
            }
            for line in status.lines
        ],
    }
