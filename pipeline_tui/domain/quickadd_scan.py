"""Cutting a quick-add line into pieces, and naming what each word looks like.

The first step of ``domain.quickadd.parse``: quoted text, amounts (which may group thousands with
spaces, ``12 000/m``, and so span several words) and plain words, with their spans in the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline_tui.domain.quickadd_words import (
    DAY_UNITS,
    DURATION_UNITS,
    MONTH_UNITS,
    NEXT_KEYS,
    QUOTES,
    TITLE_KEYS,
    fold,
)

_NUM = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9][0-9.,]*"
RATE = re.compile(
    rf"(?P<pre>[€$£])?(?P<num>{_NUM})(?P<k>[kK])?(?:[ \u00a0\u202f]?(?:€|(?i:eur)|\$|£))?/"
)
TITLE_PREFIX = re.compile(r"(?i:" + "|".join(TITLE_KEYS) + r"):")
_COUNT = r"([0-9]+(?:[.,][0-9]{1,2})?)"
DAYS_X = re.compile(rf"^[xX×*]{_COUNT}$")
DAYS_PER = re.compile(rf"^{_COUNT}(?:d|j|days?|jours?)/(?:m|mo|month|mois)$")
DURATION = re.compile(rf"^{_COUNT}([a-z]+)$")


@dataclass(frozen=True)
class Piece:
    """One piece of the line: ``kind`` is note, title (quoted), rate or word."""

    kind: str
    start: int
    end: int
    text: str  # the content of a quote, the unit of a rate (after "/"), or the word
    amount: str = ""  # a rate's amount as typed, without currency signs
    closed: bool = True  # a quote found its closing mark


def read_quoted(line: str, pos: int) -> tuple[int, str, bool]:
    """Read the quote opening at ``pos``: (end, content, closed).

    In straight quotes ``\\"`` and ``\\\\`` stand for ``"`` and ``\\``; curly quotes and
    guillemets close at their mate (or a straight quote) and have no escapes.
    """
    opener = line[pos]
    closer = QUOTES[opener]
    out: list[str] = []
    i = pos + 1
    while i < len(line):
        ch = line[i]
        if opener == '"' and ch == "\\" and i + 1 < len(line) and line[i + 1] in '"\\':
            out.append(line[i + 1])
            i += 2
            continue
        if ch == closer or (closer != '"' and ch == '"'):
            return i + 1, "".join(out), True
        out.append(ch)
        i += 1
    return len(line), "".join(out), False


def _word_end(line: str, pos: int) -> int:
    while pos < len(line) and not line[pos].isspace():
        pos += 1
    return pos


def scan(line: str) -> list[Piece]:
    """The pieces of ``line``, in order. Never raises."""
    pieces: list[Piece] = []
    pos = 0
    while pos < len(line):
        ch = line[pos]
        if ch.isspace():
            pos += 1
            continue
        if ch in QUOTES:
            end, content, closed = read_quoted(line, pos)
            pieces.append(Piece("note", pos, end, content, closed=closed))
            pos = end
            continue
        title = TITLE_PREFIX.match(line, pos)
        if title and title.end() < len(line) and line[title.end()] in QUOTES:
            end, content, closed = read_quoted(line, title.end())
            pieces.append(Piece("title", pos, end, content, closed=closed))
            pos = end
            continue
        rate = RATE.match(line, pos)
        if rate:
            end = _word_end(line, rate.end())
            unit = line[rate.end() : end]
            # "24/7" or "27/11" are words (a company, a misplaced date), not amounts.
            if not unit or unit[0].isalpha():
                amount = rate["num"] + (rate["k"] or "")
                pieces.append(Piece("rate", pos, end, unit, amount=amount))
                pos = end
                continue
        end = _word_end(line, pos)
        pieces.append(Piece("word", pos, end, line[pos:end]))
        pos = end
    return pieces


def word_kind(word: str) -> str:
    """What a plain word is: channel, stage, email, next, title_word, days, duration, bad_rate
    (a word written as an amount per day or month that is not one) or word."""
    lowered = word.lower()
    if word.startswith("#"):
        return "channel"
    if word.startswith("@"):
        return "stage"
    if "@" in word:
        return "email"
    key, colon, _ = lowered.partition(":")
    if colon and key in NEXT_KEYS:
        return "next"
    if colon and key in TITLE_KEYS:
        return "title_word"
    if DAYS_X.match(word) or DAYS_PER.match(lowered):
        return "days"
    duration = DURATION.match(lowered)
    if duration and fold(duration[2]) in DURATION_UNITS:
        return "duration"
    amount, slash, unit = lowered.rpartition("/")
    if slash and amount and unit in DAY_UNITS | MONTH_UNITS:
        return "bad_rate"  # 1e30/m, -5/m, nan/d, 0x10/d: meant as an amount, not one
    return "word"


def is_name_word(word: str) -> bool:
    """True when ``word`` reads as part of a company or contact name on the line.

    Forms can use it to warn that a name cannot be typed on the quick-add line as it is.
    """
    if not word or word == "/" or any(c.isspace() for c in word):
        return False
    pieces = scan(word)
    return (
        len(pieces) == 1
        and pieces[0].kind == "word"
        and pieces[0].end == len(word)
        and word_kind(word) == "word"
    )
