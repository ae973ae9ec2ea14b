"""A lead as typed on the quick-add line, before it is saved, and its preview in words.

DB-free: whether the client or the contact already exists is the services' knowledge
(``services.leads.lead_preview``); ``describe`` takes it as plain words when the caller has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from pipeline_tui.domain.mathutil import round_half_up
from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.quickadd_words import DEFAULT_DAYS_PER_MONTH, number_text
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import _, formats, ngettext


def default_title(company: str, contact: str | None = None) -> str:
    """The deal title when none is typed: the company, and the person when one is named. It
    says nothing of the stage, which moves on while a title stays ("Acme — lead" read wrong
    once the deal was at proposal)."""
    return f"{company} — {contact}" if contact else company


@dataclass(frozen=True)
class LeadDraft:
    """A checked lead, ready to save. ``title=None`` means the default title."""

    company: str
    first_name: str | None = None
    last_name: str = ""
    email: str | None = None
    day_rate_cents: int | None = None
    # Days billed a month, as typed (x15); None with a day rate: not typed, so the user's
    # ``default_days_per_month`` setting applies (``with_default_days``; 18 until then).
    days_per_month: float | None = None
    monthly_cents: int | None = None  # a fixed monthly amount, instead of a day rate
    duration_months: float | None = None
    channel: str | None = None  # None: not said (saved as "other")
    stage: str = "lead"
    next_on: date | None = None  # the next follow-up; None: none to schedule
    note: str | None = None
    title: str | None = None
    renewal: bool = False  # @renewal: the deal renews the client's running mission

    def with_default_days(self, days: float) -> LeadDraft:
        """The draft with ``days`` a month when it has a day rate and no days typed (the
        ``default_days_per_month`` setting); otherwise the draft itself."""
        if self.day_rate_cents is None or self.days_per_month is not None:
            return self
        return replace(self, days_per_month=float(days))

    @property
    def monthly_value_cents(self) -> int | None:
        """Day rate × days per month (rounded half up to the cent), or the monthly amount."""
        if self.day_rate_cents is not None:
            days = Decimal(repr(self.days_per_month or DEFAULT_DAYS_PER_MONTH))
            return round_half_up(self.day_rate_cents * days)
        return self.monthly_cents

    @property
    def deal_title(self) -> str:
        return self.title or default_title(self.company, self.contact_name)

    @property
    def contact_name(self) -> str | None:
        """The contact's full name as typed, or None when no name was typed."""
        if self.first_name is None:
            return None
        return f"{self.first_name} {self.last_name}".strip()


def name_from_email(email: str) -> tuple[str, str]:
    """A person's name guessed from an address, for a contact typed by email only.

    ``karim.benali@x.fr`` → (``Karim``, ``Benali``); ``kb@x.fr`` → (``Kb``, ``""``).
    """
    local = email.split("@", 1)[0].split("+", 1)[0]
    parts = [p for p in re.split(r"[._\-]+", local) if p]
    if not parts:
        return (local or email, "")
    words = [p[:1].upper() + p[1:].lower() for p in parts]
    return words[0], " ".join(words[1:])


def _money(cents: int, currency: str) -> str:
    return format_money(cents, currency, decimals=cents % 100 != 0)


def _months(months: float) -> str:
    # a fractional count (1.5) reads as a plural, as in English
    count = 1 if months == 1 else 2
    return ngettext("{count} month", "{count} months", count).format(count=number_text(months))


def _day(day: date) -> str:
    return formats.weekday_day_month_year(day)


def describe(
    draft: LeadDraft,
    currency: str = "EUR",
    *,
    client_status: str | None = None,
    contact_status: str | None = None,
    renews: str | None = None,
) -> list[str]:
    """The preview of what saving ``draft`` creates, one line per part.

    ``client_status`` / ``contact_status`` (e.g. ``"existing client"``, ``"new"``) and ``renews``
    (which mission ``@renewal`` renews, or why none) come from the database when the caller has
    looked (``services.leads.lead_preview``).
    """

    def status(text: str | None) -> str:
        return f" ({text})" if text else ""

    lines = [_("Client: {name}").format(name=draft.company) + status(client_status)]
    if draft.contact_name:
        email = f" <{draft.email}>" if draft.email else ""
        lines.append(
            _("Contact: {name}").format(name=draft.contact_name) + email + status(contact_status)
        )
    elif draft.email:
        first, last = name_from_email(draft.email)
        lines.append(
            _(
                "Contact: <{email}>{status} — named {name} if new "
                "(type the name after ' / ' to set it)"
            ).format(
                email=draft.email, status=status(contact_status), name=f"{first} {last}".strip()
            )
        )
    else:
        lines.append(_("Contact: none (type Company / First Last)"))
    if draft.stage == "lead":
        lines.append(_("Deal: {title}").format(title=draft.deal_title))
    else:
        lines.append(
            _("Deal: {title} (at the {stage} stage)").format(
                title=draft.deal_title, stage=label(draft.stage)
            )
        )
    if renews is not None:
        lines.append(_("Renewal: {what}").format(what=renews))
    elif draft.renewal:
        lines.append(_("Renewal: renews {client}'s running mission").format(client=draft.company))
    monthly = draft.monthly_value_cents
    if monthly is None:
        lines.append(_("Value: not given (type 650/d for a day rate, or 8k/m a month)"))
    else:
        if draft.day_rate_cents is not None:
            days = number_text(draft.days_per_month or DEFAULT_DAYS_PER_MONTH)
            value = _("{rate}/day × {days} d = {monthly}/month").format(
                rate=_money(draft.day_rate_cents, currency),
                days=days,
                monthly=_money(monthly, currency),
            )
        else:
            value = _("{monthly}/month").format(monthly=_money(monthly, currency))
        if draft.duration_months is not None:
            total = round_half_up(monthly * Decimal(repr(draft.duration_months)))
            value = _("{value} for {months} ({total} in all)").format(
                value=value,
                months=_months(draft.duration_months),
                total=_money(total, currency),
            )
        lines.append(_("Value: {value}").format(value=value))
    if monthly is None and draft.duration_months is not None:
        lines.append(_("Duration: {months}").format(months=_months(draft.duration_months)))
    if draft.channel is None:
        lines.append(_("Channel: other (not given: type #event, #email, #linkedin…)"))
    else:
        lines.append(_("Channel: {channel}").format(channel=label(draft.channel)))
    if draft.next_on is None:
        lines.append(_("Next follow-up: none (type next:fri, next:+3d…)"))
    else:
        lines.append(_("Next follow-up: {day}").format(day=_day(draft.next_on)))
    if draft.note:
        lines.append(_("Note: {note}").format(note=draft.note))
    return lines
