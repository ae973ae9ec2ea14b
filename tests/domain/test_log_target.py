"""Who a log line names (``domain.log_target``): exact names first, then the one name holding
every word; several candidates is an error that lists them."""

from __future__ import annotations

import pytest

from pipeline_tui.domain.log_target import client_named, contact_named, fold, match_target

KARIM = contact_named(1, "Karim", "Benali", "Cimentis")
INES = contact_named(2, "Inès", "Moreau", None)
KARIM_H = contact_named(3, "Karim", "Haddad", "Autre")
CIMENTIS = client_named(10, "Cimentis")
MOREAU_SA = client_named(11, "Moreau SA")


def test_names_are_compared_without_case_accents_or_extra_spaces() -> None:
    assert fold("  Inès   MOREAU ") == "ines moreau"
    assert match_target("ines moreau", [KARIM, INES], []) == INES


def test_a_contact_answers_to_first_last_and_last_first() -> None:
    assert match_target("Benali Karim", [KARIM, INES], [CIMENTIS]) == KARIM
    assert match_target("karim benali", [KARIM, INES], [CIMENTIS]) == KARIM


def test_an_exact_name_wins_over_names_that_contain_the_words() -> None:
    # "Moreau" is in "Moreau SA" and "Inès Moreau": neither is exact, so both are candidates;
    # "moreau sa" is exactly the client.
    assert match_target("moreau sa", [INES], [MOREAU_SA]) == MOREAU_SA
    with pytest.raises(ValueError, match=r"could be: Inès Moreau; Moreau SA — type more"):
        match_target("moreau", [INES], [MOREAU_SA])


def test_the_one_name_with_every_word_is_the_match() -> None:
    assert match_target("benali", [KARIM, INES], [CIMENTIS]) == KARIM
    assert match_target("ciment", [KARIM, INES], [CIMENTIS]) == CIMENTIS


def test_several_candidates_are_listed_with_their_client() -> None:
    with pytest.raises(ValueError) as caught:
        match_target("Karim", [KARIM, KARIM_H], [])
    assert str(caught.value) == (
        "'Karim' could be: Karim Benali (Cimentis); Karim Haddad (Autre) — type more of the name"
    )
    twins = [contact_named(i, "Léa", "Roux", None) for i in (4, 5)]
    with pytest.raises(ValueError, match="'lea roux' names several contacts: Léa Roux; Léa Roux"):
        match_target("lea roux", twins, [])


def test_at_most_five_candidates_are_listed() -> None:
    many = [contact_named(i, "Jean", f"Martin{i}", None) for i in range(7)]
    with pytest.raises(ValueError, match=r"Jean Martin4 and 2 more — type more"):
        match_target("jean", many, [])


def test_no_match_is_none() -> None:
    assert match_target("Olivier", [KARIM, INES], [CIMENTIS]) is None
