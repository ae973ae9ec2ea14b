"""One name rule for every command: ``#id`` or an exact name, case and accents ignored."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import Ambiguous, NotFound
from pipeline_tui.services import clients, deals, missions
from pipeline_tui.services.resolve import (
    resolve_client,
    resolve_contact,
    resolve_deal,
    resolve_mission,
)
from pipeline_tui.store.database import Store

D = date(2026, 11, 2)


def test_client_by_id_or_exact_name_ignoring_case_and_accents(store: Store) -> None:
    ecole = clients.add_client(store, "École Numérique")
    clients.add_client(store, "Ecole Centrale")
    assert resolve_client(store, f"#{ecole.id}") == ecole.id
    assert resolve_client(store, "  ecole   NUMERIQUE ") == ecole.id
    with pytest.raises(NotFound, match="there is no client #999"):
        resolve_client(store, "#999")
    with pytest.raises(NotFound) as err:
        resolve_client(store, "ecole")  # not exact: no prefix match, but the candidates listed
    assert str(err.value) == (
        f"no client named 'ecole'; did you mean: #{ecole.id} École Numérique, "
        f"#{ecole.id + 1} Ecole Centrale?"
    )


def test_contact_either_order_and_ambiguous_lists_candidates(store: Store) -> None:
    acme = clients.add_client(store, "Acme")
    globex = clients.add_client(store, "Globex")
    one = clients.add_contact(store, "Marie", last_name="Martin", client_id=acme.id)
    two = clients.add_contact(store, "Marie", last_name="Martin", client_id=globex.id)
    solo = clients.add_contact(store, "Karim", last_name="Benali", client_id=acme.id)
    assert resolve_contact(store, "benali karim") == solo.id
    with pytest.raises(Ambiguous) as err:
        resolve_contact(store, "marie martin")
    assert str(err.value) == (
        f"2 contacts are named 'marie martin': #{one.id} Marie Martin (Acme), "
        f"#{two.id} Marie Martin (Globex); name one by its #id"
    )
    assert err.value.exit_code == 1
    assert resolve_contact(store, f"#{two.id}") == two.id


def test_mission_and_deal_by_title(store: Store) -> None:
    acme = clients.add_client(store, "Acme")
    mission = missions.add_mission(
        store, acme.id, "Refonte", start_on=D, day_rate_cents=60000, days_per_month=10
    )
    deal = deals.add_deal(store, acme.id, "Audit sécurité", on=D)
    assert resolve_mission(store, "refonte") == mission.id
    assert resolve_deal(store, "AUDIT SECURITE") == deal.id
    with pytest.raises(NotFound, match="no deal named 'Audit'; did you mean: #"):
        resolve_deal(store, "Audit")
    with pytest.raises(NotFound, match=r"^no mission named 'x'$"):
        resolve_mission(store, "x")
