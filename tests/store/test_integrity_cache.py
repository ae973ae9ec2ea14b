"""The "known good" cache of ``store.integrity``: the TUI, a CLI command and the reminder timer
may each remember a database at the same moment, and none may lose what another remembered
(a lost record costs a ``PRAGMA quick_check``: half a second on the large demo)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

from pipeline_tui.store import integrity

ROUNDS = 12
PROCESSES = 6


def _remember_in_rounds(folder: str, cache: str, me: int, barrier) -> None:
    os.environ["PIPELINE_TUI_CACHE_DIR"] = cache
    for round_ in range(ROUNDS):
        path = Path(folder) / f"{me}-{round_}.db"
        path.write_bytes(b"x" * (me + round_))
        barrier.wait()  # every process remembers its file at the same moment
        integrity.remember_good(path)


def test_databases_remembered_at_once_are_all_remembered(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PIPELINE_TUI_CACHE_DIR", str(cache))
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES, timeout=60)  # a process that fails frees the others
    workers = [
        context.Process(target=_remember_in_rounds, args=(str(tmp_path), str(cache), me, barrier))
        for me in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    forgotten = [
        f"{me}-{round_}"
        for me in range(PROCESSES)
        for round_ in range(ROUNDS)
        if not integrity.known_good(tmp_path / f"{me}-{round_}.db")
    ]
    assert forgotten == []


def test_a_changed_file_is_no_longer_known_good(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_CACHE_DIR", str(tmp_path / "cache"))
    one, other = tmp_path / "one.db", tmp_path / "other.db"
    one.write_bytes(b"sound")
    other.write_bytes(b"also sound")
    assert not integrity.known_good(one)
    integrity.remember_good(one)
    integrity.remember_good(other)
    assert integrity.known_good(one) and integrity.known_good(other)
    one.write_bytes(b"changed by someone else")
    assert not integrity.known_good(one)
    assert integrity.known_good(other)
    assert not integrity.known_good(tmp_path / "missing.db")


def test_an_unreadable_cache_costs_a_check_and_nothing_else(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PIPELINE_TUI_CACHE_DIR", str(cache))
    path = tmp_path / "p.db"
    path.write_bytes(b"sound")
    integrity.remember_good(path)
    for record in cache.rglob("*"):
        if record.is_file():
            record.write_text("{not json", encoding="utf-8")
    assert not integrity.known_good(path)
    integrity.remember_good(path)
    assert integrity.known_good(path)


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    cache.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("PIPELINE_TUI_CACHE_DIR", str(cache))
    path = tmp_path / "p.db"
    path.write_bytes(b"sound")
    integrity.remember_good(path)  # no error: the next open checks the file again
    assert not integrity.known_good(path)
