"""What goes with a record when it is deleted: the counts a confirmation states."""

from __future__ import annotations

from pipeline_tui.store.reader import Reader


def _count(q: Reader, sql: str, row_id: int) -> int:
    return int(q.rows(sql, {"id": row_id})[0][0])


def client_dependents(q: Reader, client_id: int) -> dict[str, int]:
    """How many contacts, missions, deals, activities, signals and surveys the client has."""
    tables = ("contact", "mission", "deal", "activity", "signal", "survey")
    return {
        table: _count(q, f"SELECT count(*) FROM {table} WHERE client_id = :id", client_id)
        for table in tables
    }


def contact_linked(q: Reader, contact_id: int) -> dict[str, int]:
    """The deals, activities and surveys linked to the contact: they stay when it goes, with no
    contact (``ON DELETE SET NULL``)."""
    return {
        table: _count(q, f"SELECT count(*) FROM {table} WHERE contact_id = :id", contact_id)
        for table in ("deal", "activity", "survey")
    }


def mission_dependents(q: Reader, mission_id: int) -> dict[str, int]:
    """The mission's offboarding checklist and case study (a renewal deal keeps, unlinked)."""
    return {
        "offboarding": _count(
            q, "SELECT count(*) FROM offboarding WHERE mission_id = :id", mission_id
        ),
        "case_study": _count(
            q, "SELECT count(*) FROM case_study WHERE mission_id = :id", mission_id
        ),
    }


def deal_dependents(q: Reader, deal_id: int) -> dict[str, int]:
    """The deal's stage history and sequence enrolments: they go with it."""
    return {
        table: _count(q, f"SELECT count(*) FROM {table} WHERE deal_id = :id", deal_id)
        for table in ("deal_stage_change", "sequence_enrollment")
    }


def deal_linked(q: Reader, deal_id: int) -> dict[str, int]:
    """The activities (and offboarding checklists, as their training deal) linked to the deal:
    they stay when it goes, unlinked."""
    return {
        "activity": _count(q, "SELECT count(*) FROM activity WHERE deal_id = :id", deal_id),
        "offboarding": _count(
            q, "SELECT count(*) FROM offboarding WHERE training_deal_id = :id", deal_id
        ),
    }
