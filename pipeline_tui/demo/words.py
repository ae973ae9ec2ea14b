"""The words the demo database is made of: invented French companies, people, deals and notes.

Every company is invented and every domain ends in ``.example`` (RFC 2606), so no demo e-mail can
reach anyone. Used by the demo's row builder; nothing here touches the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FIRST_NAMES: tuple[str, ...] = (
    "Camille", "Thomas", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nicolas", "Julie", "Antoine",
    "Sarah", "Maxime", "Inès", "Julien", "Pauline", "Romain", "Clara", "Mathieu", "Laura",
    "Alexandre",
    "Émilie", "Quentin", "Marine", "Guillaume", "Sophie", "Karim", "Nadia", "Olivier", "Isabelle",
    "Pierre", "Anne", "Yannick", "Céline", "Benoît", "Amandine", "Vincent", "Élodie", "Florian",
    "Aurélie", "Sébastien", "Mélanie", "Damien", "Hélène", "Jérôme", "Sandrine", "Rachid", "Fatou",
    "Mehdi", "Yasmine", "Thibault", "Margaux", "Bastien", "Justine", "Cyril", "Agathe", "Loïc",
    "Gaëlle", "François", "Nathalie", "Adrien",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Benali", "Haddad", "Nguyen", "Diallo",
    "Le Gall", "Kerbrat", "Aubert", "Lemoine", "Marchand", "Barbier",
)  # fmt: skip

ROLES: tuple[str, ...] = (
    "DSI", "CTO", "Head of Product", "Responsable achats", "Directeur des opérations",
    "Product Owner", "Engineering Manager", "Directrice data", "Responsable SI",
    "Chef de projet digital", "Directeur administratif et financier", "Lead développeur",
    "Responsable transformation", "Directrice marketing", "Architecte SI", "Talent acquisition",
)  # fmt: skip

# Industry → patterns for invented company names ({core} is a made-up proper noun).
INDUSTRY_PATTERNS: dict[str, tuple[str, ...]] = {
    "Distribution": ("Maison {core}", "{core} Distribution", "Magasins {core}"),
    "Banque": ("Banque {core}", "Crédit {core}", "{core} Finance"),
    "Assurance": ("Assurances {core}", "Mutuelle {core}", "{core} Prévoyance"),
    "SaaS": ("{core} Cloud", "{core} Labs", "{core} Software"),
    "Secteur public": ("Agence {core}", "Syndicat mixte {core}", "Régie {core}"),
    "ESN": ("{core} Conseil", "{core} Services Numériques", "{core} Digital"),
    "Industrie": ("Ateliers {core}", "{core} Industries", "Forges {core}"),
    "Santé": ("Clinique {core}", "Laboratoires {core}", "{core} Santé"),
    "Transport et logistique": ("Transports {core}", "{core} Logistique", "{core} Fret"),
    "Agroalimentaire": ("Fromageries {core}", "Conserveries {core}", "{core} Terroirs"),
    "Énergie": ("{core} Énergies", "Réseaux {core}", "{core} Renouvelables"),
    "Médias": ("Éditions {core}", "{core} Médias", "Studio {core}"),
}

# Invented proper nouns for the large demo's companies (none of the small demo's, to keep those
# names unambiguous).
NAME_CORES: tuple[str, ...] = (
    "Orvalis", "Vaudrelle", "Perlaine", "Mirandol", "Escalys", "Tournelle", "Guivrac", "Aldaric",
    "Castelbrune", "Lumeria", "Montaval", "Brisane", "Solvène", "Aubeline", "Kervanic", "Tramontel",
    "Velisca", "Dorvane", "Marivel", "Estoria", "Calvane", "Sorbelle", "Ardennia", "Valcrest",
    "Opaline", "Corvelle", "Miravon", "Lisandre", "Tarvène", "Belmonde", "Quenestre", "Rochebrune",
    "Saulaie", "Vignolles", "Ombreval", "Praxilis", "Nérolia", "Fontbelle", "Argentel", "Cimarelle",
    "Loubière", "Hautecour", "Pradeline", "Sylvanor", "Clairval", "Marbelle", "Ostrelle", "Varac",
)  # fmt: skip

DEAL_TITLES: tuple[str, ...] = (
    "Refonte de l'application mobile",
    "Audit de performance du site",
    "Migration vers le cloud",
    "Plateforme data et tableaux de bord",
    "Accompagnement agile des équipes",
    "Renfort développement Python",
    "Audit RGPD et sécurité",
    "Refonte du site e-commerce",
    "Architecture microservices",
    "Industrialisation CI/CD",
    "Tableaux de bord BI pour la direction",
    "Formation Python avancé",
    "Modernisation de l'extranet clients",
    "Mise en place d'un design system",
    "Automatisation des tests",
    "API partenaires et portail développeurs",
    "Reprise de la TMA applicative",
    "Cadrage d'un projet d'IA générative",
)

LOST_REASONS: tuple[str, ...] = (
    "Budget gelé jusqu'à l'an prochain",
    "Choix d'un concurrent moins cher",
    "Projet internalisé par l'équipe du client",
    "Plus de réponse après la proposition",
    "Le sponsor a quitté l'entreprise",
    "TJM jugé trop élevé",
    "Calendrier incompatible avec nos disponibilités",
)

OUTCOMES: tuple[str, ...] = (
    "Intéressé, à relancer",
    "Pas de réponse",
    "Rendez-vous fixé",
    "Demande une proposition",
    "Répondeur, message laissé",
    "Pas de besoin pour l'instant",
    "Transmis au bon interlocuteur",
)

EVENTS: tuple[str, ...] = (
    "Meetup Python Lyon",
    "Salon Tech & Entreprises",
    "Apéro freelances du mois",
    "Conférence Agile France",
    "Petit-déjeuner DSI de la CCI",
    "Journée portage salarial",
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


COMPANIES: tuple[DemoCompany, ...] = (
    DemoCompany(
        "retail",
        "Maison Verlaine Distribution",
        "Distribution",
        "maison-verlaine.example",
        (
            DemoPerson("Claire", "Dubois-Ferrand", "DSI"),
            DemoPerson("Thomas", "Girard", "Head of Product"),
            DemoPerson("Sophie", "Marchand", "Responsable achats"),
        ),
        "Enseigne de 140 magasins, refonte du tunnel de commande en cours.",
    ),
    DemoCompany(
        "bank",
        "Banque Rivemont",
        "Banque",
        "banque-rivemont.example",
        (
            DemoPerson("Julien", "Lefèvre", "CTO"),
            DemoPerson("Nadia", "Benali", "Responsable achats IT"),
        ),
    ),
    DemoCompany(
        "insurer",
        "Mutuelle Pélicorne Assurances",
        "Assurance",
        "pelicorne-assurances.example",
        (
            DemoPerson("Marc", "Aubert", "Directeur data"),
            DemoPerson("Émilie", "Rousseau", "Product Owner"),
        ),
    ),
    DemoCompany(
        "saas",
        "Quorvia",
        "SaaS",
        "quorvia.example",
        (
            DemoPerson("Hugo", "Perrin", "CTO"),
            DemoPerson("Léa", "Fontaine", "Head of Product"),
        ),
        "Scale-up SaaS (série B), équipe tech de 40 personnes.",
    ),
    DemoCompany(
        "agency",
        "Agence des Mobilités du Val d'Orbe",
        "Secteur public",
        "mobilites-valdorbe.example",
        (
            DemoPerson("Isabelle", "Morel", "Directrice du numérique"),
            DemoPerson("Pierre-Antoine", "Lemoine", "Chef de projet"),
        ),
    ),
    DemoCompany(
        "esn",
        "Néoxa Conseil",
        "ESN",
        "neoxa-conseil.example",
        (
            DemoPerson("Karim", "Haddad", "Directeur des opérations"),
            DemoPerson("Camille", "Bernard", "Business manager"),
        ),
    ),
    DemoCompany(
        "agrifood",
        "Fromageries Bastide-Arnoult",
        "Agroalimentaire",
        "bastide-arnoult.example",
        (
            DemoPerson("Antoine", "Roux", "DSI"),
            DemoPerson("Vincent", "Mercier", "Directeur industriel"),
        ),
    ),
    DemoCompany(
        "clinic",
        "Clinique des Tilleuls Bleus",
        "Santé",
        "tilleuls-bleus.example",
        (
            DemoPerson("Anne", "Chevalier", "Directrice administrative et financière"),
            DemoPerson("Olivier", "Garnier", "Responsable SI"),
        ),
    ),
    DemoCompany(
        "logistics",
        "Ferrandière Logistique",
        "Transport et logistique",
        "ferrandiere-logistique.example",
        (DemoPerson("Romain", "Blanc", "DSI"),),
    ),
)


def slug(text: str) -> str:
    """ASCII, lowercase, dash-separated: ``"Élodie Dubois"`` → ``"elodie-dubois"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)
