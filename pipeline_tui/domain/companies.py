"""Telling that two spellings name the same organisation or the same profile.

``company_key("Société Générale S.A.")`` and ``company_key("societe generale")`` are equal: the key
ignores case, accents, punctuation and a trailing legal form (SAS, SARL, Inc, GmbH…). Imports match
contacts to clients with it; the client keeps the name as the user first wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline_tui.i18n import _

# Legal forms dropped from the end of a company name (after punctuation is removed, so "S.A.S."
# and "s.a.s" are "sas"). French first, then the forms LinkedIn users write most.
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        # France
        "sa",
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sci",
        "snc",
        "scop",
        "sca",
        "selarl",
        "ei",
        "eirl",
        # English-speaking countries
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        # Elsewhere in Europe
        "gmbh",
        "ag",
        "kg",
        "ug",
        "bv",
        "nv",
        "srl",
        "spa",
        "sl",
        "ab",
        "as",
        "oy",
    }
)

_DOTTED = re.compile(r"(?<=\w)\.(?=\w)|\.(?=\s|$)")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def strip_accents(text: str) -> str:
    """``Société`` → ``Societe``; letters without a plain form (ß, æ) are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8192)  # imports ask for the same few companies thousands of times
def company_key(name: str | None) -> str:
    """A comparison key for a company name: lower case, no accents, no punctuation, no legal form.

    Legal forms are dropped only at the end and never down to nothing, so a company called "SA"
    still has a key. ``&`` and ``and``/``et`` are not unified: "Dupont & Fils" and "Dupont et Fils"
    stay different.
    """
    if not name:
        return ""
    text = strip_accents(name).casefold()
    text = _DOTTED.sub("", text)  # S.A.S. → sas, Inc. → inc
    words = [w for w in _NOT_WORD.split(text) if w]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1024)
def profile_key(url: str | None) -> str:
    """A comparison key for a profile URL: no scheme, no ``www.``, no query, no trailing slash.

    ``https://www.linkedin.com/in/Jean-Dupont/?trk=x`` and ``linkedin.com/in/jean-dupont`` have the
    same key (LinkedIn profile paths are case-insensitive).
    """
    if not url:
        return ""
    text = url.strip()
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text)
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    text = text.rstrip("/")
    if text.lower().startswith("www."):
        text = text[4:]
    return text.casefold()


def clean_profile_url(url: str | None) -> str | None:
    """The URL as stored: trimmed, ``https://`` when no scheme was written, no tracking query.

    Raises ValueError for text that is not a web address.
    """
    if url is None or not url.strip():
        return None
    text = url.strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        text = "https://" + text
    if not re.match(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$", text, re.IGNORECASE):
        raise ValueError(_("{url} is not a web address").format(url=repr(url.strip())))
    return re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")
