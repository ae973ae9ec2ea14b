"""The prospecting plan: storing cadences, and "raise the plan".

**Changing a cadence.** ``new_cadence`` / ``edit_cadence`` take what a user types (a channel or
the kind it counts, ``--per week|month`` or an RRULE, a start date); a new cadence without a start
counts from the current period (``domain.cadence.default_start``). ``pause_cadence`` takes it out
of the plan (progress, streak, reviews: inactive cadences are not part of the plan) until
``resume_cadence``. **Removing** one deletes the row: the plan's progress, the streak and the weekly
reviews are not stored but computed from the cadences that exist, so once it is gone no figure
counts it any more, past weeks included (the same as pausing it, but for good; ``ctrl+z`` in the
TUI puts it back).

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
from pipeline_tui.domain.cadence import (
    WEEKLY_PLAN_RULE,
    cadence_channel,
    check_cadence,
    default_start,
    per_rule,
)
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import N_, _
from pipeline_tui.services.common import checked, found
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
        raise TypeError(f"unknown cadence fields: {sorted(unknown)}")  # not shown: a bug
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


def cadence_rule(per: str | None, rrule: str | None) -> str | None:
    """The rule ``--per week|month`` or ``--rrule`` gives (None: neither); both is an error."""
    if per is not None and rrule is not None:
        raise InvalidInput(_("give a period (per week or month) or an RRULE, not both"))
    if per is not None:
        return checked(per_rule, per)
    return rrule


def new_cadence(
    store: Store,
    channel: str,
    count: int,
    *,
    today: date,
    per: str | None = None,
    rrule: str | None = None,
    starts_on: date | None = None,
    label: str | None = None,
) -> Cadence:
    """A cadence from what the user typed: a channel (or the kind it counts: ``email``,
    ``call``), a count, ``per`` week or month or an ``rrule``, and a start (default: the
    current period's first day)."""
    rule = cadence_rule(per, rrule)
    if rule is None:
        raise InvalidInput(_("say how often: per week, per month, or an RRULE"))
    channel = checked(cadence_channel, channel)
    start = starts_on or checked(default_start, rule, today)
    return add_cadence(store, channel, count, rule, starts_on=start, label=label)


def edit_cadence(
    store: Store,
    cadence_id: int,
    *,
    channel: str | None = None,
    count: int | None = None,
    per: str | None = None,
    rrule: str | None = None,
    starts_on: date | None = None,
    label: str | None = None,
    today: date | None = None,
) -> Cadence:
    """Change what is given (the rest stays); checked as a new cadence is. A new ``per`` without
    a start (and ``today`` given) moves the start back to the current period's first day when
    it is later, so that the cadence still counts this period (weekly from Monday 23 Nov made
    monthly counts from 1 Nov)."""
    changes: dict[str, object] = {}
    if channel is not None:
        changes["channel"] = checked(cadence_channel, channel)
    if count is not None:
        changes["count"] = count
    rule = cadence_rule(per, rrule)
    if rule is not None:
        changes["rrule"] = rule
    if starts_on is not None:
        changes["starts_on"] = starts_on
    elif per is not None and today is not None:
        current = get_cadence(store, cadence_id).starts_on
        changes["starts_on"] = min(current, checked(default_start, rule, today))
    if label is not None:
        changes["label"] = label
    if not changes:
        raise InvalidInput(_("nothing to change: give a count, a period, an RRULE or a start"))
    return update_cadence(store, cadence_id, **changes)


def _set_active(store: Store, cadence_id: int, active: bool) -> Cadence:
    with store.session() as session:
        row = writes.cadence_or_fail(session, cadence_id)
        if row.active == active:
            already = (
                _("cadence #{id} is already running")
                if active
                else _("cadence #{id} is already paused")
            )
            raise InvalidInput(already.format(id=cadence_id))
        return apply_changes(session, row, {"active": active})


def pause_cadence(store: Store, cadence_id: int) -> Cadence:
    """Take the cadence out of the plan (progress, streak, reviews) until it is resumed."""
    return _set_active(store, cadence_id, False)


def resume_cadence(store: Store, cadence_id: int) -> Cadence:
    """Put a paused cadence back in the plan."""
    return _set_active(store, cadence_id, True)


def get_cadence(source: ReadSource, cadence_id: int) -> CadenceRow:
    with source.read() as q:
        return found(cadence_rows.cadence(q, cadence_id), "cadence", cadence_id)


def remove_cadence(store: Store, cadence_id: int) -> CadenceRow:
    """Delete the cadence (module docstring: what that does to the figures); what it was."""
    with store.session() as session:
        row = writes.cadence_or_fail(session, cadence_id)
        removed = CadenceRow(
            row.id, row.channel, row.count, row.rrule, row.starts_on, row.label, active=row.active
        )
        writes.delete_cadence(session, cadence_id)
    return removed


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


# The label of a raised cadence: "5 phone a week (raised for losing Acme)".
RAISED_RATES = {
    "week": N_("{count} {channel} a week"),
    "month": N_("{count} {channel} a month"),
    "quarter": N_("{count} {channel} a quarter"),
    "year": N_("{count} {channel} a year"),
}


def raise_plan_from(store: Store, today: date, report: WhatIfReport) -> RaiseResult:
    """Bring each channel's cadence up to the what-if's target, in one transaction
    (``domain.plan_raise``: the rules)."""
    targets = {ch: t for ch, t in report.targets.items() if t.per_period > 0}
    if not targets:
        raise InvalidInput(_("the what-if asks for no extra activity: nothing to raise"))
    gap = format_money(report.result.gap_cents, report.currency)
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
                checked_rule, _label = checked(
                    check_cadence, row.channel, row.count, rule, row.starts_on, row.label
                )
                apply_changes(session, row, {"rrule": checked_rule})
                ended.append(cadence_id)
            for cadence_id in change.retires:
                row = writes.cadence_or_fail(session, cadence_id)
                apply_changes(session, row, {"active": False})
                ended.append(cadence_id)
            rate = _(RAISED_RATES[change.period]).format(
                count=change.count, channel=label(change.channel)
            )
            text = (
                _("{rate} (raised for losing {client})").format(
                    rate=rate, client=report.client_name
                )
                if report.client_name
                else _("{rate} (raised: a gap of {amount})").format(rate=rate, amount=gap)
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
