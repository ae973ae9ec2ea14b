"""The value grammar of the quick-add line: what one item piece means, or why it cannot be read.

The second step of ``domain.quickadd.parse``, after ``quickadd_scan`` cut the line into pieces
and named what each word looks like: a note, a title, a channel, a stage, an email, a follow-up
date, days per month, a duration, a value (a day rate or a monthly amount) or ``@renewal``.
Each reading gives the field it fills, its value, and how to name it when it is given twice, or
the ``ParseError`` to show under the piece. Pure: the line's order (names first, each item
once) is the parser's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.dates import parse_date
from pipeline_tui.domain.money import parse_money
from pipeline_tui.domain.quickadd_scan import DAYS_PER, DAYS_X, DURATION, Piece
from pipeline_tui.domain.quickadd_words import (
    CHANNEL_ALIASES,
    DAY_UNITS,
    DURATION_UNITS,
    MAX_DURATION_MONTHS,
    MAX_TITLE_LEN,
    MONTH_UNITS,
    RENEWAL_WORDS,
    STAGE_ALIASES,
    WEEKS_PER_MONTH_NUMERATOR,
    fold,
)
from pipeline_tui.domain.validate import clean_email
from pipeline_tui.domain.vocabulary import CHANNELS, STAGES
from pipeline_tui.i18n import _


@dataclass(frozen=True)
class ParseError:
    """A problem with the line, and the span ``line[start:end]`` to underline."""

    message: str
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    """What an item piece reads as: the ``field`` it fills with ``value``; ``what`` names it
    when it is given twice ("a note is given twice; keep one")."""

    field: str
    value: object
    what: str


ItemReading = Item | ParseError

TOKEN_OF_ITEM: dict[str, str] = {"title_word": "title", "rate": "value"}
"""The token (for colouring) of an item kind, where the two names differ."""


def _error(message: str, piece: Piece) -> ParseError:
    return ParseError(message, piece.start, piece.end)


def _count(text: str) -> float:
    return float(text.replace(",", "."))


def _note(piece: Piece, today: date) -> ItemReading:
    if not piece.closed:
        return _error(_("the note's quote is not closed"), piece)
    return Item("note", piece.text.strip() or None, _("a note"))


def _title(title: str, piece: Piece) -> ItemReading:
    if not title:
        return _error(_('the title is empty (t:"Data platform audit")'), piece)
    if len(title) > MAX_TITLE_LEN:
        return _error(
            _("the title is longer than {count} characters").format(count=MAX_TITLE_LEN), piece
        )
    return Item("title", title, _("a title"))


def _quoted_title(piece: Piece, today: date) -> ItemReading:
    if not piece.closed:
        return _error(_("the title's quote is not closed"), piece)
    return _title(piece.text.strip(), piece)


def _title_word(piece: Piece, today: date) -> ItemReading:
    return _title(piece.text.partition(":")[2].strip(), piece)


def _channel(piece: Piece, today: date) -> ItemReading:
    channel = CHANNEL_ALIASES.get(fold(piece.text[1:]))
    if channel is None:
        choices = ", ".join("#" + c for c in CHANNELS)
        return _error(
            _(
                "{text} is not a channel (try {choices}, or #email #linkedin #call #salon #reco)"
            ).format(text=repr(piece.text), choices=choices),
            piece,
        )
    return Item("channel", channel, _("a channel"))


def _stage(piece: Piece, today: date) -> ItemReading:
    name = fold(piece.text[1:])
    if name in RENEWAL_WORDS:
        return Item("renewal", True, "@renewal")
    stage = STAGE_ALIASES.get(name)
    if name == "lost":
        return _error(_("a new lead cannot start lost"), piece)
    if stage is None:
        choices = ", ".join("@" + s for s in STAGES if s != "lost")
        return _error(
            _("{text} is not a stage (try {choices}, or @renewal)").format(
                text=repr(piece.text), choices=choices
            ),
            piece,
        )
    return Item("stage", stage, _("a stage"))


def _email(piece: Piece, today: date) -> ItemReading:
    text = piece.text
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    try:
        email = clean_email(text)
    except ValueError as exc:
        return _error(str(exc), piece)
    if email is None:
        return _error(_("the email is empty"), piece)
    return Item("email", email, _("an email"))


def _next(piece: Piece, today: date) -> ItemReading:
    key, _colon, text = piece.text.partition(":")
    value_start = piece.start + len(key) + 1
    start, end = (value_start, piece.end) if text else (piece.start, piece.end)
    try:
        day = parse_date(text, today)
    except (ValueError, OverflowError) as exc:
        return ParseError(_("follow-up date: {error}").format(error=exc), start, end)
    if day < today:
        return ParseError(
            _("the follow-up date {day} is in the past").format(day=day.isoformat()), start, end
        )
    return Item("next", day, _("a follow-up date"))


def _days(piece: Piece, today: date) -> ItemReading:
    match = DAYS_X.match(piece.text) or DAYS_PER.match(piece.text.lower())
    assert match is not None
    days = _count(match[1])
    if not 0 < days <= 31:
        return _error(_("days per month are between 1 and 31"), piece)
    return Item("days", days, _("the days per month"))


def _duration(piece: Piece, today: date) -> ItemReading:
    match = DURATION.match(piece.text.lower())
    assert match is not None
    amount = _count(match[1])
    unit = DURATION_UNITS[fold(match[2])]
    if unit == "w":
        months = round(amount * 12 / WEEKS_PER_MONTH_NUMERATOR, 2)
    elif unit == "y":
        months = round(amount * 12, 2)
    else:
        months = amount
    if not 0 < months <= MAX_DURATION_MONTHS:
        return _error(
            _("the duration is more than 0 and at most {count} months").format(
                count=f"{MAX_DURATION_MONTHS:.0f}"
            ),
            piece,
        )
    return Item("duration", months, _("a duration"))


def _rate(piece: Piece, today: date) -> ItemReading:
    unit = fold(piece.text)
    if unit in DAY_UNITS:
        per = "d"
    elif unit in MONTH_UNITS:
        per = "m"
    else:
        shown = f"/{piece.text}" if piece.text else "/"
        return _error(
            _(
                "{unit} is not a unit I know: /d for a day rate (650/d), "
                "/m for a monthly amount (8k/m)"
            ).format(unit=repr(shown)),
            piece,
        )
    try:
        cents = parse_money(piece.amount)
    except ValueError as exc:
        return _error(str(exc), piece)
    if cents <= 0:
        return _error(_("the amount must be more than zero"), piece)
    return Item("value", (per, cents), _("a value (day rate or monthly amount)"))


_READERS: dict[str, Callable[[Piece, date], ItemReading]] = {
    "note": _note,
    "title": _quoted_title,
    "title_word": _title_word,
    "channel": _channel,
    "stage": _stage,
    "email": _email,
    "next": _next,
    "days": _days,
    "duration": _duration,
    "rate": _rate,
}

ITEM_KINDS: frozenset[str] = frozenset(_READERS)
"""The piece kinds (``quickadd_scan``'s, and ``word_kind``'s) that are items."""


def read_item(kind: str, piece: Piece, today: date) -> ItemReading:
    """What the item ``piece`` of ``kind`` (one of ``ITEM_KINDS``) means; dates are relative to
    ``today``."""
    return _READERS[kind](piece, today)


_GROUPED = re.compile(r"[0-9][ \u00a0\u202f][0-9]")
_DOUBTFUL = {"d": 10_000_00, "m": 200_000_00}  # cents: a day rate, a month


def doubtful_amount(piece: Piece, value: object) -> ParseError | None:
    """A warning for a value (a rate piece's ``(per, cents)``) read right after the names when
    it groups digits with a space and is unlikely ("Studio 54 650/d" reads 54 650/d); None when
    it is plausible."""
    assert isinstance(value, tuple)
    per, cents = value
    if _GROUPED.search(piece.amount) and cents >= _DOUBTFUL[per]:
        return ParseError(
            _(
                "{amount} is read as one amount; if its first digits belong to the "
                "name, close the name with ' / ' (Studio 54 / 650/d)"
            ).format(amount=piece.amount),
            piece.start,
            piece.end,
        )
    return None
