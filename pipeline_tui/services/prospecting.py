"""The prospecting plan: storing cadences, and "raise the plan".

The plan's progress and streak are read by ``services.plan_progress`` (on the read path, for the
dashboard); the rules are ``domain.cadence``'s (periods from the RRULE, the streak).

**Raising the plan** brings each channel's cadence up to the what-if's per-channel target
(``compute_whatif``; the rules are ``domain.plan_raise``'s): one cadence per channel, from the
next period on, the periods already under way left as they were. Raising the same what-if twice
changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain import plan_raise
from pipeline_tui.domain.cadence import WEEKLY_PLAN_RULE, check_cadence
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.numbers import WhatIfReport, compute_whatif
from pipeline_tui.store.queries import cadences as cadence_rows
from pipeline_tui.store.queries.cadences import CadenceRow
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import cadences as writes
from pipeline_tui.store.writes.rows import apply_changes

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Cadence

CADENCE_FIELDS = ("channel", "count", "rrule", "starts_on", "label", "active")


# --- cadences -----------------------------------------------------------------------------------


def add_cadence(
    store: Store,
    channel: str,
    count: int,
    rrule: str = WEEKLY_PLAN_RULE,
    *,
    starts_on: date,
    label: str | None = None,
) -> Cadence:
    """A standing target: ``count`` done activities on ``channel`` per period of ``rrule``."""
    rrule, label = checked(check_cadence, channel, count, rrule, starts_on, label)
    with store.session() as session:
        return writes.add_cadence(
            session, channel=channel, count=count, rrule=rrule, starts_on=starts_on, label=label
        )


def update_cadence(store: Store, cadence_id: int, **changes: object) -> Cadence:
    unknown = set(changes) - set(CADENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cadence fields: {sorted(unknown)}")
    with store.session() as session:
        row = writes.cadence_or_fail(session, cadence_id)
        values = {name: changes.get(name, getattr(row, name)) for name in CADENCE_FIELDS}
        rrule, label = checked(
            check_cadence,
            values["channel"],
            values["count"],
            values["rrule"],
            values["starts_on"],
            values["label"],
        )
        return apply_changes(session, row, {**changes, "rrule": rrule, "label": label})


def delete_cadence(store: Store, cadence_id: int) -> None:
    with store.session() as session:
        writes.delete_cadence(session, cadence_id)


def list_cadences(source: ReadSource, *, active_only: bool = False) -> list[CadenceRow]:
    with source.read() as q:
        return cadence_rows.cadences(q, active_only=active_only)


# --- raising the plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RaiseResult:
    created: tuple[Cadence, ...]  # one per channel raised
    ended: tuple[int, ...]  # the cadences they replace (ended, or retired before starting)
    already: tuple[str, ...]  # channels whose plan already meets the target
    starts_on: date  # the earliest new period


def raise_plan_from(store: Store, today: date, report: WhatIfReport) -> RaiseResult:
    """Bring each channel's cadence up to the what-if's target, in one transaction
    (``domain.plan_raise``: the rules)."""
    targets = {ch: t for ch, t in report.targets.items() if t.per_period > 0}
    if not targets:
        raise InvalidInput("the what-if asks for no extra activity: nothing to raise")
    reason = report.client_name or (
        f"a gap of {format_money(report.result.gap_cents, report.currency)}"
    )
    with store.read() as q:
        specs = cadence_rows.active_specs(q)
    plan = plan_raise.raise_plan(specs, targets, today)
    created: list[Cadence] = []
    ended: list[int] = []
    with store.session() as session:
        for change in plan.raises:
            for cadence_id in change.ends:
                row = writes.cadence_or_fail(session, cadence_id)
                rule = plan_raise.ended_rule(row.rrule, change.starts_on)
                checked_rule, _ = checked(
                    check_cadence, row.channel, row.count, rule, row.starts_on, row.label
                )
                apply_changes(session, row, {"rrule": checked_rule})
                ended.append(cadence_id)
            for cadence_id in change.retires:
                row = writes.cadence_or_fail(session, cadence_id)
                apply_changes(session, row, {"active": False})
                ended.append(cadence_id)
            text = (
                f"{change.count} {label(change.channel)} a {change.period} "
                f"(raised for losing {reason})"
                if report.client_name
                else f"{change.count} {label(change.channel)} a {change.period} (raised: {reason})"
            )[:200]
            checked_rule, checked_label = checked(
                check_cadence,
                change.channel,
                change.count,
                change.rule,
                change.starts_on,
                text,
            )
            created.append(
                writes.add_cadence(
                    session,
                    channel=change.channel,
                    count=change.count,
                    rrule=checked_rule,
                    starts_on=change.starts_on,
                    label=checked_label,
                )
            )
    starts = min((c.starts_on for c in plan.raises), default=today)
    return RaiseResult(tuple(created), tuple(ended), plan.already, starts)


def raise_plan(
    store: Store,
    today: date,
    *,
    client_name: str | None = None,
    gap_cents: int | None = None,
    weeks: int | None = None,
) -> RaiseResult:
    """The what-if of losing ``client_name`` (or a monthly gap), turned into cadences."""
    report = compute_whatif(store, today, client_name=client_name, gap_cents=gap_cents, weeks=weeks)
    return raise_plan_from(store, today, report)
