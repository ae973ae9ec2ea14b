"""The quick-add line: one line of text → a lead (a client, a contact, a deal, a follow-up).

Shared by the TUI's quick-add bar and ``pipeline-tui add``. Pure: no SQL, no Textual. The parser
never raises on any text: problems come back as ``ParseError`` values that point at the span of
the line to underline.

The line is read in steps, one module each: ``quickadd_scan`` cuts it into pieces and names what
each word looks like, ``quickadd_items`` reads what one item means (the value grammar below),
and this module walks the pieces in the line's order (names first, each item once) to build the
draft; ``quickadd_format`` prints a draft back; ``quickadd_words`` holds the vocabulary.

Grammar (whitespace separates words; words are matched case- and accent-insensitively)::

    line     := company [" / " [contact]] item*
    company  := word+        the leading words, up to " / " or the first item
    contact  := word+        first word = first name, the rest = last name ("de La Fontaine")
    item     := email | value | days | duration | channel | stage | renewal | next | title | note

    email    := name@domain.tld  or  <name@domain.tld>
    value    := AMOUNT "/" ("d"|"day"|"j"|"jour"|"jr")     a day rate:       650/d  650€/j
              | AMOUNT "/" ("m"|"mo"|"month"|"mois")       a monthly amount: 8k/m  12 000/m
    AMOUNT   := [€$£] digits [. or , and 1–2 decimals] [k] [€|eur|$|£]
                (thousands may be grouped with spaces: 12 000; currency signs are decoration —
                amounts are in the database's currency)
    days     := "x" N  |  N ("d"|"j") "/" ("m"|"mois")   days billed a month (default: the
                default_days_per_month setting, 18 unless changed): x15  15d/m  15j/m
    duration := N ("m"|"mo"|"mois"|"month(s)")           expected duration: 6m  1.5m
              | N ("w"|"wk"|"sem"|"week(s)")             weeks, stored as months (3w → 0.69m)
              | N ("y"|"yr"|"an"|"ans"|"year(s)")        years (1y → 12m)
    channel  := "#" name     a channel or an alias: #email #linkedin #call #salon #reco …
    stage    := "@" name     the starting stage (default lead): @meeting @rdv @proposal …; not lost
    renewal  := "@renewal"   the deal renews the client's running mission (the one ending first
                if several; services.leads checks there is one): @renewal @proposal
    next     := ("next"|"n"|"relance"|"suivi") ":" DATE   the next follow-up (domain.dates):
                next:fri  next:tomorrow  next:+3d  next:+2w  next:2026-12-01  next:01/12
    title    := ("t"|"title"|"titre") ":" (QUOTED | word)   the deal title
                (default "<company> — <contact>", or the company alone)
    note     := QUOTED       "met at Devoxx" (also “…” and «…»; \\" and \\\\ escape inside "…")

Items come in any order after the names, each at most once. A word that is not an item after the
names is an error (names go first). Because amounts may group thousands with a space, a company
ending in a small number right before an amount must be closed with " / ": ``Studio 54 / 650/d``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline_tui.domain.dates import parse_date
from pipeline_tui.domain.lead_draft import LeadDraft, describe, name_from_email
from pipeline_tui.domain.quickadd_format import format_lead
from pipeline_tui.domain.quickadd_items import (
    TOKEN_OF_ITEM,
    ParseError,
    doubtful_amount,
    read_item,
)
from pipeline_tui.domain.quickadd_scan import Piece, is_name_word, scan, word_kind
from pipeline_tui.domain.quickadd_words import (
    CHANNEL_ALIASES,
    MAX_COMPANY_LEN,
    MAX_NAME_LEN,
    STAGE_ALIASES,
    fold,
)
from pipeline_tui.domain.vocabulary import CHANNELS
from pipeline_tui.i18n import _

__all__ = [
    "TOKEN_KINDS",
    "LeadDraft",
    "ParseError",
    "ParseResult",
    "Token",
    "complete",
    "describe",
    "format_lead",
    "is_name_word",
    "name_from_email",
    "parse",
]


@dataclass(frozen=True)
class Token:
    """A recognised piece of the line, for colouring it: ``kind`` is one of ``TOKEN_KINDS``."""

    kind: str
    start: int
    end: int


TOKEN_KINDS = (
    "company",
    "separator",
    "contact",
    "email",
    "value",
    "days",
    "duration",
    "channel",
    "stage",
    "next",
    "title",
    "note",
    "unknown",
)


@dataclass(frozen=True)
class ParseResult:
    draft: LeadDraft | None  # None exactly when there are errors
    errors: tuple[ParseError, ...]
    tokens: tuple[Token, ...]  # every piece of the line, in order, for colouring it
    warnings: tuple[ParseError, ...] = ()  # doubtful readings worth showing; the draft stands

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------------------------
# Reading the pieces.


class _Reader:
    """Walks the pieces once, filling the fields and collecting errors and tokens."""

    def __init__(self, line: str, today: date) -> None:
        self.line = line
        self.today = today
        self.errors: list[ParseError] = []
        self.warnings: list[ParseError] = []
        self.tokens: list[Token] = []
        self.company: list[Piece] = []
        self.contact: list[Piece] = []
        self.separator: Piece | None = None
        self.phase = "company"  # company → contact → items
        self.ends_names = False  # the piece being read is the first after the names
        self.fields: dict[str, tuple[object, Piece]] = {}

    def error(self, message: str, start: int, end: int) -> None:
        self.errors.append(ParseError(message, start, end))

    def token(self, kind: str, piece: Piece) -> None:
        self.tokens.append(Token(kind, piece.start, piece.end))

    def set(self, field: str, value: object, piece: Piece, what: str) -> None:
        if field in self.fields:
            self.error(
                _("{what} is given twice; keep one").format(what=what), piece.start, piece.end
            )
        else:
            self.fields[field] = (value, piece)

    def value(self, field: str) -> Any:
        return self.fields[field][0] if field in self.fields else None

    # -- one piece ----------------------------------------------------------------------------

    def read(self, piece: Piece) -> None:
        if piece.kind == "word" and piece.text == "/":
            self.read_separator(piece)
            return
        kind = self.classify(piece)
        if kind == "bad_rate":
            self.token("unknown", piece)
            self.error(
                _(
                    "{text} is not an amount: write a positive number, e.g. 650/d, 8k/m or 12 000/m"
                ).format(text=repr(piece.text)),
                piece.start,
                piece.end,
            )
            return
        if kind == "word" or (
            # The first word is the company's even if it looks like a duration or a day count
            # ("3M", "x15"): a line cannot start with those.
            kind in ("duration", "days")
            and self.phase == "company"
            and not self.company
            and piece.kind == "word"
        ):
            self.read_name_word(piece)
            return
        self.ends_names = self.phase != "items"
        self.phase = "items"
        self.read_item(kind, piece)

    def classify(self, piece: Piece) -> str:
        return word_kind(piece.text) if piece.kind == "word" else piece.kind

    def read_separator(self, piece: Piece) -> None:
        if self.phase == "company":
            self.token("separator", piece)
            self.separator = piece
            self.phase = "contact"
            if not self.company:
                self.error(_("start with the company, then ' / ' and the contact"), 0, piece.end)
        elif self.phase == "contact":
            self.token("unknown", piece)
            self.error(
                _("only one ' / ' (between the company and the contact)"), piece.start, piece.end
            )
        else:
            self.token("unknown", piece)
            self.error(
                _("' / ' goes right after the company (Company / First Last …)"),
                piece.start,
                piece.end,
            )

    def read_name_word(self, piece: Piece) -> None:
        if self.phase == "company":
            self.token("company", piece)
            self.company.append(piece)
        elif self.phase == "contact":
            self.token("contact", piece)
            self.contact.append(piece)
        else:
            self.token("unknown", piece)
            hint = _("names go first: Company / First Last, then the rest")
            try:
                parse_date(piece.text, self.today)
            except (ValueError, OverflowError):
                pass
            else:
                hint = _("a follow-up date is written next:{date}").format(date=piece.text)
            if piece.text.startswith(("'", "‘")):
                hint = _('a note goes in double quotes: "met at Devoxx"')
            self.error(
                _("{text} is not understood here ({hint})").format(
                    text=repr(piece.text), hint=hint
                ),
                piece.start,
                piece.end,
            )

    def read_item(self, kind: str, piece: Piece) -> None:
        """An item (``quickadd_items``): its token, then its value or its error."""
        self.token(TOKEN_OF_ITEM.get(kind, kind), piece)
        reading = read_item(kind, piece, self.today)
        if isinstance(reading, ParseError):
            self.errors.append(reading)
            return
        self.set(reading.field, reading.value, piece, reading.what)
        if kind == "rate" and self.ends_names:
            warning = doubtful_amount(piece, reading.value)
            if warning is not None:
                self.warnings.append(warning)

    # -- the whole line -----------------------------------------------------------------------

    def finish(self) -> LeadDraft | None:
        if not self.company:
            if self.separator is None:
                end = self.tokens[0].end if self.tokens else 0
                self.error(
                    _("start with the company (e.g. Decathlon / Karim Benali 650/d)"), 0, end
                )
            return None
        company = " ".join(r.text for r in self.company)
        if len(company) > MAX_COMPANY_LEN:
            self.error(
                _("the company name is longer than {count} characters").format(
                    count=MAX_COMPANY_LEN
                ),
                self.company[0].start,
                self.company[-1].end,
            )
        first_name = self.contact[0].text if self.contact else None
        last_name = " ".join(r.text for r in self.contact[1:])
        if first_name is not None and max(len(first_name), len(last_name)) > MAX_NAME_LEN:
            self.error(
                _("a name is longer than {count} characters").format(count=MAX_NAME_LEN),
                self.contact[0].start,
                self.contact[-1].end,
            )
        per, cents = self.value("value") or (None, None)
        days = self.value("days")
        if days is not None and per != "d":
            piece = self.fields["days"][1]
            self.error(
                _("days per month go with a day rate (650/d x15); there is none"),
                piece.start,
                piece.end,
            )
        if self.errors:
            return None
        return LeadDraft(
            company=company,
            first_name=first_name,
            last_name=last_name,
            email=self.value("email"),
            day_rate_cents=cents if per == "d" else None,
            days_per_month=days if per == "d" else None,
            monthly_cents=cents if per == "m" else None,
            duration_months=self.value("duration"),
            channel=self.value("channel"),
            stage=self.value("stage") or "lead",
            next_on=self.value("next"),
            note=self.value("note"),
            title=self.value("title"),
            renewal=bool(self.value("renewal")),
        )


def parse(line: str, today: date) -> ParseResult:
    """Read a quick-add line; dates (``next:fri``) are relative to ``today``. Never raises."""
    reader = _Reader(line, today)
    for piece in scan(line):
        reader.read(piece)
    draft = reader.finish()
    errors = tuple(sorted(reader.errors, key=lambda e: (e.start, e.end)))
    return ParseResult(
        draft if not errors else None, errors, tuple(reader.tokens), tuple(reader.warnings)
    )


# ---------------------------------------------------------------------------------------------
# Tab completion.

_COMPLETION_LIMIT = 20
_ANY_DAY = date(2000, 1, 3)


def _matches(prefix: str, candidates: Iterable[str]) -> list[str]:
    """Candidates starting with ``prefix``, then those with a later word starting with it."""
    folded = fold(prefix)
    if not folded.strip():
        return []
    starts: list[str] = []
    inner: list[str] = []
    seen: set[str] = set()
    for name in sorted(set(candidates), key=fold):
        key = fold(name)
        if key == folded or key in seen:
            continue
        if key.startswith(folded):
            starts.append(name)
            seen.add(key)
        elif any(word.startswith(folded) for word in key.split()[1:]):
            inner.append(name)
            seen.add(key)
    return (starts + inner)[:_COMPLETION_LIMIT]


def complete(line: str, cursor: int, names: Iterable[str]) -> list[str]:
    """Completions of what is typed at ``cursor``, each as the whole new line.

    In the names part (before any item) the company, or the contact after " / ", is completed
    from ``names`` (known clients and contacts: ``services.leads.known_names``), accent- and
    case-insensitively; a word starting with ``#`` or ``@`` is completed from the channels or
    stages. Elsewhere there is nothing to complete. Text after the cursor is kept; in a result
    ``r`` the cursor belongs at ``cursor + len(r) - len(line)``.
    """
    cursor = max(0, min(cursor, len(line)))
    word_start = cursor
    while word_start > 0 and not line[word_start - 1].isspace():
        word_start -= 1
    word = line[word_start:cursor]
    if word[:1] in ("#", "@"):
        words = CHANNEL_ALIASES if word[0] == "#" else {**STAGE_ALIASES, "renewal": "renewal"}
        canonical = CHANNELS if word[0] == "#" else (*STAGE_ALIASES.values(), "renewal")
        found = [w for w in dict.fromkeys([*canonical, *words]) if w.startswith(fold(word[1:]))]
        return [line[:word_start] + word[0] + w + line[cursor:] for w in found if w != word[1:]]
    before = line[:cursor]
    reader = _Reader(before, _ANY_DAY)  # only the shape of the line matters here
    for piece in scan(before):
        reader.read(piece)
    if reader.phase == "items":
        return []
    segment = reader.contact if reader.phase == "contact" else reader.company
    if not segment:
        return []
    start = segment[0].start
    return [line[:start] + name + line[cursor:] for name in _matches(line[start:cursor], names)]
