"""Which service functions wrote to which backend during the test run, so that the run fails
when a write service was exercised on SQLite only.

Every ``INSERT``, ``UPDATE`` or ``DELETE`` any engine sends is attributed to the public
functions of ``pipeline_tui.services`` on the Python stack at that moment, per dialect. At the
end of a complete run (the whole suite, no ``-k``/``-m``, with ``PIPELINE_TUI_TEST_PG_URL`` set),
each function seen writing on SQLite — anywhere: CLI, TUI, service tests — must also have been
seen writing on PostgreSQL, or the run fails and names the ones missing. Under pytest-xdist
each worker leaves its log in a folder the controller reads.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

SERVICES = "pipeline_tui.services."
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_written: dict[str, set[str]] = defaultdict(set)
_dir_key = pytest.StashKey[Path]()
_missing_key = pytest.StashKey[tuple[int, list[str]]]()
_enforced_key = pytest.StashKey[bool]()


def writers_on_stack() -> set[str]:
    """The public service functions on the calling thread's stack, as ``module.function``."""
    names = set()
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        code = frame.f_code
        if (
            module.startswith(SERVICES)
            and not code.co_name.startswith("_")
            and "<" not in code.co_qualname
        ):
            names.add(f"{module.removeprefix(SERVICES)}.{code.co_qualname}")
        frame = frame.f_back
    return names


def _record(conn, _cursor, statement: str, _parameters, _context, _executemany) -> None:
    if _WRITE.match(statement):
        _written[conn.dialect.name] |= writers_on_stack()


def written(dialect: str) -> set[str]:
    return set(_written[dialect])


def install() -> None:
    if not event.contains(Engine, "before_cursor_execute", _record):
        event.listen(Engine, "before_cursor_execute", _record)


def shared_dir(config: pytest.Config) -> Path:
    if _dir_key not in config.stash:
        config.stash[_dir_key] = Path(tempfile.mkdtemp(prefix="pipeline-write-log-"))
    return config.stash[_dir_key]


def _complete_run(session: pytest.Session) -> bool:
    config = session.config
    if config.getoption("keyword") or config.getoption("markexpr"):
        return False
    if session.shouldstop or session.shouldfail:
        return False
    root, tests = config.rootpath, config.rootpath / "tests"
    args = [Path(a).resolve() for a in config.args] or [tests]
    return all(a in (root, tests) for a in args)


def finish(session: pytest.Session) -> None:
    config = session.config
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:  # an xdist worker: leave the log for the controller
        folder = Path(workerinput["write_log_dir"])
        data = {dialect: sorted(names) for dialect, names in _written.items()}
        (folder / f"{workerinput['workerid']}.json").write_text(json.dumps(data))
        return
    logs = dict(_written)
    folder = config.stash.get(_dir_key, None)
    if folder is not None:
        for path in folder.glob("*.json"):
            for dialect, names in json.loads(path.read_text()).items():
                logs.setdefault(dialect, set()).update(names)
    on_sqlite, on_pg = logs.get("sqlite", set()), logs.get("postgresql", set())
    missing = sorted(on_sqlite - on_pg)
    config.stash[_missing_key] = (len(on_sqlite), missing)
    enforce = bool(os.environ.get("PIPELINE_TUI_TEST_PG_URL")) and _complete_run(session)
    if enforce and missing and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    config.stash[_enforced_key] = enforce


def report(terminalreporter, config: pytest.Config) -> None:
    if _missing_key not in config.stash:
        return
    total, missing = config.stash[_missing_key]
    if total == 0:
        return
    enforced = config.stash.get(_enforced_key, False)
    terminalreporter.section("write services on PostgreSQL")
    terminalreporter.write_line(
        f"{total - len(missing)} of the {total} service functions that wrote on SQLite "
        "also wrote on PostgreSQL"
    )
    if missing:
        verdict = "FAILED: " if enforced else "not checked (partial run or no server): "
        terminalreporter.write_line(verdict + "written on SQLite only: " + ", ".join(missing))
