"""Deleting a row with what hangs on it, row by row through the ORM.

The database would cascade on its own (``ondelete`` on every foreign key), but rows it deletes
itself are invisible to the session: deleting each dependent here lets whatever watches the
session (the undo journal) see every row that goes. A foreign key ``ON DELETE CASCADE`` deletes
the dependents (and theirs, first); ``SET NULL`` empties the reference.
"""

from __future__ import annotations

from sqlmodel import Session, SQLModel, select

from pipeline_tui.store.models import ALL_TABLES


def _dependents(model: type[SQLModel]) -> list[tuple[type[SQLModel], str, str | None]]:
    """(dependent model, its column, on delete) for each foreign key pointing at ``model``."""
    table = model.__table__  # type: ignore[attr-defined]
    found = []
    for other in ALL_TABLES:
        for fk in other.__table__.foreign_keys:  # type: ignore[attr-defined]
            if fk.column.table is table:
                found.append((other, fk.parent.name, fk.ondelete))
    return found


def delete_cascading(session: Session, row: SQLModel) -> None:
    """Delete ``row`` and, first, every row depending on it (module docstring)."""
    for model, column, ondelete in _dependents(type(row)):
        children = session.exec(select(model).where(getattr(model, column) == row.id)).all()  # type: ignore[attr-defined]
        for child in children:
            if (ondelete or "").upper() == "SET NULL":
                setattr(child, column, None)
                session.add(child)
            else:
                delete_cascading(session, child)
    session.flush()
    session.delete(row)
    session.flush()
