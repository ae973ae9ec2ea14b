"""The services the clients screen's editors add: a contact's fields and opt-out saved as one
step, a survey corrected as recorded, the contact names ``/`` searches (on both backends)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import activities, clients, missions, surveys
from pipeline_tui.store.database import Store

START = date(2026, 9, 1)
TODAY = date(2026, 11, 26)


def test_edit_contact_saves_fields_and_dates_the_opt_out(store: Store) -> None:
    acme = clients.add_client(store, "Acme")
    marie = clients.add_contact(store, "Marie", last_name="Martin", client_id=acme.id)
    planned = activities.add_activity(store, "email", due_on=TODAY, contact_id=marie.id)
    clients.edit_contact(
        store,
        marie.id,
        {"first_name": "Marie", "last_name": "Durand", "role": "CTO", "email": None},
        do_not_contact=True,
        today=TODAY,
    )
    got = clients.get_contact(store, marie.id)
    assert (got.last_name, got.role, got.do_not_contact, got.do_not_contact_on) == (
        "Durand",
        "CTO",
        True,
        TODAY,
    )
    with store.read() as q:  # opted out: the outreach planned for her is cancelled
        assert q.rows("SELECT count(*) FROM activity WHERE id = :i", {"i": planned.id})[0][0] == 0
    # the box left as it is keeps the date it was ticked; unticked lifts the opt-out
    clients.edit_contact(
        store, marie.id, {"role": "CEO"}, do_not_contact=True, today=date(2027, 1, 4)
    )
    assert clients.get_contact(store, marie.id).do_not_contact_on == TODAY
    clients.edit_contact(store, marie.id, {}, do_not_contact=False, today=TODAY)
    got = clients.get_contact(store, marie.id)
    assert (got.role, got.do_not_contact, got.do_not_contact_on) == ("CEO", False, None)


def test_edit_contact_refuses_a_taken_profile_url_and_changes_nothing(store: Store) -> None:
    acme = clients.add_client(store, "Acme")
    url = "https://www.linkedin.com/in/karim-benali"
    clients.add_contact(store, "Karim", client_id=acme.id, profile_url=url)
    marie = clients.add_contact(store, "Marie", client_id=acme.id)
    with pytest.raises(InvalidInput, match="profile URL"):
        clients.edit_contact(
            store, marie.id, {"profile_url": url}, do_not_contact=True, today=TODAY
        )
    got = clients.get_contact(store, marie.id)
    assert (got.profile_url, got.do_not_contact) == (None, False)  # one transaction: neither


def test_contact_names_by_client(store: Store) -> None:
    acme = clients.add_client(store, "Acme")
    globex = clients.add_client(store, "Globex")
    clients.add_contact(store, "Marie", last_name="Martin", client_id=acme.id)
    clients.add_contact(store, "Karim", last_name="Benali", client_id=acme.id)
    clients.add_contact(store, "Zoé", client_id=globex.id)
    clients.add_contact(store, "Nobody")
    assert clients.contact_names_by_client(store) == {
        acme.id: ["Marie Martin", "Karim Benali"],
        globex.id: ["Zoé"],
    }


def _surveyed(store: Store):
    acme = clients.add_client(store, "Acme")
    missions.add_mission(store, acme.id, "Run", START, fixed_monthly_cents=500_000)
    sent = surveys.record_survey(store, acme.id, sent_on=date(2026, 10, 1), today=TODAY)
    return acme, sent


def test_update_survey_corrects_dates_scale_score_and_comment(store: Store) -> None:
    acme, sent = _surveyed(store)
    surveys.update_survey(
        store,
        sent.id,
        sent_on=date(2026, 10, 2),
        scale="nps",
        answered_on=date(2026, 10, 9),
        score=9,
        comment="  fine ",
        today=TODAY,
    )
    (got,) = surveys.client_surveys(store, acme.id)
    assert (got.kind, got.sent_on, got.scale, got.answered_on, got.score, got.comment) == (
        "satisfaction",
        date(2026, 10, 2),
        "nps",
        date(2026, 10, 9),
        9,
        "fine",
    )
    surveys.update_survey(store, sent.id, sent_on=date(2026, 10, 2), scale="csat", today=TODAY)
    (got,) = surveys.client_surveys(store, acme.id)
    assert (got.scale, got.answered_on, got.score, got.comment) == ("csat", None, None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scale": "csat", "answered_on": date(2026, 10, 9), "score": 9}, "CSAT score"),
        ({"scale": "csat", "answered_on": date(2026, 9, 9), "score": 4}, "before it was sent"),
        ({"scale": "csat", "sent_on": date(2026, 12, 1)}, "after today"),
        ({"scale": "csat", "sent_on": date(2026, 8, 1)}, "no mission running"),
    ],
)
def test_update_survey_refuses_what_record_survey_refuses(
    store: Store, changes: dict[str, object], message: str
) -> None:
    acme, sent = _surveyed(store)
    values = {"sent_on": date(2026, 10, 1), **changes}
    with pytest.raises(InvalidInput, match=message):
        surveys.update_survey(store, sent.id, today=TODAY, **values)  # type: ignore[arg-type]
    (got,) = surveys.client_surveys(store, acme.id)
    assert (got.sent_on, got.score) == (date(2026, 10, 1), None)


def test_update_survey_of_a_deleted_survey_is_not_found(store: Store) -> None:
    _, sent = _surveyed(store)
    surveys.remove_survey(store, sent.id)
    with pytest.raises(NotFound):
        surveys.update_survey(store, sent.id, sent_on=date(2026, 10, 1), scale="csat", today=TODAY)
