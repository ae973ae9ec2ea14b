"""Every output file is written one way (``pipeline_tui.files``): never onto something that is not
a regular file, beside its target then renamed, private, and nothing left behind by a kill
(issue 20, points 1, 3, 4 and 9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.files import private_file, private_path
from tests.conftest import TODAY


def _run(cli_run, db: Path, *args: str):
    return cli_run("--db", str(db), "--today", TODAY.isoformat(), *args)


def test_ics_refuses_a_fifo_a_symlink_and_a_device(cli_run, demo_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "calendar.fifo"
    os.mkfifo(fifo)
    elsewhere = tmp_path / "elsewhere.ics"
    elsewhere.write_text("mine")
    link = tmp_path / "link.ics"
    link.symlink_to(elsewhere)
    for target, says in ((fifo, "not a regular file"), (link, "symbolic link")):
        result = _run(cli_run, demo_db, "ics", "-o", str(target))
        assert result.exit_code == 2, result.output
        assert says in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert elsewhere.read_text() == "mine"
    if Path("/dev/null").exists():
        result = _run(cli_run, demo_db, "ics", "-o", "/dev/null")
        assert result.exit_code == 2 and "not a regular file" in result.stderr
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_name_too_long_is_one_line(cli_run, demo_db: Path, tmp_path: Path) -> None:
    result = _run(cli_run, demo_db, "ics", "-o", str(tmp_path / ("x" * 300 + ".ics")))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot write") and "Traceback" not in result.output


def test_an_interrupted_write_leaves_nothing_and_a_later_one_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("the earlier export")
    with pytest.raises(KeyboardInterrupt), private_file(target) as handle:
        handle.write("half of it")
        raise KeyboardInterrupt  # as a kill between two writes would
    assert target.read_text() == "the earlier export"
    assert list(tmp_path.glob(".*.part")) == []
    # a leftover of a kill -9 (no chance to clean up) goes with the next write
    (tmp_path / ".export.json.abc123.part").write_text("personal data")
    with private_file(target) as handle:
        handle.write("the new export")
    assert target.read_text() == "the new export"
    assert list(tmp_path.glob(".*.part")) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_copy_never_lands_half_done_nor_over_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    with pytest.raises(RuntimeError), private_path(target, replace=False) as temporary:
        temporary.write_bytes(b"partial")
        raise RuntimeError("killed")
    assert not target.exists() and list(tmp_path.glob(".*")) == []
    target.write_bytes(b"an older backup")
    with pytest.raises(InvalidInput, match="already exists"), private_path(target, replace=False):
        pass
    assert target.read_bytes() == b"an older backup"


def test_backup_is_made_beside_and_linked_into_place(cli_run, demo_db: Path, tmp_path: Path):
    out = tmp_path / "copy.db"
    assert _run(cli_run, demo_db, "backup", "-o", str(out)).exit_code == 0
    assert out.exists() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert list(tmp_path.glob(".copy.db*")) == []
    again = _run(cli_run, demo_db, "backup", "-o", str(out))
    assert again.exit_code != 0 and "already exists" in again.stderr


def test_survey_message_and_case_study_files_are_private(
    cli_run, demo_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "survey.eml"
    result = _run(cli_run, demo_db, "survey-message", "Banque Rivemont", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert list(tmp_path.glob(".*.part")) == []

    draft = tmp_path / "case.md"
    args = ("casestudy", "Maison Verlaine Distribution", "--agreed", "2026-11-20")
    result = _run(cli_run, demo_db, *args, "-o", str(draft))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    assert draft.read_text().startswith("# Case study: ")
    assert list(tmp_path.glob(".*.part")) == []
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    refused = _run(cli_run, demo_db, *args, "-o", str(fifo))
    assert refused.exit_code == 2 and "not a regular file" in refused.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_csv_export_lands_whole_or_not_at_all(demo_store, tmp_path: Path, monkeypatch) -> None:
    from pipeline_tui.services.transfer import csv_export

    out = tmp_path / "out"
    out.mkdir()
    folder = out / "export"
    real = csv_export.table_rows
    seen: list[str] = []

    def killed_after_two_tables(conn, table):
        seen.append(table.name)
        if len(seen) > 2:
            raise KeyboardInterrupt  # as a kill half-way would
        return real(conn, table)

    monkeypatch.setattr(csv_export, "table_rows", killed_after_two_tables)
    with pytest.raises(KeyboardInterrupt):
        csv_export.export_csv(demo_store, folder)
    assert not folder.exists() and list(out.iterdir()) == []
    monkeypatch.setattr(csv_export, "table_rows", real)
    written = csv_export.export_csv(demo_store, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    (folder / "my notes.txt").write_text("mine")
    again = csv_export.export_csv(demo_store, folder)  # over an earlier export: replaced in place
    assert (folder / "my notes.txt").read_text() == "mine"
    assert all(p.exists() for p in again) and list(out.glob(".*")) == []


def test_follow_writes_where_a_symbolic_link_points(cli_run, demo_db: Path, tmp_path: Path) -> None:
    """A calendar kept behind a link (e.g. in a synced folder): refused by default, written at
    its target with --follow, and the link stays a link."""
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    real = elsewhere / "pipeline.ics"
    real.write_text("the old calendar")
    link = tmp_path / "pipeline.ics"
    link.symlink_to(real)
    assert _run(cli_run, demo_db, "ics", "-o", str(link)).exit_code == 2
    assert real.read_text() == "the old calendar"

    result = _run(cli_run, demo_db, "ics", "-o", str(link), "--follow")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and real.read_text().startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert [p.name for p in elsewhere.iterdir()] == ["pipeline.ics"]  # no .part left

    # --follow never turns a device into a target: the link's target is checked in turn
    device_link = tmp_path / "null.ics"
    device_link.symlink_to("/dev/null")
    result = _run(cli_run, demo_db, "ics", "-o", str(device_link), "--follow")
    assert result.exit_code == 2 and "not a regular file" in result.stderr
