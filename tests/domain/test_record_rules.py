"""The records' field rules, on their own: what a client, a contact, a deal, a mission or an
activity may hold (``domain.records``)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.records import (
    check_activity,
    check_deal,
    check_end_on,
    check_end_reason,
    check_lost_reason,
    check_mission,
    check_move,
    check_new_deal_stage,
    clean_client,
    clean_contact,
)

D = date(2026, 11, 26)


def test_a_client_and_a_contact_are_cleaned_field_by_field() -> None:
    assert clean_client({"name": "  Acme ", "website": "  "}) == {"name": "Acme", "website": None}
    assert clean_client({"notes": " kept as typed "}) == {"notes": " kept as typed "}
    with pytest.raises(ValueError, match="the client name is required"):
        clean_client({"name": "  "})
    assert clean_contact({"first_name": " Ana ", "email": "Ana@ACME.fr", "role": ""}) == {
        "first_name": "Ana",
        "email": "Ana@acme.fr",
        "role": None,
    }
    with pytest.raises(ValueError, match="not an email"):
        clean_contact({"email": "ana"})


def test_a_deal_checks_only_the_fields_given() -> None:
    assert check_deal({"title": " Audit "}) == {"title": "Audit"}
    assert check_deal({"probability": None, "duration_months": None}) == {
        "probability": None,
        "duration_months": None,
    }
    for values, message in [
        ({"title": ""}, "title is required"),
        ({"stage": "signed"}, "the stage 'signed'"),
        ({"channel": "fax"}, "the channel 'fax'"),
        ({"monthly_value_cents": -1}, "cannot be negative"),
        ({"duration_months": 0}, "must be positive"),
        ({"probability": 101}, "percentage"),
    ]:
        with pytest.raises(ValueError, match=message):
            check_deal(values)
    with pytest.raises(ValueError, match="cannot be created lost"):
        check_new_deal_stage("lost")


def test_a_move_needs_a_reason_to_lose_and_a_date_after_the_last() -> None:
    assert check_lost_reason("lost", "  budget ") == "budget"
    assert check_lost_reason("won", "  ") is None
    with pytest.raises(ValueError, match="say why"):
        check_lost_reason("lost", None)
    with pytest.raises(ValueError, match="only a lost deal"):
        check_lost_reason("won", "budget")
    check_move("lead", "contacted", date(2026, 11, 1), D)
    with pytest.raises(ValueError, match="already at the lead stage"):
        check_move("lead", "lead", None, D)
    with pytest.raises(ValueError, match="last moved on 2026-11-27"):
        check_move("lead", "won", date(2026, 11, 27), D)


def test_a_mission_is_priced_one_way() -> None:
    by_day = {"title": "Run", "start_on": D, "day_rate_cents": 650_00, "days_per_month": 18}
    check_mission(by_day)
    check_mission({"title": "Run", "start_on": D, "fixed_monthly_cents": 0})
    for values, message in [
        ({**by_day, "fixed_monthly_cents": 1}, "not both"),
        ({**by_day, "days_per_month": None}, "needs both"),
        ({"title": "Run", "start_on": D}, "a day rate × days per month"),
        ({**by_day, "days_per_month": 32}, "between 0 and 31"),
        ({**by_day, "planned_end_on": date(2026, 11, 1)}, "planned end 2026-11-01 is before"),
        ({**by_day, "title": " "}, "title is required"),
    ]:
        with pytest.raises(ValueError, match=message):
            check_mission(values)
    check_end_reason(False, None)
    with pytest.raises(ValueError, match="needs a reason"):
        check_end_reason(True, None)
    with pytest.raises(ValueError, match="the end reason"):
        check_end_reason(True, "boredom")
    with pytest.raises(ValueError, match="before the mission's start"):
        check_end_on(date(2026, 1, 1), D)


def test_an_activity_takes_its_kind_s_channel_and_needs_a_date() -> None:
    assert check_activity("call", {"due_on": D}) == {"due_on": D, "channel": "phone", "subject": ""}
    assert check_activity("email", {"done_on": D, "subject": " Hi "})["subject"] == "Hi"
    with pytest.raises(ValueError, match="the activity kind"):
        check_activity("telegram", {"due_on": D})
    with pytest.raises(ValueError, match="due date or a done date"):
        check_activity("call", {})
