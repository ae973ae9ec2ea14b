"""Quick-add ``@renewal`` and ``renewal_of``, and the ``default_days_per_month`` setting: the
preview says which mission is renewed (or why none can be), the write links the deal to it or
writes nothing, and a day rate without days takes the stored setting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.domain.quickadd import LeadDraft, parse
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services import clients, deals, leads, missions
from pipeline_tui.services.settings import save_setting
from pipeline_tui.store.database import Store
from tests.conftest import TODAY
from tests.helpers import counts


def draft(line: str) -> LeadDraft:
    result = parse(line, TODAY)
    assert result.draft is not None, result.errors
    return result.draft


def _mission(store: Store, client_id: int, title: str, *, ends_in: int | None, **more):
    planned = TODAY + timedelta(days=ends_in) if ends_in is not None else None
    return missions.add_mission(
        store,
        client_id,
        title,
        TODAY - timedelta(days=200),
        planned_end_on=planned,
        fixed_monthly_cents=800_000,
        **more,
    )


@pytest.fixture
def acme(store: Store):
    client = clients.add_client(store, "Acme")
    ended = _mission(store, client.id, "Old audit", ends_in=None)
    missions.end_mission(store, ended.id, TODAY - timedelta(days=30))
    later = _mission(store, client.id, "Platform run", ends_in=120)
    sooner = _mission(store, client.id, "Data lake build", ends_in=40)
    _mission(store, client.id, "Open-ended support", ends_in=None)
    return client, ended, later, sooner


def test_renewal_picks_the_running_mission_ending_first(store: Store, acme, db_path) -> None:
    _client, _ended, _later, sooner = acme
    line = draft("acme 8k/m @proposal @renewal")
    preview = leads.lead_preview(store, line, TODAY)
    assert preview.renews_mission_id == sooner.id and preview.renewal_error is None
    ends = f"{(TODAY + timedelta(days=40)).day} Jan 2027"
    assert (
        f"Renewal: renews Data lake build (ends {ends}); of 3 running missions, "
        "the one ending first"
    ) in preview.lines
    added = leads.add_lead(store, line, TODAY)
    assert added.deal.renewal_of_mission_id == sooner.id
    assert deals.get_deal(store, added.deal.id).renewal_of_mission_id == sooner.id
    assert leads.describe_added(added).startswith(
        f'Deal #{added.deal.id} "Acme" (renews Data lake build)'
    )
    assert added.as_json()["renewal_of_mission_id"] == sooner.id


def test_no_running_mission_one_line_and_nothing_written(store: Store, db_path) -> None:
    client = clients.add_client(store, "Beta")
    old = _mission(store, client.id, "Old run", ends_in=None)
    missions.end_mission(store, old.id, TODAY - timedelta(days=1))
    before = counts(db_path)
    line = draft("Beta / Jean Roy 8k/m @renewal next:fri")
    preview = leads.lead_preview(store, line, TODAY)
    message = "@renewal: Beta has no running mission to renew; nothing is saved"
    assert preview.renewal_error == message
    assert preview.lines.count(f"✗ {message}") == 1
    assert not [line for line in preview.lines if line.startswith("Renewal:")]
    with pytest.raises(InvalidInput, match=message):
        leads.add_lead(store, line, TODAY)
    new = leads.lead_preview(store, draft("Gamma @renewal"), TODAY)
    assert new.renewal_error == "@renewal: Gamma is a new client to renew; nothing is saved"
    with pytest.raises(InvalidInput, match="Gamma is a new client"):
        leads.add_lead(store, draft("Gamma @renewal"), TODAY)
    assert counts(db_path) == before


def test_renewal_of_names_a_mission_of_the_client(store: Store, acme) -> None:
    _client, ended, later, _sooner = acme
    by_title = leads.add_lead(store, draft("Acme 8k/m"), TODAY, renewal_of="platform RUN")
    assert by_title.deal.renewal_of_mission_id == later.id
    by_id = leads.add_lead(store, draft("Acme t:Again"), TODAY, renewal_of=f"#{ended.id}")
    assert by_id.deal.renewal_of_mission_id == ended.id
    other = clients.add_client(store, "Other")
    theirs = _mission(store, other.id, "Their run", ends_in=10)
    with pytest.raises(InvalidInput, match="Acme has no mission '99'"):
        leads.add_lead(store, draft("Acme t:X"), TODAY, renewal_of="99")
    with pytest.raises(InvalidInput, match=f"Acme has no mission '{theirs.id}'"):
        leads.add_lead(store, draft("Acme t:Y"), TODAY, renewal_of=str(theirs.id))


def test_a_deal_renews_only_its_own_client_s_mission(store: Store, acme) -> None:
    client, _ended, later, _sooner = acme
    other = clients.add_client(store, "Other")
    with pytest.raises(InvalidInput, match="a mission of its own client"):
        deals.add_deal(store, other.id, "Steal", on=TODAY, renewal_of_mission_id=later.id)
    with pytest.raises(InvalidInput, match="no such mission"):
        deals.add_deal(store, client.id, "Ghost", on=TODAY, renewal_of_mission_id=999)
    deal = deals.add_deal(store, client.id, "Flag later", on=TODAY)
    flagged = deals.update_deal(store, deal.id, renewal_of_mission_id=later.id)
    assert flagged.renewal_of_mission_id == later.id
    with pytest.raises(InvalidInput, match="a mission of its own client"):
        deals.update_deal(
            store, deal.id, renewal_of_mission_id=_mission(store, other.id, "X", ends_in=1).id
        )
    assert (
        deals.update_deal(store, deal.id, renewal_of_mission_id=None).renewal_of_mission_id is None
    )


def test_a_day_rate_without_days_takes_the_stored_setting(store: Store) -> None:
    line = draft("Acme 600/d")
    assert line.days_per_month is None
    assert leads.lead_preview(store, line, TODAY).monthly_value_cents == 600_00 * 18
    save_setting(store, "default_days_per_month", 20)
    preview = leads.lead_preview(store, line, TODAY)
    assert preview.monthly_value_cents == 600_00 * 20
    assert "Value: €600/day × 20 d = €12,000/month" in preview.lines
    assert leads.add_lead(store, line, TODAY).deal.monthly_value_cents == 600_00 * 20
    typed = leads.add_lead(store, draft("Beta 600/d x15"), TODAY)
    assert typed.deal.monthly_value_cents == 600_00 * 15  # typed days win


def test_a_running_mission_is_status_active_and_started(store: Store) -> None:
    client = clients.add_client(store, "Delta")
    missions.add_mission(
        store, client.id, "Starts soon", TODAY + timedelta(days=5), fixed_monthly_cents=1
    )
    preview = leads.lead_preview(store, draft("Delta @renewal"), TODAY)
    assert preview.renewal_error is not None and "no running mission" in preview.renewal_error
    assert leads.lead_preview(store, draft("Delta @renewal"), date(2027, 1, 1)).renews_mission_id


def test_a_mission_by_day_without_days_takes_the_stored_setting(store: Store) -> None:
    client = clients.add_client(store, "Epsilon")
    save_setting(store, "default_days_per_month", 20)
    mission = missions.add_mission(store, client.id, "Run", TODAY, day_rate_cents=600_00)
    assert missions.get_mission(store, mission.id).days_per_month == 20
    typed = missions.add_mission(
        store, client.id, "Run 2", TODAY, day_rate_cents=600_00, days_per_month=12
    )
    assert typed.days_per_month == 12
