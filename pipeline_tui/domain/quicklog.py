"""The one-line activity log, shared by ``pipeline-tui log`` and the TUI's log bar.

::

    call Karim Benali outcome:meeting next:+1w
    email Decathlon "sent the deck" done:yesterday
    social Inès Moreau #social outcome:"no answer"
    #event "Meetup Lyon Freelance"
    call Olivier Garnier due:fri

- The first word is what was done: a kind of activity (``email``, ``call``, ``social``,
  ``event``, ``meeting``, ``proposal``, ``follow-up``, ``note``, or a synonym such as ``linkedin``
  or ``relance``). It may be left out when a ``#channel`` is given (``#event`` logs an event).
- The words after it name who it was with: a contact or a client (resolved by the service).
- A quoted text is the subject; ``#channel`` sets the channel (default: the kind's channel).
- Options: ``done:DATE`` (default today), ``due:DATE`` (plan it instead of logging it done),
  ``next:DATE`` (schedule the follow-up), ``outcome:TEXT``, ``note:TEXT``, ``deal:ID``,
  ``channel:NAME``, ``subject:TEXT``; a value with spaces is quoted (``outcome:"no answer"``).
  Dates are those of :func:`pipeline_tui.domain.dates.parse_date` (today, fri, +1w, 2026-12-01…),
  except that for ``done:`` a weekday or a day/month without a year is the last one, not the next.

Bad text never raises: :func:`parse_quicklog` returns a result whose ``errors`` say what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from pipeline_tui.domain.dates import WEEKDAYS, parse_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.domain.vocabulary import CHANNELS, KIND_CHANNEL, label
from pipeline_tui.i18n import N_, _, pgettext

MAX_SUBJECT = 300
MAX_OUTCOME = 300

KIND_WORDS: dict[str, str] = {
    "email": "email",
    "mail": "email",
    "e-mail": "email",
    "emailed": "email",
    "call": "call",
    "called": "call",
    "phone": "call",
    "appel": "call",
    "social": "social",
    "linkedin": "social",
    "dm": "social",
    "message": "social",
    "msg": "social",
    "event": "event",
    "meetup": "event",
    "salon": "event",
    "meeting": "meeting",
    "meet": "meeting",
    "rdv": "meeting",
    "visio": "meeting",
    "proposal": "proposal",
    "quote": "proposal",
    "devis": "proposal",
    "follow-up": "follow_up",
    "follow_up": "follow_up",
    "followup": "follow_up",
    "relance": "follow_up",
    "note": "note",
}
"""Words accepted as the kind (lower case) → the stored kind."""

CHANNEL_WORDS: dict[str, str] = {
    **{channel: channel for channel in CHANNELS},
    "email": "emailing",
    "mail": "emailing",
    "call": "phone",
    "tel": "phone",
    "linkedin": "social",
    "li": "social",
    "events": "event",
    "meetup": "event",
    "ref": "referral",
}
"""Words accepted after ``#`` or ``channel:`` → the stored channel."""

CHANNEL_KIND: dict[str, str] = {
    "emailing": "email",
    "phone": "call",
    "social": "social",
    "event": "event",
    "referral": "note",
    "inbound": "note",
    "other": "note",
}
"""The kind logged when only a ``#channel`` is given."""

OPTION_WORDS: dict[str, str] = {
    "done": "done",
    "due": "due",
    "next": "next",
    "followup": "next",
    "outcome": "outcome",
    "result": "outcome",
    "note": "note",
    "notes": "note",
    "deal": "deal",
    "channel": "channel",
    "via": "channel",
    "subject": "subject",
}

EXAMPLE = N_("call Karim Benali outcome:meeting next:+1w")  # a message: _(EXAMPLE)
_QUOTES = ('"', "“", "«")
_QUOTED = r'"[^"]*"|“[^”]*”|«[^»]*»'
_TOKEN = re.compile(
    rf"(?P<key>[A-Za-z_]+):(?:(?P<kq>{_QUOTED})|(?P<kv>\S*))"
    rf"|(?P<quoted>{_QUOTED})"
    r"|#(?P<tag>\S*)"
    r"|(?P<word>\S+)"
)


@dataclass(frozen=True, slots=True)
class QuickLog:
    """One parsed entry: done (``done_on``) or planned (``due_on`` only)."""

    kind: str
    channel: str
    target: str | None = None
    subject: str | None = None
    done_on: date | None = None
    due_on: date | None = None
    next_on: date | None = None
    outcome: str | None = None
    notes: str | None = None
    deal_id: int | None = None

    @property
    def planned(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The entry, or the reasons there is none (never both)."""

    entry: QuickLog | None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.entry is not None and not self.errors

    @property
    def message(self) -> str:
        return "; ".join(self.errors)


def _unquote(text: str) -> str:
    return text[1:-1].strip()


def _failed(*errors: str) -> ParseResult:
    return ParseResult(None, tuple(errors))


def parse_quicklog(text: str, today: date) -> ParseResult:
    """Parse one line of the activity log (module docstring: the syntax)."""
    if not (text or "").strip():
        return _failed(_("type what you did, e.g. {example}").format(example=_(EXAMPLE)))
    errors: list[str] = []
    words: list[tuple[int, str]] = []
    quoted: list[str] = []
    tags: list[str] = []
    options: dict[str, str] = {}
    for index, match in enumerate(_TOKEN.finditer(text)):
        if match["key"] is not None:
            raw_key = match["key"].lower()
            key = OPTION_WORDS.get(raw_key)
            value = _unquote(match["kq"]) if match["kq"] else (match["kv"] or "")
            if key is None:
                known = ", ".join(f"{k}:" for k in dict.fromkeys(OPTION_WORDS.values()))
                errors.append(
                    _("unknown option {key}: (use {known})").format(key=raw_key, known=known)
                )
            elif value.startswith(_QUOTES):
                errors.append(_("the quote after {key}: is not closed").format(key=raw_key))
            elif not value:
                errors.append(_("{key}: needs a value").format(key=raw_key))
            elif key in options:
                errors.append(_("{key}: is given twice").format(key=key))
            else:
                options[key] = value
        elif match["quoted"] is not None:
            quoted.append(_unquote(match["quoted"]))
        elif match["tag"] is not None:
            tags.append(match["tag"].lower())
        else:
            word = match["word"]
            if word.startswith(_QUOTES):
                errors.append(_("a quote is not closed"))
            else:
                words.append((index, word))

    kind: str | None = None
    if words and words[0][0] == 0 and words[0][1].lower() in KIND_WORDS:
        kind = KIND_WORDS[words.pop(0)[1].lower()]
    channel = _channel(tags, options.pop("channel", None), errors)
    if kind is None:
        if channel is not None and not (words and words[0][0] == 0):
            kind = CHANNEL_KIND[channel]
        else:
            first = text.split()[0]
            # the grammar's words, the same in every language:
            choices = "email, call, social, event, meeting, proposal, follow-up, note"  # not shown

            errors.insert(
                0,
                _("start with what you did ({choices}), not {word}").format(
                    choices=choices, word=repr(first)
                ),
            )
    if words and any(b[0] != a[0] + 1 for a, b in pairwise(words)):
        errors.append(_('quote a value that has spaces, e.g. outcome:"no answer"'))
    target = " ".join(w for _index, w in words) or None

    subject = options.pop("subject", None)
    if len(quoted) > 1 or (quoted and subject is not None):
        errors.append(_("give one subject (one quoted text)"))
    elif quoted:
        subject = quoted[0] or None
    if subject is not None and len(subject) > MAX_SUBJECT:
        errors.append(_("the subject is longer than {count} characters").format(count=MAX_SUBJECT))

    dates = {}
    for key in ("done", "due", "next"):
        if key in options:
            try:
                parse = _past_date if key == "done" else parse_date
                dates[key] = parse(options[key], today)
            except ValueError as exc:
                errors.append(f"{key}: {exc}")
    done_on, due_on, next_on = dates.get("done"), dates.get("due"), dates.get("next")
    if "done" not in options and "due" not in options:
        done_on = today
    if done_on is not None and done_on > today:
        errors.append(
            _("done:{date} is in the future; use due: to plan it").format(date=options["done"])
        )
    outcome = options.get("outcome")
    if outcome is not None and len(outcome) > MAX_OUTCOME:
        errors.append(_("the outcome is longer than {count} characters").format(count=MAX_OUTCOME))
    if "done" not in options and "due" in options:
        if outcome is not None:
            errors.append(_("an outcome is for something done; drop due: or outcome:"))
        if "next" in options:
            errors.append(_("next: follows something done; this entry is only planned (due:)"))
    if next_on is not None and next_on < today:
        errors.append(_("next:{date} is in the past").format(date=options["next"]))
    deal_id = None
    if "deal" in options:
        raw = options["deal"].lstrip("#")
        if raw.isdigit() and int(raw) > 0:
            deal_id = int(raw)
        else:
            errors.append(_("deal:{deal} is not a deal number").format(deal=options["deal"]))

    if errors or kind is None:
        return _failed(*errors)
    return ParseResult(
        QuickLog(
            kind=kind,
            channel=channel or KIND_CHANNEL[kind],
            target=target,
            subject=subject,
            done_on=done_on,
            due_on=due_on,
            next_on=next_on,
            outcome=outcome,
            notes=options.get("note"),
            deal_id=deal_id,
        )
    )


_DAY_MONTH = re.compile(r"^\d{1,2}[/.]\d{1,2}$")


def _past_date(text: str, today: date) -> date:
    """``parse_date`` for something done: a weekday or a day/month without a year is the last
    one, today included (``done:mon`` on a Thursday is three days ago, not next Monday)."""
    day = parse_date(text, today)
    raw = text.strip().lower()
    if day > today and raw in WEEKDAYS:
        return day - timedelta(days=7)
    if day > today and _DAY_MONTH.match(raw):
        return day - relativedelta(years=1)
    return day


def _channel(tags: list[str], option: str | None, errors: list[str]) -> str | None:
    given = [*tags, *([option.lower()] if option else [])]
    if len(given) > 1:
        errors.append(_("give one channel"))
        return None
    if not given:
        return None
    channel = CHANNEL_WORDS.get(given[0])
    if channel is None:
        errors.append(
            _("#{channel} is not a channel (use {channels})").format(
                channel=given[0], channels=", ".join(CHANNELS)
            )
        )
    return channel


_KIND_PHRASES: dict[str, tuple[str, str]] = {
    "email": (N_("Email"), N_("Email to {target}")),
    "call": (N_("Call"), N_("Call with {target}")),
    "social": (N_("Social message"), N_("Social message to {target}")),
    "event": (N_("Event"), N_("Event with {target}")),
    "meeting": (N_("Meeting"), N_("Meeting with {target}")),
    "proposal": (N_("Proposal"), N_("Proposal to {target}")),
    "follow_up": (N_("Follow-up"), N_("Follow-up with {target}")),
    "note": (N_("Note"), N_("Note on {target}")),
}
# The subject of an entry of each kind typed without one: alone, and with whom (messages).


def default_subject(kind: str, target: str | None) -> str:
    """``Call with Karim Benali``: the subject of an entry typed without one, in the language
    spoken (it is stored as typed)."""
    if kind not in _KIND_PHRASES:
        noun = label(kind).capitalize()
        return _("{what} with {target}").format(what=noun, target=target) if target else noun
    noun, phrase = _KIND_PHRASES[kind]
    return _(phrase).format(target=target) if target else _(noun)


def describe(entry: QuickLog, today: date) -> str:
    """What the entry will log, in words (the live preview and the CLI's echo)."""
    parts = [default_subject(entry.kind, entry.target)]
    if entry.subject:
        parts.append(f"“{entry.subject}”")
    parts.append(f"({label(entry.channel)})")
    text = " ".join(parts)
    when = []
    if entry.done_on is not None:
        # {day} may be a word (today, tomorrow): a context of its own, for French ("fait
        # aujourd'hui", not "fait le aujourd'hui")
        when.append(pgettext("day or word", "done {day}").format(day=_day(entry.done_on, today)))
    if entry.due_on is not None:
        due = (
            pgettext("day or word", "was due {day}")
            if entry.done_on
            else pgettext("day or word", "due {day}")
        )
        when.append(due.format(day=_day(entry.due_on, today)))
    if entry.outcome:
        when.append(_("outcome: {outcome}").format(outcome=entry.outcome))
    if entry.next_on is not None:
        when.append(_("follow-up {day}").format(day=_day(entry.next_on, today)))
    if entry.deal_id is not None:
        when.append(_("deal #{id}").format(id=entry.deal_id))
    return text + " · " + " · ".join(when)


_NAMED_DAYS: dict[int, str] = {0: N_("today"), 1: N_("tomorrow"), -1: N_("yesterday")}


def _day(day: date, today: date) -> str:
    named = _NAMED_DAYS.get((day - today).days)
    return _(named) if named is not None else format_day(day)
