"""Undo (``store.journal``): each write is one step, put back row for row, on both backends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from pipeline_tui.errors import NotFound, PipelineError
from pipeline_tui.services import clients, deals
from pipeline_tui.store.database import Store
from pipeline_tui.store.journal import Journal
from pipeline_tui.store.models import Activity, Client, Deal
from tests.conftest import TODAY


def everything(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, every column, in primary-key order."""
    with store.snapshot() as conn:
        return {
            t.name: [
                dict(r)
                for r in conn.execute(sa.select(t).order_by(*t.primary_key.columns)).mappings()
            ]
            for t in SQLModel.metadata.sorted_tables
        }


@pytest.fixture
def journal(store: Store) -> Journal:
    store.journal = Journal()
    return store.journal


def test_each_write_is_one_step_undone_in_reverse(store: Store, journal: Journal) -> None:
    empty = everything(store)
    client = clients.add_client(store, "Cimentis")
    after_client = everything(store)
    deal = deals.add_deal(store, client.id, "Plateforme data", on=TODAY)
    deals.move_deal(store, deal.id, "contacted", on=date(2026, 11, 26))
    assert len(journal) == 3

    assert journal.undo(store) == "changed deal “Plateforme data” and 1 row with it"
    with store.session() as session:
        assert session.get(Deal, deal.id).stage == "lead"
    journal.undo(store)
    assert everything(store) == after_client
    assert journal.undo(store) == "new client “Cimentis”"
    assert everything(store) == empty
    with pytest.raises(NotFound, match="nothing to undo"):
        journal.undo(store)


def test_undo_of_a_delete_restores_the_rows_exactly(demo, today: date) -> None:
    store = demo.store
    store.journal = Journal()
    before = everything(store)
    with store.session() as session:
        # the client with the most rows hanging from it: deals, activities, missions, contacts
        client = max(
            session.exec(select(Client)).all(),
            key=lambda c: len(session.exec(select(Deal).where(Deal.client_id == c.id)).all()),
        )
        session.delete(client)
    gone = everything(store)
    assert len(gone["client"]) == len(before["client"]) - 1
    assert sum(map(len, gone.values())) < sum(map(len, before.values())) - 2

    said = store.journal.undo(store)

    assert said.startswith(f"deleted client “{client.name}” and ")
    assert everything(store) == before


def test_a_delete_statement_is_undone_too(demo) -> None:
    store = demo.store
    store.journal = Journal()
    before = everything(store)
    with store.session() as session:
        session.exec(sa.delete(Activity).where(Activity.done_on.is_(None)))  # type: ignore[call-overload]
    assert everything(store)["activity"] != before["activity"]
    store.journal.undo(store)
    assert everything(store) == before


def test_undo_refuses_to_overwrite_a_later_change(store: Store, journal: Journal) -> None:
    client = clients.add_client(store, "Cimentis")
    store.journal = None  # another window or command, not journaled here
    clients.update_client(store, client.id, notes="met at the salon")
    store.journal = journal
    with pytest.raises(PipelineError, match="changed since"):
        journal.undo(store)
    assert len(journal) == 1  # still there: nothing was undone
    assert clients.get_client(store, client.id).notes == "met at the salon"


def test_a_failed_write_leaves_no_step(store: Store, journal: Journal) -> None:
    clients.add_client(store, "Cimentis")
    with pytest.raises(PipelineError):
        clients.add_client(store, "Cimentis")
    assert len(journal) == 1
