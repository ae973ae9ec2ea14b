"""The records' display reads (``store.queries``): the rows the ORM models were, the same on the
store's reader and on the fast read path, which never loads SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline_tui.config import Config
from pipeline_tui.errors import NotFound
from pipeline_tui.services import (
    activities,
    client_view,
    clients,
    deal_view,
    deals,
    leads,
    missions,
    signals,
    surveys,
)
from pipeline_tui.store.database import Store
from pipeline_tui.store.reader import open_read_store
from tests.conftest import TODAY

D = TODAY


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    acme = clients.add_client(store, "Acme", industry="Retail")
    ana = clients.add_contact(store, "Ana", last_name="Silva", client_id=acme.id, email="a@acme.fr")
    bob = clients.add_contact(store, "Bob", last_name="Silva", client_id=acme.id)
    clients.add_contact(store, "Zoé", last_name="Adam", client_id=acme.id)
    clients.set_do_not_contact(store, bob.id, D - timedelta(days=3))
    mission = missions.add_mission(
        store, acme.id, "Run", D - timedelta(days=90), day_rate_cents=500_00, days_per_month=10
    )
    first = deals.add_deal(store, acme.id, "First", on=D - timedelta(days=5), contact_id=ana.id)
    second = deals.add_deal(store, acme.id, "Second", on=D - timedelta(days=5))
    deals.move_deal(store, first.id, "proposal", on=D - timedelta(days=1))
    for _ in range(3):
        activities.add_activity(store, "call", done_on=D - timedelta(days=1), deal_id=first.id)
    activities.add_activity(store, "email", due_on=D + timedelta(days=2), deal_id=first.id)
    signals.add_signal(store, acme.id, "competitor", D - timedelta(days=2), note=" seen ")
    signals.add_signal(store, acme.id, "scope_creep", D - timedelta(days=2))
    surveys.record_survey(store, acme.id, sent_on=D - timedelta(days=1), today=D)
    return {"acme": acme.id, "ana": ana.id, "bob": bob.id, "mission": mission.id,
            "first": first.id, "second": second.id}  # fmt: skip


def test_the_client_detail_reads_rows_in_the_old_order(store: Store, filled) -> None:
    d = client_view.client_detail(store, filled["acme"], D)
    assert (d.client.name, d.client.industry) == ("Acme", "Retail")
    # By last name, then in the order added (not by first name).
    assert [c.full_name for c in d.contacts] == ["Zoé Adam", "Ana Silva", "Bob Silva"]
    assert [c.do_not_contact for c in d.contacts] == [False, False, True]
    assert d.contacts[2].do_not_contact_on == D - timedelta(days=3)
    (line,) = d.missions
    assert (line.mission.title, line.monthly_cents, line.active) == ("Run", 5_000_00, True)
    assert line.mission.days_per_month == 10.0
    # Newest first; a day's deals in the order added.
    assert [x.id for x in d.deals] == [filled["first"], filled["second"]]
    # The latest first; a day's signals, the last recorded first.
    assert [(s.kind, s.note) for s in d.signals] == [("scope_creep", None), ("competitor", "seen")]
    assert [s.scale for s in d.surveys] == ["csat"]
    # Open activities first, then the latest done; a day's, the last recorded first.
    assert [a.done_on for a in d.timeline] == [None] + [D - timedelta(days=1)] * 3
    assert [a.id for a in d.timeline[1:]] == sorted((a.id for a in d.timeline[1:]), reverse=True)
    assert d.risk is not None
    with pytest.raises(NotFound, match="there is no client #999"):
        client_view.client_detail(store, 999, D)


def test_the_deal_detail_and_the_lists(store: Store, filled) -> None:
    d = deal_view.deal_detail(store, filled["first"])
    assert (d.deal.title, d.deal.stage, d.client.name) == ("First", "proposal", "Acme")
    assert d.contact is not None and d.contact.full_name == "Ana Silva"
    assert [(h.from_stage, h.to_stage) for h in d.history] == [(None, "lead"), ("lead", "proposal")]
    assert len(d.activities) == 4 and d.activities[0].due_on == D + timedelta(days=2)
    with pytest.raises(NotFound, match="there is no deal #999"):
        deal_view.deal_detail(store, 999)
    listed = deals.list_deals(store)
    assert [(x.title, name) for x, name in listed] == [("First", "Acme"), ("Second", "Acme")]
    assert [x.title for x, _ in deals.list_deals(store, stage="lead")] == ["Second"]
    assert [x.title for x, _ in deals.list_deals(store, open_only=True, limit=1)] == ["First"]
    assert [m.title for m in missions.list_missions(store, filled["acme"])] == ["Run"]
    assert [c.first_name for c in clients.list_contacts(store)] == ["Zoé", "Ana", "Bob"]
    assert [(r.name, r.status) for r in clients.list_clients(store, D)] == [("Acme", "active")]
    assert leads.known_names(store) == ["Acme", "Ana Silva", "Bob Silva", "Zoé Adam"]


def test_the_fast_path_reads_the_same_rows(store: Store, filled, db_path: Path) -> None:
    reads = open_read_store(Config(db_url=f"sqlite:///{db_path}", today=TODAY))
    assert reads is not None
    try:
        assert client_view.client_detail(reads, filled["acme"], D) == client_view.client_detail(
            store, filled["acme"], D
        )
        assert deal_view.deal_detail(reads, filled["first"]) == deal_view.deal_detail(
            store, filled["first"]
        )
        assert clients.find_client(reads, " ACME ").id == filled["acme"]
        assert surveys.survey_gaps(reads, D, days=30) == surveys.survey_gaps(store, D, days=30)
    finally:
        reads.close()


def test_the_details_read_without_sqlalchemy(store: Store, filled, db_path: Path) -> None:
    store.close()
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from pipeline_tui.config import Config
        from pipeline_tui.services.client_view import client_detail
        from pipeline_tui.services.deal_view import deal_detail
        from pipeline_tui.store.reader import open_read_store

        reads = open_read_store(Config(db_url="sqlite:///{db_path}", today=date(2026, 11, 26)))
        client_detail(reads, {filled["acme"]}, date(2026, 11, 26))
        deal_detail(reads, {filled["first"]})
        print([m for m in ("sqlalchemy", "sqlmodel") if m in sys.modules])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_taken_name_is_refused_in_words(store: Store) -> None:
    from pipeline_tui.errors import InvalidInput

    made = clients.add_client(store, "Acme")
    other = clients.add_client(store, "Beta")
    with pytest.raises(InvalidInput, match="a client named 'Acme' already exists"):
        clients.update_client(store, other.id, name=" Acme ")
    assert clients.get_client(store, made.id).name == "Acme"
    assert clients.get_client(store, other.id).name == "Beta"
