"""Offboardings: the list with each one's progress and next item, one offboarding with its
checklist, transition plan, documents and training deal, and the missions a client could end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline_tui.domain.playbook import Progress
from pipeline_tui.store.queries.sql import and_where
from pipeline_tui.store.reader import Reader, day, first_value


@dataclass(frozen=True, slots=True)
class OffboardingSummary:
    """One offboarding, as listed on the dashboard and the client: progress and what is next."""

    id: int
    client_id: int
    client_name: str
    mission_id: int
    mission_title: str
    opened_on: date
    end_on: date
    reason: str
    notice_days: int
    relationship_good: bool
    closed_on: date | None
    progress: Progress
    next_title: str | None
    next_due_on: date | None

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def _progress(q: Reader, ids: Sequence[int]) -> dict[int, Progress]:
    return {
        offboarding_id: Progress(int(done), int(total))
        for offboarding_id, total, done in q.rows(
            "SELECT offboarding_id, count(*), count(done_on) FROM offboarding_item"
            " WHERE offboarding_id IN :ids GROUP BY offboarding_id",
            {"ids": list(ids)},
        )
    }


def _next_items(q: Reader, ids: Sequence[int]) -> dict[int, tuple[str, date]]:
    """Each offboarding's next item to do: the open one due first (checklist order on a tie)."""
    upcoming: dict[int, tuple[str, date]] = {}
    for offboarding_id, title, due_on in q.rows(
        "SELECT offboarding_id, title, due_on FROM offboarding_item"
        " WHERE offboarding_id IN :ids AND done_on IS NULL"
        " ORDER BY offboarding_id, due_on, position",
        {"ids": list(ids)},
    ):
        upcoming.setdefault(offboarding_id, (title, q.day(due_on)))
    return upcoming


def summaries(
    q: Reader,
    *,
    client_id: int | None = None,
    open_only: bool = False,
    offboarding_id: int | None = None,
) -> list[OffboardingSummary]:
    """Offboardings with their progress and next item, most recent end first."""
    sql = (
        "SELECT o.id, o.client_id, c.name, o.mission_id, m.title, o.opened_on, o.end_on,"
        " o.reason, o.notice_days, o.relationship_good, o.closed_on"
        " FROM offboarding o"
        " JOIN client c ON c.id = o.client_id"
        " JOIN mission m ON m.id = o.mission_id"
        " WHERE 1 = 1"
    )
    sql, params = and_where(
        sql, {"o.client_id = :client_id": client_id, "o.id = :offboarding_id": offboarding_id}
    )
    if open_only:
        sql += " AND o.closed_on IS NULL"
    rows = q.rows(sql + " ORDER BY o.end_on DESC, o.id DESC", params)
    if not rows:
        return []
    ids = [row[0] for row in rows]
    progress, upcoming = _progress(q, ids), _next_items(q, ids)
    out = []
    for oid, cid, client, mid, mission, opened, end, reason, notice, good, closed in rows:
        next_title, next_due = upcoming.get(oid, (None, None))
        out.append(
            OffboardingSummary(
                id=oid,
                client_id=cid,
                client_name=client,
                mission_id=mid,
                mission_title=mission,
                opened_on=q.day(opened),
                end_on=q.day(end),
                reason=reason,
                notice_days=int(notice),
                relationship_good=bool(good),
                closed_on=day(closed),
                progress=progress.get(oid, Progress(0, 0)),
                next_title=next_title,
                next_due_on=next_due,
            )
        )
    return out


def latest_offboarding_id(q: Reader, client_id: int) -> int | None:
    """The client's most recent offboarding (latest end first)."""
    return first_value(
        q,
        "SELECT id FROM offboarding WHERE client_id = :client_id"
        " ORDER BY end_on DESC, id DESC LIMIT 1",
        {"client_id": client_id},
    )


# --- one offboarding -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OffboardingRow:
    """The offboarding as stored."""

    id: int
    mission_id: int
    client_id: int
    opened_on: date
    end_on: date
    reason: str
    note: str | None
    closed_on: date | None
    notice_days: int
    relationship_good: bool
    training_deal_id: int | None


def offboarding(q: Reader, offboarding_id: int) -> OffboardingRow | None:
    rows = q.rows(
        "SELECT id, mission_id, client_id, opened_on, end_on, reason, note, closed_on,"
        " notice_days, relationship_good, training_deal_id FROM offboarding WHERE id = :id",
        {"id": offboarding_id},
    )
    if not rows:
        return None
    oid, mid, cid, opened, end, reason, note, closed, notice, good, deal_id = rows[0]
    return OffboardingRow(
        oid,
        mid,
        cid,
        q.day(opened),
        q.day(end),
        reason,
        note,
        day(closed),
        int(notice),
        bool(good),
        deal_id,
    )


@dataclass(frozen=True, slots=True)
class OffboardedMission:
    """The mission an offboarding ends."""

    id: int
    client_id: int
    title: str
    start_on: date
    actual_end_on: date | None


def offboarded_mission(q: Reader, mission_id: int) -> OffboardedMission | None:
    rows = q.rows(
        "SELECT id, client_id, title, start_on, actual_end_on FROM mission WHERE id = :id",
        {"id": mission_id},
    )
    if not rows:
        return None
    mid, cid, title, start, actual = rows[0]
    return OffboardedMission(mid, cid, title, q.day(start), day(actual))


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One dated item of a checklist."""

    id: int
    offboarding_id: int
    position: int
    key: str
    title: str
    due_on: date
    done_on: date | None
    notes: str | None


_ITEM_COLUMNS = "id, offboarding_id, position, key, title, due_on, done_on, notes"


def _item(q: Reader, row: tuple[Any, ...]) -> ItemRow:
    iid, oid, position, key, title, due, done, notes = row
    return ItemRow(iid, oid, position, key, title, q.day(due), day(done), notes)


def items(q: Reader, offboarding_id: int) -> list[ItemRow]:
    """The checklist, in its order."""
    return [
        _item(q, row)
        for row in q.rows(
            f"SELECT {_ITEM_COLUMNS} FROM offboarding_item"
            " WHERE offboarding_id = :id ORDER BY position, id",
            {"id": offboarding_id},
        )
    ]


def item_by_key(q: Reader, offboarding_id: int, key: str) -> ItemRow | None:
    rows = q.rows(
        f"SELECT {_ITEM_COLUMNS} FROM offboarding_item"
        " WHERE offboarding_id = :id AND key = :key ORDER BY position LIMIT 1",
        {"id": offboarding_id, "key": key},
    )
    return _item(q, rows[0]) if rows else None


@dataclass(frozen=True, slots=True)
class StepRow:
    """A step of the transition plan."""

    id: int
    offboarding_id: int
    position: int
    task: str
    owner: str | None
    due_on: date | None
    done_on: date | None


_STEP_COLUMNS = "id, offboarding_id, position, task, owner, due_on, done_on"


def _step(row: tuple[Any, ...]) -> StepRow:
    sid, oid, position, task, owner, due, done = row
    return StepRow(sid, oid, position, task, owner, day(due), day(done))


def steps(q: Reader, offboarding_id: int) -> list[StepRow]:
    """The transition plan, in its order."""
    return [
        _step(row)
        for row in q.rows(
            f"SELECT {_STEP_COLUMNS} FROM transition_step"
            " WHERE offboarding_id = :id ORDER BY position, id",
            {"id": offboarding_id},
        )
    ]


def step(q: Reader, step_id: int) -> StepRow | None:
    """The transition step ``step_id``; None when there is none."""
    rows = q.rows(f"SELECT {_STEP_COLUMNS} FROM transition_step WHERE id = :id", {"id": step_id})
    return _step(rows[0]) if rows else None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document to hand over."""

    id: int
    offboarding_id: int
    position: int
    name: str
    handed_over_on: date | None


def documents(q: Reader, offboarding_id: int) -> list[DocumentRow]:
    """The documents to hand over, in their order."""
    return [
        DocumentRow(did, oid, position, name, day(handed))
        for did, oid, position, name, handed in q.rows(
            "SELECT id, offboarding_id, position, name, handed_over_on"
            " FROM handover_document WHERE offboarding_id = :id ORDER BY position, id",
            {"id": offboarding_id},
        )
    ]


@dataclass(frozen=True, slots=True)
class TrainingDeal:
    """The paid-training deal an offboarding proposed."""

    id: int
    client_id: int
    title: str
    stage: str
    monthly_value_cents: int


def training_deal(q: Reader, deal_id: int) -> TrainingDeal | None:
    rows = q.rows(
        "SELECT id, client_id, title, stage, monthly_value_cents FROM deal WHERE id = :id",
        {"id": deal_id},
    )
    return TrainingDeal(*rows[0]) if rows else None


# --- the mission to end --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissionChoice:
    """One of a client's missions, as the choice of the one to end early sees it."""

    id: int
    title: str
    start_on: date
    actual_end_on: date | None
    status: str = "active"


def client_missions(q: Reader, client_id: int) -> list[MissionChoice]:
    """The client's missions, by start then id."""
    return [
        MissionChoice(mid, title, q.day(start), day(actual), status)
        for mid, title, start, actual, status in q.rows(
            "SELECT id, title, start_on, actual_end_on, status FROM mission"
            " WHERE client_id = :client_id ORDER BY start_on, id",
            {"client_id": client_id},
        )
    ]
