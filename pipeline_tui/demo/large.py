"""The large scale: the story, then about 1 000 clients, 2 000 contacts, 1 000 missions, 10 000
deals and 100 000 activities of invented companies around it; the xl scale is the same world ten
times over (10 000 clients, 100 000 deals, 1 000 000 activities), to see what grows with history."""

from __future__ import annotations

import random
from datetime import timedelta

from pipeline_tui.demo import words
from pipeline_tui.demo.generator import DEAL_CHANNEL_WEIGHTS, PLAN, Generator
from pipeline_tui.demo.records import DemoClient
from pipeline_tui.domain.vocabulary import CHANNELS, END_REASONS, OPEN_STAGES, STAGES

# Sizes of the large scale (the small scale's hand-written story is part of them).
LARGE_CLIENTS = 1_000
LARGE_CONTACTS = 2_000
LARGE_MISSIONS = 1_000
LARGE_ACTIVE_MISSIONS = 300
LARGE_DEALS = 10_000
LARGE_ACTIVITIES = 100_000

_SIGNAL_KINDS = ("scope_creep", "change_refused", "competitor", "insourcing", "note")
_SIGNAL_WEIGHTS = (4, 2, 1, 1, 2)
_CSAT_WEIGHTS = (1, 2, 4, 8, 6)
_NPS_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 5, 8, 8, 6)
_LARGE_STAGE_WEIGHTS = (8, 7, 6, 5, 4, 25, 45)  # in the order of STAGES


def _pricing(rng: random.Random) -> dict:
    if rng.random() < 0.2:
        return {"fixed": rng.randrange(2_000, 12_001, 100) * 100}
    return {"day_rate": rng.randrange(450, 901, 10) * 100, "days": float(rng.randint(2, 20))}


def _survey_score(rng: random.Random, scale: str) -> int:
    if scale == "csat":
        return rng.choices(range(1, 6), weights=_CSAT_WEIGHTS)[0]
    return rng.choices(range(11), weights=_NPS_WEIGHTS)[0]


SCALE_FACTORS = {"large": 1, "xl": 10}
"""How many times the large sizes each scale built here is."""


def build_large(d: Generator, factor: float = 1) -> None:
    """About 1 000 clients, 2 000 contacts, 1 000 missions, 10 000 deals, 100 000 activities,
    each ``factor`` times (10 for the xl scale; a fraction makes a smaller world)."""
    rng, day, today = d.rng, d.day, d.today

    def times(size: int) -> int:
        return round(size * factor)

    new: list[DemoClient] = []
    for _ in range(times(LARGE_CLIENTS) - d.rows.count("client")):
        name, industry = d.invented_company()
        name = d.unique_name(name)
        new.append(d.add_client(name, industry, f"{words.slug(name)}.example"))
    counts = [1] * len(new)
    extra = times(LARGE_CONTACTS) - d.rows.count("contact") - len(new)
    while extra > 0:
        i = rng.randrange(len(new))
        if counts[i] < 3:
            counts[i], extra = counts[i] + 1, extra - 1
    for client, n in zip(new, counts, strict=True):
        for _ in range(n):
            opted_out = day(-rng.randint(1, 400)) if rng.random() < 0.02 else None
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            d.add_contact(client, first, last, rng.choice(words.ROLES), opted_out)

    active = rng.sample(new, times(LARGE_ACTIVE_MISSIONS))
    for client in active:
        start = day(-rng.randint(20, 700))
        planned = None if rng.random() < 0.2 else day(rng.randint(10, 365))
        d.add_mission(client, rng.choice(words.DEAL_TITLES), start, planned, **_pricing(rng))
        reachable = client.reachable()
        if reachable:
            d.account_meetings(client, start, reachable[0])
    for _ in range(times(LARGE_MISSIONS) - d.rows.count("mission")):
        client, title = rng.choice(new), rng.choice(words.DEAL_TITLES)
        end = day(-rng.randint(1, 1200))
        start = end - timedelta(days=rng.randint(60, 540))
        pricing = _pricing(rng)
        if rng.random() < 0.12:
            reason = rng.choice(END_REASONS)
            note = f"Fin anticipée : {reason.replace('_', ' ')}"
            mission_id = d.add_mission(
                client,
                title,
                start,
                end + timedelta(days=rng.randint(30, 240)),
                status="ended_early",
                actual_end=end,
                reason=reason,
                note=note,
                **pricing,
            )
            d.add_offboarding(client, mission_id, end, reason, note, all_done=end < day(-45))
            sent = end + timedelta(days=14)
            if sent <= today:
                answered = min(sent + timedelta(days=rng.randint(1, 10)), today)
                d.add_survey(client, sent, answered, _survey_score(rng, "csat"), kind="exit")
        else:
            d.add_mission(client, title, start, end, status="ended", actual_end=end, **pricing)

    for _ in range(times(LARGE_DEALS) - d.rows.count("deal")):
        client = rng.choice(new)
        stage = rng.choices(STAGES, weights=_LARGE_STAGE_WEIGHTS)[0]
        channel = rng.choices(CHANNELS, weights=DEAL_CHANNEL_WEIGHTS)[0]
        reachable = client.reachable()
        contact = rng.choice(reachable) if reachable else None
        closed_on = day(-rng.randint(1, 720)) if stage in ("won", "lost") else None
        probability = rng.randrange(5, 100, 5) if rng.random() < 0.03 else None
        rotting = stage in OPEN_STAGES and rng.random() < 0.1
        d.add_deal(
            client,
            contact,
            rng.choice(words.DEAL_TITLES),
            stage,
            channel,
            closed_on=closed_on,
            probability=probability,
            rotting=rotting,
        )

    for client in active:
        if rng.random() < 0.35:
            for _ in range(rng.randint(1, 4)):
                kind = rng.choices(_SIGNAL_KINDS, weights=_SIGNAL_WEIGHTS)[0]
                d.add_signal(client, kind, day(-rng.randint(0, 150)))
        if rng.random() < 0.7:
            for _ in range(rng.randint(1, 2)):
                sent, scale = day(-rng.randint(5, 300)), rng.choice(("csat", "nps"))
                answered = sent + timedelta(days=rng.randint(0, 10))
                score = _survey_score(rng, scale)
                if rng.random() < 0.15 or answered > today:
                    answered, score = None, None
                d.add_survey(client, sent, answered, score, scale=scale)

    pool = [contact for client in new for contact in client.reachable()]
    labels = {"email": "Email de prospection", "call": "Appel", "social": "Message LinkedIn"}
    for _ in range(times(LARGE_ACTIVITIES) - d.rows.count("activity")):
        channel, kind, _target = rng.choices(PLAN, weights=(10, 5, 3))[0]
        who, links = d.prospect_target(pool, 0.5)
        subject = f"{labels[kind]} : {who}"
        if rng.random() < 0.08:
            d.add_activity(kind, subject, due=day(d.open_offset()), channel=channel, **links)
        else:
            d.done_activity(
                kind,
                subject,
                day(-rng.randint(0, 730)),
                channel=channel,
                outcome=rng.choice(words.OUTCOMES),
                **links,
            )
