"""The playbook's plain domain: due dates, checklists, messages, case-study drafts."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_string
from email.policy import default
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline_tui.domain.case_study import CaseStudyFacts, case_study_markdown, split_outcomes
from pipeline_tui.domain.playbook import (
    DEFAULT_TEMPLATE,
    Progress,
    TemplateStep,
    build_checklist,
    check_end_note,
    check_message_template,
    check_survey,
    due_date,
    eml_text,
    fill_message,
    mailto_url,
)
from pipeline_tui.domain.vocabulary import END_REASONS

END = date(2026, 12, 15)


def test_the_default_template_has_designs_ten_steps_with_unique_keys() -> None:
    keys = [s.key for s in DEFAULT_TEMPLATE]
    assert len(keys) == 10 == len(set(keys))
    assert [s.key for s in DEFAULT_TEMPLATE if s.only_if_good] == ["case_study"]
    assert all(s.active for s in DEFAULT_TEMPLATE)


def test_the_demos_offboarding_uses_the_templates_keys() -> None:
    from pipeline_tui.demo.words import OFFBOARDING_ITEMS

    assert {key for key, *_ in OFFBOARDING_ITEMS} == {s.key for s in DEFAULT_TEMPLATE}


def test_due_dates_from_the_notice_and_from_the_end() -> None:
    notice_step = TemplateStep("plan", "Plan", "notice", 3)
    end_step = TemplateStep("invoice", "Invoice", "end", 7)
    assert due_date(notice_step, END, 30) == date(2026, 11, 18)
    assert due_date(end_step, END, 30) == date(2026, 12, 22)
    # A short notice: what is due before the end is due by the end at the latest.
    assert due_date(notice_step, END, 0) == END
    assert due_date(notice_step, END, 2) == END


@given(
    notice=st.integers(0, 365),
    offset=st.integers(-400, 400),
    end=st.dates(date(2000, 1, 1), date(2090, 1, 1)),
)
def test_notice_anchored_items_are_never_due_after_the_end(
    notice: int, offset: int, end: date
) -> None:
    due = due_date(TemplateStep("k", "t", "notice", offset), end, notice)
    assert due <= end
    assert due == min(end - timedelta(days=notice - offset), end)


def test_the_checklist_is_ordered_by_due_date_and_skips_what_does_not_apply() -> None:
    template = [
        TemplateStep("late", "Late", "end", 10),
        TemplateStep("off", "Off", "end", 0, active=False),
        TemplateStep("early", "Early", "notice", 0),
        TemplateStep("good", "If good", "end", 5, only_if_good=True),
        TemplateStep("tie", "Tie after early in template order", "notice", 0),
    ]
    good = build_checklist(template, END, 10, relationship_good=True)
    assert [(e.position, e.key) for e in good] == [
        (1, "early"),
        (2, "tie"),
        (3, "good"),
        (4, "late"),
    ]
    strained = build_checklist(template, END, 10, relationship_good=False)
    assert [e.key for e in strained] == ["early", "tie", "late"]


def test_progress() -> None:
    assert str(Progress(3, 10)) == "3/10" and Progress(3, 10).fraction == 0.3
    assert Progress(0, 0).complete and Progress(0, 0).fraction == 1.0
    assert not Progress(9, 10).complete


def test_messages_fill_the_three_placeholders_and_refuse_others() -> None:
    text = fill_message(
        "Hello $contact, how is $mission at ${client}? 100 $$", client="A", contact="B", mission="C"
    )
    assert text == "Hello B, how is C at A? 100 $"
    with pytest.raises(ValueError, match=r"unknown placeholder \$name"):
        check_message_template("Hello $name")
    with pytest.raises(ValueError, match="lone"):
        check_message_template("costs 5 $ per day")


def test_mailto_and_eml_carry_the_message() -> None:
    url = mailto_url("claire@example.com", "Votre avis ?", "Ligne 1\nLigne 2 & plus")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "claire@example.com"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Votre avis ?"]
    assert query["body"] == ["Ligne 1\nLigne 2 & plus"]
    eml = message_from_string(
        eml_text("claire@example.com", "Votre avis ?", "Été\n"), policy=default
    )
    assert eml["To"] == "claire@example.com" and eml["Subject"] == "Votre avis ?"
    assert eml.get_content() == "Été\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("satisfaction", "csat", 6, END, END), "CSAT score is a whole number from 1 to 5"),
        (("satisfaction", "nps", -1, END, END), "NPS score is a whole number from 0 to 10"),
        (("satisfaction", "stars", 3, END, END), "csat .* or nps"),
        (("goodbye", "csat", 3, END, END), "satisfaction or exit"),
        (("exit", "csat", 3, END, None), "needs the date the survey was answered"),
        (("exit", "csat", 3, END, END - timedelta(days=1)), "answered before it was sent"),
    ],
)
def test_survey_checks(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_survey(*args)


def test_other_needs_a_note() -> None:
    with pytest.raises(ValueError, match="say why"):
        check_end_note("other", "  ")
    check_end_note("other", "Réorganisation")
    for reason in END_REASONS[:-1]:
        check_end_note(reason, None)


def test_the_case_study_draft() -> None:
    facts = CaseStudyFacts(
        client="Maison Verlaine",
        industry="Distribution",
        mission="Refonte du tunnel",
        start_on=date(2026, 4, 30),
        end_on=date(2026, 11, 26),
        role="Lead developer",
        outcomes=split_outcomes("- Conversion +12 %\n\n• Délais divisés par 2\n"),
        contact="Claire Dubois, DSI",
    )
    text = case_study_markdown(facts)
    assert text.startswith("# Case study: Refonte du tunnel for Maison Verlaine\n")
    assert "- **Period:** 30 Apr 2026 – 26 Nov 2026 (7 months)" in text
    assert "- **My role:** Lead developer" in text
    assert "## Outcomes\n\n- Conversion +12 %\n- Délais divisés par 2\n" in text
    assert "a quote from Claire Dubois, DSI" in text
    running = case_study_markdown(CaseStudyFacts("A", None, "M", date(2026, 1, 5), None, None, ()))
    assert "since 5 Jan 2026" in running and "_(describe your role)_" in running


@given(st.text(max_size=80), st.lists(st.text(alphabet="abc_", max_size=6), max_size=5))
def test_a_new_steps_key_is_valid_and_unused(title: str, taken: list[str]) -> None:
    from pipeline_tui.domain.playbook import TemplateStep, check_step, step_key

    key = step_key(title, taken)
    assert key not in taken
    check_step(TemplateStep(key, "a title"))  # 1–40 lowercase letters, digits, underscores


def test_a_new_steps_key_reads_like_its_title() -> None:
    from pipeline_tui.domain.playbook import step_key

    assert step_key("Rendre les accès (VPN)", []) == "rendre_les_acces_vpn"
    assert step_key("Rendre les accès (VPN)", ["rendre_les_acces_vpn"]) == "rendre_les_acces_vpn_2"
    assert step_key("  !!  ", []) == "step"
