"""The prospecting plan: cadences, their progress and the streak, and "raise the plan".

Progress and streak are ``domain.cadence``'s (periods from the RRULE, the streak rules); this
module loads the cadences and the done activities that count (``domain.review.DoneFact``: not
those to a contact who had opted out) and stores cadences.

**Raising the plan** turns the what-if's weekly activities per channel (``compute_whatif``) into
time-boxed cadences: one per channel with a target, weekly on ISO weeks from the first Monday on
or after today, for the what-if's horizon (``UNTIL`` ends it), labelled with what it is for. The
standing plan stays as it is: an activity counts toward every cadence of its channel, so the
larger target is the one to meet. Raising the same what-if twice does not duplicate cadences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from pipeline_tui.domain.cadence import (
    WEEKLY_PLAN_RULE,
    CadenceProgress,
    CadenceSpec,
    Period,
    Streak,
    cadence_progress,
    check_rule,
    describe_rule,
    first_monday_from,
    plan_streak,
    weekly_rule,
)
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.review import DoneFact, done_by_channel
from pipeline_tui.domain.validate import check_choice, clean_text
from pipeline_tui.domain.vocabulary import CHANNELS, label
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.common import checked, get_or_fail
from pipeline_tui.services.numbers import WhatIfReport, compute_whatif
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import Activity, Cadence, Contact

CADENCE_FIELDS = ("channel", "count", "rrule", "starts_on", "label", "active")


# --- cadences -----------------------------------------------------------------------------------


def _spec(row: Cadence) -> CadenceSpec:
    return CadenceSpec(row.id, row.channel, row.count, row.rrule, row.starts_on, row.label)


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


# --- facts --------------------------------------------------------------------------------------


def active_specs(session: Session) -> list[CadenceSpec]:
    rows = session.exec(select(Cadence).where(col(Cadence.active).is_(True)).order_by(Cadence.id))
    return [_spec(row) for row in rows]


def done_facts(
    session: Session, since: date | None = None, until: date | None = None
) -> list[DoneFact]:
    """Done activities per (channel, day, contact's opt-out), one aggregate query."""
    query = (
        select(
            Activity.channel,
            Activity.done_on,
            func.coalesce(Contact.do_not_contact, sa.false()),
            Contact.do_not_contact_on,
            func.count(),
        )
        .outerjoin(Contact, col(Contact.id) == Activity.contact_id)
        .where(col(Activity.done_on).is_not(None))
        .group_by(
            Activity.channel, Activity.done_on, Contact.do_not_contact, Contact.do_not_contact_on
        )
    )
    if since is not None:
        query = query.where(col(Activity.done_on) >= since)
    if until is not None:
        query = query.where(col(Activity.done_on) <= until)
    return [
        DoneFact(channel, done_on, bool(opted_out), opted_out_on, int(times))
        for channel, done_on, opted_out, opted_out_on, times in session.exec(query)
    ]


def plan_facts(session: Session, until: date) -> tuple[list[CadenceSpec], dict[str, list[date]]]:
    """The active cadences and the done dates per channel that count toward them."""
    specs = active_specs(session)
    if not specs:
        return specs, {}
    since = min(s.starts_on for s in specs)
    return specs, done_by_channel(done_facts(session, since, until))


# --- progress and streak ------------------------------------------------------------------------


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

    @property
    def met(self) -> bool:
        return self.period is not None and self.done >= self.target

    @property
    def ratio(self) -> float:
        return min(self.done / self.target, 1.0) if self.target else 1.0


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
    )


def plan_lines(
    specs: list[CadenceSpec], done: dict[str, list[date]], day: date
) -> tuple[PlanLine, ...]:
    return tuple(_line(cadence_progress(s, day, done.get(s.channel, []))) for s in specs)


def plan_status(store: Store, today: date) -> PlanStatus:
    """Every active cadence in its period containing ``today``, and the streak."""
    with store.session() as session:
        specs, done = plan_facts(session, today)
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
