"""Properties of the quick-add parser: errors are values; a printed draft reads back the same."""

from __future__ import annotations

import string
from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.quickadd import (
    LeadDraft,
    complete,
    describe,
    format_lead,
    is_name_word,
    parse,
)
from pipeline_tui.domain.quickadd_words import START_STAGES
from pipeline_tui.domain.vocabulary import CHANNELS

THU = date(2026, 11, 26)

# Pieces of real lines, so that random text often hits the grammar and not only plain words.
FRAGMENTS = [
    "Decathlon",
    "/",
    "Karim",
    "Benali",
    "karim@example.com",
    "a@b",
    "650/d",
    "650€/j",
    "12 000/m",
    "8k/m",
    "54",
    "x15",
    "15d/m",
    "6m",
    "3w",
    "#event",
    "#",
    "#foo",
    "@meeting",
    "@lost",
    "next:fri",
    "next:",
    "n:+3d",
    "t:",
    't:"',
    '"',
    "“",
    "«",
    "\\",
    '"met at Devoxx"',
    "é",
    "\t",
    "\n",
    "0/d",
    "99999999999999999/m",
    "1,5m",
    "€",
    "€650/m",
    "0.65k/m",
    "14",
]

lines = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=12).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(lines)
@example('Acme "\\')
@example("Acme t:")
@example("next:yesterday")
@example("1 000 000/d")
@example("100000000000000000000000000/M")  # found by hypothesis: parse_money raised
def test_the_parser_never_raises_and_spans_stay_in_the_line(line: str) -> None:
    result = parse(line, THU)
    assert (result.draft is None) == bool(result.errors)
    for problem in (*result.errors, *result.warnings):
        assert 0 <= problem.start <= problem.end <= len(line)
        assert problem.message
    previous_end = 0
    for token in result.tokens:
        assert previous_end <= token.start < token.end <= len(line)
        previous_end = token.end
    if result.draft is not None:
        describe(result.draft, "EUR")
        # Whatever line was typed, the canonical line reads back as the same lead.
        assert parse(format_lead(result.draft), THU).draft == result.draft


@settings(max_examples=200, deadline=None)
@given(lines, st.integers(-5, 100), st.lists(st.text(max_size=15), max_size=5))
def test_completion_never_raises(line: str, cursor: int, names: list[str]) -> None:
    for option in complete(line, cursor, names):
        assert isinstance(option, str)


LETTERS = string.ascii_letters + "éèêëàâçîïôöùûüÉÈÀÇÔÎæœ"
company_word = st.text(LETTERS + string.digits + "&'-.+!?()", min_size=1, max_size=12).filter(
    is_name_word
)
person_word = st.text(LETTERS + "-'", min_size=1, max_size=12).filter(
    is_name_word
) | st.sampled_from(["14", "II", "€54", "1er"])
email = st.builds(
    "{}@{}.{}".format,
    st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=10),
    st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=10),
    st.text(string.ascii_lowercase, min_size=2, max_size=4),
)
free_text = st.text(min_size=1, max_size=60).map(str.strip).filter(bool)
hundredths = lambda low, high: st.integers(low, high).map(lambda n: n / 100)  # noqa: E731


@st.composite
def drafts(draw: st.DrawFn) -> LeadDraft:
    company = " ".join(draw(st.lists(company_word, min_size=1, max_size=4)))
    first_name = draw(st.none() | person_word)
    last_name = " ".join(draw(st.lists(person_word, max_size=3))) if first_name else ""
    pricing = draw(st.sampled_from(["none", "day", "month"]))
    day_rate = days = monthly = None
    if pricing == "day":
        day_rate = draw(st.integers(1, 10**9))
        days = draw(st.none() | st.just(18.0) | hundredths(1, 3100))
    elif pricing == "month":
        monthly = draw(st.integers(1, 10**11))
    return LeadDraft(
        company=company,
        first_name=first_name,
        last_name=last_name,
        email=draw(st.none() | email),
        day_rate_cents=day_rate,
        days_per_month=days,
        monthly_cents=monthly,
        duration_months=draw(st.none() | hundredths(1, 12_000)),
        channel=draw(st.none() | st.sampled_from(CHANNELS)),
        stage=draw(st.sampled_from(START_STAGES)),
        next_on=draw(st.none() | st.integers(0, 3650).map(lambda n: THU + timedelta(days=n))),
        note=draw(st.none() | free_text),
        title=draw(st.none() | free_text),
        renewal=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(drafts())
@example(LeadDraft(company="Studio 54", day_rate_cents=65_000, days_per_month=18.0))
@example(LeadDraft(company="Studio 54", day_rate_cents=65_000, stage="proposal", renewal=True))
@example(LeadDraft(company="€54", monthly_cents=65_000))
@example(LeadDraft(company="Acme", first_name="Louis", last_name="14", monthly_cents=65_000))
@example(LeadDraft(company="Acme", note='say "hi" \\ bye\\', title="\\"))
def test_a_printed_draft_reads_back_the_same(draft: LeadDraft) -> None:
    line = format_lead(draft)
    result = parse(line, THU)
    assert result.errors == ()
    assert result.draft == draft


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fold_is_the_accentless_case_fold_ascii_or_not(text: str) -> None:
    """``fold`` takes a shortcut for ASCII text (nothing to decompose); the result is the one
    the decomposition gives."""
    import unicodedata

    from pipeline_tui.domain.quickadd_words import fold

    decomposed = unicodedata.normalize("NFKD", text)
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    assert fold("Évènement ÉCOLE") == "evenement ecole"
