"""Conversion numbers from per-deal paths agree with the ones from the full stage history.

``conversion_stats_from_groups`` (what the dashboard computes, on paths counted in SQL) must
give exactly what ``conversion_stats`` gives on the history; and the SQL of
``store.queries.deals.deal_paths`` and ``deal_path_counts`` must give exactly what
``domain.conversion.deal_paths`` and ``path_groups`` give.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.conversion import (
    DealPath,
    StageChange,
    conversion_stats,
    conversion_stats_from_groups,
    deal_paths,
    path_groups,
)
from pipeline_tui.domain.losses import recurring_pipeline_cents
from pipeline_tui.domain.pipeline import DealFacts, weighted_pipeline_cents
from pipeline_tui.domain.review import StageTimeline
from pipeline_tui.domain.vocabulary import CHANNELS, STAGES
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries.trend import pipeline_by_day
from pipeline_tui.store.writes.summaries import refresh_deals
from tests.domain.test_conversion import DEALS, HISTORY, JAN_1


def _series(
    timeline: StageTimeline, days: list[date], probabilities: dict[str, int] | None = None
) -> list[int]:
    """The weighted pipeline on each day, as the domain's timeline defines it."""
    return [timeline.weighted_on(day, probabilities) for day in days]


PROBABILITIES = st.fixed_dictionaries(
    {},
    optional={stage: st.integers(0, 100) for stage in ("lead", "meeting", "negotiation", "won")},
)


@st.composite
def deals_and_histories(
    draw: st.DrawFn, *, unknown_stages: bool = True
) -> tuple[list[DealFacts], list[StageChange]]:
    """Deals with histories of any shape: jumps, moves back, from_stage naming a stage never
    entered, several wins, equal dates, a current stage unlike the last move, no history."""
    stage = st.sampled_from(STAGES)
    current = st.one_of(stage, st.just("archived")) if unknown_stages else stage
    day = st.integers(0, 400).map(lambda n: JAN_1 + timedelta(days=n))
    deals, history = [], []
    for deal_id in range(1, draw(st.integers(0, 15)) + 1):
        created = draw(day)
        deals.append(
            DealFacts(
                deal_id,
                1,
                draw(current),
                draw(st.integers(0, 2_000_000)),
                None,
                draw(st.sampled_from(CHANNELS[:3])),
                created,
                draw(st.none() | day),
            )
        )
        for _ in range(draw(st.integers(0, 6))):
            history.append(StageChange(deal_id, draw(st.none() | stage), draw(stage), draw(day)))
    return deals, draw(st.permutations(history))


def test_worked_example_paths() -> None:
    paths = {p.deal_id: p for p in deal_paths(DEALS, HISTORY)}
    # deal 1 went through every stage and was won on day 89
    assert paths[1] == DealPath(
        1, "won", "emailing", 8_000_00, JAN_1, None, "negotiation", JAN_1, date(2026, 3, 31)
    )
    # deal 2 jumped from lead to proposal, then was lost: no cycle to measure
    assert paths[2] == DealPath(2, "lost", "emailing", 0, JAN_1, None, "proposal")
    stats = conversion_stats_from_groups(path_groups(paths.values()))
    assert stats == conversion_stats(DEALS, HISTORY)


def test_no_deal_no_path() -> None:
    assert deal_paths([], HISTORY) == []  # the history of unknown deals is left out
    assert conversion_stats_from_groups(path_groups([])) == conversion_stats([], [])


@settings(max_examples=300, deadline=None)
@given(deals_and_histories(), PROBABILITIES, st.sampled_from([0.5, 2.0, 7.0]))
def test_paths_give_the_same_stats_as_the_history(data, probabilities, strength) -> None:
    deals, history = data
    expected = conversion_stats(deals, history, probabilities, strength, alpha=0.5, beta=2.0)
    paths = deal_paths(deals, history)
    groups = path_groups(paths)
    assert conversion_stats_from_groups(groups, probabilities, strength, 0.5, 2.0) == expected


# --- the SQL aggregation ---------------------------------------------------------------------


def _write(store: Store, deals: list[DealFacts], history: list[StageChange]) -> None:
    from pipeline_tui.store.models import Client, Deal, DealStageChange

    now = datetime.now(UTC)
    with store.connection() as conn:
        conn.execute(sa.delete(DealStageChange.__table__))
        conn.execute(sa.delete(Deal.__table__))
        if not conn.execute(sa.select(Client.id).where(Client.id == 1)).first():
            conn.execute(
                sa.insert(Client.__table__), [{"id": 1, "name": "Acme", "created_at": now}]
            )
        if deals:
            conn.execute(
                sa.insert(Deal.__table__),
                [
                    {
                        "id": d.id,
                        "client_id": 1,
                        "title": f"deal {d.id}",
                        "stage": d.stage,
                        "monthly_value_cents": d.monthly_value_cents,
                        "channel": d.channel,
                        "created_on": d.created_on,
                        "closed_on": d.closed_on,
                        "created_at": now,
                    }
                    for d in deals
                ],
            )
        if history:
            conn.execute(
                sa.insert(DealStageChange.__table__),
                [
                    {
                        "deal_id": c.deal_id,
                        "from_stage": c.from_stage,
                        "to_stage": c.to_stage,
                        "changed_on": c.changed_on,
                        "created_at": now,
                    }
                    for c in history
                ],
            )
        refresh_deals(conn)  # rows written by hand: their summaries, as every bulk writer does


def _sql_paths(store: Store) -> list[DealPath]:
    with store.read() as q:
        return deal_queries.deal_paths(q)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(deals_and_histories(unknown_stages=False), st.integers(0, 420), PROBABILITIES)
def test_the_pipeline_by_day_gives_the_full_history_trend(
    store: Store, data, offset: int, probabilities: dict[str, int]
) -> None:
    """The trends count in SQL, per day, only the deals that can move from their first day on;
    each day weighs what every deal and every change give (``StageTimeline``), and so does its
    recurring part (the review's trend)."""
    deals, history = data
    _write(store, deals, history)
    days = [JAN_1 + timedelta(days=offset + 7 * week) for week in range(8)]
    with store.read() as q:
        all_deals, all_history = deal_queries.deal_facts(q), deal_queries.stage_history(q)
        by_day = pipeline_by_day(q, days)
    expected = _series(StageTimeline(all_deals, all_history), days, probabilities)
    assert [weighted_pipeline_cents(groups, probabilities) for groups in by_day] == expected
    recurring = [d for d in all_deals if d.recurring and d.renewal_of_mission_id is None]
    expected = _series(StageTimeline(recurring, all_history), days, probabilities)
    assert [recurring_pipeline_cents(groups, probabilities) for groups in by_day] == expected


def test_the_pipeline_by_day_on_the_demo(store: Store, today: date) -> None:
    """On the demo (renewals, one-offs, overrides, deals without history) the SQL count agrees
    with the timeline of every deal and change, and the trend is not flat."""
    from pipeline_tui.demo import build_demo

    build_demo(store, today=today, seed=3)
    days = [today - timedelta(weeks=back) for back in range(7, -1, -1)]
    with store.read() as q:
        every = deal_queries.deal_facts(q), deal_queries.stage_history(q)
        by_day = pipeline_by_day(q, days)
    full = _series(StageTimeline(*every), days)
    assert [weighted_pipeline_cents(groups) for groups in by_day] == full
    assert len(set(full)) > 1
    recurring = [d for d in every[0] if d.recurring and d.renewal_of_mission_id is None]
    assert len(recurring) < len(every[0])  # the demo has one-offs and renewals to leave out
    expected = _series(StageTimeline(recurring, every[1]), days)
    assert [recurring_pipeline_cents(groups) for groups in by_day] == expected


def test_sql_paths_on_the_demo(store: Store, today: date) -> None:
    from pipeline_tui.demo import build_demo

    build_demo(store, today=today, seed=3)
    with store.read() as q:
        deals, history = deal_queries.deal_facts(q), deal_queries.stage_history(q)
        paths = deal_queries.deal_paths(q)
        groups = deal_queries.deal_path_counts(q)
    assert paths == deal_paths(deals, history)
    assert len(groups) == len(set(groups)) == len(path_groups(paths))
    assert set(groups) == set(path_groups(paths))
    assert conversion_stats_from_groups(groups) == conversion_stats(deals, history)
