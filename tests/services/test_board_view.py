"""The board's reads on both backends: its stage headers add up to the weighted pipeline of
``status``, its cards say the days in stage and the idle days of the rotting deals the numbers
list, and a filter narrows both."""

from __future__ import annotations

from pipeline_tui.domain.vocabulary import OPEN_STAGES, STAGES
from pipeline_tui.services import deals
from pipeline_tui.services.deal_view import board_cards, board_figures
from pipeline_tui.services.numbers import compute_numbers


def _every_card(store, stage, today, matching=None):
    cards, after = [], None
    while True:
        page = board_cards(store, stage, today, after=after, limit=2, matching=matching)
        cards += page
        if len(page) < 2:
            return cards
        after = page[-1].board_key


def test_the_stage_headers_add_up_to_the_weighted_pipeline(demo) -> None:
    figures = board_figures(demo.store)
    numbers = compute_numbers(demo.store, demo.today)
    assert set(figures.stages) == set(STAGES)
    open_figures = [figures.stages[s] for s in OPEN_STAGES]
    assert sum(f.weighted_cents for f in open_figures) == numbers.weighted_pipeline_cents
    assert sum(f.count for f in open_figures) == numbers.open_deal_count
    for stage in STAGES:
        listed = deals.list_deals(demo.store, stage=stage)
        shown = figures.stages[stage]
        assert (shown.count, shown.value_cents) == (
            len(listed),
            sum(d.monthly_value_cents for d, _ in listed),
        )
        assert (shown.probability is None) == (stage not in OPEN_STAGES)


def test_cards_say_days_in_stage_and_the_idle_days_of_rotting_deals(demo) -> None:
    today = demo.today
    rotting = {r.deal.id: r.idle_days for r in compute_numbers(demo.store, today).rotting}
    assert rotting  # the demo has some
    seen = {}
    for stage in OPEN_STAGES:
        for card in _every_card(demo.store, stage, today):
            assert card.stage == stage
            history = deals.stage_history(demo.store, card.id)
            entered = history[-1].changed_on if history else card.created_on
            assert card.days_in_stage == (today - entered).days
            seen[card.id] = card.idle_days
    assert {i: idle for i, idle in seen.items() if idle is not None} == rotting


def test_a_filter_narrows_the_headers_and_the_cards(demo) -> None:
    card = _every_card(demo.store, "proposal", demo.today)[0]
    word = card.client_name.split()[0].lower()
    figures = board_figures(demo.store, word)
    for stage in OPEN_STAGES:
        cards = _every_card(demo.store, stage, demo.today, matching=word)
        assert all(word in f"{c.title} {c.client_name}".lower() for c in cards)
        assert figures.stages[stage].count == len(cards)
        assert figures.stages[stage].value_cents == sum(c.monthly_value_cents for c in cards)
    assert figures.stages["proposal"].count >= 1
