"""Clients: names, a client's record, the one a name designates, and the list with each
client's status on a day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pipeline_tui.store.queries.missions import running_condition
from pipeline_tui.store.reader import Reader, day


def client_names(q: Reader, client_ids: Iterable[int]) -> dict[int, str]:
    """The names of these clients, by id."""
    ids = sorted(set(client_ids))
    if not ids:
        return {}
    return dict(q.rows("SELECT id, name FROM client WHERE id IN :ids", {"ids": ids}))


@dataclass(frozen=True, slots=True)
class ClientStatus:
    """A client and its status on a day: active (a mission runs), former (missions, none
    running) or prospect (no mission)."""

    id: int
    name: str
    status: str
    archived_on: date | None = None


def clients_with_status(q: Reader, today: date, *, archived: bool = False) -> list[ClientStatus]:
    """Every client with its status on ``today``, by name; archived ones only when
    ``archived``."""
    where = "" if archived else " WHERE cl.archived_on IS NULL"
    rows = q.rows(
        f"""SELECT cl.id, cl.name,
                   CASE WHEN EXISTS (SELECT 1 FROM mission m
                                     WHERE m.client_id = cl.id AND {running_condition()})
                        THEN 'active'
                        WHEN EXISTS (SELECT 1 FROM mission m WHERE m.client_id = cl.id)
                        THEN 'former'
                        ELSE 'prospect' END,
                   cl.archived_on
            FROM client cl{where} ORDER BY lower(cl.name), cl.id""",
        {"today": today},
    )
    return [ClientStatus(id, name, status, day(on)) for id, name, status, on in rows]


@dataclass(frozen=True, slots=True)
class ClientRecord:
    """A client as recorded: the detail's head, the client a name designates."""

    id: int
    name: str
    industry: str | None
    website: str | None
    notes: str | None


_RECORD = "SELECT cl.id, cl.name, cl.industry, cl.website, cl.notes FROM client cl"


def client_record(q: Reader, client_id: int) -> ClientRecord | None:
    """The client ``client_id``, or None."""
    rows = q.rows(f"{_RECORD} WHERE cl.id = :id", {"id": client_id})
    return ClientRecord(*rows[0]) if rows else None


def client_named(q: Reader, lowered: str) -> ClientRecord | None:
    """The client whose ``lower(name)`` is ``lowered`` (lowered by the caller, with Python's
    ``str.lower``; SQLite's lower() folds ASCII letters only), the oldest if several."""
    rows = q.rows(f"{_RECORD} WHERE lower(cl.name) = :name ORDER BY cl.id", {"name": lowered})
    return ClientRecord(*rows[0]) if rows else None


def all_client_names(q: Reader) -> list[tuple[int, str]]:
    """Every client's (id, name), by name."""
    return [(id, name) for id, name in q.rows("SELECT id, name FROM client ORDER BY name, id")]
