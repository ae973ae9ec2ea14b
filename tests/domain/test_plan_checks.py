"""The checks of a new sequence's steps and of a cadence, worded for the user."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.cadence import check_cadence
from pipeline_tui.domain.sequence import Step, check_steps

MONDAY = date(2026, 11, 30)


def test_steps_take_their_position_and_the_kinds_channel() -> None:
    assert check_steps([(0, "email"), (3, "call", "phone", "  Appel  ")]) == (
        Step(1, 0, "email", "emailing", ""),
        Step(2, 3, "call", "phone", "Appel"),
    )


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        ([], "a sequence needs at least one step"),
        ([(0, "email"), (-1, "call")], "step 2: the day offset is a whole number ≥ 0"),
        ([(0, "fax")], "the step kind 'fax' is not one of"),
        ([(0, "email", "pigeon")], "the step channel 'pigeon' is not one of"),
        ([(0, "email", "emailing", "x" * 301)], "the step subject is longer than 300"),
    ],
)
def test_bad_steps_say_what_is_wrong(steps, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        check_steps(steps)


def test_a_cadence_gets_its_rule_normalised_and_its_label_cleaned() -> None:
    assert check_cadence("phone", 5, "rrule:freq=weekly;byday=mo", MONDAY, "  ") == (
        "FREQ=WEEKLY;BYDAY=MO",
        None,
    )
    assert check_cadence("phone", 5, "FREQ=WEEKLY;BYDAY=MO", MONDAY, " 5 calls ")[1] == "5 calls"


@pytest.mark.parametrize(
    ("channel", "count", "rule", "words"),
    [
        ("fax", 1, "FREQ=WEEKLY", "the channel 'fax' is not one of"),
        ("phone", 0, "FREQ=WEEKLY", "a cadence's count is a whole number of at least 1"),
        ("phone", 1, "FREQ=HOURLY", "at least a day"),
    ],
)
def test_bad_cadences_say_what_is_wrong(channel: str, count: int, rule: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        check_cadence(channel, count, rule, MONDAY, None)
