"""A database on a read-only filesystem or a full disk is still read (issue 20, point 10): the
reports print; a write says why it cannot be done, exit 3, and the file is left byte-identical.

The real cases need a mount of their own (root, as in CI); the same rule is also checked without
one, by making the folder look unwritable to the program (``os.access``), which SQLite then opens
read-only itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_tui.store import sqlite_open

READS = (("status",), ("today",), ("plan", "--json"), ("review",), ("status", "--json"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reads_work_and_writes_are_refused(cli_run, db: Path, said: str) -> None:
    before = digest(db)
    for args in READS:
        result = cli_run("--db", str(db), "--today", "2026-11-24", *args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout.strip()
    refused = cli_run("--db", str(db), "--today", "2026-11-24", "add", "Acme 5k/m")
    assert refused.exit_code == 3
    assert said in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert digest(db) == before


def test_a_folder_that_cannot_be_written_is_read(cli_run, demo_db: Path, monkeypatch) -> None:
    real = os.access

    def no_writing(path, mode, *args, **kwargs):
        if mode & os.W_OK:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(sqlite_open.os, "access", no_writing)
    reads_work_and_writes_are_refused(cli_run, demo_db, "is read-only")


def test_a_full_disk_is_read(cli_run, demo_db: Path, monkeypatch) -> None:
    monkeypatch.setattr(sqlite_open, "disk_full", lambda folder: True)
    reads_work_and_writes_are_refused(cli_run, demo_db, "is full")


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A small filesystem of the test's own (tmpfs), unmounted at the end."""
    where = tmp_path / "mnt"
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_filesystem_is_read(cli_run, demo_db: Path, mount: Path) -> None:
    db = mount / "p.db"
    shutil.copy(demo_db, db)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    reads_work_and_writes_are_refused(cli_run, db, "is read-only")


def test_a_full_disk_filesystem_is_read(cli_run, demo_db: Path, mount: Path) -> None:
    db = mount / "p.db"
    shutil.copy(demo_db, db)
    with open(mount / "fill", "wb") as fill:
        try:
            while True:
                fill.write(b"\0" * 65536)
        except OSError:
            pass
    reads_work_and_writes_are_refused(cli_run, db, "is full")
