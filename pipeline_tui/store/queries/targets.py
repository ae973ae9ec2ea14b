"""Who a log line may name: every contact (with its client's name) and every client."""

from __future__ import annotations

from pipeline_tui.domain.log_target import Named, client_named, contact_named
from pipeline_tui.store.reader import Reader


def log_targets(q: Reader) -> tuple[list[Named], list[Named]]:
    """``(contacts, clients)``, each by id."""
    contacts = [
        contact_named(*row)
        for row in q.rows(
            "SELECT co.id, co.first_name, co.last_name, cl.name FROM contact co"
            " LEFT OUTER JOIN client cl ON cl.id = co.client_id ORDER BY co.id"
        )
    ]
    clients = [client_named(*row) for row in q.rows("SELECT id, name FROM client ORDER BY id")]
    return contacts, clients
