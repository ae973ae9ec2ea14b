"""Acceptance 3: editing the template changes the next offboarding, not the ones already open.
And the template itself: the default until the first edit, editable, resettable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline_tui.domain.playbook import DEFAULT_TEMPLATE, TemplateStep
from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services.offboarding import end_mission_early
from pipeline_tui.services.offboarding_view import get_offboarding_view
from pipeline_tui.services.playbook_template import (
    add_template_step,
    add_titled_step,
    is_default_template,
    load_template,
    move_template_step,
    remove_template_step,
    reset_template,
    update_template_step,
)
from tests.helpers import Demo


def _items(demo: Demo, offboarding_id: int) -> list[tuple[str, str, object, object]]:
    view = get_offboarding_view(demo.store, offboarding_id)
    return [(i.key, i.title, i.due_on, i.done_on) for i in view.items]


def _end(demo: Demo, client: str, **kwargs) -> int:
    mission = demo.running_mission(client)
    return end_mission_early(
        demo.store,
        mission.id,
        end_on=demo.today,
        notice_days=kwargs.pop("notice_days", 20),
        reason=kwargs.pop("reason", "budget"),
        today=demo.today,
        **kwargs,
    ).offboarding_id


def test_editing_the_template_changes_the_next_offboarding_not_the_open_one(demo: Demo) -> None:
    store, today = demo.store, demo.today
    first = _end(demo, "Banque Rivemont")
    first_items = _items(demo, first)
    demo_items = _items(demo, 1)  # the demo's own offboarding, written before any edit

    update_template_step(store, "post_mortem", title="Retro with myself", offset_days=2)
    update_template_step(store, "case_study", active=False)
    add_template_step(store, TemplateStep("thank_you", "Send a thank-you note", "end", 1))
    remove_template_step(store, "raise_targets")

    second = _end(demo, "Mutuelle Pélicorne Assurances")
    assert _items(demo, first) == first_items
    assert _items(demo, 1) == demo_items
    second_items = {key: (title, due) for key, title, due, _ in _items(demo, second)}
    assert second_items["post_mortem"] == ("Retro with myself", today + timedelta(days=2))
    assert second_items["thank_you"] == ("Send a thank-you note", today + timedelta(days=1))
    assert "case_study" not in second_items and "raise_targets" not in second_items
    first_keys = {key for key, *_ in first_items}
    assert {"case_study", "raise_targets"} <= first_keys and "thank_you" not in first_keys
    assert len(second_items) == len(first_items) - 1


def test_the_template_is_the_default_until_edited_and_comes_back_on_reset(demo: Demo) -> None:
    store = demo.store
    assert is_default_template(store)
    assert load_template(store) == list(DEFAULT_TEMPLATE)
    move_template_step(store, "exit_survey", 1)
    assert not is_default_template(store)
    keys = [s.key for s in load_template(store)]
    assert keys[0] == "exit_survey" and len(keys) == len(DEFAULT_TEMPLATE)
    reset_template(store)
    assert is_default_template(store)
    assert load_template(store) == list(DEFAULT_TEMPLATE)


def test_a_strained_relationship_leaves_the_case_study_out(demo: Demo) -> None:
    offboarding_id = _end(demo, "Banque Rivemont", relationship_good=False)
    keys = [key for key, *_ in _items(demo, offboarding_id)]
    assert "case_study" not in keys and len(keys) == len(DEFAULT_TEMPLATE) - 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "   "}, "title is required"),
        ({"anchor": "start"}, "dated from notice or end"),
        ({"offset_days": 99_999}, "at most ten years"),
    ],
)
def test_bad_template_edits_are_refused_and_change_nothing(
    demo: Demo, change: dict, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        update_template_step(demo.store, "handover", **change)
    assert load_template(demo.store) == list(DEFAULT_TEMPLATE)


def test_unknown_and_duplicate_steps(demo: Demo) -> None:
    with pytest.raises(NotFound, match="no step 'nope'"):
        update_template_step(demo.store, "nope", title="x")
    with pytest.raises(InvalidInput, match="already has a step 'handover'"):
        add_template_step(demo.store, TemplateStep("handover", "Again"))
    with pytest.raises(InvalidInput, match="lowercase"):
        add_template_step(demo.store, TemplateStep("Bad Key", "Title"))


def test_a_step_added_by_its_title_gets_a_key_of_its_own(demo: Demo) -> None:
    store = demo.store
    first = add_titled_step(store, "Rendre les accès (VPN, dépôts)", anchor="notice", position=2)
    again = add_titled_step(store, "Rendre les accès: VPN, dépôts", offset_days=-2)
    assert (first.key, again.key) == (
        "rendre_les_acces_vpn_depots",
        "rendre_les_acces_vpn_depots_2",
    )
    steps = load_template(store)
    assert [s.key for s in steps[:3]] == [
        DEFAULT_TEMPLATE[0].key,
        "rendre_les_acces_vpn_depots",
        DEFAULT_TEMPLATE[1].key,
    ]
    assert (steps[-1].anchor, steps[-1].offset_days, steps[-1].title) == (
        "end",
        -2,
        "Rendre les accès: VPN, dépôts",
    )
    with pytest.raises(InvalidInput, match="title is required"):
        add_titled_step(store, "   ")
    assert len(load_template(store)) == len(DEFAULT_TEMPLATE) + 2
