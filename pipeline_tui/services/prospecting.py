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

from sqlmodel import col, select

from pipeline_tui.domain.cadence import (
    WEEKLY_PLAN_RULE,
    check_rule,
    first_monday_from,
    weekly_rule,
)
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import CHANNELS, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked
from pipeline_tui.services.numbers import WhatIfReport, compute_whatif
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Cadence
from pipeline_tui.store.writes.rows import get_or_fail

CADENCE_FIELDS = ("channel", "count", "rrule", "starts_on", "label", "active")


# --- cadences -----------------------------------------------------------------------------------


def _check_cadence(row: Cadence) -> None:
    checked(check_choice, row.channel, CHANNELS, "the channel")
    if not isinstance(row.count, int) or row.count < 1:
        raise InvalidInput("a cadence's count is a whole number of at least 1")
    row.rrule = checked(check_rule, row.rrule, row.starts_on)
    if len(row.rrule) > 300:
        raise InvalidInput("the rule is longer than 300 characters")
    row.label = checked(clean_text, row.label, "the label", max_len=200) or None


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
    row = Cadence(channel=channel, count=count, rrule=rrule, starts_on=starts_on, label=label)
    _check_cadence(row)
    with store.session() as session:
        session.add(row)
    return row


def update_cadence(store: Store, cadence_id: int, **changes: object) -> Cadence:
    unknown = set(changes) - set(CADENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cadence fields: {sorted(unknown)}")
    with store.session() as session:
        row = get_or_fail(session, Cadence, cadence_id, "cadence")
        for key, value in changes.items():
            setattr(row, key, value)
        _check_cadence(row)
        session.add(row)
    return row


def delete_cadence(store: Store, cadence_id: int) -> None:
    with store.session() as session:
        session.delete(get_or_fail(session, Cadence, cadence_id, "cadence"))


def list_cadences(store: Store, *, active_only: bool = False) -> list[Cadence]:
    query = select(Cadence).order_by(Cadence.id)
    if active_only:
        query = query.where(col(Cadence.active).is_(True))
    with store.session() as session:
        return list(session.exec(query))


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
            existing = session.exec(
                select(Cadence).where(
                    Cadence.channel == channel,
                    Cadence.label == text,
                    col(Cadence.active).is_(True),
                    Cadence.starts_on == starts_on,
                )
            ).first()
            if existing is not None:
                already.append(existing)
                continue
            row = Cadence(channel=channel, count=count, rrule=rule, starts_on=starts_on, label=text)
            _check_cadence(row)
            session.add(row)
            created.append(row)
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
