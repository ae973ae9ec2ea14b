"""Acceptance 1: LinkedIn's Connections.csv, with every trait of the real export."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui.errors import InvalidInput
from pipeline_tui.services.clients import add_client, add_contact, list_clients, list_contacts
from pipeline_tui.services.transfer.linkedin import import_linkedin
from pipeline_tui.store.database import Store
from tests.conftest import TODAY
from tests.helpers import write_linkedin
from tests.services.backend_rows import plain_rows, table_counts

ROWS = [
    # line 5: quoted company with a comma and legal form, empty email
    [
        "Jean",
        "Dupont",
        "https://www.linkedin.com/in/jean-dupont",
        "",
        "Acme, SAS",
        "CTO",
        "12 Mar 2024",
    ],
    # line 6: accents and case differ from the client "Société Générale"
    [
        "Marie",
        "Curie",
        "https://www.linkedin.com/in/marie-curie-1867",
        "marie@radium.fr",
        "SOCIETE GENERALE S.A.",
        "Head of R&D, Paris",
        "1 Apr 2023",
    ],
    # line 7: a new company, position with quotes
    [
        "Éloïse",
        "Lefèvre",
        "https://www.linkedin.com/in/eloise-lefevre/",
        "",
        "Nouvelle Boîte SARL",
        'Product "ninja"',
        "28 Feb 2022",
    ],
    # line 8: no email, no company
    ["Bob", "Martin", "https://www.linkedin.com/in/bob-martin", "", "", "", "05 Jan 2021"],
    # line 9: same company as line 7, written another way
    [
        "Chloé",
        "Bernard",
        "https://www.linkedin.com/in/chloe-bernard",
        "chloe@boite.fr",
        "nouvelle boite",
        "CEO",
        "3 Nov 2020",
    ],
]


@pytest.fixture
def clients(store: Store) -> dict[str, int]:
    acme = add_client(store, "ACME Inc.")
    socgen = add_client(store, "Société Générale")
    return {"acme": acme.id, "socgen": socgen.id}


def _by_url(store: Store) -> dict[str, object]:
    return {c.profile_url: c for c in list_contacts(store)}


def test_every_trait_of_the_export_is_read(store: Store, clients, tmp_path: Path) -> None:
    path = write_linkedin(tmp_path / "Connections.csv", ROWS)
    report = import_linkedin(store, path)

    assert report.problems == []
    assert report.rows == 5
    assert report.created == {"contact": 5, "client": 1}
    contacts = _by_url(store)
    jean = contacts["https://www.linkedin.com/in/jean-dupont"]
    assert (jean.first_name, jean.last_name, jean.email, jean.role) == (
        "Jean",
        "Dupont",
        None,
        "CTO",
    )
    assert jean.client_id == clients["acme"]  # "Acme, SAS" is "ACME Inc."
    assert jean.notes == "LinkedIn connection since 2024-03-12."
    marie = contacts["https://www.linkedin.com/in/marie-curie-1867"]
    assert marie.client_id == clients["socgen"]  # case, accents and "S.A." ignored
    assert marie.role == "Head of R&D, Paris"  # a quoted comma stays in the cell
    assert marie.email == "marie@radium.fr"
    eloise = contacts["https://www.linkedin.com/in/eloise-lefevre"]  # trailing slash dropped
    assert eloise.role == 'Product "ninja"'
    assert eloise.last_name == "Lefèvre"
    chloe = contacts["https://www.linkedin.com/in/chloe-bernard"]
    assert chloe.client_id == eloise.client_id  # one new client for both spellings
    names = {row.name for row in list_clients(store, TODAY)}
    assert names == {"ACME Inc.", "Société Générale", "Nouvelle Boîte SARL"}
    assert contacts["https://www.linkedin.com/in/bob-martin"].client_id is None


def test_a_second_import_of_the_same_file_changes_nothing(
    store: Store, clients, tmp_path: Path
) -> None:
    path = write_linkedin(tmp_path / "Connections.csv", ROWS)
    import_linkedin(store, path)
    before = table_counts(store)
    rows_before = plain_rows(store, "SELECT * FROM contact ORDER BY id")

    again = import_linkedin(store, path)

    assert again.created == {}
    assert again.unchanged == 5
    assert again.updated == 0
    assert table_counts(store) == before
    assert plain_rows(store, "SELECT * FROM contact ORDER BY id") == rows_before


def test_people_are_deduplicated_by_profile_url(store: Store, tmp_path: Path) -> None:
    known = add_contact(
        store, "Jean", last_name="Dupont", profile_url="http://linkedin.com/in/Jean-Dupont"
    )
    rows = [
        [
            "Jean",
            "Dupont",
            "https://www.linkedin.com/in/jean-dupont/?trk=abc",
            "jean@acme.fr",
            "Acme",
            "CTO",
            "12 Mar 2024",
        ],
        ["Jean", "Dupont", "https://www.linkedin.com/in/jean-dupont-42", "", "", "", "12 Mar 2024"],
        ["J.", "Dupont", "https://www.linkedin.com/in/jean-dupont-42", "", "", "", "12 Mar 2024"],
    ]
    report = import_linkedin(store, write_linkedin(tmp_path / "c.csv", rows))

    # Line 5 is the known contact (another spelling of the URL): it only gets what it lacked.
    assert report.updated == 1
    refreshed = next(c for c in list_contacts(store) if c.id == known.id)
    assert (refreshed.email, refreshed.role) == ("jean@acme.fr", "CTO")
    assert refreshed.first_name == "Jean"
    # Line 6 is a homonym with another profile: a new contact. Line 7 repeats line 6.
    assert report.created["contact"] == 1
    assert [str(p) for p in report.problems] == ["line 7: the same profile as line 6"]


def test_bad_rows_are_reported_by_line_and_the_rest_imported(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "", "", "12 Mar 2024"],  # 5
        ["", "", "https://www.linkedin.com/in/nobody", "", "", "", "12 Mar 2024"],  # 6
        ["Zoé", "Roy", "https://www.linkedin.com/in/zoe", "not-an-email", "", "", ""],  # 7
        ["Luc", "Blanc", "https://www.linkedin.com/in/luc", "", "", "", "31 Feb 2024"],  # 8
        ["Max", "Noir", "", "", "", "", "1 Jan 2024"],  # 9
        ["Lea", "Gris", "https://www.linkedin.com/in/lea", "", "", "", "someday"],  # 10
        ["Tom", "Vert", "https://www.linkedin.com/in/tom"],  # 11: a short row
        ["Ines", "Rose", "https://www.linkedin.com/in/ines", "", "", "", "2 Feb 2024"],  # 12
    ]
    report = import_linkedin(store, write_linkedin(tmp_path / "c.csv", rows))

    lines = {p.line: p.message for p in report.problems}
    assert sorted(lines) == [6, 7, 8, 9, 10, 11]
    assert lines[6] == "no name"
    assert "not an email address" in lines[7]
    assert "not a real date" in lines[8]
    assert lines[9] == "no profile URL"
    assert "not a date" in lines[10]
    assert lines[11] == "has 3 cells, the header has 7"
    assert {c.first_name for c in list_contacts(store)} == {"Ana", "Ines"}
    assert "line 7:" in report.summary()


def test_line_numbers_count_line_breaks_inside_cells(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "", "Two\nlines", "12 Mar 2024"],
        ["Bad", "Date", "https://www.linkedin.com/in/bad", "", "", "", "13/13/2024"],
    ]
    report = import_linkedin(store, write_linkedin(tmp_path / "c.csv", rows))
    assert [p.line for p in report.problems] == [7]  # line 5 spans lines 5 and 6


def test_dates_as_linkedin_writes_them(store: Store, tmp_path: Path) -> None:
    rows = [["Ana", "Silva", "https://www.linkedin.com/in/ana", "", "", "", "05 Sep 2019"]]
    import_linkedin(store, write_linkedin(tmp_path / "c.csv", rows, preamble=False))
    assert list_contacts(store)[0].notes == "LinkedIn connection since 2019-09-05."


def test_a_file_that_is_not_a_linkedin_export_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,email\nAna,ana@x.fr\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a LinkedIn connections export"):
        import_linkedin(store, path)
    with pytest.raises(InvalidInput, match="cannot read"):
        import_linkedin(store, tmp_path / "missing.csv")


def test_dry_run_and_progress(store: Store, tmp_path: Path) -> None:
    rows = [
        [
            f"P{i}",
            "Test",
            f"https://www.linkedin.com/in/p{i}",
            "",
            f"Company {i % 7}",
            "",
            "1 Jan 2024",
        ]
        for i in range(2_500)
    ]
    path = write_linkedin(tmp_path / "c.csv", rows)
    before = table_counts(store)
    calls: list[tuple[int, int]] = []
    dry = import_linkedin(store, path, dry_run=True, progress=lambda d, t: calls.append((d, t)))
    assert dry.created == {"contact": 2_500, "client": 7}
    assert table_counts(store) == before
    assert calls == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    assert "Dry run: nothing was written." in dry.summary()

    real = import_linkedin(store, path)
    assert real.created == {"contact": 2_500, "client": 7}
    assert table_counts(store)["contact"] == 2_500
