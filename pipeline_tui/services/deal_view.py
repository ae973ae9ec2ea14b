"""A deal with everything around it (client, contact, stage history, activities), and the deals
as the board shows them: cards that say how long each sat in its stage and how long it rots, stage
headers with the weighted pipeline of each stage."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TypedDict, Unpack

from pipeline_tui.domain.conversion import StageChange
from pipeline_tui.domain.pipeline import (
    DealFacts,
    days_in_stage,
    rotting_deals,
    stage_probability,
    weighted_pipeline_cents,
)
from pipeline_tui.domain.vocabulary import OPEN_STAGES, STAGES
from pipeline_tui.services.common import found
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.queries import activities as activity_queries
from pipeline_tui.store.queries import clients as client_queries
from pipeline_tui.store.queries import contacts as contact_queries
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.queries.activities import ActivityRecord
from pipeline_tui.store.queries.clients import ClientRecord
from pipeline_tui.store.queries.contacts import ContactRecord
from pipeline_tui.store.queries.deals import DealRecord, DealRow
from pipeline_tui.store.queries.missions import MissionRecord
from pipeline_tui.store.reader import ReadSource

ACTIVITIES_SHOWN = 50


@dataclass(frozen=True)
class DealDetail:
    deal: DealRecord
    client: ClientRecord
    contact: ContactRecord | None
    history: list[StageChange]
    activities: list[ActivityRecord]
    renews: MissionRecord | None = None  # the mission this deal renews
    client_missions: tuple[MissionRecord, ...] = ()  # what it could renew, latest started first
    client_contacts: tuple[ContactRecord, ...] = ()  # who it could be with, by name


def deal_detail(source: ReadSource, deal_id: int) -> DealDetail:
    with source.read() as q:
        deal = found(deal_queries.deal_record(q, deal_id), "deal", deal_id)
        client = found(client_queries.client_record(q, deal.client_id), "client", deal.client_id)
        contact = contact_queries.contact_record(q, deal.contact_id) if deal.contact_id else None
        history = deal_queries.stage_history(q, deal_id)
        activities = activity_queries.timeline(q, deal_id=deal_id, limit=ACTIVITIES_SHOWN)
        renews = mission_queries.renewed_mission(q, deal_id)
        client_missions = tuple(mission_queries.client_missions(q, deal.client_id))
        client_contacts = tuple(contact_queries.contacts(q, deal.client_id))
    return DealDetail(
        deal, client, contact, history, activities, renews, client_missions, client_contacts
    )


@dataclass(frozen=True, slots=True)
class BoardCard(DealRow):
    """A deal as its card on the board shows it: days in its stage, and the days it has been
    idle when it rots (``domain.pipeline.rotting_deals`` with the ``rot_days`` setting)."""

    days_in_stage: int = 0
    idle_days: int | None = None  # None: not rotting


class BoardPage(TypedDict, total=False):
    """Which page of a stage's cards: ``store.queries.deals.board_page``'s, passed on as they
    are (``limit``: 100 when not given)."""

    after: tuple[int, int] | None
    limit: int
    matching: str | None


def board_cards(
    source: ReadSource, stage: str, today: date, **page: Unpack[BoardPage]
) -> list[BoardCard]:
    """The board's cards at ``stage``, largest monthly value first: one keyset page after
    ``after`` (the (monthly_value_cents, id) of the last card shown), only the deals whose title
    or client name contains ``matching`` when it is given; each with its days in stage and, when
    it rots, its idle days as of ``today``."""
    with source.read() as q:
        rot_days = read_settings(q).rot_days
        rows = deal_queries.board_page(q, stage, **page)
    facts = {
        r.id: DealFacts(
            r.id,
            r.client_id,
            r.stage,
            r.monthly_value_cents,
            r.probability,
            r.channel,
            r.created_on,
            r.closed_on,
            r.last_done_on,
            r.last_moved_on,
            title=r.title,
        )
        for r in rows
    }
    idle = {x.deal.id: x.idle_days for x in rotting_deals(facts.values(), today, rot_days)}
    return [
        BoardCard(
            *(getattr(r, f.name) for f in fields(DealRow)),
            days_in_stage=days_in_stage(facts[r.id], today),
            idle_days=idle.get(r.id),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class StageFigures:
    """A stage's header: its deals, their monthly value and, for an open stage, the stage's
    probability and the weighted pipeline of its deals (each deal's own probability first)."""

    stage: str
    count: int
    value_cents: int
    probability: int | None = None  # won and lost: not pipeline
    weighted_cents: int | None = None


@dataclass(frozen=True)
class BoardFigures:
    currency: str
    stages: dict[str, StageFigures]


def board_figures(source: ReadSource, matching: str | None = None) -> BoardFigures:
    """Every stage's header (of the deals whose title or client name contains ``matching``);
    over the open stages, the weighted totals add up to ``status``'s weighted pipeline (each
    rounded once, as ``domain.pipeline.weighted_pipeline_cents`` does)."""
    with source.read() as q:
        settings = read_settings(q)
        totals = deal_queries.stage_totals(q, matching)
        open_deals = deal_queries.board_facts(q, matching)
    probabilities = settings.stage_probabilities
    stages = {}
    for stage in STAGES:
        count, value = totals.get(stage, (0, 0))
        if stage in OPEN_STAGES:
            weighted = weighted_pipeline_cents(
                (d for d in open_deals if d.stage == stage), probabilities
            )
            figures = StageFigures(
                stage, count, value, stage_probability(stage, probabilities), weighted
            )
        else:
            figures = StageFigures(stage, count, value)
        stages[stage] = figures
    return BoardFigures(settings.currency, stages)
