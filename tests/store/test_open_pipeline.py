"""The numbers read the open deals summed up in SQL (``deals.open_deal_groups``) and only the
rotting ones row by row (``deal_facts(idle_since=…)``): every figure they give is the one the
open deals give one by one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.losses import (
    Loss,
    coverage_by_date,
    recurring_pipeline_cents,
    renewal_probabilities,
)
from pipeline_tui.domain.pipeline import (
    average_group_monthly_cents,
    average_open_monthly_cents,
    idle_since,
    rotting_deals,
    weighted_pipeline_cents,
)
from pipeline_tui.domain.vocabulary import OPEN_STAGES, STAGES
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries import deals as deal_queries

TODAY = date(2026, 6, 1)
DAY = st.integers(-200, 120).map(lambda n: TODAY + timedelta(days=n))
PROBABILITIES = st.fixed_dictionaries(
    {}, optional={stage: st.integers(0, 100) for stage in OPEN_STAGES}
)
ROT_DAYS = st.fixed_dictionaries({}, optional={stage: st.integers(0, 60) for stage in OPEN_STAGES})

DEAL = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(STAGES),
        "monthly_value_cents": st.integers(0, 900_000),
        "probability": st.none() | st.integers(0, 100),
        "duration_months": st.none() | st.sampled_from([0.5, 1.0, 1.5, 3.0, 12.0]),
        "renewal_of_mission_id": st.none() | st.sampled_from([1, 2]),
        "expected_close_on": st.none() | DAY,
        "created_on": DAY,
        "last_done_on": st.none() | DAY,
        "last_moved_on": st.none() | DAY,
    }
)


def _write(store: Store, deals: list[dict]) -> None:
    from pipeline_tui.store.models import Client, Deal, Mission

    now = datetime.now(UTC)
    with store.connection() as conn:
        conn.execute(sa.delete(Deal.__table__))
        if not conn.execute(sa.select(Client.id).where(Client.id == 1)).first():
            conn.execute(sa.insert(Client.__table__), [{"id": 1, "name": "A", "created_at": now}])
            conn.execute(
                sa.insert(Mission.__table__),
                [
                    {
                        "id": i,
                        "client_id": 1,
                        "title": f"m{i}",
                        "start_on": TODAY,
                        "fixed_monthly_cents": 100_00,
                        "created_at": now,
                    }
                    for i in (1, 2)
                ],
            )
        if deals:
            rows = [
                {"client_id": 1, "title": f"deal {i}", "channel": "other", "created_at": now, **d}
                for i, d in enumerate(deals)
            ]
            conn.execute(sa.insert(Deal.__table__), rows)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(DEAL, max_size=25),
    PROBABILITIES,
    ROT_DAYS,
    st.lists(st.tuples(DAY, st.integers(1, 500_000)), max_size=4),
    st.none() | st.floats(0, 200),
)
def test_the_groups_and_the_rotting_read_give_what_every_open_deal_gives(
    store: Store, deals, probabilities, rot_days, ends, cycle_days
) -> None:
    _write(store, deals)
    with store.read() as q:
        every = deal_queries.deal_facts(q, open_only=True)
        groups = deal_queries.open_deal_groups(q)
        idle = deal_queries.deal_facts(q, idle_since=idle_since(TODAY, rot_days))
    assert sum(g.count for g in groups) == len(every)
    assert weighted_pipeline_cents(groups, probabilities) == weighted_pipeline_cents(
        every, probabilities
    )
    assert recurring_pipeline_cents(groups, probabilities) == recurring_pipeline_cents(
        every, probabilities
    )
    assert renewal_probabilities(groups, probabilities) == renewal_probabilities(
        every, probabilities
    )
    assert average_group_monthly_cents(groups) == average_open_monthly_cents(every)
    losses = [Loss(1, None, value, max(day, TODAY), early=True) for day, value in ends]
    assert coverage_by_date(losses, groups, TODAY, cycle_days, probabilities) == coverage_by_date(
        losses, every, TODAY, cycle_days, probabilities
    )
    assert rotting_deals(idle, TODAY, rot_days) == rotting_deals(every, TODAY, rot_days)
