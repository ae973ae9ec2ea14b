"""Who a name may designate: every contact (with its client's name), client, mission and deal,
as ``domain.log_target.Named`` (the log line's target, ``services.resolve``)."""

from __future__ import annotations

from pipeline_tui.domain.log_target import Named, client_named, contact_named
from pipeline_tui.store.reader import Reader


def contact_targets(q: Reader) -> list[Named]:
    """Every contact, by id."""
    return [
        contact_named(*row)
        for row in q.rows(
            "SELECT co.id, co.first_name, co.last_name, cl.name FROM contact co"
            " LEFT OUTER JOIN client cl ON cl.id = co.client_id ORDER BY co.id"
        )
    ]


def client_targets(q: Reader) -> list[Named]:
    """Every client (archived ones too), by id."""
    return [client_named(*row) for row in q.rows("SELECT id, name FROM client ORDER BY id")]


def log_targets(q: Reader) -> tuple[list[Named], list[Named]]:
    """``(contacts, clients)``, each by id."""
    return contact_targets(q), client_targets(q)


def _titled_targets(q: Reader, table: str) -> list[Named]:
    """Every row of ``table`` (a mission, a deal), named by its title, its client shown beside
    it; by id."""
    return [
        Named(table, id, title, (), client)
        for id, title, client in q.rows(
            f"SELECT t.id, t.title, cl.name FROM {table} t"
            " JOIN client cl ON cl.id = t.client_id ORDER BY t.id"
        )
    ]


def mission_targets(q: Reader) -> list[Named]:
    """Every mission, named by its title, its client shown beside it; by id."""
    return _titled_targets(q, "mission")


def deal_targets(q: Reader) -> list[Named]:
    """Every deal, named by its title, its client shown beside it; by id."""
    return _titled_targets(q, "deal")
