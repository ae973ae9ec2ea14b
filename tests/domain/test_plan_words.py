"""What a user types for a cadence (channel, period, start) and for a sequence's steps."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.cadence import cadence_channel, default_start, per_rule
from pipeline_tui.domain.sequence import Step, format_steps, parse_steps

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("word", "channel"),
    [("email", "emailing"), ("Emailing", "emailing"), ("call", "phone"), ("event", "event")],
)
def test_a_channel_is_named_by_itself_or_by_the_kind_it_counts(word: str, channel: str) -> None:
    assert cadence_channel(word) == channel


def test_an_unknown_channel_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="'fax' is not a channel"):
        cadence_channel("fax")


def test_the_periods_and_where_a_new_cadence_starts() -> None:
    assert per_rule("week") == "FREQ=WEEKLY;BYDAY=MO"
    assert per_rule("Month") == "FREQ=MONTHLY;BYMONTHDAY=1"
    with pytest.raises(ValueError, match="'day' is not a period"):
        per_rule("day")
    assert default_start(per_rule("week"), THURSDAY) == date(2026, 11, 23)
    assert default_start(per_rule("month"), THURSDAY) == date(2026, 11, 1)
    assert default_start("FREQ=DAILY", THURSDAY) == THURSDAY


def test_steps_are_typed_kind_colon_day() -> None:
    assert parse_steps("email:0, call:3 email:7;social:+14 follow-up:day21") == [
        (0, "email"),
        (3, "call"),
        (7, "email"),
        (14, "social"),
        (21, "follow_up"),
    ]
    assert parse_steps("phone:2") == [(2, "call")]  # a channel names its usual kind
    steps = [Step(2, 3, "call", "phone"), Step(1, 0, "email", "emailing")]
    assert format_steps(steps) == "email:0, call:3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one step"),
        ("email:0, emial:3", "'emial' in 'emial:3' is not a step kind"),
        ("email:0, call", "'call': write each step as KIND:DAY"),
        ("call:-1", "'call:-1': the day after the colon is a whole number"),
        ("call:three", "'call:three'"),
        ("call:9999", "at most 3650 days"),
    ],
)
def test_a_wrong_step_is_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_steps(text)
