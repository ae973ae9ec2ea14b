"""The words of the quick-add line: channel and stage aliases, units, and number spelling.

Kept apart from the parser so the TUI can list them (help, completion) without parsing anything.
Aliases are matched after ``fold`` (case- and accent-insensitive): ``#Salon`` and ``#évènement``
both mean the ``event`` channel.
"""

from __future__ import annotations

import unicodedata

from pipeline_tui.domain.vocabulary import CHANNELS, STAGES

DEFAULT_DAYS_PER_MONTH = 18.0
"""Days billed a month when a day rate is given without ``x15`` / ``15d/m`` and the user has not
changed the ``default_days_per_month`` setting (``domain.settings``)."""

MAX_DURATION_MONTHS = 120.0
WEEKS_PER_MONTH_NUMERATOR = 52  # a week is 12/52 of a month: 3w → 0.69 months
MAX_COMPANY_LEN = 200
MAX_NAME_LEN = 100
MAX_TITLE_LEN = 200


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to match words: ``Évènement`` → ``evenement``.

    ASCII text has nothing to decompose: it is only case-folded (a quick-add compares the
    company typed with every client's name, 10,000 of them on a large file)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# Every stored channel is its own alias; the others are what people type.
CHANNEL_ALIASES: dict[str, str] = {
    **{channel: channel for channel in CHANNELS},
    "email": "emailing",
    "mail": "emailing",
    "e-mail": "emailing",
    "mailing": "emailing",
    "cold": "emailing",
    "call": "phone",
    "tel": "phone",
    "telephone": "phone",
    "appel": "phone",
    "linkedin": "social",
    "li": "social",
    "twitter": "social",
    "x": "social",
    "reseau": "social",
    "reseaux": "social",
    "salon": "event",
    "meetup": "event",
    "conf": "event",
    "conference": "event",
    "evenement": "event",
    "reco": "referral",
    "recommandation": "referral",
    "ref": "referral",
    "intro": "referral",
    "bouche-a-oreille": "referral",
    "site": "inbound",
    "web": "inbound",
    "malt": "inbound",
    "autre": "other",
}

# A quick-added lead starts at any open stage, or won; never lost (a lost deal needs a reason).
START_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s != "lost")

STAGE_ALIASES: dict[str, str] = {
    **{stage: stage for stage in START_STAGES},
    "new": "lead",
    "contacte": "contacted",
    "rdv": "meeting",
    "meet": "meeting",
    "prop": "proposal",
    "devis": "proposal",
    "nego": "negotiation",
    "negociation": "negotiation",
    "gagne": "won",
}

# ``@renewal``: the deal renews the client's running mission (not a stage: it goes with one).
RENEWAL_WORDS: frozenset[str] = frozenset({"renewal", "renouvellement"})

# The separate words for the follow-up date key (``next:fri``, ``relance:+3d``).
NEXT_KEYS: tuple[str, ...] = ("next", "n", "relance", "suivi")
TITLE_KEYS: tuple[str, ...] = ("t", "title", "titre")

DAY_UNITS: frozenset[str] = frozenset({"d", "day", "j", "jour", "jr"})
MONTH_UNITS: frozenset[str] = frozenset({"m", "mo", "month", "mois"})
DURATION_UNITS: dict[str, str] = {
    **{u: "m" for u in ("m", "mo", "month", "months", "mois")},
    **{u: "w" for u in ("w", "wk", "week", "weeks", "sem", "semaine", "semaines")},
    **{u: "y" for u in ("y", "yr", "year", "years", "an", "ans")},
}

QUOTES: dict[str, str] = {'"': '"', "“": "”", "«": "»"}


def number_text(value: float) -> str:
    """The shortest spelling of a count that reads back as the same float: 18.0 → ``18``."""
    if value == int(value):
        return str(int(value))
    return repr(value)


def cents_text(cents: int) -> str:
    """Cents as the line spells them: 65000 → ``650``, 65050 → ``650.50``."""
    whole, part = divmod(cents, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}"
