"""Acceptance 4: CSV export, one file per table, with spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest

from pipeline_tui.domain.spreadsheet import DANGEROUS_FIRST_CHARACTERS, neutralise_cell
from pipeline_tui.services.clients import add_client
from pipeline_tui.services.transfer.csv_export import csv_cell, export_csv
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import utcnow
from pipeline_tui.store.tables import model_tables, table

DANGEROUS = [
    '=HYPERLINK("http://x")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1:A2)",
    "\tHidden=1",
    "\r=1+1",
]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_dangerous_first_character_is_neutralised(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


def test_the_dangerous_list_is_the_issues(tmp_path: Path) -> None:
    assert set(DANGEROUS_FIRST_CHARACTERS) == {"=", "+", "-", "@", "\t", "\r"}
    assert {v[0] for v in DANGEROUS} == set(DANGEROUS_FIRST_CHARACTERS)


@pytest.mark.parametrize("value", ["Acme", "a=b", " =1", "", "1+1", "'quoted"])
def test_other_text_is_left_alone(value: str) -> None:
    assert neutralise_cell(value) == value


def test_numbers_stay_numbers_even_negative() -> None:
    assert csv_cell(-1500) == "-1500"
    assert csv_cell(-2.5) == "-2.5"
    assert csv_cell(True) == "true"
    assert csv_cell(None) == ""
    assert csv_cell("-1500") == "'-1500"  # the same characters as text are text


def test_export_writes_one_escaped_file_per_table(store: Store, tmp_path: Path) -> None:
    client = add_client(store, "Acme", notes=DANGEROUS[0])
    # Written as stored (the services trim what people type; an import or a SQLite tool may not).
    contact = table("contact")
    with store.connection() as conn:
        for value in DANGEROUS:
            conn.execute(
                contact.insert().values(
                    first_name="Eve", role=value, client_id=client.id, created_at=utcnow()
                )
            )
    folder = tmp_path / "export"

    files = export_csv(store, folder)

    assert sorted(p.name for p in files) == sorted(f"{t.name}.csv" for t in model_tables())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    (acme,) = _read(folder / "client.csv")
    assert acme["notes"] == '\'=HYPERLINK("http://x")'
    assert acme["id"] == str(client.id)
    roles = [row["role"] for row in _read(folder / "contact.csv")]
    assert roles == ["'" + value for value in DANGEROUS]
    assert all(not role.startswith(DANGEROUS_FIRST_CHARACTERS) for role in roles)
    assert (folder / "client.csv").read_bytes().startswith(b"\xef\xbb\xbfid,name,")
