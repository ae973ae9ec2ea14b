"""Issue 16, acceptance 2: whatever sequence of writes the use-cases make, every deal's summary
columns equal a recomputation from its history.

Random sequences of writes through the services (a deal added, moved, won, lost, reopened,
edited, deleted; an activity added, done, undone, moved to another day or deal, deleted; a
contact opted out or deleted; a client deleted; a CSV import of deals and of activities; a JSON
export restored into a new database) are checked two ways: against ``db check``'s own
recomputation (``store.writes.summaries.drift``), and against a recomputation in plain Python
from the raw rows (``domain.conversion.deal_paths`` and the definitions of the columns), so
that the test does not trust the SQL it checks.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.conversion import DealPath, StageChange, deal_paths
from pipeline_tui.domain.pipeline import DealFacts
from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.errors import PipelineError
from pipeline_tui.services import activities, clients, deal_edits, deals
from pipeline_tui.services.transfer.csv_import import import_csv
from pipeline_tui.services.transfer.json_io import export_json, import_json
from pipeline_tui.store.database import Store
from pipeline_tui.store.writes.summaries import COLUMNS, drift
from tests.conftest import TODAY, _open

START = TODAY - timedelta(days=60)
DAYS = st.integers(0, 90).map(lambda n: START + timedelta(days=n))
STAGES = ("lead", "contacted", "meeting", "proposal", "negotiation", "won", "lost")


def _ids(store: Store, table: str) -> list[int]:
    with store.read() as q:
        return [row[0] for row in q.rows(f"SELECT id FROM {table} ORDER BY id")]


def _pick(data: st.DataObject, ids: list[int]) -> int | None:
    return data.draw(st.sampled_from(ids)) if ids else None


def _cycle(path: DealPath) -> int | None:
    """A won deal's cycle in days, as ``domain.conversion`` counts it (written out again)."""
    if path.stage != "won":
        return None
    end = path.won_on or path.closed_on
    if end is None:
        return None
    start = min(d for d in (path.first_on, path.created_on) if d)
    return max((end - start).days, 0)


def expected_summaries(store: Store) -> dict[int, tuple]:
    """Each deal's summary, recomputed in Python from the raw rows."""
    with store.read() as q:
        day = q.day
        deal_rows = q.rows("SELECT id, stage, channel, created_on, closed_on FROM deal")
        changes = [
            (cid, StageChange(deal_id, from_stage, to_stage, day(on)))
            for cid, deal_id, from_stage, to_stage, on in q.rows(
                "SELECT id, deal_id, from_stage, to_stage, changed_on FROM deal_stage_change"
            )
        ]
        done = q.rows("SELECT deal_id, done_on FROM activity WHERE done_on IS NOT NULL")
    facts = [
        DealFacts(i, 1, stage, 0, None, channel, day(created), closed and day(closed))
        for i, stage, channel, created, closed in deal_rows
    ]
    history = [c for _, c in changes]
    paths = {p.deal_id: p for p in deal_paths(facts, history)}
    expected = {}
    for deal in facts:
        mine = [(c.changed_on, cid, c) for cid, c in changes if c.deal_id == deal.id]
        dates = [on for on, _, _ in mine]
        wins = [on for on, _, c in mine if c.to_stage == "won"]
        last_done = [day(on) for deal_id, on in done if deal_id == deal.id]
        path = paths[deal.id]
        expected[deal.id] = (
            max(last_done, default=None),
            max(dates, default=None),
            min(dates, default=None),
            max(wins, default=None),
            max(mine, key=lambda m: (m[0], m[1]))[2].to_stage if mine else None,
            path.highest_open_stage,
            _cycle(
                path._replace(first_on=min(dates, default=None), won_on=max(wins, default=None))
            ),
        )
    return expected


def stored_summaries(store: Store) -> dict[int, tuple]:
    with store.read() as q:
        rows = q.rows(f"SELECT id, {', '.join(COLUMNS)} FROM deal")
        dates = {"last_done_on", "last_moved_on", "first_moved_on", "won_on"}
        return {
            row[0]: tuple(
                q.day(v) if name in dates and v is not None else v
                for name, v in zip(COLUMNS, row[1:], strict=True)
            )
            for row in rows
        }


def assert_exact(store: Store) -> None:
    with store.engine.connect() as conn:
        found = drift(conn)
    assert found.clean, found.lines()
    assert stored_summaries(store) == expected_summaries(store)


# --- the writes ---------------------------------------------------------------------------------


def _add_deal(store: Store, data: st.DataObject) -> None:
    client = _pick(data, _ids(store, "client"))
    if client is None:
        return
    stage = data.draw(st.sampled_from(("lead", "contacted", "proposal", "won")))
    deals.add_deal(
        store,
        client,
        f"Deal {data.draw(st.integers(0, 10**6))}",
        on=data.draw(DAYS),
        stage=stage,
        monthly_value_cents=100_000,
    )


def _move(store: Store, data: st.DataObject) -> None:
    deal = _pick(data, _ids(store, "deal"))
    if deal is None:
        return
    stage = data.draw(st.sampled_from(STAGES))
    reason = "price" if stage == "lost" else None
    deals.move_deal(store, deal, stage, on=data.draw(DAYS), lost_reason=reason)


def _reopen(store: Store, data: st.DataObject) -> None:
    deal = _pick(data, _ids(store, "deal"))
    if deal is not None:
        deal_edits.reopen_deal(
            store, deal, on=data.draw(DAYS), stage=data.draw(st.sampled_from((None, *OPEN_STAGES)))
        )


def _edit_deal(store: Store, data: st.DataObject) -> None:
    deal = _pick(data, _ids(store, "deal"))
    if deal is not None:
        deals.update_deal(
            store,
            deal,
            monthly_value_cents=data.draw(st.integers(0, 10**6)),
            channel=data.draw(st.sampled_from(("phone", "referral", "other"))),
        )


def _removing(table: str, remove: Callable[[Store, int], object]):
    """The write that deletes a row of ``table`` drawn at random, with ``remove``."""

    def write(store: Store, data: st.DataObject) -> None:
        row = _pick(data, _ids(store, table))
        if row is not None:
            remove(store, row)

    return write


def _add_activity(store: Store, data: st.DataObject) -> None:
    deal = _pick(data, _ids(store, "deal"))
    contact = _pick(data, _ids(store, "contact")) if deal is None else None
    if deal is None and contact is None:
        return
    done = data.draw(st.booleans())
    day = data.draw(DAYS)
    activities.add_activity(
        store,
        data.draw(st.sampled_from(("call", "email", "meeting"))),
        deal_id=deal,
        contact_id=contact,
        done_on=day if done else None,
        due_on=None if done else day,
    )


def _complete(store: Store, data: st.DataObject) -> None:
    activity = _pick(data, _ids(store, "activity"))
    if activity is not None:
        activities.complete_activity(store, activity, data.draw(DAYS), "ok")


def _edit_activity(store: Store, data: st.DataObject) -> None:
    """Undone, done another day, or moved to another deal."""
    activity = _pick(data, _ids(store, "activity"))
    if activity is None:
        return
    what = data.draw(st.sampled_from(("undone", "redate", "relink")))
    if what == "undone":
        activities.update_activity(store, activity, done_on=None, due_on=data.draw(DAYS))
    elif what == "redate":
        activities.update_activity(store, activity, done_on=data.draw(DAYS))
    else:
        activities.update_activity(store, activity, deal_id=_pick(data, _ids(store, "deal")))


def _opt_out_or_remove_contact(store: Store, data: st.DataObject) -> None:
    contact = _pick(data, _ids(store, "contact"))
    if contact is None:
        return
    if data.draw(st.booleans()):
        clients.set_do_not_contact(store, contact, data.draw(DAYS))
    else:
        clients.remove_contact(store, contact)


def _remove_client(store: Store, data: st.DataObject) -> None:
    client = _pick(data, _ids(store, "client"))
    if client is not None:
        clients.remove_client(store, client, TODAY, for_good=True)


def _import(store: Store, data: st.DataObject, folder: Path) -> None:
    """Deals, then done activities on them, from spreadsheets."""
    n = data.draw(st.integers(0, 10**6))
    stage = data.draw(st.sampled_from(("lead", "proposal", "won")))
    closed = data.draw(DAYS).isoformat() if stage == "won" else ""
    deals_csv = folder / f"deals-{n}.csv"
    deals_csv.write_text(
        "Title,Client,Monthly value,Stage,Created,Closed\n"
        f"Imported {n},Imported client {n},1000,{stage},{START.isoformat()},{closed}\n",
        encoding="utf-8",
    )
    import_csv(store, deals_csv, "deals", today=TODAY)
    done = data.draw(DAYS).isoformat()
    activities_csv = folder / f"activities-{n}.csv"
    activities_csv.write_text(
        f"Type,Subject,Done,Deal,Client\ncall,Point,{done},Imported {n},Imported client {n}\n",
        encoding="utf-8",
    )
    import_csv(store, activities_csv, "activities", today=TODAY)


WRITES = (
    _add_deal,
    _move,
    _reopen,
    _edit_deal,
    _removing("deal", deal_edits.remove_deal),
    _add_activity,
    _complete,
    _edit_activity,
    _removing("activity", activities.remove_activity),
    _opt_out_or_remove_contact,
    _remove_client,
)


def _seed(store: Store) -> None:
    for name in ("Acme", "Beta"):
        client = clients.add_client(store, name)
        clients.add_contact(store, f"Jean {name}", client_id=client.id)
        deals.add_deal(store, client.id, f"{name} refonte", on=START)


def _run(store: Store, data: st.DataObject, folder: Path, steps: int) -> None:
    for _ in range(steps):
        write = data.draw(st.sampled_from((*WRITES, "import")))
        try:
            if write == "import":
                _import(store, data, folder)
            else:
                write(store, data)
        except PipelineError:
            pass  # refused by the domain: nothing written, the summaries stay exact
        assert_exact(store)


@contextmanager
def fresh_store(backend: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[Store]:
    """An empty store of one example's own (hypothesis draws depend on what is stored)."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create(request.getfixturevalue("pg_empty_template"))
        store = server.open(name)
        try:
            yield store
        finally:
            store.close()
            server.drop(name)
        return
    store = _open(folder / f"{uuid.uuid4().hex}.db")
    try:
        yield store
    finally:
        store.close()


def _check_sequences(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, data: st.DataObject, steps: int
) -> None:
    with fresh_store(backend, request, tmp_path) as store:
        _seed(store)
        _run(store, data, tmp_path, steps)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@pytest.mark.sqlite_only("a few dozen sequences: the PostgreSQL run is the short test below")
def test_every_write_keeps_the_summaries_exact(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, data: st.DataObject
) -> None:
    _check_sequences(backend, request, tmp_path, data, steps=12)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_write_keeps_the_summaries_exact_short(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, data: st.DataObject
) -> None:
    """The same, a few sequences on each backend (PostgreSQL's dates and UPDATEs)."""
    _check_sequences(backend, request, tmp_path, data, steps=8)


def test_a_restored_export_recomputes_the_summaries(demo, tmp_path: Path) -> None:
    """A JSON export leaves the summaries out; the restore recomputes them."""
    text = export_json(demo.store, today=TODAY)
    assert "last_done_on" not in text
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    restored = _open(tmp_path / "restored.db")
    try:
        import_json(restored, path)
        assert_exact(restored)
        assert stored_summaries(restored) == stored_summaries(demo.store)
    finally:
        restored.close()


def test_the_demo_summaries_are_exact(demo) -> None:
    assert_exact(demo.store)
    with demo.store.read() as q:
        (n,) = q.rows("SELECT count(*) FROM deal WHERE last_moved_on IS NOT NULL")[0]
    assert n > 0
    assert isinstance(TODAY, date)


def test_undo_puts_the_summaries_back_with_the_rows(demo) -> None:
    """The refresh runs inside the session the undo journal watches: undoing a write puts the
    deal's summary back with its rows."""
    store = demo.store
    with store.read() as q:
        ((activity, deal),) = q.rows(
            "SELECT id, deal_id FROM activity WHERE deal_id IS NOT NULL AND done_on IS NULL"
            " ORDER BY id LIMIT 1"
        )
    before = stored_summaries(store)[deal]
    journal = store.start_journal()
    activities.complete_activity(store, activity, TODAY + timedelta(days=30), "ok")
    assert stored_summaries(store)[deal][0] == TODAY + timedelta(days=30)
    deals.move_deal(store, deal, "lost", on=TODAY + timedelta(days=30), lost_reason="price")
    assert_exact(store)
    journal.undo(store)
    journal.undo(store)
    assert stored_summaries(store)[deal] == before
    assert_exact(store)
