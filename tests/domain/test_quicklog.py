"""The one-line activity log parser: what it reads, and errors as values, never exceptions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.quicklog import QuickLog, describe, parse_quicklog

TODAY = date(2026, 11, 26)  # a Thursday


def ok(text: str) -> QuickLog:
    result = parse_quicklog(text, TODAY)
    assert result.ok, result.errors
    return result.entry


def errors(text: str) -> str:
    result = parse_quicklog(text, TODAY)
    assert not result.ok and result.entry is None
    return result.message


def test_the_examples_of_the_issue() -> None:
    call = ok("call Karim Benali outcome:meeting next:+1w")
    assert call == QuickLog(
        kind="call",
        channel="phone",
        target="Karim Benali",
        done_on=TODAY,
        next_on=date(2026, 12, 3),
        outcome="meeting",
    )
    email = ok('email Decathlon "sent the deck" done:yesterday')
    assert (email.kind, email.channel, email.target, email.subject, email.done_on) == (
        "email",
        "emailing",
        "Decathlon",
        "sent the deck",
        date(2026, 11, 25),
    )
    event = ok('#event "Meetup Lyon Freelance"')
    assert (event.kind, event.channel, event.target, event.subject) == (
        "event",
        "event",
        None,
        "Meetup Lyon Freelance",
    )


def test_options_synonyms_and_channels() -> None:
    planned = ok("call Olivier Garnier due:fri")
    assert (planned.done_on, planned.due_on, planned.planned) == (None, date(2026, 11, 27), True)
    late = ok("relance Inès Moreau due:mon done:today")
    assert (late.kind, late.channel, late.due_on, late.done_on) == (
        "follow_up",
        "emailing",
        date(2026, 11, 30),
        TODAY,
    )
    social = ok('linkedin Inès Moreau #social outcome:"no answer" note:"liked the post"')
    assert (social.kind, social.outcome, social.notes) == ("social", "no answer", "liked the post")
    assert ok("call Karim #email").channel == "emailing"
    assert ok("call Karim channel:linkedin").channel == "social"
    assert ok("email Karim deal:#12").deal_id == 12
    assert ok("Email  Karim   Benali  done:25/11").done_on == date(2026, 11, 25)
    # For something done, a weekday or a day/month is the last one, not the next.
    assert ok("call Karim done:mon").done_on == date(2026, 11, 23)
    assert ok("call Karim done:thu").done_on == TODAY  # the last Thursday is today
    assert ok("call Karim done:27/11").done_on == date(2025, 11, 27)
    assert ok("call Karim due:mon").due_on == date(2026, 11, 30)
    assert ok("note Cimentis subject:“Salon Devoxx”").subject == "Salon Devoxx"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "type what you did"),
        ("   ", "type what you did"),
        ("Karim call", "start with what you did"),
        ("call Karim outcome:no answer", "quote a value that has spaces"),
        ("call Karim done:+1d", "in the future; use due:"),
        ("call Karim done:someday", "done: "),
        ("call Karim due:fri outcome:ok", "an outcome is for something done"),
        ("call Karim due:fri next:+1w", "next: follows something done"),
        ("call Karim next:-2d", "in the past"),
        ('email "abc', "not closed"),
        ('email Karim outcome:"abc', "not closed"),
        ("call Karim foo:bar", "unknown option foo:"),
        ("call Karim outcome:", "needs a value"),
        ("call Karim done:today done:yesterday", "given twice"),
        ('email Karim "one" "two"', "one subject"),
        ("call Karim #fax", "not a channel"),
        ("call Karim #phone #email", "one channel"),
        ("call Karim deal:abc", "not a deal number"),
        ("call Karim done:31/02", "not a real date"),
    ],
)
def test_bad_text_gives_errors_not_exceptions(text: str, words: str) -> None:
    assert words in errors(text)


def test_several_errors_are_all_reported() -> None:
    result = parse_quicklog("call Karim foo:bar done:+3d #fax", TODAY)
    assert len(result.errors) == 3


def test_describe_is_the_live_preview() -> None:
    text = describe(ok("call Karim Benali outcome:meeting next:+1w"), TODAY)
    assert text == (
        "Call with Karim Benali (phone) · done today · outcome: meeting · follow-up 3 Dec 2026"
    )
    assert describe(ok("call Olivier due:tomorrow"), TODAY).endswith("· due tomorrow")


@given(st.text(max_size=120))
def test_any_text_gives_a_result_and_never_raises(text: str) -> None:
    result = parse_quicklog(text, TODAY)
    assert (result.entry is not None) != bool(result.errors)
    if result.ok:
        assert result.entry.done_on is None or result.entry.done_on <= TODAY
        assert describe(result.entry, TODAY)


@given(
    kind=st.sampled_from(["email", "call", "social", "meeting", "relance"]),
    name=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç-", min_size=1, max_size=10),
        min_size=1,
        max_size=3,
    ),
    outcome=st.none() | st.text(alphabet="abcdefgh ", min_size=1, max_size=12),
    back=st.integers(0, 30),
)
def test_generated_entries_read_back(kind, name, outcome, back) -> None:
    target = " ".join(name)
    parts = [kind, target, f"done:-{back}d"]
    if outcome is not None and outcome.strip():
        parts.append(f'outcome:"{outcome}"')
    entry = ok(" ".join(parts))
    assert entry.target == target
    assert (TODAY - entry.done_on).days == back
    assert entry.outcome == (outcome.strip() if outcome and outcome.strip() else None)
