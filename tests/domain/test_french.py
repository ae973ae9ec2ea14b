"""The domain in French (issue 19): labels, risk reasons, the playbook, settings and the errors a
person reads are translated where they are produced; what JSON shows stays English."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.domain.cadence import describe_rule
from pipeline_tui.domain.money import parse_money
from pipeline_tui.domain.playbook import default_survey_template, template_in_effect
from pipeline_tui.domain.quickadd import parse
from pipeline_tui.domain.quicklog import describe, parse_quicklog
from pipeline_tui.domain.reminders import Reminder, summary
from pipeline_tui.domain.removal import Removal
from pipeline_tui.domain.risk import ClientRiskFacts, SignalFact, churn_risk
from pipeline_tui.domain.settings import AppSettings, setting_rows, settings_document
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import using_language

TODAY = date(2026, 11, 26)
NB = "\u00a0"  # French puts a no-break space before : ; ? !


def test_the_vocabulary_speaks_french() -> None:
    with using_language("fr"):
        assert [label(s) for s in ("lead", "won", "lost")] == ["piste", "gagnée", "perdue"]
        assert label("social") == "réseau social"
        assert label("competitor") == "offre concurrente"
        assert label("some_new_code") == "some new code"  # unknown: its words
    assert label("social") == "social network"


def test_risk_reasons_are_french_when_scored_in_french_and_english_for_json() -> None:
    facts = ClientRiskFacts(
        1,
        signals=(SignalFact("competitor", TODAY - timedelta(days=6)),),
        last_contact_on=TODAY - timedelta(days=45),
        mission_end_on=TODAY + timedelta(days=10),
    )
    with using_language("fr"):
        reasons = churn_risk(facts, TODAY).reasons
        texts = {r.kind: r.text for r in reasons}
        english = {r.kind: r.english for r in reasons}
    assert texts["competitor"] == "offre concurrente le 20 nov. 2026"
    assert texts["mission_end"] == (
        "la mission finit dans 10 jours (6 déc. 2026), pas de renouvellement prévu"
    )
    assert texts["no_contact"] == "aucun contact depuis 45 jours"
    assert english["competitor"] == "competitor approach on 20 Nov 2026"
    assert english["mission_end"] == "mission ends in 10 days (6 Dec 2026), no renewal planned"
    with using_language("en"):
        again = churn_risk(facts, TODAY).reasons
    assert [(r.kind, r.points, r.on) for r in again] == [(r.kind, r.points, r.on) for r in reasons]


def test_the_default_playbook_and_survey_message_are_french() -> None:
    with using_language("fr"):
        steps = template_in_effect([])
        survey = default_survey_template("satisfaction")
    assert steps[0].title == "Rédiger le plan de transition (qui reprend quoi)"
    assert steps[-1].title == "Demander une étude de cas ou un témoignage"
    assert [s.key for s in steps] == [s.key for s in template_in_effect([])]
    assert survey.subject == f"Comment se passe notre travail sur $mission{NB}?"
    assert survey.body.startswith("Bonjour $contact,")


def test_settings_describe_themselves_in_french_but_json_stays_english() -> None:
    with using_language("fr"):
        rows = {r.path: r.description for r in setting_rows(AppSettings())}
        document = settings_document(AppSettings())
    assert rows["currency"] == "devise de tous les montants (code ISO)"
    assert rows["stage_probabilities.won"] == "probabilité (%) d’une affaire à l’étape gagnée"
    assert document["currency"]["description"] == "currency of every amount (ISO code)"


def test_errors_a_person_reads_are_french() -> None:
    with using_language("fr"):
        with pytest.raises(ValueError) as money:
            parse_money("douze")
        lead = parse("Decathlon / Karim Benali @lost", TODAY)
        logged = parse_quicklog("", TODAY)
    assert str(money.value) == "'douze' n’est pas un montant (essayez 650, 650,50 ou 6 500 €)"
    assert [e.message for e in lead.errors] == ["une nouvelle piste ne peut pas commencer perdue"]
    assert logged.message == (
        "tapez ce que vous avez fait, par ex. appel Karim Benali outcome:meeting next:+1w"
    )


def test_counts_and_sentences_read_in_french() -> None:
    entry = parse_quicklog("call Karim Benali next:+2d", TODAY).entry
    assert entry is not None
    with using_language("fr"):
        assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", TODAY) == "toutes les 2 semaines"
        assert describe_rule("FREQ=MONTHLY;BYMONTHDAY=1", TODAY) == "chaque mois"
        reminders = [Reminder("rotting", "deal-1", "x"), Reminder("rotting", "deal-2", "y")]
        assert summary(reminders) == f"2 rappels{NB}: 2 affaires qui dorment"
        assert describe(entry, TODAY) == (
            "Appel avec Karim Benali (téléphone) · fait aujourd’hui · relance 28 nov. 2026"
        )
        removal = Removal("client", 1, "Acme", {"contact": 2, "deal": 1})
        assert removal.question == f"Supprimer Acme{NB}? Ses 2 contacts et 1 affaire partent avec."
