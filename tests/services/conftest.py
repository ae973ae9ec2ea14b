"""Fixtures of the service tests: a small prospect on an empty store."""

from __future__ import annotations

import pytest

from pipeline_tui.services import clients, deals
from pipeline_tui.store.database import Store
from tests.conftest import TODAY


@pytest.fixture
def lead(store: Store):
    """A prospect with a contact and a fresh lead deal (created on TODAY, a Thursday)."""
    client = clients.add_client(store, "Cimentis")
    contact = clients.add_contact(store, "Karim", last_name="Benali", client_id=client.id)
    deal = deals.add_deal(
        store, client.id, "Plateforme data", on=TODAY, contact_id=contact.id, channel="emailing"
    )
    return client, contact, deal
