"""The quick-add line as people type it: what each realistic line reads as, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.domain.quickadd import (
    LeadDraft,
    ParseResult,
    complete,
    describe,
    format_lead,
    is_name_word,
    parse,
)
from pipeline_tui.domain.quickadd_words import CHANNEL_ALIASES

THU = date(2026, 11, 26)  # a Thursday


def ok(line: str) -> LeadDraft:
    result = parse(line, THU)
    assert result.errors == (), result.errors
    assert result.draft is not None
    return result.draft


def errors(line: str) -> list[tuple[str, str]]:
    """Each error as (the underlined text, the message)."""
    result = parse(line, THU)
    assert result.draft is None
    assert result.errors
    return [(line[e.start : e.end], e.message) for e in result.errors]


def test_the_example_of_the_issue() -> None:
    draft = ok(
        'Decathlon / Karim Benali karim@example.com 650/d 6m #event next:fri "met at Devoxx"'
    )
    assert draft == LeadDraft(
        company="Decathlon",
        first_name="Karim",
        last_name="Benali",
        email="karim@example.com",
        day_rate_cents=65_000,
        days_per_month=None,  # not typed: the default_days_per_month setting (18 by default)
        duration_months=6.0,
        channel="event",
        next_on=date(2026, 11, 27),
        note="met at Devoxx",
    )
    assert draft.monthly_value_cents == 1_170_000
    assert draft.deal_title == "Decathlon — Karim Benali"
    assert describe(draft, "EUR") == [
        "Client: Decathlon",
        "Contact: Karim Benali <karim@example.com>",
        "Deal: Decathlon — Karim Benali",
        "Value: €650/day × 18 d = €11,700/month for 6 months (€70,200 in all)",
        "Channel: event",
        "Next follow-up: Fri 27 Nov 2026",
        "Note: met at Devoxx",
    ]


@pytest.mark.parametrize(
    ("line", "company", "first", "last"),
    [
        ("Société Générale / Hélène Dupont-Aignan", "Société Générale", "Hélène", "Dupont-Aignan"),
        (
            "Ernst & Young / Jean-Pierre de La Fontaine",
            "Ernst & Young",
            "Jean-Pierre",
            "de La Fontaine",
        ),
        ("L'Oréal / Zoë O'Neill", "L'Oréal", "Zoë", "O'Neill"),
        ("AT&T France / Ana", "AT&T France", "Ana", ""),
        ("Crédit Agricole Île-de-France", "Crédit Agricole Île-de-France", None, ""),
        ("  Maison   Dubreuil  /   Élodie   Lefèvre  ", "Maison Dubreuil", "Élodie", "Lefèvre"),
        ("3M / John Smith", "3M", "John", "Smith"),  # a first word that looks like a duration
        ("24/7 Services / Bob", "24/7 Services", "Bob", ""),  # not an amount: no unit
        ("Studio 54 / 650/d", "Studio 54", None, ""),  # ' / ' closes a company ending in digits
        ("Decathlon /", "Decathlon", None, ""),
    ],
)
def test_company_and_contact_names(line: str, company: str, first: str | None, last: str) -> None:
    draft = ok(line)
    assert (draft.company, draft.first_name, draft.last_name) == (company, first, last)


@pytest.mark.parametrize(
    ("item", "day_rate", "days", "monthly"),
    [
        ("650/d", 65_000, None, None),
        ("650€/j", 65_000, None, None),
        ("650 €/jour", 65_000, None, None),
        ("€650/day", 65_000, None, None),
        ("650eur/d", 65_000, None, None),
        ("650,50/j", 65_050, None, None),
        ("1 200/d", 120_000, None, None),
        ("8k/m", None, None, 800_000),
        ("8K€/mois", None, None, 800_000),
        ("8000/m", None, None, 800_000),
        ("12 000/m", None, None, 1_200_000),
        ("12\u202f000€/month", None, None, 1_200_000),
        ("7500.5/mo", None, None, 750_050),
    ],
)
def test_amounts(item: str, day_rate: int | None, days: float | None, monthly: int | None) -> None:
    draft = ok(f"Decathlon / Karim {item}")
    assert (draft.day_rate_cents, draft.days_per_month, draft.monthly_cents) == (
        day_rate,
        days,
        monthly,
    )


@pytest.mark.parametrize(
    ("items", "days", "monthly_value"),
    [
        ("650/d", None, 1_170_000),  # no days typed: the default (18 unless set otherwise)
        ("650/d x15", 15.0, 975_000),
        ("x15 650/d", 15.0, 975_000),
        ("650/d ×20", 20.0, 1_300_000),
        ("650/d 15d/m", 15.0, 975_000),
        ("650/d 12j/mois", 12.0, 780_000),
        ("650/d x15.5", 15.5, 1_007_500),
        ("333.33/d x3", 3.0, 99_999),
    ],
)
def test_days_per_month(items: str, days: float, monthly_value: int) -> None:
    draft = ok(f"Acme {items}")
    assert draft.days_per_month == days
    assert draft.monthly_value_cents == monthly_value


@pytest.mark.parametrize(
    ("item", "months"),
    [
        ("6m", 6.0),
        ("1.5m", 1.5),
        ("1,5m", 1.5),
        ("12mois", 12.0),
        ("3mo", 3.0),
        ("3w", 0.69),
        ("2sem", 0.46),
        ("1y", 12.0),
        ("2ans", 24.0),
        ("1.5y", 18.0),
        ("4weeks", 0.92),
    ],
)
def test_durations(item: str, months: float) -> None:
    assert ok(f"Acme 8k/m {item}").duration_months == months


@pytest.mark.parametrize(("alias", "channel"), sorted(CHANNEL_ALIASES.items()))
def test_every_channel_alias(alias: str, channel: str) -> None:
    assert ok(f"Acme #{alias}").channel == channel


@pytest.mark.parametrize(
    ("alias", "channel"),
    [
        ("Email", "emailing"),
        ("LinkedIn", "social"),
        ("CALL", "phone"),
        ("Salon", "event"),
        ("reco", "referral"),
        ("évènement", "event"),
        ("Téléphone", "phone"),
    ],
)
def test_channels_ignore_case_and_accents(alias: str, channel: str) -> None:
    assert ok(f"Acme #{alias}").channel == channel


@pytest.mark.parametrize(
    ("item", "day"),
    [
        ("next:today", THU),
        ("next:tomorrow", date(2026, 11, 27)),
        ("next:demain", date(2026, 11, 27)),
        ("next:fri", date(2026, 11, 27)),
        ("next:Monday", date(2026, 11, 30)),
        ("next:thu", date(2026, 12, 3)),
        ("next:+3d", date(2026, 11, 29)),
        ("next:+2w", date(2026, 12, 10)),
        ("next:+1m", date(2026, 12, 26)),
        ("next:2026-12-01", date(2026, 12, 1)),
        ("next:01/12", date(2026, 12, 1)),
        ("next:15/01", date(2027, 1, 15)),
        ("next:3/2/27", date(2027, 2, 3)),
        ("n:fri", date(2026, 11, 27)),
        ("relance:lundi", date(2026, 11, 30)),
        ("suivi:+1w", date(2026, 12, 3)),
    ],
)
def test_follow_up_dates(item: str, day: date) -> None:
    assert ok(f"Acme {item}").next_on == day


@pytest.mark.parametrize(
    ("item", "stage"),
    [
        ("@lead", "lead"),
        ("@contacted", "contacted"),
        ("@meeting", "meeting"),
        ("@rdv", "meeting"),
        ("@Proposal", "proposal"),
        ("@devis", "proposal"),
        ("@négo", "negotiation"),
        ("@won", "won"),
    ],
)
def test_stages(item: str, stage: str) -> None:
    assert ok(f"Acme {item}").stage == stage


def test_notes_titles_and_quotes() -> None:
    draft = ok('Acme "met at Devoxx, talk on   Kafka" t:"Data platform audit"')
    assert draft.note == "met at Devoxx, talk on   Kafka"
    assert draft.title == "Data platform audit"
    assert draft.deal_title == "Data platform audit"
    assert ok("Acme “rencontré au salon”").note == "rencontré au salon"
    assert ok("Acme «vu sur Malt»").note == "vu sur Malt"
    assert ok(r'Acme "said \"call me\" twice"').note == 'said "call me" twice'
    assert ok("Acme t:Audit").title == "Audit"
    assert ok('Acme ""').note is None


def test_items_in_any_order() -> None:
    a = ok('Acme / Lea Roux lea@acme.fr 8k/m 6m #reco @meeting next:fri "x"')
    b = ok('Acme / Lea Roux "x" next:fri @meeting #reco 6m 8k/m lea@acme.fr')
    assert a == b


def test_email_forms() -> None:
    assert ok("Acme <Lea.Roux@ACME.fr>").email == "Lea.Roux@acme.fr"
    draft = ok("Acme lea.roux@acme.fr")
    assert (draft.first_name, draft.email) == (None, "lea.roux@acme.fr")
    assert describe(draft)[1].startswith("Contact: <lea.roux@acme.fr> — named Lea Roux if new")


@pytest.mark.parametrize(
    ("line", "span", "fragment"),
    [
        ("", "", "start with the company"),
        ("   ", "", "start with the company"),
        ("650/d #event", "650/d", "start with the company"),
        ("/ Karim Benali", "/", "start with the company"),
        ("Acme #foo", "#foo", "not a channel"),
        ("Acme #", "#", "not a channel"),
        ("Acme @closed", "@closed", "not a stage"),
        ("Acme @lost", "@lost", "cannot start lost"),
        ("Acme next:soon", "soon", "not a date"),
        ("Acme next:31/02", "31/02", "not a real date"),
        ("Acme next:", "next:", "no date given"),
        ("Acme next:yesterday", "yesterday", "in the past"),
        ("Acme next:2026-11-01", "2026-11-01", "in the past"),
        ("Acme 650/h", "650/h", "not a unit"),
        ("Acme 650/", "650/", "not a unit"),
        ("Acme 0/d", "0/d", "more than zero"),
        ("Acme 99999999999999/m", "99999999999999/m", "too large"),
        ("Acme 1.2.3.4.5.6.7.8.9.0.1.2.3.4/d", "1.2.3.4.5.6.7.8.9.0.1.2.3.4/d", "too large"),
        ("Acme karim@", "karim@", "not an email"),
        ("Acme a@b.fr c@d.fr", "c@d.fr", "given twice"),
        ("Acme 650/d 8k/m", "8k/m", "given twice"),
        ("Acme #email #phone", "#phone", "given twice"),
        ('Acme "a" "b"', '"b"', "given twice"),
        ("Acme x15", "x15", "go with a day rate"),
        ("Acme 8k/m x15", "x15", "go with a day rate"),
        ("Acme 650/d x40", "x40", "between 1 and 31"),
        ("Acme 0m", "0m", "duration"),
        ("Acme 200y", "200y", "duration"),
        ('Acme "met at Devoxx', '"met at Devoxx', "not closed"),
        ('Acme t:"Audit', 't:"Audit', "not closed"),
        ('Acme t:""', 't:""', "title is empty"),
        ("Acme / Karim / Benali", "/", "only one ' / '"),
        ("Acme #event / Karim", "/", "right after the company"),
        ("Acme karim@acme.fr Karim", "Karim", "names go first"),
        ("Acme #event fri", "fri", "next:fri"),
        ("Acme #event 'met at Devoxx'", "'met", "double quotes"),
        ("A" * 201, "A" * 201, "longer than 200"),
        ("Acme / " + "B" * 101, "B" * 101, "longer than 100"),
    ],
)
def test_errors_point_at_the_span(line: str, span: str, fragment: str) -> None:
    found = errors(line)
    assert any(text == span and fragment in message for text, message in found), found


def test_every_error_is_reported_at_once() -> None:
    line = "Acme #foo next:soon karim@ 650/h"
    assert [text for text, _ in errors(line)] == ["#foo", "soon", "karim@", "650/h"]


def test_tokens_cover_the_line_for_colouring() -> None:
    line = 'Decathlon / Karim Benali karim@example.com 650/d x15 6m #event @rdv next:fri "hi"'
    result: ParseResult = parse(line, THU)
    kinds = [t.kind for t in result.tokens]
    assert kinds == [
        "company",
        "separator",
        "contact",
        "contact",
        "email",
        "value",
        "days",
        "duration",
        "channel",
        "stage",
        "next",
        "note",
    ]
    assert [line[t.start : t.end] for t in result.tokens][5] == "650/d"


def test_a_company_ending_in_digits_before_an_amount_gets_a_warning() -> None:
    result = parse("Studio 54 650/d", THU)
    assert result.draft is not None and result.draft.company == "Studio"
    assert result.draft.day_rate_cents == 5_465_000
    (warning,) = result.warnings
    assert "Studio 54 / 650/d" in warning.message
    assert parse("Decathlon 12 000/m", THU).warnings == ()  # a plausible grouped amount


def test_format_lead_prints_the_canonical_line() -> None:
    line = 'Ernst & Young / Jean-Pierre de La Fontaine 12 000/m 3w #reco @rdv next:+2w t:"Audit"'
    draft = ok(line)
    assert format_lead(draft) == (
        "Ernst & Young / Jean-Pierre de La Fontaine 12000/m 0.69m #referral @meeting "
        'next:2026-12-10 t:"Audit"'
    )
    assert ok(format_lead(draft)) == draft
    studio = ok("Studio 54 / 650.50/d x15")
    assert format_lead(studio) == "Studio 54 / 650.50/d x15"
    assert ok(format_lead(studio)) == studio


def test_describe_without_value_channel_or_follow_up() -> None:
    lines = describe(ok("Acme 8k/m 1m"), "USD", client_status="existing client")
    assert lines[0] == "Client: Acme (existing client)"
    assert "Value: $8,000/month for 1 month ($8,000 in all)" in lines
    assert any(line.startswith("Channel: other") for line in lines)
    assert any(line.startswith("Next follow-up: none") for line in lines)
    bare = describe(ok("Acme 2m"))
    assert "Duration: 2 months" in bare
    assert any(line.startswith("Value: not given") for line in bare)


NAMES = ["Decathlon", "Dassault Systèmes", "Karim Benali", "Élodie Lefèvre", "Decathlon Pro"]


@pytest.mark.parametrize(
    ("line", "cursor", "expected"),
    [
        ("Dec", 3, ["Decathlon", "Decathlon Pro"]),
        ("dass", 4, ["Dassault Systèmes"]),
        ("Decathlon / ka", 14, ["Decathlon / Karim Benali"]),
        ("Decathlon / elo", 15, ["Decathlon / Élodie Lefèvre"]),
        ("Decathlon / ben", 15, ["Decathlon / Karim Benali"]),  # a later word matches too
        ("Dec 650/d", 3, ["Decathlon 650/d", "Decathlon Pro 650/d"]),  # text after the cursor
        ("Decathlon / ", 12, []),
        ("", 0, []),
        ("Decathlon 650/d Ka", 18, []),  # past the names: nothing to complete
        ("Acme #lin", 9, ["Acme #linkedin"]),
        ("Acme @ne", 8, ["Acme @negotiation", "Acme @new", "Acme @nego", "Acme @negociation"]),
        ("Decathlon", 9, ["Decathlon Pro"]),  # the exact name itself is not offered
    ],
)
def test_tab_completion(line: str, cursor: int, expected: list[str]) -> None:
    assert complete(line, cursor, NAMES) == expected


def test_name_words() -> None:
    assert is_name_word("Hélène") and is_name_word("AT&T") and is_name_word("24/7")
    for word in ("#x", "@x", "a@b.fr", "6m", "x15", "650/d", "/", "next:fri", '"x', "a b", ""):
        assert not is_name_word(word), word


def test_renewal_is_a_flag_that_goes_with_any_stage() -> None:
    draft = ok("Acme 700/d @proposal @renewal")
    assert (draft.renewal, draft.stage) == (True, "proposal")
    assert ok("Acme @Renouvellement").renewal
    assert not ok("Acme 700/d").renewal
    assert format_lead(draft) == "Acme 700/d @proposal @renewal"
    assert "Renewal: renews Acme's running mission" in describe(draft)
    result = parse("Acme @renewal @renewal", THU)
    assert [e.message for e in result.errors] == ["@renewal is given twice; keep one"]
    assert "or @renewal" in parse("Acme @renewl", THU).errors[0].message
    assert "Acme @renewal" in complete("Acme @ren", 9, [])


@pytest.mark.parametrize("word", ["1e30/m", "-5/m", "nan/d", "inf/d", "abc/m", "0x10/d"])
def test_a_word_written_as_an_amount_that_is_not_one_is_refused_at_the_word(word: str) -> None:
    """Not a contact named "Jane Doe 1e30/m" (issue 20, point 8): refused with the caret."""
    line = f"Acme / Jane Doe {word}"
    result = parse(line, THU)
    assert not result.ok
    (error,) = result.errors
    assert (error.start, error.end) == (line.index(word), len(line))
    assert "is not an amount" in error.message
