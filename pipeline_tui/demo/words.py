"""The words the demo database is made of: invented French companies, people, deals and notes.

Every company is invented and every domain ends in ``.example`` (RFC 2606), so no demo e-mail can
reach anyone. The words themselves are data, in ``words.toml`` beside this module; here they are
typed, with the story's offboarding. Used by the demo's row builder; nothing here touches the
database.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    last_name: str
    role: str


@dataclass(frozen=True)
class DemoCompany:
    """One hand-written client of the small demo."""

    key: str
    name: str
    industry: str
    domain: str
    people: tuple[DemoPerson, ...]
    notes: str | None = None


_WORDS = tomllib.loads(
    resources.files("pipeline_tui.demo").joinpath("words.toml").read_text(encoding="utf-8")
)
FIRST_NAMES: tuple[str, ...] = tuple(_WORDS["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_WORDS["last_names"])
ROLES: tuple[str, ...] = tuple(_WORDS["roles"])
NAME_CORES: tuple[str, ...] = tuple(_WORDS["name_cores"])
DEAL_TITLES: tuple[str, ...] = tuple(_WORDS["deal_titles"])
LOST_REASONS: tuple[str, ...] = tuple(_WORDS["lost_reasons"])
OUTCOMES: tuple[str, ...] = tuple(_WORDS["outcomes"])
EVENTS: tuple[str, ...] = tuple(_WORDS["events"])
# Industry → patterns for invented company names ({core} is one of NAME_CORES).
INDUSTRY_PATTERNS: dict[str, tuple[str, ...]] = {
    industry: tuple(patterns) for industry, patterns in _WORDS["industry_patterns"].items()
}
COMPANIES: tuple[DemoCompany, ...] = tuple(
    DemoCompany(
        company["key"],
        company["name"],
        company["industry"],
        company["domain"],
        tuple(DemoPerson(**person) for person in company["people"]),
        company.get("notes"),
    )
    for company in _WORDS["companies"]
)


# The end-of-collaboration playbook (DESIGN.md): key (those of domain.playbook.DEFAULT_TEMPLATE),
# title, due-date offset from the end, and the offset it was done at (None: still to do) for the
# demo's former client.
OFFBOARDING_ITEMS: tuple[tuple[str, str, int, int | None], ...] = (
    ("transition_plan", "Rédiger le plan de transition", -14, -15),
    ("handover", "Planifier les sessions de passation", -7, -9),
    ("training_offer", "Proposer une formation payante au repreneur", -5, -4),
    ("documents", "Remettre tous les documents du projet", 0, 0),
    ("raise_targets", "Relever les objectifs du plan jusqu'au retour de la couverture", 0, 1),
    ("final_invoice", "Facturer les jours travaillés jusqu'à la fin", 3, 2),
    ("post_mortem", "Post-mortem : ce qui n'a pas marché, formation à suivre", 7, None),
    ("satisfaction_surveys", "Envoyer un questionnaire de satisfaction aux clients actuels", 10, 9),
    ("exit_survey", "Envoyer le questionnaire de sortie", 14, 14),
    ("case_study", "Demander un témoignage / une étude de cas", 21, None),
)
OFFBOARDING_NOTICE_DAYS = 30

# The former client's transition plan (task, done at this offset from the end), the documents
# handed over, and its post-mortem lessons (kind, text, due offset from today for a training).
TRANSITION_STEPS: tuple[tuple[str, int], ...] = (
    ("Reprise de la maintenance du portail usagers", -20),
    ("Passation des accès et des environnements", -12),
    ("Documentation des flux billettiques", -2),
)
HANDOVER_DOCUMENTS: tuple[str, ...] = (
    "Dossier d'architecture",
    "Cahier de recette",
    "Procédures d'exploitation",
    "Inventaire des accès",
)
LESSONS: tuple[tuple[str, str, int | None], ...] = (
    ("went_wrong", "Pas de règle écrite pour les demandes hors périmètre dès le lancement", None),
    ("went_wrong", "Avenant proposé trop tard, après trois mois de glissement", None),
    ("training", "Formation : négocier un avenant et cadrer le changement", 20),
)


def slug(text: str) -> str:
    """ASCII, lowercase, dash-separated: ``"Élodie Dubois"`` → ``"elodie-dubois"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)
