"""The pure helpers of imports and exports: company names, profile URLs, file dates, mapping."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.companies import clean_profile_url, company_key, profile_key
from pipeline_tui.domain.file_values import parse_bool, parse_file_date, parse_percent
from pipeline_tui.domain.import_mapping import (
    apply_overrides,
    check_mapping,
    convert,
    detect_mapping,
    spec_of,
)
from pipeline_tui.domain.spreadsheet import DANGEROUS_FIRST_CHARACTERS, neutralise_cell


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Société Générale", "SOCIETE GENERALE S.A."),
        ("Acme", "ACME, SAS"),
        ("Acme", "Acme Inc."),
        ("Acme", "acme ltd"),
        ("Müller", "Muller GmbH"),
        ("Nouvelle Boîte SARL", "nouvelle boite"),
        ("Dupont & Fils", "Dupont & Fils SASU"),
        ("Data-Lab", "data lab eurl"),
    ],
)
def test_company_names_that_match(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme", "Acme Consulting"), ("Dupont & Fils", "Dupont et Fils"), ("SA", "SAS")],
)
def test_company_names_that_do_not(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


def test_a_legal_form_alone_keeps_a_key() -> None:
    assert company_key("SAS") == "sas"
    assert company_key("") == ""


@given(st.text(max_size=40))
def test_company_key_is_stable(name: str) -> None:
    assert company_key(company_key(name)) == company_key(name)


def test_profile_urls() -> None:
    assert profile_key("https://www.linkedin.com/in/Jean-Dupont/?trk=x") == profile_key(
        "linkedin.com/in/jean-dupont"
    )
    assert clean_profile_url("www.linkedin.com/in/jean/") == "https://www.linkedin.com/in/jean"
    assert clean_profile_url("  ") is None
    with pytest.raises(ValueError, match="not a web address"):
        clean_profile_url("jean dupont")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("05 Sep 2019", date(2019, 9, 5)),
        ("1 March 2024", date(2024, 3, 1)),
        ("12 mars 2024", date(2024, 3, 12)),
        ("1er févr. 2024", date(2024, 2, 1)),
        ("Mar 12, 2024", date(2024, 3, 12)),
        ("2024-03-12", date(2024, 3, 12)),
        ("2024-03-12T10:00:00", date(2024, 3, 12)),
        ("12/03/2024", date(2024, 3, 12)),
        ("12.03.24", date(2024, 3, 12)),
    ],
)
def test_file_dates(text: str, day: date) -> None:
    assert parse_file_date(text) == day


@pytest.mark.parametrize("text", ["31 Feb 2024", "12 Foo 2024", "someday", "", "13/13/2024"])
def test_bad_file_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_file_date(text)


def test_other_values() -> None:
    assert parse_bool("Oui") is True and parse_bool("no") is False
    assert parse_percent("65 %") == 65
    with pytest.raises(ValueError):
        parse_percent("1.5")


@given(st.text(max_size=20))
def test_a_neutralised_cell_never_starts_a_formula(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell.startswith(DANGEROUS_FIRST_CHARACTERS)
    assert cell == text or cell == "'" + text


def test_headers_are_mapped_in_english_and_french() -> None:
    headers = ["First Name", "Nom", "Company", "Adresse e-mail", "Poste", "Fax"]
    assert detect_mapping(headers, "contacts") == {
        "First Name": "first_name",
        "Nom": "last_name",
        "Company": "client",
        "Adresse e-mail": "email",
        "Poste": "role",
    }
    deals = detect_mapping(["Intitulé", "Client", "Montant mensuel", "Étape"], "deals")
    assert deals == {
        "Intitulé": "title",
        "Client": "client",
        "Montant mensuel": "monthly_value",
        "Étape": "stage",
    }


def test_a_field_name_wins_over_a_synonym_and_overrides_win_over_both() -> None:
    headers = ["name", "full name", "title"]
    mapping = detect_mapping(headers, "contacts")
    assert mapping == {"name": "name", "title": "role"}
    changed = apply_overrides(mapping, ["full name=name", "title=-"], headers, "contacts")
    assert changed == {"full name": "name"}
    with pytest.raises(ValueError, match="no column for title, client"):
        check_mapping({}, "deals")


def test_cells_are_converted_or_explained() -> None:
    assert convert(spec_of("deals", "monthly_value"), "8 400,50 €") == 840_050
    assert convert(spec_of("deals", "stage"), "Négociation") == "negotiation"
    assert convert(spec_of("activities", "kind"), "Follow-up") == "follow_up"
    assert convert(spec_of("deals", "notes"), "  ") is None
    with pytest.raises(ValueError, match="title is empty"):
        convert(spec_of("deals", "title"), "")
    with pytest.raises(ValueError, match="not an email address"):
        convert(spec_of("contacts", "email"), "jean@")
