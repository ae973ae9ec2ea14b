"""Deals: the pipeline's facts, the stage history summed up in SQL, the board's pages.

Loaders stay fast on a database of years (10k deals, 40k stage changes): aggregate queries over
indexed columns, nothing loaded that SQL can sum up first (a deal's stage history travels as one
aggregated :class:`DealPath`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.conversion import DealPath, PathGroup, StageChange
from pipeline_tui.domain.pipeline import ONE_OFF_MONTHS, DealFacts, DealGroup
from pipeline_tui.domain.vocabulary import CLOSED_STAGES
from pipeline_tui.store.queries.sql import OPEN_IN, Keyset, and_where, in_list, literal, page
from pipeline_tui.store.reader import Reader, day

_FACTS = "d.id, d.client_id, d.stage, d.monthly_value_cents, d.probability, d.channel, d.created_on"
"""The columns every :class:`DealFacts` starts with, in its fields' order: the deal's head,
then its creation day (read with ``q.day``)."""


def _months(duration: object) -> float | None:
    """A stored ``duration_months`` (a Decimal on PostgreSQL) as the domain counts it."""
    return None if duration is None else float(duration)


def deal_facts(
    q: Reader,
    *,
    open_only: bool = False,
    with_dates: bool = True,
    client_id: int | None = None,
    idle_since: dict[str, date] | None = None,
) -> list[DealFacts]:
    """Deals (open ones, one client's) with the date of their last done activity and of their
    last stage move (``with_dates=False`` leaves both None, for callers that do not use them):
    both are the deal's summary columns (``store.writes.summaries``), not its history.

    ``idle_since`` (open stage → day, ``domain.pipeline.idle_since``) keeps the open deals last
    touched (created, moved, an activity done) before their stage's day: the rotting ones, read
    from the ``ix_deal_open_pipeline`` index."""
    where = [f"d.stage IN {OPEN_IN}"] if open_only or idle_since is not None else []
    if client_id is not None:
        where.append("d.client_id = :client_id")
    params: dict[str, object] = {"client_id": client_id}
    if idle_since is not None:
        cutoff = "CASE d.stage " + " ".join(
            f"WHEN {literal(stage)} THEN :idle_{i}" for i, stage in enumerate(idle_since)
        )
        params.update((f"idle_{i}", cut) for i, cut in enumerate(idle_since.values()))
        where += [
            f"d.created_on < {cutoff} END",
            f"(d.last_done_on IS NULL OR d.last_done_on < {cutoff} END)",
            f"(d.last_moved_on IS NULL OR d.last_moved_on < {cutoff} END)",
        ]
    dates = "d.last_done_on, d.last_moved_on" if with_dates else "NULL, NULL"
    sql = f"""
        SELECT {_FACTS}, d.closed_on, {dates}, d.title,
               d.duration_months, d.expected_close_on, d.renewal_of_mission_id
        FROM deal d {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY d.id"""
    rows, read = q.rows(sql, params), q.day
    return [
        DealFacts(
            *head,
            read(created),
            closed and read(closed),
            last_on and read(last_on),
            moved_on and read(moved_on),
            title,
            _months(duration),
            expected and read(expected),
            renews,
        )
        for *head, created, closed, last_on, moved_on, title, duration, expected, renews in rows
    ]


def open_deal_groups(q: Reader) -> list[DealGroup]:
    """The open deals counted per (stage, own probability, recurring or not, mission renewed,
    expected close): every sum of the pipeline, from the ``ix_deal_open_pipeline`` index alone,
    however many deals are open (``domain.pipeline.DealGroup``)."""
    created = "CASE WHEN expected_close_on IS NULL THEN created_on END"
    rows = q.rows(
        f"""SELECT stage, probability, {RECURRING}, renewal_of_mission_id, expected_close_on,
                   {created}, count(*), sum(monthly_value_cents)
            FROM deal WHERE stage IN {OPEN_IN}
            GROUP BY stage, probability, {RECURRING}, renewal_of_mission_id, expected_close_on,
                     {created}"""
    )
    read = q.day
    return [
        DealGroup(
            stage,
            probability,
            bool(recurring),
            renews,
            expected and read(expected),
            created and read(created),
            int(n),
            int(value or 0),
        )
        for stage, probability, recurring, renews, expected, created, n, value in rows
    ]


def stage_history(q: Reader, deal_id: int | None = None) -> list[StageChange]:
    """Every stage change (of one deal), by deal and date (the weekly review's moves; prefer
    :func:`deal_paths` when only the conversion numbers are wanted)."""
    read = q.day
    where = "" if deal_id is None else " WHERE deal_id = :deal_id"
    return [
        StageChange(deal, from_stage, to_stage, read(changed_on))
        for deal, from_stage, to_stage, changed_on in q.rows(
            "SELECT deal_id, from_stage, to_stage, changed_on FROM deal_stage_change"
            f"{where} ORDER BY deal_id, changed_on, id",
            {"deal_id": deal_id},
        )
    ]


# The deals that can be open on some day from :since on: a change after :since, or an open stage
# since before (the last change's, or the deal's own when it has no history). Every other deal
# was closed, or worth nothing, all along: it adds nothing to a trend from :since. Read from the
# deals' summaries (``store.writes.summaries``), not from their history (``queries.trend``).
MOVING = f"""
    d.monthly_value_cents > 0 AND (
        d.last_moved_on > :since
        OR d.last_to_stage IN {OPEN_IN}
        OR (d.stage IN {OPEN_IN} AND d.last_moved_on IS NULL))"""

RECURRING = (
    f"CASE WHEN duration_months IS NOT NULL AND duration_months <= {ONE_OFF_MONTHS}"
    " THEN 0 ELSE 1 END"
)
"""1 for a deal that would replace monthly revenue (``DealFacts.recurring``), else 0."""

IDS_PER_QUERY = 5000  # under every driver's limit on parameters


def deal_paths(q: Reader) -> list[DealPath]:
    """Every deal with its stage history aggregated (``domain.conversion.deal_paths`` is the
    same aggregation in Python), read from the deals' summary columns."""
    sql = """
        SELECT id, stage, channel, monthly_value_cents, created_on, closed_on,
               highest_open_stage,
               CASE WHEN stage = 'won' THEN first_moved_on END,
               CASE WHEN stage = 'won' THEN won_on END
        FROM deal ORDER BY id"""
    read = q.day
    return [
        DealPath(
            id,
            stage,
            channel,
            value,
            read(created),
            closed and read(closed),
            highest,
            first and read(first),
            won and read(won),
        )
        for id, stage, channel, value, created, closed, highest, first, won in q.rows(sql)
    ]


def deal_path_counts(q: Reader) -> list[PathGroup]:
    """The deals counted per (stage, highest open stage, channel), with their monthly values
    and their sales cycles summed: what the conversion numbers need
    (``domain.conversion.conversion_stats_from_groups``), from the ``ix_deal_conversion`` index
    alone, however many deals and stage changes the years left."""
    rows = q.rows(
        """SELECT stage, highest_open_stage, channel, count(*), sum(monthly_value_cents),
                  sum(won_cycle_days), count(won_cycle_days)
           FROM deal GROUP BY stage, highest_open_stage, channel"""
    )
    return [
        PathGroup(stage, highest, channel, int(n), int(value or 0), int(days or 0), int(cycles))
        for stage, highest, channel, n, value, days, cycles in rows
    ]


@dataclass(frozen=True, slots=True)
class DealRow:
    """A deal as lists show it: the board's cards, the review's lines, a client's deals."""

    id: int
    title: str
    client_id: int
    client_name: str
    contact_id: int | None
    stage: str
    channel: str
    monthly_value_cents: int
    probability: int | None
    created_on: date
    closed_on: date | None
    lost_reason: str | None
    last_done_on: date | None = None  # its summary (``writes.summaries``): idle since
    last_moved_on: date | None = None  # and in its stage since

    @property
    def board_key(self) -> tuple[int, int]:
        """Its position on the board: largest monthly value first (see :data:`BOARD`)."""
        return (self.monthly_value_cents, self.id)


_ROW = """
    SELECT d.id, d.title, d.client_id, cl.name, d.contact_id, d.stage, d.channel,
           d.monthly_value_cents, d.probability, d.created_on, d.closed_on, d.lost_reason,
           d.last_done_on, d.last_moved_on
    FROM deal d JOIN client cl ON cl.id = d.client_id"""


def _deal_rows(q: Reader, rows: Iterable[tuple]) -> list[DealRow]:
    read = q.day
    return [
        DealRow(
            *head,
            read(created),
            closed and read(closed),
            lost,
            done and read(done),
            moved and read(moved),
        )
        for (*head, created, closed, lost, done, moved) in rows
    ]


BOARD = Keyset((("d.monthly_value_cents", True), ("d.id", False)))
"""The board's order within a stage: largest monthly value first, then by id."""


# The board's filter; lower() folds ASCII letters on both backends (accented capitals stay).
_MATCHING = (
    r"(lower(d.title) LIKE :matching ESCAPE '\' OR lower(cl.name) LIKE :matching ESCAPE '\')"
)


def like_pattern(text: str | None) -> str | None:
    """The LIKE pattern of the board's filter: ``text`` anywhere, case ignored (None: no
    filter). LIKE's own wildcards typed by the user are matched as themselves."""
    words = (text or "").strip().lower()
    if not words:
        return None
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def board_page(
    q: Reader,
    stage: str,
    *,
    after: tuple[int, int] | None = None,
    limit: int = 100,
    matching: str | None = None,
) -> list[DealRow]:
    """Deals at ``stage`` (whose title or client name contains ``matching``), one keyset page
    after ``after`` = (monthly_value_cents, id)."""
    sql = f"{_ROW} WHERE d.stage = :stage"
    params: dict[str, object] = {"stage": stage}
    pattern = like_pattern(matching)
    if pattern is not None:
        sql += f" AND {_MATCHING}"
        params["matching"] = pattern
    return _deal_rows(q, page(q, sql, BOARD, params=params, after=after, limit=limit))


def deal_rows(q: Reader, deal_ids: Iterable[int]) -> dict[int, DealRow]:
    """These deals by id."""
    ids = sorted(set(deal_ids))
    found: dict[int, DealRow] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        rows = q.rows(f"{_ROW} WHERE d.id IN :ids", {"ids": chunk})
        found.update((row.id, row) for row in _deal_rows(q, rows))
    return found


def client_deals(q: Reader, client_id: int) -> list[DealRow]:
    """A client's deals, newest first (those of a day in the order added)."""
    rows = q.rows(
        f"{_ROW} WHERE d.client_id = :client_id ORDER BY d.created_on DESC, d.id",
        {"client_id": client_id},
    )
    return _deal_rows(q, rows)


def stage_totals(q: Reader, matching: str | None = None) -> dict[str, tuple[int, int]]:
    """(number of deals, Σ monthly value) per stage (of the deals whose title or client name
    contains ``matching``)."""
    pattern = like_pattern(matching)
    if pattern is None:
        sql = "SELECT stage, count(*), sum(monthly_value_cents) FROM deal GROUP BY stage"
    else:
        sql = f"""SELECT d.stage, count(*), sum(d.monthly_value_cents)
                  FROM deal d JOIN client cl ON cl.id = d.client_id
                  WHERE {_MATCHING}
                  GROUP BY d.stage"""
    return {
        stage: (int(n), int(total or 0)) for stage, n, total in q.rows(sql, {"matching": pattern})
    }


@dataclass(frozen=True, slots=True)
class DealRecord:
    """A deal with every field it was recorded with: its detail, and the deals listed whole."""

    id: int
    client_id: int
    contact_id: int | None
    title: str
    monthly_value_cents: int
    duration_months: float | None
    stage: str
    probability: int | None
    channel: str
    expected_close_on: date | None
    lost_reason: str | None
    created_on: date
    closed_on: date | None
    notes: str | None


_RECORD = """
    SELECT d.id, d.client_id, d.contact_id, d.title, d.monthly_value_cents, d.duration_months,
           d.stage, d.probability, d.channel, d.expected_close_on, d.lost_reason, d.created_on,
           d.closed_on, d.notes, cl.name
    FROM deal d JOIN client cl ON cl.id = d.client_id"""


def _records(q: Reader, sql: str, params: dict[str, object]) -> list[tuple[DealRecord, str]]:
    return [
        (
            DealRecord(
                id,
                client_id,
                contact_id,
                title,
                value,
                _months(duration),
                stage,
                probability,
                channel,
                day(expected),
                lost,
                day(created),
                day(closed),
                notes,
            ),
            client_name,
        )
        for (
            id,
            client_id,
            contact_id,
            title,
            value,
            duration,
            stage,
            probability,
            channel,
            expected,
            lost,
            created,
            closed,
            notes,
            client_name,
        ) in q.rows(sql, params)
    ]


def deal_record(q: Reader, deal_id: int) -> DealRecord | None:
    """The deal ``deal_id``, or None."""
    found = _records(q, f"{_RECORD} WHERE d.id = :id", {"id": deal_id})
    return found[0][0] if found else None


def deal_records(
    q: Reader,
    *,
    stage: str | None = None,
    client_id: int | None = None,
    open_only: bool = False,
    limit: int | None = None,
) -> list[tuple[DealRecord, str]]:
    """Deals (at a stage, of a client, open only) with their client's name: newest first, those
    of a day by id; at most ``limit``."""
    sql, params = and_where(
        f"{_RECORD} WHERE 1 = 1", {"d.stage = :stage": stage, "d.client_id = :client_id": client_id}
    )
    if open_only:
        sql += f" AND d.stage NOT IN {in_list(CLOSED_STAGES)}"
    sql += " ORDER BY d.created_on DESC, d.id"
    if limit is not None:
        sql += " LIMIT :limit"
    return _records(q, sql, {**params, "limit": limit})


def board_facts(q: Reader, matching: str | None = None) -> list[DealFacts]:
    """The open deals (whose title or client name contains ``matching``) without their dates:
    what the board's stage headers weigh."""
    sql = f"""SELECT {_FACTS}
              FROM deal d JOIN client cl ON cl.id = d.client_id
              WHERE d.stage IN {OPEN_IN}"""
    pattern = like_pattern(matching)
    if pattern is not None:
        sql += f" AND {_MATCHING}"
    read = q.day
    return [
        DealFacts(*head, read(created))
        for *head, created in q.rows(sql + " ORDER BY d.id", {"matching": pattern})
    ]
