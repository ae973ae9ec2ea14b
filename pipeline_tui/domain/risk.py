"""Churn risk per active client: a score 0–99 and the reasons behind it (DESIGN.md).

Each factor gives a contribution ``c_i`` in [0, 1] (see :class:`RiskWeights` for the weights and
windows). The factors are combined like independent causes of loss ("noisy OR")::

    probability = 1 − Π (1 − c_i)
    score       = min(99, round_half_up(100 × probability))

Repeated events of one kind with weight ``w`` contribute ``1 − (1 − w)^n``. The score is bounded,
and never lowered by an extra adverse signal, a lower survey score, a nearer mission end or a
longer time without contact. It is capped at **99**: the score is an estimate, it never claims a
client is certainly lost (a client who leaves has an actual end on its mission: that revenue is
lost, ``domain.losses``, not at risk).

**Points that add up.** Each reason's ``points`` is its share of the score in proportion to its
own contribution: ``score × c_i ÷ Σ c_j``, made whole by the largest-remainder method (the floors
first, then one point each to the largest remainders, ties to the larger contribution), so a
client's points always sum to its score. ``contribution`` keeps ``c_i`` itself.

**Surveys** follow their scale's meaning (:func:`survey_concern`): NPS 9–10 (promoter) and CSAT
4–5 (satisfied) carry no risk; NPS 7–8 (passive) and CSAT 3 a low one; NPS 0–6 (detractor) and
CSAT 1–2 a high one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from pipeline_tui.domain.mathutil import format_day, round_half_up
from pipeline_tui.domain.risk_weights import WEIGHT_DESCRIPTIONS, RiskWeights
from pipeline_tui.domain.vocabulary import SURVEY_SCALE_RANGE, label
from pipeline_tui.i18n import N_, _, current_language, ngettext, using_language

__all__ = [
    "MAX_SCORE",
    "WEIGHT_DESCRIPTIONS",
    "ClientRiskFacts",
    "RiskReason",
    "RiskScore",
    "RiskWeights",
    "SignalFact",
    "SurveyFact",
    "churn_risk",
    "share_points",
    "survey_concern",
    "survey_normalised",
]

HOW_REASONS_COMBINE = N_(
    "Reasons combine as independent causes: score = 1 − Π(1 − cᵢ); each reason's points are its "
    "share of the score in proportion to its own weight cᵢ."
)
"""How the points of the reasons are shared (a message: ``_(HOW_REASONS_COMBINE)``)."""

MAX_SCORE = 99
"""The highest churn-risk score: an estimate never claims certainty."""

# Signal kinds that carry risk, in the order reasons are listed on equal contribution.
_EVENT_KINDS: tuple[str, ...] = ("insourcing", "competitor", "change_refused", "scope_creep")
# Tie-break order of all reason kinds (lower first on equal points).
_KIND_ORDER: dict[str, int] = {
    kind: i
    for i, kind in enumerate(
        (*_EVENT_KINDS, "survey_low", "mission_end", "no_contact", "no_survey"),
    )
}


@dataclass(frozen=True, slots=True)
class SignalFact:
    """A dated churn-risk fact about a client; ``kind`` is one of vocabulary.SIGNAL_KINDS
    ("note" and unknown kinds carry no risk)."""

    kind: str
    occurred_on: date
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SurveyFact:
    """A satisfaction survey: ``scale`` is "csat" (1–5) or "nps" (0–10); it counts once both
    ``answered_on`` and ``score`` are set."""

    scale: str
    sent_on: date
    answered_on: date | None
    score: int | None


@dataclass(frozen=True, slots=True)
class ClientRiskFacts:
    """Everything the churn-risk score of one active client looks at.

    ``mission_end_on`` is the planned end of its active mission(s) — the latest one — or None when
    open-ended; ``renewal_planned`` silences the mission-end factor.
    """

    client_id: int
    signals: tuple[SignalFact, ...] = ()
    surveys: tuple[SurveyFact, ...] = ()
    last_contact_on: date | None = None
    mission_end_on: date | None = None
    renewal_planned: bool = False


class Kind(str):
    """A stored identifier among a reason's values: worded by ``vocabulary.label``."""

    __slots__ = ()


class Days(int):
    """A number of days among a reason's values: ``1 day``, ``5 days``."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Wording:
    """How a reason is said, in a form any language can word: an English message and its
    values, dates, :class:`Days` and :class:`Kind` written in the language spoken when it is
    worded."""

    message: str
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return _(self.message).format(**{name: _worded(value) for name, value in self.values})


def _worded(value: object) -> str:
    if isinstance(value, Kind):
        return label(value)
    if isinstance(value, Days):
        return ngettext("{count} day", "{count} days", value).format(count=value)
    if isinstance(value, date):
        return format_day(value)
    return str(value)


def _wording(message: str, **values: object) -> Wording:
    return Wording(message, tuple(values.items()))


@dataclass(frozen=True, slots=True)
class RiskReason:
    """One factor of a risk score: its kind, plain words with dates, its points (its whole share
    of the score, module docstring), the date it refers to, if any, and its contribution ``c_i``.

    ``kind`` is a signal kind (scope_creep, change_refused, competitor, insourcing) or one of
    survey_low, no_survey, mission_end, no_contact.

    ``text`` is in the language spoken when the score was computed; ``wording`` says it again in
    any language (:attr:`english`, for JSON, which never changes with the language)."""

    kind: str
    text: str
    points: int  # its whole share of the score; a client's points sum to its score
    on: date | None = None
    contribution: float = 0.0  # c_i, in [0, 1]
    wording: Wording | None = field(default=None, compare=False, repr=False)
    worded_in: str = field(default="en", compare=False, repr=False)  # the language of ``text``

    @property
    def english(self) -> str:
        """The text in English, whatever the language spoken: what JSON shows. Switches the
        process's language for a moment (unless ``text`` is English already): for the CLI's
        JSON, not for a TUI worker."""
        if self.wording is None or self.worded_in == "en":
            return self.text
        with using_language("en"):
            return str(self.wording)


@dataclass(frozen=True, slots=True)
class RiskScore:
    """A client's churn risk 0–99 and its reasons, largest contribution first."""

    client_id: int
    score: int
    reasons: tuple[RiskReason, ...] = ()


def survey_normalised(scale: str, score: int) -> float | None:
    """A survey score on 0–1 (1 = fully satisfied): CSAT ``(score − 1) ÷ 4``, NPS ``score ÷ 10``.

    Scores outside the scale are clamped to it; an unknown scale gives None.
    """
    bounds = SURVEY_SCALE_RANGE.get(scale)
    if bounds is None:
        return None
    low, high = bounds
    return (_clamp_score(scale, score) - low) / (high - low)


def _clamp_score(scale: str, score: int) -> int:
    low, high = SURVEY_SCALE_RANGE[scale]
    return min(max(score, low), high)


class _Factor(NamedTuple):
    """A factor before it is a reason: worded only when the reasons are asked for."""

    kind: str
    wording: Wording
    contribution: float
    on: date | None

    def reason(self, points: int) -> RiskReason:
        wording = self.wording
        return RiskReason(
            self.kind,
            str(wording),
            points,
            self.on,
            round(self.contribution, 6),
            wording,
            current_language(),
        )


def share_points(score: int, contributions: list[float]) -> list[int]:
    """``score`` split in proportion to ``contributions`` into whole points summing to it
    (largest remainder; ties go to the larger contribution, then to the earlier one)."""
    total = math.fsum(contributions)
    if score <= 0 or total <= 0:
        return [0] * len(contributions)
    if len(contributions) == 1:
        return [score]
    exact = [Fraction(score) * Fraction(c) / Fraction(total) for c in contributions]
    points = [math.floor(x) for x in exact]
    left = score - sum(points)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - points[i]), -contributions[i], i))
    for i in order[:left]:
        points[i] += 1
    return points


def survey_concern(scale: str, score: int) -> float:
    """How much a survey answer worries, 0–1, by its scale's meaning.

    - NPS (0–10): 9–10 promoter → 0; 7–8 passive → 0.25; 0–6 detractor →
      ``0.5 + 0.5 × (6 − score) ÷ 6`` (6 → 0.5, 0 → 1).
    - CSAT (1–5): 4–5 → 0; 3 → 0.5; 2 → 0.75; 1 → 1.
    - Another scale: ``1 − normalised score``.
    """
    if scale == "nps":
        value = _clamp_score(scale, score)
        if value >= 9:
            return 0.0
        if value >= 7:
            return 0.25
        return 0.5 + 0.5 * (6 - value) / 6
    if scale == "csat":
        return {5: 0.0, 4: 0.0, 3: 0.5, 2: 0.75, 1: 1.0}[_clamp_score(scale, score)]
    normalised = survey_normalised(scale, score)
    return 0.0 if normalised is None else 1.0 - normalised


def _age(today: date, day: date) -> int:
    return (today - day).days


def _event_factors(facts: ClientRiskFacts, today: date, w: RiskWeights) -> list[_Factor]:
    """Signals of each adverse kind within its window (dated today or earlier):
    ``1 − (1 − weight)^n`` for n events."""
    reasons: list[_Factor] = []
    if not facts.signals:
        return reasons
    for kind in _EVENT_KINDS:
        weight: float = getattr(w, kind)
        window: int = getattr(w, f"{kind}_window_days")
        dates = sorted(
            s.occurred_on
            for s in facts.signals
            if s.kind == kind and 0 <= _age(today, s.occurred_on) <= window
        )
        if not dates or weight <= 0:
            continue
        last = dates[-1]
        if len(dates) == 1:
            text = _wording(N_("{what} on {day}"), what=Kind(kind), day=last)
        else:
            text = _wording(
                N_("{what} ×{count} in {window} days (last on {day})"),
                what=Kind(kind),
                count=len(dates),
                window=window,
                day=last,
            )
        contribution = 1.0 - (1.0 - weight) ** len(dates)
        reasons.append(_Factor(kind, text, contribution, last))
    return reasons


def _survey_reason(facts: ClientRiskFacts, today: date, w: RiskWeights) -> _Factor | None:
    """The latest answered survey within ``survey_max_age_days``: ``survey_low × concern``
    (:func:`survey_concern`; ties on the answer date: the lowest score). None: ``no_survey``."""
    answered = [
        (s.answered_on, normalised, s)
        for s in facts.surveys
        if s.answered_on is not None
        and s.score is not None
        and _age(today, s.answered_on) >= 0
        and (normalised := survey_normalised(s.scale, s.score)) is not None
    ]
    fresh = [a for a in answered if _age(today, a[0]) <= w.survey_max_age_days]
    if fresh:
        answered_on, normalised, survey = max(fresh, key=lambda a: (a[0], -a[1]))
        contribution = w.survey_low * survey_concern(survey.scale, survey.score)
        if contribution <= 0:
            return None
        shown = f"{_clamp_score(survey.scale, survey.score)}/{SURVEY_SCALE_RANGE[survey.scale][1]}"
        text = _wording(
            N_("last survey {scale} {score} on {day}"),
            scale=survey.scale.upper(),
            score=shown,
            day=answered_on,
        )
        return _Factor("survey_low", text, contribution, answered_on)
    if w.no_survey <= 0:
        return None
    if answered:
        last = max(a[0] for a in answered)
        text = _wording(N_("no survey for {days} days"), days=_age(today, last))
        return _Factor("no_survey", text, w.no_survey, last)
    sent = [s.sent_on for s in facts.surveys if s.sent_on <= today]
    if sent:
        last_sent = max(sent)
        text = _wording(N_("no survey answered (last sent on {day})"), day=last_sent)
        return _Factor("no_survey", text, w.no_survey, last_sent)
    return _Factor("no_survey", _wording(N_("never surveyed")), w.no_survey, None)


def _mission_end_reason(facts: ClientRiskFacts, today: date, w: RiskWeights) -> _Factor | None:
    """Planned end within ``mission_end_window_days`` and no renewal planned:
    ``mission_end × (1 − days_left ÷ window)``, full weight at 0 days left or past the end."""
    end = facts.mission_end_on
    if end is None or facts.renewal_planned:
        return None
    days_left = (end - today).days
    window = w.mission_end_window_days
    if days_left >= window:
        return None
    scale = 1.0 if days_left <= 0 else 1.0 - days_left / window
    contribution = w.mission_end * scale
    if contribution <= 0:
        return None
    if days_left > 0:
        text = _wording(
            N_("mission ends in {days} ({day}), no renewal planned"), days=Days(days_left), day=end
        )
    elif days_left == 0:
        text = _wording(N_("mission ends today ({day}), no renewal planned"), day=end)
    else:
        text = _wording(
            N_("mission planned end passed {days} ago ({day}), no renewal planned"),
            days=Days(-days_left),
            day=end,
        )
    return _Factor("mission_end", text, contribution, end)


def _no_contact_reason(facts: ClientRiskFacts, today: date, w: RiskWeights) -> _Factor | None:
    """More than ``no_contact_days`` since the last contact:
    ``no_contact × min(1, (days − no_contact_days) ÷ no_contact_ramp_days)``; full weight when
    there was never a contact."""
    if w.no_contact <= 0:
        return None
    last = facts.last_contact_on
    if last is None:
        return _Factor("no_contact", _wording(N_("no contact on record")), w.no_contact, None)
    days = _age(today, last)
    if days <= w.no_contact_days:
        return None
    scale = min(1.0, (days - w.no_contact_days) / w.no_contact_ramp_days)
    text = _wording(N_("no contact for {days} days"), days=days)
    return _Factor("no_contact", text, w.no_contact * scale, last)


def churn_risk(
    facts: ClientRiskFacts,
    today: date,
    weights: RiskWeights | None = None,
    *,
    reasons: bool = True,
) -> RiskScore:
    """The churn-risk score of one client on ``today`` (module docstring: the formula).

    Contributions (weights from ``weights``, defaults in :class:`RiskWeights`):

    - scope creep / change refused / competitor / insourcing: ``1 − (1 − w)^n`` for the n signals
      of that kind dated within the kind's window (0 ≤ age ≤ window days; future-dated signals and
      "note" signals are ignored);
    - latest answered survey within ``survey_max_age_days``: ``survey_low × survey_concern``;
      no such survey: ``no_survey`` (older answers are stale and ignored);
    - planned mission end within ``mission_end_window_days``, no renewal planned:
      ``mission_end × (1 − days_left ÷ window)`` (full at 0 days left or past);
    - last contact more than ``no_contact_days`` ago:
      ``no_contact × min(1, (days − no_contact_days) ÷ no_contact_ramp_days)``; full if never.

    ``score = min(99, round_half_up(100 × (1 − Π(1 − c_i))))``; reasons with a zero contribution
    are left out, the others are ordered by contribution, largest first, each with its points
    (:func:`share_points`: they sum to the score). ``reasons=False`` gives the score alone (a
    trend's totals need no reasons).
    """
    w = weights if weights is not None else RiskWeights()
    factors = _event_factors(facts, today, w)
    for optional in (
        _survey_reason(facts, today, w),
        _mission_end_reason(facts, today, w),
        _no_contact_reason(facts, today, w),
    ):
        if optional is not None:
            factors.append(optional)
    keep = 1.0
    for factor in factors:
        keep *= 1.0 - factor.contribution
    # round(…, 9) first drops float noise (0.3 × 0.65 × 100 = 19.499999999999996 must give 20).
    score = min(MAX_SCORE, max(0, round_half_up(round((1.0 - keep) * 100, 9))))
    if not reasons:
        return RiskScore(facts.client_id, score)
    ordered = sorted(factors, key=lambda f: (-f.contribution, _KIND_ORDER[f.kind]))
    points = share_points(score, [f.contribution for f in ordered])
    shared = tuple(f.reason(p) for f, p in zip(ordered, points, strict=True))
    return RiskScore(facts.client_id, score, shared)
