"""Fixtures shared by every test layer: a fixed today, an empty store (a copy of one migrated
once per run), the CLI runner, the small demo database (seed 42, today = TODAY) built once per run
and copied for tests that write, and the PostgreSQL server the store's other dialect is tested on
(``pg_server``).
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from hypothesis import settings as hypothesis_settings

from pipeline_tui.config import Config
from pipeline_tui.demo import DemoSummary, build_demo
from pipeline_tui.i18n import set_language
from pipeline_tui.store.database import Store, open_store
from tests import write_log

# The cache of files known sound (``store.integrity``) stays out of the user's folders.
os.environ.setdefault("PIPELINE_TUI_CACHE_DIR", tempfile.mkdtemp(prefix="pipeline-tui-cache-"))
# The tests speak English whatever the machine's language; a test that wants French says so
# (``--lang fr``, ``LANG=fr_FR.UTF-8`` for a process, or ``using_language("fr")``).
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

if TYPE_CHECKING:
    from tests.helpers import Demo

TODAY = date(2026, 11, 26)
PG_URL_ENV = "PIPELINE_TUI_TEST_PG_URL"

# A busy machine makes any example slow: hypothesis judges the examples, never the clock.
hypothesis_settings.register_profile("pipeline-tui", deadline=None)
hypothesis_settings.load_profile("pipeline-tui")


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switched the language does not leave it switched for the next one."""
    yield
    set_language("en")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds a large database (seconds, not milliseconds)")
    config.addinivalue_line(
        "markers", "longest: runs for a minute or more (started before every other test)"
    )
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): reads the SQLite file itself, so the test runs on SQLite only",
    )
    write_log.install()


def _long_first(item: pytest.Item) -> int:
    """0 for the tests marked ``longest`` (a minute or more), 1 for the others that take seconds
    (the Pilot tests, the large builds), 2 for the rest."""
    if item.get_closest_marker("longest") is not None:
        return 0
    slow = item.get_closest_marker("slow") is not None or "tests/tui/" in item.nodeid
    return 1 if slow or "benchmarks" in item.nodeid else 2


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long tests first: spread over the workers (``-n auto --dist worksteal``), a long test
    started last would run alone at the end while the other core waits. A worker that runs out
    of tests takes the second half of what another has not started yet, so the longest of all
    go first of all: the Pilot test of over a minute, last of the Pilot tests by name, was
    otherwise among the last to start."""
    items.sort(key=_long_first)  # stable: the order within each group stays


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """pytest-xdist: every worker writes down what it wrote where the controller reads it."""
    node.workerinput["write_log_dir"] = str(write_log.shared_dir(node.config))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    write_log.finish(session)
    _collect_before_leaving()


def _collect_before_leaving() -> None:
    """Once the run is over, pytest collects the garbage five times, so that what a finalizer
    raised is still reported (``_pytest.unraisableexception``). On an xdist worker that comes
    after the worker told the controller it had finished; the controller then asks it to end,
    and execnet gives it 5 s before it sends itself SIGINT (10 s before the controller kills
    it). On a loaded machine five full collections of a worker's heap took longer: the
    KeyboardInterrupt landed in hypothesis's gc callback, the first Python code a collection
    runs, and ended the CI log with "Exception ignored in: <function gc_callback …>
    KeyboardInterrupt". Here, before the worker says it has finished, the same collections run
    (finalizers and all), then what survives them is frozen: pytest's five collections only
    look at what is newer."""
    for _ in range(5):
        gc.collect()
    gc.freeze()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    write_log.report(terminalreporter, config)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pipeline.db"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database brought to the newest schema by ``open_store`` (Alembic's migrations, about
    a second on a busy machine) once per run, WAL checkpointed, store closed: the file the empty
    stores are copies of (``open_empty``). Read it, never write it."""
    path = tmp_path_factory.mktemp("empty-template") / "empty.db"
    _close_whole(_open(path))
    return path


def open_empty(template: Path, path: Path) -> Store:
    """An empty store at ``path`` (which must not exist yet): a copy of ``template`` (the file
    and its mode, 0600 as ``open_store`` made it), opened as any file at the newest schema."""
    shutil.copy(template, path)
    return _open(path)


@pytest.fixture
def store(empty_template: Path, db_path: Path) -> Iterator[Store]:
    """An empty store at ``db_path``: a copy of a database that ``open_store`` created and
    migrated (``empty_template``), rather than a migration per test."""
    store = open_empty(empty_template, db_path)
    yield store
    store.close()


@pytest.fixture
def cli_run():
    """Run the CLI in-process, the way a user types it; returns click's Result."""
    from pipeline_tui.cli import cli

    def run(*args: str, env: dict[str, str] | None = None):
        runner = CliRunner()
        return runner.invoke(cli, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def renewed_first_db(cli_run, tmp_path: Path) -> Path:
    """Two missions end on 15 Jan 2027, within the horizon: Alpha's, renewed by a deal at 100 %
    (it loses nothing), and Beta's, with no renewal; Gamma runs on and has an open recurring
    deal. Beta is the one who leaves that day, though Alpha's loss comes first in the list."""
    db = str(tmp_path / "renewed.db")
    steps = [
        ("client", "add", "Alpha"),
        ("client", "add", "Beta"),
        ("client", "add", "Gamma"),
        ("mission", "add", "Alpha", "Run A", "--start", "2026-01-01", "--end", "2027-01-15"),
        ("mission", "add", "Beta", "Run B", "--start", "2026-01-01", "--end", "2027-01-15"),
        ("mission", "add", "Gamma", "Run G", "--start", "2026-01-01", "--end", "2027-06-15"),
    ]
    for args in steps:
        monthly = ("--monthly", "5000") if args[:2] == ("mission", "add") else ()
        result = cli_run("--db", db, "--today", TODAY.isoformat(), *args, *monthly)
        assert result.exit_code == 0, result.output
    for args in [
        ("Alpha", "Renew A", "--probability", "100", "--renewal-of", "Run A"),
        ("Gamma", "New G", "--stage", "proposal", "--close-on", "2026-12-30"),
    ]:
        result = cli_run(
            "--db", db, "--today", TODAY.isoformat(), "deal", "add", *args, "--value", "5000",
            "--months", "6",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    return Path(db)


# --- the small demo ------------------------------------------------------------------------------


class BuiltDemo(NamedTuple):
    path: Path
    summary: DemoSummary


def _open(path: Path) -> Store:
    return open_store(Config(db_url=f"sqlite:///{path}", today=TODAY))


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> BuiltDemo:
    """``build_demo(today=TODAY, seed=42)`` once per run (the same rows as ``pipeline-tui --db X
    --today 2026-11-26 demo --no-open``), WAL checkpointed, store closed; and what it wrote."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    store = _open(path)
    summary = build_demo(store, today=TODAY, seed=42)
    _close_whole(store)
    return BuiltDemo(path, summary)


def _close_whole(store: Store) -> None:
    """Close ``store`` with everything in its main file (the WAL checkpointed): a template
    that ``shutil.copy`` copies whole."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


@pytest.fixture(scope="session")
def demo_template(demo_built: BuiltDemo) -> Path:
    """The demo file shared by the whole run: read it, never write it (copy it: ``demo_db``)."""
    return demo_built.path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo file, for tests that write."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_db: Path) -> Iterator[Store]:
    """An open store on a private copy of the demo; closed at teardown."""
    store = _open(demo_db)
    yield store
    store.close()


@pytest.fixture
def demo(demo_built: BuiltDemo, db_path: Path, today: date) -> Iterator[Demo]:
    """The small demo in a store of the test's own at ``db_path`` (the offboarding story): a copy
    of the template, with the summary ``build_demo`` returned when it was built. It is written at
    ``db_path``, so use ``demo.store``, not the ``store`` fixture, alongside it."""
    from tests.helpers import Demo

    shutil.copy(demo_built.path, db_path)
    store = _open(db_path)
    yield Demo(store, store.config, demo_built.summary, today)
    store.close()


# --- PostgreSQL ----------------------------------------------------------------------------------


def pg_required() -> bool:
    """On CI a missing server fails the run instead of skipping its tests."""
    return os.environ.get("CI", "").lower() == "true"


def _no_server(why: str) -> None:
    if pg_required():
        pytest.fail(f"CI=true but PostgreSQL cannot be used: {why}", pytrace=False)
    pytest.skip(f"PostgreSQL tests skipped: {why}")


class PgServer:
    """The server named by ``PIPELINE_TUI_TEST_PG_URL``: each test gets a database of its own,
    copied from a template (``CREATE DATABASE … TEMPLATE``), and dropped after the test."""

    def __init__(self, url: str) -> None:
        self.url = sa.engine.make_url(url)
        self.admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
        self.prefix = f"pipeline_test_{uuid.uuid4().hex[:8]}"
        self._count = 0

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        self._count += 1
        name = f"{self.prefix}_{self._count}"
        with self.admin.connect() as conn:
            copy = f' TEMPLATE "{template}"' if template else ""
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def open(self, name: str) -> Store:
        return open_store(Config(db_url=self.url_of(name), today=TODAY))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The test server, or a skip with the reason (a failure with ``CI=true``)."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        _no_server(f"set {PG_URL_ENV}, e.g. postgresql+psycopg://postgres@/postgres?host=/tmp")
    try:
        server = PgServer(url)  # type: ignore[arg-type]
        with server.admin.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except ModuleNotFoundError as exc:
        _no_server(f"{exc}; install the driver: pip install -e '.[dev,postgres]'")
    except sa.exc.SQLAlchemyError as exc:
        _no_server(f"cannot connect to {PG_URL_ENV}: {exc.__class__.__name__}: {exc}")
    yield server
    server.admin.dispose()


@pytest.fixture(scope="session")
def pg_empty_template(pg_server: PgServer) -> Iterator[str]:
    """A database at the newest schema, migrated once per run; tests copy it, never open it."""
    name = pg_server.create()
    pg_server.open(name).close()
    yield name
    pg_server.drop(name)


@pytest.fixture(scope="session")
def pg_demo_template(
    pg_server: PgServer, pg_empty_template: str
) -> Iterator[tuple[str, DemoSummary]]:
    """The small demo (seed 42, TODAY) built once per run on PostgreSQL, to be copied."""
    name = pg_server.create(pg_empty_template)
    store = pg_server.open(name)
    summary = build_demo(store, today=TODAY, seed=42)
    store.close()
    yield name, summary
    pg_server.drop(name)


@pytest.fixture
def pg_store(pg_server: PgServer, pg_empty_template: str) -> Iterator[Store]:
    """An empty store in a PostgreSQL database of the test's own, dropped at teardown."""
    name = pg_server.create(pg_empty_template)
    store = pg_server.open(name)
    yield store
    store.close()
    pg_server.drop(name)


@pytest.fixture
def pg_demo_store(pg_server: PgServer, pg_demo_template) -> Iterator[Store]:
    """A private copy of the small demo on PostgreSQL, dropped at teardown."""
    name = pg_server.create(pg_demo_template[0])
    store = pg_server.open(name)
    yield store
    store.close()
    pg_server.drop(name)
