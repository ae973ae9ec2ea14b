"""The demo database: realistic, complete, one transaction, deterministic, relative to today."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from pipeline_tui import demo as demo_module
from pipeline_tui.config import Config
from pipeline_tui.demo import DemoSummary, build_demo
from pipeline_tui.domain.vocabulary import CHANNELS, END_REASONS, OPEN_STAGES, STAGES
from pipeline_tui.errors import InvalidInput
from pipeline_tui.store.database import Store, open_store
from pipeline_tui.store.models import (
    ALL_TABLES,
    Activity,
    Cadence,
    Client,
    Contact,
    Deal,
    DealStageChange,
    Mission,
    Offboarding,
    OffboardingItem,
    Sequence,
    SequenceEnrollment,
    SequenceStep,
    Signal,
    Survey,
)

TODAY = date(2026, 11, 26)


def _open(path: Path, today: date = TODAY) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=today))


def _build(
    path: Path, *, today: date = TODAY, seed: int = 42, scale: str = "small"
) -> tuple[Store, DemoSummary]:
    store = _open(path, today)
    return store, build_demo(store, today=today, seed=seed, scale=scale)


def _all(store: Store, query: sa.Executable) -> list[sa.Row]:
    with store.connection() as conn:
        return list(conn.execute(query).all())


def _count(store: Store, model: type) -> int:
    return _all(store, sa.select(sa.func.count()).select_from(model.__table__))[0][0]


def _dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key."""
    dump = {}
    with store.connection() as conn:
        for model in ALL_TABLES:
            table = model.__table__
            query = sa.select(table).order_by(*table.primary_key.columns)
            dump[table.name] = [tuple(row) for row in conn.execute(query)]
    return dump


def _open_due_offsets(store: Store, today: date) -> Counter[str]:
    rows = _all(store, sa.select(Activity.due_on).where(Activity.done_on.is_(None)))
    return Counter(
        "overdue" if due < today else "today" if due == today else "upcoming" for (due,) in rows
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store, summary = _build(tmp_path_factory.mktemp("demo") / "d.db")
    yield store, summary
    store.close()


@pytest.fixture(scope="module")
def store(demo: tuple[Store, DemoSummary]) -> Store:
    """Here ``store`` is the small demo, built once for the module (tests only read it)."""
    return demo[0]


@pytest.fixture(scope="module")
def summary(demo: tuple[Store, DemoSummary]) -> DemoSummary:
    return demo[1]


# --- what the small demo holds -----------------------------------------------------------------


def test_the_summary_counts_what_was_written(store: Store, summary: DemoSummary) -> None:
    for field, model in (
        ("clients", Client),
        ("contacts", Contact),
        ("missions", Mission),
        ("deals", Deal),
        ("stage_changes", DealStageChange),
        ("activities", Activity),
        ("signals", Signal),
        ("surveys", Survey),
        ("cadences", Cadence),
        ("sequences", Sequence),
        ("sequence_steps", SequenceStep),
        ("enrollments", SequenceEnrollment),
        ("offboardings", Offboarding),
        ("offboarding_items", OffboardingItem),
    ):
        assert getattr(summary, field) == _count(store, model), field


def test_the_counts_are_those_of_a_freelancer(summary: DemoSummary) -> None:
    assert 7 <= summary.clients <= 10
    assert 15 <= summary.deals <= 40
    assert 200 <= summary.activities <= 1000
    assert summary.signals >= 5
    assert summary.surveys >= 4
    assert summary.cadences == 4
    assert summary.sequences == 1
    assert summary.sequence_steps == 4
    assert summary.offboardings == 1


def test_clients_have_one_to_three_contacts_at_example_domains(store: Store) -> None:
    per_client = Counter(cid for (cid,) in _all(store, sa.select(Contact.client_id)))
    assert set(per_client) == {cid for (cid,) in _all(store, sa.select(Client.id))}
    assert all(1 <= n <= 3 for n in per_client.values())
    for email, phone, url in _all(
        store, sa.select(Contact.email, Contact.phone, Contact.profile_url)
    ):
        assert email.endswith(".example")
        assert phone.startswith("+33 6 ")
        assert url.startswith("https://www.linkedin.com/in/")
    websites = [w for (w,) in _all(store, sa.select(Client.website))]
    assert all(w.startswith("https://www.") and w.endswith(".example") for w in websites)


def test_three_or_four_active_missions_with_one_pricing_each(store: Store) -> None:
    active = _all(store, sa.select(Mission).where(Mission.status == "active"))
    assert 3 <= len(active) <= 4
    for mission in active:
        assert mission.start_on < TODAY - timedelta(days=30)
        assert mission.planned_end_on is None or mission.planned_end_on > TODAY
        assert mission.actual_end_on is None
        if mission.fixed_monthly_cents is None:
            assert 50_000 <= mission.day_rate_cents <= 80_000
            assert mission.days_per_month > 0
        else:
            assert mission.day_rate_cents is None and mission.days_per_month is None


def test_the_pipeline_does_not_cover_losing_the_largest_client(store: Store) -> None:
    """DESIGN.md's story: the retailer carrying half the revenue is at risk, and the weighted
    pipeline would not replace it ("covered at 80 %")."""
    from pipeline_tui.services.numbers import compute_numbers

    numbers = compute_numbers(store, TODAY)
    assert numbers.largest_client is not None
    assert numbers.clients[0].client_id == numbers.largest_client.client_id  # most at risk
    assert 0.5 < numbers.worst_loss_coverage < 1
    assert 5 <= numbers.open_deal_count <= 12


def test_deals_cover_every_stage_and_every_channel(store: Store) -> None:
    deals = _all(store, sa.select(Deal))
    assert {d.stage for d in deals} == set(STAGES)
    assert {d.channel for d in deals} == set(CHANNELS)
    assert sum(d.probability is not None for d in deals) >= 2
    for deal in deals:
        assert 100_000 <= deal.monthly_value_cents <= 1_500_000
        assert 3 <= deal.duration_months <= 12
        assert (deal.lost_reason is not None) == (deal.stage == "lost")
        if deal.stage in OPEN_STAGES:
            assert deal.closed_on is None
            assert deal.expected_close_on > TODAY
        else:
            assert deal.closed_on is not None and deal.closed_on <= TODAY


def test_every_deal_has_a_consistent_stage_history(store: Store) -> None:
    deals = {d.id: d for d in _all(store, sa.select(Deal))}
    history: dict[int, list] = {deal_id: [] for deal_id in deals}
    query = sa.select(DealStageChange).order_by(DealStageChange.deal_id, DealStageChange.id)
    for change in _all(store, query):
        history[change.deal_id].append(change)
    for deal_id, deal in deals.items():
        changes = history[deal_id]
        assert changes, deal.title
        assert (changes[0].from_stage, changes[0].to_stage) == (None, "lead")
        assert changes[0].changed_on == deal.created_on
        for before, after in itertools.pairwise(changes):
            assert after.from_stage == before.to_stage
            assert STAGES.index(after.to_stage) > STAGES.index(before.to_stage)
            assert before.changed_on <= after.changed_on
        assert changes[-1].to_stage == deal.stage
        assert changes[-1].changed_on <= TODAY
        if deal.closed_on is not None:
            assert changes[-1].changed_on == deal.closed_on


def test_the_activities_of_a_deal_fall_within_its_life(store: Store) -> None:
    rows = _all(
        store,
        sa.select(Activity.due_on, Activity.done_on, Deal.created_on, Deal.closed_on).join(
            Deal, Deal.id == Activity.deal_id
        ),
    )
    assert len(rows) > 50
    for due, done, created, closed in rows:
        assert created <= due and (done is None or created <= done)
        assert closed is None or (done is not None and done <= closed)


def test_open_activities_are_due_today_overdue_and_upcoming(store: Store) -> None:
    offsets = _open_due_offsets(store, TODAY)
    assert offsets["today"] >= 2
    assert offsets["overdue"] >= 2
    assert offsets["upcoming"] >= 5
    open_dues = _all(store, sa.select(Activity.due_on).where(Activity.done_on.is_(None)))
    assert all(TODAY - timedelta(10) <= due <= TODAY + timedelta(14) for (due,) in open_dues)
    done = _all(
        store, sa.select(Activity.done_on, Activity.due_on).where(Activity.done_on.isnot(None))
    )
    assert len(done) > 5 * len(open_dues)
    assert all(due is not None and due <= d <= TODAY for d, due in done)
    recent = [d for d, _ in done if d >= TODAY - timedelta(183)]
    assert len(recent) >= 0.9 * len(done)


def test_the_opted_out_contact_is_never_scheduled(store: Store) -> None:
    opted_out = _all(store, sa.select(Contact).where(Contact.do_not_contact))
    assert len(opted_out) == 1
    contact = opted_out[0]
    assert contact.do_not_contact_on is not None and contact.do_not_contact_on < TODAY
    scheduled = _all(
        store,
        sa.select(Activity.id).where(
            Activity.contact_id == contact.id,
            sa.or_(Activity.done_on.is_(None), Activity.done_on >= contact.do_not_contact_on),
        ),
    )
    assert scheduled == []
    open_deals = _all(
        store,
        sa.select(Deal.id).where(Deal.contact_id == contact.id, Deal.stage.in_(OPEN_STAGES)),
    )
    assert open_deals == []


def test_some_open_deals_are_rotting(store: Store) -> None:
    last_touch = (
        sa.select(
            Activity.deal_id, sa.func.max(sa.func.coalesce(Activity.done_on, Activity.due_on))
        )
        .group_by(Activity.deal_id)
        .subquery()
    )
    rows = _all(
        store,
        sa.select(Deal.id, last_touch.c[1])
        .join(last_touch, last_touch.c.deal_id == Deal.id, isouter=True)
        .where(Deal.stage.in_(OPEN_STAGES)),
    )
    rotting = [deal_id for deal_id, last in rows if last is None or last < TODAY - timedelta(14)]
    assert 1 <= len(rotting) <= 4


def test_one_former_client_ended_early_with_its_offboarding(
    store: Store, summary: DemoSummary
) -> None:
    ended = _all(store, sa.select(Mission).where(Mission.status == "ended_early"))
    assert len(ended) == 1
    mission = ended[0]
    assert mission.end_reason in END_REASONS and mission.end_note
    assert TODAY - timedelta(60) <= mission.actual_end_on < TODAY
    (name,) = _all(store, sa.select(Client.name).where(Client.id == mission.client_id))[0]
    assert name == summary.former_client
    offboarding = _all(store, sa.select(Offboarding).where(Offboarding.mission_id == mission.id))[0]
    assert offboarding.end_on == mission.actual_end_on
    assert offboarding.reason == mission.end_reason
    items = _all(store, sa.select(OffboardingItem).order_by(OffboardingItem.position))
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert {"transition_plan", "handover", "exit_survey", "final_invoice"} <= {i.key for i in items}
    assert any(i.done_on for i in items) and any(i.done_on is None for i in items)
    assert all(i.done_on is None or i.done_on <= TODAY for i in items)
    kinds = _all(store, sa.select(Survey.kind).where(Survey.client_id == mission.client_id))
    assert ("exit",) in kinds


def test_one_active_client_is_clearly_at_risk(store: Store, summary: DemoSummary) -> None:
    clients = {name: cid for cid, name in _all(store, sa.select(Client.id, Client.name))}
    at_risk = clients[summary.at_risk_client]
    recent = _all(
        store,
        sa.select(Signal.client_id, Signal.kind).where(Signal.occurred_on >= TODAY - timedelta(60)),
    )
    mine = Counter(kind for cid, kind in recent if cid == at_risk)
    assert mine["scope_creep"] >= 3
    assert mine["change_refused"] >= 1 and mine["competitor"] >= 1
    surveys = _all(
        store,
        sa.select(Survey.scale, Survey.score)
        .where(Survey.client_id == at_risk, Survey.answered_on.isnot(None))
        .order_by(Survey.answered_on.desc()),
    )
    assert surveys[0] == ("csat", 2)
    missions = _all(store, sa.select(Mission).where(Mission.status == "active"))
    revenue = {
        m.client_id: m.fixed_monthly_cents or m.day_rate_cents * m.days_per_month for m in missions
    }
    assert revenue[at_risk] / sum(revenue.values()) > 0.40
    (mission,) = [m for m in missions if m.client_id == at_risk]
    assert TODAY < mission.planned_end_on <= TODAY + timedelta(45)
    # The other active clients are happy and quiet.
    for cid in set(revenue) - {at_risk}:
        assert all(cid != other for other, kind in recent if kind != "note")
        scores = _all(
            store,
            sa.select(Survey.scale, Survey.score).where(
                Survey.client_id == cid, Survey.score.isnot(None)
            ),
        )
        assert scores
        assert all(s >= (4 if scale == "csat" else 8) for scale, s in scores)


def test_the_plan_and_the_follow_up_sequence(store: Store) -> None:
    cadences = {(c.channel, c.count, c.rrule) for c in _all(store, sa.select(Cadence))}
    assert cadences == {
        ("emailing", 10, "FREQ=WEEKLY;BYDAY=MO"),
        ("phone", 5, "FREQ=WEEKLY;BYDAY=MO"),
        ("social", 3, "FREQ=WEEKLY;BYDAY=MO"),
        ("event", 1, "FREQ=MONTHLY;BYMONTHDAY=1"),
    }
    (sequence,) = _all(store, sa.select(Sequence))
    assert sequence.name == "Relance standard" and sequence.skip_weekends
    steps = _all(store, sa.select(SequenceStep).order_by(SequenceStep.position))
    assert [(s.position, s.day_offset, s.kind) for s in steps] == [
        (1, 0, "email"),
        (2, 3, "call"),
        (3, 7, "email"),
        (4, 14, "social"),
    ]
    (enrollment,) = _all(store, sa.select(SequenceEnrollment))
    (stage,) = _all(store, sa.select(Deal.stage).where(Deal.id == enrollment.deal_id))[0]
    assert stage == "lead"
    linked = _all(store, sa.select(Activity).where(Activity.enrollment_id == enrollment.id))
    assert len(linked) == 4
    assert all(a.due_on.weekday() < 5 for a in linked)
    assert any(a.done_on is None for a in linked)


def test_rows_load_through_the_models_with_utc_stamps(store: Store) -> None:
    with store.session() as session:
        deals = session.exec(select(Deal)).all()
        activities = session.exec(select(Activity).limit(50)).all()
    assert deals and activities
    for row in [*deals, *activities]:
        assert row.created_at.tzinfo is not None
        assert row.created_at.utcoffset() == timedelta(0)
        assert row.created_at.date() <= TODAY
    assert all(d.created_at.astimezone(UTC).date() == d.created_on for d in deals)


# --- determinism and today ----------------------------------------------------------------------


def test_same_seed_and_today_give_identical_rows(tmp_path: Path) -> None:
    first, _ = _build(tmp_path / "a.db")
    second, _ = _build(tmp_path / "b.db")
    try:
        assert _dump(first) == _dump(second)
    finally:
        first.close()
        second.close()


def test_another_seed_gives_other_data(tmp_path: Path, store: Store) -> None:
    other, summary = _build(tmp_path / "other.db", seed=7)
    try:
        assert summary.at_risk_client == "Maison Verlaine Distribution"
        assert _dump(other) != _dump(store)
    finally:
        other.close()


def test_another_today_shifts_every_date_by_the_same_amount(tmp_path: Path, store: Store) -> None:
    later = TODAY + timedelta(days=10)
    shifted, _ = _build(tmp_path / "later.db", today=later)
    try:
        assert _open_due_offsets(shifted, later) == _open_due_offsets(store, TODAY)
        for model in (Client, Contact, Mission, Deal, DealStageChange, Activity, Signal, Survey):
            assert _count(shifted, model) == _count(store, model), model.__name__

        def offsets(s: Store, today: date, query: sa.Select) -> list[tuple]:
            return [
                tuple(None if v is None else (v - today).days for v in row)
                for row in _all(s, query)
            ]

        for query in (
            sa.select(Deal.created_on, Deal.closed_on, Deal.expected_close_on).order_by(Deal.id),
            sa.select(DealStageChange.changed_on).order_by(DealStageChange.id),
            sa.select(Mission.start_on, Mission.planned_end_on, Mission.actual_end_on),
            sa.select(Signal.occurred_on).order_by(Signal.id),
            sa.select(Survey.sent_on, Survey.answered_on).order_by(Survey.id),
            # Open activities outside the sequence (which skips weekends) keep their offsets.
            sa.select(Activity.due_on)
            .where(Activity.done_on.is_(None), Activity.enrollment_id.is_(None))
            .order_by(Activity.id),
        ):
            assert offsets(shifted, later, query) == offsets(store, TODAY, query)
    finally:
        shifted.close()


# --- one transaction, and refusals --------------------------------------------------------------


def test_a_database_with_data_is_refused_and_left_alone(store: Store) -> None:
    before = _count(store, Activity)
    with pytest.raises(InvalidInput, match="the database is not empty"):
        build_demo(store, today=TODAY)
    assert _count(store, Activity) == before


def test_an_unknown_scale_is_refused(tmp_path: Path) -> None:
    store = _open(tmp_path / "d.db")
    try:
        with pytest.raises(InvalidInput, match="scale"):
            build_demo(store, today=TODAY, scale="huge")
    finally:
        store.close()


def test_a_failure_midway_leaves_the_database_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_insert = demo_module._insert

    def insert_then_fail(conn: sa.Connection, rows: object) -> None:
        real_insert(conn, rows)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo_module, "_insert", insert_then_fail)
    store = _open(tmp_path / "d.db")
    try:
        with pytest.raises(RuntimeError):
            build_demo(store, today=TODAY)
        for model in ALL_TABLES:
            assert _count(store, model) == 0, model.__name__
    finally:
        store.close()


# --- the large scale ----------------------------------------------------------------------------
# What it holds, not how long it takes: the time to build it is measured by benchmarks/run.py.


@pytest.mark.slow
def test_the_large_demo(tmp_path: Path) -> None:
    store = _open(tmp_path / "large.db")
    try:
        summary = build_demo(store, today=TODAY, scale="large")
        for field, expected, model in (
            ("clients", 1_000, Client),
            ("contacts", 2_000, Contact),
            ("missions", 1_000, Mission),
            ("deals", 10_000, Deal),
            ("activities", 100_000, Activity),
        ):
            n = getattr(summary, field)
            assert abs(n - expected) <= expected / 10, field
            assert _count(store, model) == n
        active = _all(
            store, sa.select(sa.func.count()).select_from(Mission).where(Mission.status == "active")
        )[0][0]
        assert 100 <= active <= 600
        assert summary.signals > 50 and summary.surveys > 50
        offsets = _open_due_offsets(store, TODAY)
        assert offsets["today"] + offsets["overdue"] >= 1_000
        assert offsets["upcoming"] >= 1_000
        opted_out_scheduled = _all(
            store,
            sa.select(sa.func.count())
            .select_from(Activity)
            .join(Contact, Contact.id == Activity.contact_id)
            .where(Contact.do_not_contact, Activity.done_on.is_(None)),
        )[0][0]
        assert opted_out_scheduled == 0
        stages = {s for (s,) in _all(store, sa.select(Deal.stage).distinct())}
        assert stages == set(STAGES)
    finally:
        store.close()


def test_a_factor_builds_the_large_world_that_many_times_over(tmp_path: Path) -> None:
    """The benchmarks' smoke test measures two small worlds (×0.02 and ×0.2) built this way."""
    store = _open(tmp_path / "tiny.db")
    try:
        summary = build_demo(store, today=TODAY, scale="large", factor=0.02)
        counts = (summary.clients, summary.contacts, summary.deals, summary.activities)
        assert counts == (20, 40, 200, 2_000)
        assert (_count(store, Client), _count(store, Deal), _count(store, Activity)) == (
            20,
            200,
            2_000,
        )
    finally:
        store.close()
