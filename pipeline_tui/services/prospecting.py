"""The prospecting plan: storing cadences, and "raise the plan".

The plan's progress and streak are read by ``services.plan_progress`` (on the read path, for the
dashboard); the rules are ``domain.cadence``'s (periods from the RRULE, the streak).

**Raising the plan** turns the what-if's weekly activities per channel (``compute_whatif``) into
time-boxed cadences: one per channel with a target, weekly on ISO weeks from the first Monday on
or after today, for the what-if's horizon (``UNTIL`` ends it), labelled with what it is for. The
standing plan stays as it is: an activity counts toward every cadence of its channel, so the
larger target is the one to meet. Raising the same what-if twice does not duplicate cadences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pipeline_tui.domain.cadence import (
    WEEKLY_PLAN_RULE,
    check_cadence,
    first_monday_from,
    weekly_rule,
)
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.numbers import WhatIfReport, compute_whatif
from pipeline_tui.store.queries import cadences as cadence_rows
from pipeline_tui.store.queries.cadences import CadenceRow
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import cadences as writes

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
        return writes.update_cadence(session, row, {**changes, "rrule": rrule, "label": label})


def delete_cadence(store: Store, cadence_id: int) -> None:
    with store.session() as session:
        writes.delete_cadence(session, cadence_id)


def list_cadences(source: ReadSource, *, active_only: bool = False) -> list[CadenceRow]:
    with source.read() as q:
        return cadence_rows.cadences(q, active_only=active_only)


# --- raising the plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RaiseResult:
    created: tuple[Cadence, ...]
    already: tuple[Cadence, ...]
    starts_on: date
    until: date


def raise_plan_from(store: Store, today: date, report: WhatIfReport) -> RaiseResult:
    """Turn a what-if's weekly targets into time-boxed weekly cadences (module docstring)."""
    result = report.result
    targets = {ch: n for ch, n in result.weekly_activities.items() if n > 0}
    if not targets:
        raise InvalidInput("the what-if asks for no extra activity: nothing to raise")
    starts_on = first_monday_from(today)
    until = starts_on + timedelta(weeks=result.weeks)
    rule = weekly_rule(until)
    reason = report.client_name or f"a gap of {format_money(result.gap_cents, report.currency)}"
    created: list[Cadence] = []
    already: list[Cadence] = []
    with store.session() as session:
        for channel, count in targets.items():
            text = (
                f"Raised plan ({reason}): {count} {label(channel)} a week for {result.weeks} weeks"
            )[:200]
            existing = writes.active_cadence(
                session, channel=channel, label=text, starts_on=starts_on
            )
            if existing is not None:
                already.append(existing)
                continue
            checked_rule, checked_label = checked(
                check_cadence, channel, count, rule, starts_on, text
            )
            created.append(
                writes.add_cadence(
                    session,
                    channel=channel,
                    count=count,
                    rrule=checked_rule,
                    starts_on=starts_on,
                    label=checked_label,
                )
            )
    return RaiseResult(tuple(created), tuple(already), starts_on, until - timedelta(days=1))


def raise_plan(
    store: Store,
    today: date,
    *,
    client_name: str | None = None,
    gap_cents: int | None = None,
    weeks: int = 12,
) -> RaiseResult:
    """The what-if of losing ``client_name`` (or a monthly gap), turned into cadences."""
    report = compute_whatif(store, today, client_name=client_name, gap_cents=gap_cents, weeks=weeks)
    return raise_plan_from(store, today, report)
