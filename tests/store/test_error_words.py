"""Driver errors worded for what the user can do: a full disk, a read-only folder (issue 20,
point 10)."""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from pipeline_tui.store import errors
from pipeline_tui.store.errors import describe_db_error

Usage = namedtuple("Usage", "total used free")


def test_a_full_disk_is_said(monkeypatch, tmp_path: Path) -> None:
    where = str(tmp_path / "p.db")
    full = describe_db_error(sqlite3.OperationalError("database or disk is full"), where)
    assert "is full: free some space" in str(full)
    monkeypatch.setattr(errors.shutil, "disk_usage", lambda _: Usage(10, 10, 0))
    io = describe_db_error(sqlite3.OperationalError("disk I/O error"), where)
    assert "is full" in str(io)
    monkeypatch.setattr(errors.shutil, "disk_usage", lambda _: Usage(10**9, 0, 10**9))
    assert "is full" not in str(
        describe_db_error(sqlite3.OperationalError("disk I/O error"), where)
    )


def test_a_read_only_folder_is_said(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(errors.os, "access", lambda path, mode: False)
    error = describe_db_error(
        sqlite3.OperationalError("attempt to write a readonly database"), str(tmp_path / "p.db")
    )
    assert f"the folder {tmp_path} is read-only" in str(error)


@pytest.mark.parametrize("text", ["database is locked", "file is not a database"])
def test_the_other_words_stay(text: str, tmp_path: Path) -> None:
    assert "full" not in str(describe_db_error(sqlite3.OperationalError(text), str(tmp_path)))
