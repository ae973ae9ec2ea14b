"""Reading the database into the domain's facts (plain dataclasses the numbers are computed on).

Each loader is one or two aggregate queries over indexed columns, so the numbers stay fast on a
database of years (10k deals, 40k stage changes, 100k activities): no per-row queries, nothing
loaded twice, nothing loaded that SQL can sum up first (a deal's stage history travels as one
aggregated :class:`DealPath`). Rows are read through Core (no ORM objects), and dates are
selected as text and parsed with ``date.fromisoformat``, several times faster on SQLite than
SQLAlchemy's own date parsing. The SQL is portable: the same loaders run on PostgreSQL, whose
driver hands dates back as dates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from pipeline_tui.domain.conversion import DealPath, StageChange
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.revenue import MissionFacts
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, SurveyFact
from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.store.models import (
    Activity,
    Client,
    Deal,
    DealStageChange,
    Mission,
    Signal,
    Survey,
)


def _rows(session: Session, query: sa.Executable) -> Sequence[sa.Row[Any]]:
    """Plain rows (tuples) in the session's transaction: no ORM objects are built, and the rows
    are fetched at once (iterating a result fetches them one by one)."""
    return session.connection().execute(query).all()


def _text(column: Any) -> Any:
    """Select a date column as it is stored, to be parsed by :func:`_day` (no CAST in the SQL)."""
    return sa.type_coerce(column, sa.String)


def _day(value: Any) -> date | None:
    """A date read with :func:`_text`: ISO text on SQLite, already a date on PostgreSQL."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _as_is(value: Any) -> Any:
    return value


def _day_reader(session: Session) -> Callable[[Any], Any]:
    """:func:`_day` for a non-null value, without a Python call on SQLite: for the loaders of
    thousands of rows (write ``value and read(value)`` for a nullable one)."""
    return date.fromisoformat if session.get_bind().dialect.name == "sqlite" else _as_is


def mission_facts(session: Session, client_id: int | None = None) -> list[MissionFacts]:
    query = sa.select(
        Mission.client_id,
        _text(Mission.start_on),
        _text(Mission.planned_end_on),
        _text(Mission.actual_end_on),
        Mission.day_rate_cents,
        Mission.days_per_month,
        Mission.fixed_monthly_cents,
    )
    if client_id is not None:
        query = query.where(Mission.client_id == client_id)
    return [
        MissionFacts(cid, _day(start), _day(planned), _day(actual), rate, days, fixed)
        for cid, start, planned, actual, rate, days, fixed in _rows(session, query)
    ]


def deal_facts(
    session: Session, *, open_only: bool = False, with_dates: bool = True
) -> list[DealFacts]:
    """Deals with the date of their last done activity and of their last stage move
    (``with_dates=False`` leaves both None, for callers that do not use them).

    Both dates are correlated ``max()`` subqueries that SQLite and PostgreSQL answer with one
    index seek per deal ((deal_id, done_on) and (deal_id, changed_on)), so the open deals alone
    cost only what they are, however long the history.
    """
    last_activity = (
        sa.select(sa.func.max(Activity.done_on))
        .where(Activity.deal_id == Deal.id, Activity.done_on.is_not(None))
        .scalar_subquery()
    )
    last_move = (
        sa.select(sa.func.max(DealStageChange.changed_on))
        .where(DealStageChange.deal_id == Deal.id)
        .scalar_subquery()
    )
    query = sa.select(
        Deal.id,
        Deal.client_id,
        Deal.stage,
        Deal.monthly_value_cents,
        Deal.probability,
        Deal.channel,
        _text(Deal.created_on),
        _text(Deal.closed_on),
        _text(last_activity) if with_dates else sa.null(),
        _text(last_move) if with_dates else sa.null(),
        Deal.title,
    ).order_by(Deal.id)
    if open_only:
        query = query.where(Deal.stage.in_(OPEN_STAGES))
    day = _day_reader(session)
    return [
        DealFacts(
            id,
            client_id,
            stage,
            value,
            probability,
            channel,
            day(created),
            closed and day(closed),
            last_on and day(last_on),
            moved_on and day(moved_on),
            title,
        )
        for (
            id,
            client_id,
            stage,
            value,
            probability,
            channel,
            created,
            closed,
            last_on,
            moved_on,
            title,
        ) in _rows(session, query)
    ]


def stage_history(session: Session) -> list[StageChange]:
    """Every stage change, by deal and date (the weekly review's moves; prefer
    :func:`deal_paths` when only the conversion numbers are wanted)."""
    query = sa.select(
        DealStageChange.deal_id,
        DealStageChange.from_stage,
        DealStageChange.to_stage,
        _text(DealStageChange.changed_on),
    ).order_by(DealStageChange.deal_id, DealStageChange.changed_on, DealStageChange.id)
    day = _day_reader(session)
    return [
        StageChange(deal_id, from_stage, to_stage, day(changed_on))
        for deal_id, from_stage, to_stage, changed_on in _rows(session, query)
    ]


def _open_index(column: Any) -> sa.Case[Any]:
    """The stage's position in OPEN_STAGES (0 = lead), NULL for won, lost and NULL."""
    return sa.case({stage: i for i, stage in enumerate(OPEN_STAGES)}, value=column)


_HIGHEST = (*OPEN_STAGES, None)  # by open-stage index; -1 (none named) gives None


def deal_paths(session: Session) -> list[DealPath]:
    """Every deal with its stage history aggregated in SQL (``domain.conversion.deal_paths`` is
    the same aggregation in Python): the highest open stage named, the first change, the win.

    Two queries, cheaper together than one that does it all: the highest stage needs every
    change (one GROUP BY); the two dates only matter for won deals, so they are looked up for
    those only, through the (deal_id, changed_on) index.
    """
    change = DealStageChange
    highest = {
        deal_id: _HIGHEST[max(top_to, top_from)]
        for deal_id, top_to, top_from in _rows(
            session,
            sa.select(
                change.deal_id,
                sa.func.coalesce(sa.func.max(_open_index(change.to_stage)), -1),
                sa.func.coalesce(sa.func.max(_open_index(change.from_stage)), -1),
            ).group_by(change.deal_id),
        )
    }
    is_won = Deal.stage == "won"
    first_on = sa.select(sa.func.min(change.changed_on)).where(change.deal_id == Deal.id)
    won_on = sa.select(sa.func.max(change.changed_on)).where(
        change.deal_id == Deal.id, change.to_stage == "won"
    )
    query = sa.select(
        Deal.id,
        Deal.stage,
        Deal.channel,
        Deal.monthly_value_cents,
        _text(Deal.created_on),
        _text(Deal.closed_on),
        _text(sa.case((is_won, first_on.scalar_subquery()))),
        _text(sa.case((is_won, won_on.scalar_subquery()))),
    ).order_by(Deal.id)
    day = _day_reader(session)
    return [
        DealPath(
            id,
            stage,
            channel,
            value,
            day(created),
            closed and day(closed),
            highest.get(id),
            first and day(first),
            won and day(won),
        )
        for id, stage, channel, value, created, closed, first, won in _rows(session, query)
    ]


def risk_facts(
    session: Session,
    client_ids: Iterable[int],
    missions: Iterable[MissionFacts],
    today: date,
) -> dict[int, ClientRiskFacts]:
    """Signals, surveys, last contact and the coming mission end of each given client."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    signals: dict[int, list[SignalFact]] = defaultdict(list)
    for client_id, kind, occurred_on, note in _rows(
        session,
        sa.select(Signal.client_id, Signal.kind, _text(Signal.occurred_on), Signal.note)
        .where(Signal.client_id.in_(ids), Signal.occurred_on <= today)
        .order_by(Signal.occurred_on, Signal.id),
    ):
        signals[client_id].append(SignalFact(kind, _day(occurred_on), note))
    surveys: dict[int, list[SurveyFact]] = defaultdict(list)
    for client_id, scale, sent_on, answered_on, score in _rows(
        session,
        sa.select(
            Survey.client_id,
            Survey.scale,
            _text(Survey.sent_on),
            _text(Survey.answered_on),
            Survey.score,
        )
        .where(Survey.client_id.in_(ids), Survey.kind == "satisfaction")
        .where(Survey.sent_on <= today)
        .order_by(Survey.sent_on, Survey.id),
    ):
        answered = _day(answered_on)
        if answered is not None and answered > today:
            answered, score = None, None  # not answered yet as of ``today``
        surveys[client_id].append(SurveyFact(scale, _day(sent_on), answered, score))
    # One index seek per client on (client_id, done_on), where a GROUP BY reads every activity.
    last_done = (
        sa.select(sa.func.max(Activity.done_on))
        .where(Activity.client_id == Client.id, Activity.done_on <= today)
        .scalar_subquery()
    )
    last_contact = {
        client_id: _day(done_on)
        for client_id, done_on in _rows(
            session, sa.select(Client.id, _text(last_done)).where(Client.id.in_(ids))
        )
    }
    wanted = set(ids)
    ends: dict[int, list[date | None]] = defaultdict(list)
    for m in missions:
        if m.client_id in wanted:
            running = m.start_on <= today and (m.actual_end_on is None or m.actual_end_on >= today)
            if running:
                ends[m.client_id].append(m.actual_end_on or m.planned_end_on)
    return {
        client_id: ClientRiskFacts(
            client_id=client_id,
            signals=tuple(signals[client_id]),
            surveys=tuple(surveys[client_id]),
            last_contact_on=last_contact.get(client_id),
            mission_end_on=_latest_end(ends[client_id]),
        )
        for client_id in ids
    }


def _latest_end(ends: list[date | None]) -> date | None:
    """The date the client's revenue stops: None while any running mission is open-ended."""
    if not ends or any(end is None for end in ends):
        return None
    return max(e for e in ends if e is not None)


def client_names(session: Session, client_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    return dict(_rows(session, sa.select(Client.id, Client.name).where(Client.id.in_(ids))))


def count_open_activities(session: Session, until: date) -> tuple[int, int]:
    """(overdue, due today) counts of open activities as of ``until``."""
    open_due = sa.select(sa.func.count()).select_from(Activity).where(Activity.done_on.is_(None))
    ((overdue,),) = _rows(session, open_due.where(Activity.due_on < until))
    ((due,),) = _rows(session, open_due.where(Activity.due_on == until))
    return int(overdue), int(due)
