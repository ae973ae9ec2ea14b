"""Reading the database into the domain's facts (plain dataclasses the numbers are computed on).

Each loader is one or two aggregate queries over indexed columns, so the numbers stay fast on a
database of years (10k deals, 40k stage changes, 100k activities): no per-row queries, nothing
loaded twice, nothing loaded that SQL can sum up first (a deal's stage history travels as one
aggregated :class:`DealPath`). The loaders take a :class:`~pipeline_tui.store.reader.Reader`:
plain SQL that SQLite and PostgreSQL both run, through ``sqlite3`` alone on the fast path, so
that showing the numbers never imports SQLAlchemy. Dates come back as ISO text on SQLite and are
parsed with ``date.fromisoformat`` (``reader.day``), as dates on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from pipeline_tui.domain.conversion import DealPath, StageChange
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.revenue import MissionFacts
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, SurveyFact
from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.store.reader import Reader, day


def _literal(word: str) -> str:
    """A vocabulary word as an SQL literal (the vocabulary is ours: plain lowercase words)."""
    if not word.replace("_", "").isalnum():
        raise ValueError(f"not a vocabulary word: {word!r}")
    return f"'{word}'"


_OPEN_IN = "(" + ", ".join(_literal(s) for s in OPEN_STAGES) + ")"


def _open_index(column: str) -> str:
    """The stage's position in OPEN_STAGES (0 = lead); NULL for won, lost and NULL."""
    whens = " ".join(f"WHEN {_literal(s)} THEN {i}" for i, s in enumerate(OPEN_STAGES))
    return f"CASE {column} {whens} END"


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def mission_facts(q: Reader, client_id: int | None = None) -> list[MissionFacts]:
    sql = (
        "SELECT client_id, start_on, planned_end_on, actual_end_on,"
        " day_rate_cents, days_per_month, fixed_monthly_cents FROM mission"
    )
    if client_id is not None:
        sql += " WHERE client_id = :client_id"
    return [
        MissionFacts(cid, day(start), day(planned), day(actual), rate, _float(days), fixed)
        for cid, start, planned, actual, rate, days, fixed in q.rows(sql, {"client_id": client_id})
    ]


# Both dates are correlated max() subqueries that SQLite and PostgreSQL answer with one index
# seek per deal ((deal_id, done_on) and (deal_id, changed_on)), so the open deals alone cost
# only what they are, however long the history.
_DEAL_DATES = """
    (SELECT max(a.done_on) FROM activity a WHERE a.deal_id = d.id AND a.done_on IS NOT NULL),
    (SELECT max(c.changed_on) FROM deal_stage_change c WHERE c.deal_id = d.id)"""


def deal_facts(q: Reader, *, open_only: bool = False, with_dates: bool = True) -> list[DealFacts]:
    """Deals with the date of their last done activity and of their last stage move
    (``with_dates=False`` leaves both None, for callers that do not use them)."""
    sql = f"""
        SELECT d.id, d.client_id, d.stage, d.monthly_value_cents, d.probability, d.channel,
               d.created_on, d.closed_on, {_DEAL_DATES if with_dates else "NULL, NULL"}, d.title
        FROM deal d {f"WHERE d.stage IN {_OPEN_IN}" if open_only else ""}
        ORDER BY d.id"""
    read = q.day
    return [
        DealFacts(
            id,
            client_id,
            stage,
            value,
            probability,
            channel,
            read(created),
            closed and read(closed),
            last_on and read(last_on),
            moved_on and read(moved_on),
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
        ) in q.rows(sql)
    ]


def stage_history(q: Reader) -> list[StageChange]:
    """Every stage change, by deal and date (the weekly review's moves; prefer
    :func:`deal_paths` when only the conversion numbers are wanted)."""
    read = q.day
    return [
        StageChange(deal_id, from_stage, to_stage, read(changed_on))
        for deal_id, from_stage, to_stage, changed_on in q.rows(
            "SELECT deal_id, from_stage, to_stage, changed_on FROM deal_stage_change"
            " ORDER BY deal_id, changed_on, id"
        )
    ]


# The deals that can be open on some day from :since on: a change after :since, or an open stage
# since before (the last change's, or the deal's own when it has no history). Every other deal
# was closed, or worth nothing, all along: it adds nothing to a trend from :since.
_MOVING = f"""
    d.monthly_value_cents > 0 AND (
        EXISTS (SELECT 1 FROM deal_stage_change c
                WHERE c.deal_id = d.id AND c.changed_on > :since)
        OR (SELECT c.to_stage FROM deal_stage_change c WHERE c.deal_id = d.id
            ORDER BY c.changed_on DESC, c.id DESC LIMIT 1) IN {_OPEN_IN}
        OR (d.stage IN {_OPEN_IN}
            AND NOT EXISTS (SELECT 1 FROM deal_stage_change c WHERE c.deal_id = d.id)))"""

_IDS_PER_QUERY = 5000  # under every driver's limit on parameters


def trend_facts(q: Reader, since: date) -> tuple[list[DealFacts], list[StageChange]]:
    """The deals (without dates) and stage changes a weighted-pipeline trend from ``since`` on
    needs: ``StageTimeline`` gives the same series from them as from every deal and change.
    The moving deals are found once; their changes are then read by id."""
    read = q.day
    deals = [
        DealFacts(id, client_id, stage, value, probability, channel, read(created))
        for id, client_id, stage, value, probability, channel, created in q.rows(
            f"""SELECT d.id, d.client_id, d.stage, d.monthly_value_cents, d.probability,
                       d.channel, d.created_on
                FROM deal d WHERE {_MOVING} ORDER BY d.id""",
            {"since": since},
        )
    ]
    history: list[StageChange] = []
    for start in range(0, len(deals), _IDS_PER_QUERY):
        ids = [d.id for d in deals[start : start + _IDS_PER_QUERY]]
        history += [
            StageChange(deal_id, from_stage, to_stage, read(changed_on))
            for deal_id, from_stage, to_stage, changed_on in q.rows(
                "SELECT deal_id, from_stage, to_stage, changed_on FROM deal_stage_change"
                " WHERE deal_id IN :ids ORDER BY deal_id, changed_on, id",
                {"ids": ids},
            )
        ]
    return deals, history


_HIGHEST = (*OPEN_STAGES, None)  # by open-stage index; -1 (none named) gives None


def deal_paths(q: Reader) -> list[DealPath]:
    """Every deal with its stage history aggregated in SQL (``domain.conversion.deal_paths`` is
    the same aggregation in Python): the highest open stage named, the first change, the win.

    Two queries, cheaper together than one that does it all: the highest stage needs every
    change (one GROUP BY); the two dates only matter for won deals, so they are looked up for
    those only, through the (deal_id, changed_on) index.
    """
    highest = {
        deal_id: _HIGHEST[max(top_to, top_from)]
        for deal_id, top_to, top_from in q.rows(
            f"""SELECT deal_id, coalesce(max({_open_index("to_stage")}), -1),
                       coalesce(max({_open_index("from_stage")}), -1)
                FROM deal_stage_change GROUP BY deal_id"""
        )
    }
    sql = """
        SELECT d.id, d.stage, d.channel, d.monthly_value_cents, d.created_on, d.closed_on,
               CASE WHEN d.stage = 'won' THEN
                   (SELECT min(c.changed_on) FROM deal_stage_change c WHERE c.deal_id = d.id)
               END,
               CASE WHEN d.stage = 'won' THEN
                   (SELECT max(c.changed_on) FROM deal_stage_change c
                    WHERE c.deal_id = d.id AND c.to_stage = 'won')
               END
        FROM deal d ORDER BY d.id"""
    read = q.day
    return [
        DealPath(
            id,
            stage,
            channel,
            value,
            read(created),
            closed and read(closed),
            highest.get(id),
            first and read(first),
            won and read(won),
        )
        for id, stage, channel, value, created, closed, first, won in q.rows(sql)
    ]


def risk_facts(
    q: Reader,
    client_ids: Iterable[int],
    missions: Iterable[MissionFacts],
    today: date,
) -> dict[int, ClientRiskFacts]:
    """Signals, surveys, last contact and the coming mission end of each given client."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    params = {"ids": ids, "today": today}
    signals: dict[int, list[SignalFact]] = defaultdict(list)
    for client_id, kind, occurred_on, note in q.rows(
        "SELECT client_id, kind, occurred_on, note FROM signal"
        " WHERE client_id IN :ids AND occurred_on <= :today ORDER BY occurred_on, id",
        params,
    ):
        signals[client_id].append(SignalFact(kind, day(occurred_on), note))
    surveys: dict[int, list[SurveyFact]] = defaultdict(list)
    for client_id, scale, sent_on, answered_on, score in q.rows(
        "SELECT client_id, scale, sent_on, answered_on, score FROM survey"
        " WHERE client_id IN :ids AND kind = 'satisfaction' AND sent_on <= :today"
        " ORDER BY sent_on, id",
        params,
    ):
        answered = day(answered_on)
        if answered is not None and answered > today:
            answered, score = None, None  # not answered yet as of ``today``
        surveys[client_id].append(SurveyFact(scale, day(sent_on), answered, score))
    # One index seek per client on (client_id, done_on), where a GROUP BY reads every activity.
    last_contact = {
        client_id: day(done_on)
        for client_id, done_on in q.rows(
            """SELECT cl.id, (SELECT max(a.done_on) FROM activity a
                              WHERE a.client_id = cl.id AND a.done_on <= :today)
               FROM client cl WHERE cl.id IN :ids""",
            params,
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


def client_names(q: Reader, client_ids: Iterable[int]) -> dict[int, str]:
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    return dict(q.rows("SELECT id, name FROM client WHERE id IN :ids", {"ids": ids}))


def count_open_activities(q: Reader, until: date) -> tuple[int, int]:
    """(overdue, due today) counts of open activities as of ``until``."""
    ((overdue, due),) = q.rows(
        """SELECT count(CASE WHEN due_on < :until THEN 1 END),
                  count(CASE WHEN due_on = :until THEN 1 END)
           FROM activity WHERE done_on IS NULL AND due_on <= :until""",
        {"until": until},
    )
    return int(overdue), int(due)
