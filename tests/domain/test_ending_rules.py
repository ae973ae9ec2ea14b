"""The rules of the end of a collaboration, as plain functions: which mission a client ends,
when an offboarding closes, how the template is edited, what a lesson may be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from pipeline_tui.domain.playbook import (
    DEFAULT_TEMPLATE,
    Progress,
    TemplateStep,
    check_lesson,
    check_lesson_done,
    closed_on_after,
    mission_to_end,
    step_index,
    template_in_effect,
    training_overdue,
    with_step_at,
)
from pipeline_tui.domain.revenue import MissionFacts, can_end_early, endable_missions, is_active

TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class M:
    id: int
    title: str
    start_on: date
    actual_end_on: date | None = None
    status: str = "active"


def test_a_mission_recorded_as_ended_without_a_date_is_not_running() -> None:
    assert not can_end_early(M(1, "a", date(2026, 1, 1), status="ended"), TODAY)
    assert not is_active(M(1, "a", date(2026, 1, 1), status="ended_early"), TODAY)
    assert is_active(M(1, "a", date(2026, 1, 1), TODAY, status="ended_early"), TODAY)


def test_a_mission_can_be_ended_early_while_it_runs_and_has_no_end_yet() -> None:
    assert can_end_early(M(1, "a", date(2026, 1, 1)), TODAY)
    assert can_end_early(M(1, "a", TODAY), TODAY)  # starts today: it runs
    assert not can_end_early(M(1, "a", date(2026, 12, 1)), TODAY)  # not started yet
    # Already ended, even on a later day (still running until then): not ended twice.
    assert not can_end_early(M(1, "a", date(2026, 1, 1), date(2026, 12, 31)), TODAY)
    assert not can_end_early(M(1, "a", date(2026, 1, 1), date(2026, 11, 1)), TODAY)
    facts = MissionFacts(7, date(2026, 1, 1), None, None, None, None, 100, id=3)
    assert endable_missions([facts], TODAY) == [facts]


def test_the_mission_to_end_is_the_one_that_can_be() -> None:
    missions = [
        M(4, "Later", date(2027, 1, 1)),
        M(2, "Running", date(2026, 3, 1)),
        M(3, "Ending", date(2026, 1, 1), date(2026, 12, 15)),
    ]
    assert mission_to_end(missions, TODAY, "Acme") == 2


def test_several_missions_to_end_are_named_by_start_then_id() -> None:
    missions = [M(9, "Run", date(2026, 5, 1)), M(5, "Build", date(2026, 2, 1))]
    with pytest.raises(ValueError) as raised:
        mission_to_end(missions, TODAY, "Acme")
    assert str(raised.value) == (
        "Acme has 2 running missions, name one by id: "
        "#5 Build (since 1 Feb 2026); #9 Run (since 1 May 2026)"
    )


def test_no_mission_to_end() -> None:
    with pytest.raises(ValueError, match=r"^Acme has no running mission to end$"):
        mission_to_end([M(1, "Done", date(2026, 1, 1), date(2026, 6, 1))], TODAY, "Acme")
    with pytest.raises(ValueError, match="no running mission"):
        mission_to_end([], TODAY, "Acme")


@pytest.mark.parametrize(
    ("progress", "closed_on", "expected"),
    [
        (Progress(3, 3), None, TODAY),  # the last item done: closes that day
        (Progress(3, 3), date(2026, 11, 1), date(2026, 11, 1)),  # stays closed on its day
        (Progress(2, 3), date(2026, 11, 1), None),  # an item undone: reopens
        (Progress(2, 3), None, None),
        (Progress(0, 0), None, None),  # an empty checklist never closes by itself
    ],
)
def test_an_offboarding_closes_when_every_item_is_done(
    progress: Progress, closed_on: date | None, expected: date | None
) -> None:
    assert closed_on_after(progress, closed_on, TODAY) == expected


def test_the_template_in_effect_and_its_edits() -> None:
    assert template_in_effect([]) == list(DEFAULT_TEMPLATE)
    mine = [TemplateStep("a", "A"), TemplateStep("b", "B")]
    assert template_in_effect(mine) == mine and template_in_effect(mine) is not mine
    assert step_index(mine, "b") == 1 and step_index(mine, "z") is None
    new = TemplateStep("n", "N")
    keys = {p: [s.key for s in with_step_at(mine, new, p)] for p in (None, -5, 1, 2, 3, 99)}
    assert keys == {
        None: ["a", "b", "n"],
        -5: ["n", "a", "b"],
        1: ["n", "a", "b"],
        2: ["a", "n", "b"],
        3: ["a", "b", "n"],
        99: ["a", "b", "n"],
    }
    assert [s.key for s in mine] == ["a", "b"]  # not changed in place


def test_a_training_is_a_dated_task() -> None:
    check_lesson("training", TODAY)
    check_lesson("went_wrong", None)
    with pytest.raises(ValueError, match="give the date"):
        check_lesson("training", None)
    with pytest.raises(ValueError, match="only a training to take has a due date"):
        check_lesson("went_wrong", TODAY)
    check_lesson_done("training", TODAY)
    check_lesson_done("went_wrong", None)
    with pytest.raises(ValueError, match="can be marked done"):
        check_lesson_done("went_wrong", TODAY)
    assert training_overdue(date(2026, 11, 25), None, TODAY)
    assert not training_overdue(TODAY, None, TODAY)
    assert not training_overdue(date(2026, 11, 25), TODAY, TODAY)
    assert not training_overdue(None, None, TODAY)
