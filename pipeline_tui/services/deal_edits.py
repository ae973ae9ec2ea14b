"""A deal's life after it was added: won (opening its mission in the same write), reopened,
added by its client's name, deleted. Each use-case is one ``store.session()`` block, so one undo
takes it back whole (``store.journal``). The rules of winning and reopening are in
``domain.winning``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.domain.removal import Removal
from pipeline_tui.domain.winning import (
    MissionTerms,
    WonDeal,
    check_reopen,
    mission_values,
    reopen_stage,
)
from pipeline_tui.i18n import _, ngettext
from pipeline_tui.services import resolve
from pipeline_tui.services.common import checked, found
from pipeline_tui.services.deals import add_deal_in, move_deal_in
from pipeline_tui.services.missions import add_mission_in
from pipeline_tui.services.settings import read_settings
from pipeline_tui.store.database import reader_in
from pipeline_tui.store.queries import deals as deal_queries
from pipeline_tui.store.queries import dependents
from pipeline_tui.store.queries import missions as mission_queries
from pipeline_tui.store.reader import ReadSource
from pipeline_tui.store.writes import deals as deal_writes

if TYPE_CHECKING:
    from pipeline_tui.store.database import Store
    from pipeline_tui.store.models import Deal, Mission


@dataclass(frozen=True)
class Won:
    """A won deal and the mission the win opened (None: won without one, to add later)."""

    deal: Deal
    mission: Mission | None


def win_deal(store: Store, deal_id: int, *, on: date, mission: MissionTerms | None = None) -> Won:
    """Mark the deal won on ``on``; with ``mission``, open the client's mission from the deal's
    defaults and those terms (``domain.winning.mission_values``) in the same transaction."""
    with store.session() as session:
        deal = move_deal_in(session, deal_id, "won", on=on)
        if mission is None:
            return Won(deal, None)
        days = read_settings(reader_in(session)).default_days_per_month
        values = checked(
            mission_values,
            mission,
            WonDeal(deal.title, deal.monthly_value_cents, deal.duration_months),
            on,
            days,
        )
        made = add_mission_in(
            session, deal.client_id, values.pop("title"), values.pop("start_on"), **values
        )
        session.flush()
        return Won(deal, made)


@dataclass(frozen=True)
class Reopened:
    """A deal reopened at ``stage`` from ``was`` (won or lost); ``missions_kept``: the titles of
    the client's running missions, which reopening leaves as they are (module docstring of
    ``domain.winning``)."""

    deal: Deal
    was: str
    stage: str
    missions_kept: tuple[str, ...] = ()

    @property
    def kept_sentence(self) -> str:
        """What the user is told about the missions a won deal may have opened."""
        if not self.missions_kept:
            return ""
        names = ", ".join(_("“{title}”").format(title=t) for t in self.missions_kept)
        return ngettext(
            "The client's running mission {names} stays as it is: end or delete it if the "
            "win fell through.",
            "The client's running missions {names} stay as they are: end or delete one if the "
            "win fell through.",
            len(self.missions_kept),
        ).format(names=names)


def reopen_deal(store: Store, deal_id: int, *, on: date, stage: str | None = None) -> Reopened:
    """Put a won or lost deal back at the open stage it was closed from (or ``stage``), on
    ``on``; its lost reason and close date go, every other record stays (a mission the win
    opened included: it is named in the result, never deleted)."""
    with store.session() as session:
        deal = deal_writes.load_deal(session, deal_id)
        was = deal.stage
        checked(check_reopen, was, stage)
        q = reader_in(session)
        target = stage or reopen_stage(deal_queries.stage_history(q, deal_id), was)
        kept: tuple[str, ...] = ()
        if was == "won":
            kept = tuple(
                m.title
                for m in mission_queries.client_missions(q, deal.client_id)
                if m.actual_end_on is None
            )
        move_deal_in(session, deal_id, target, on=on)
    return Reopened(deal, was, target, kept)


def add_named_deal(
    store: Store, client_name: str, title: str, *, on: date, stage: str = "lead", **fields: object
) -> Deal:
    """``add_deal`` for a client named as ``services.resolve`` reads names (``#id`` or its
    exact name): an unknown or ambiguous name is refused with the candidates."""
    with store.session() as session:
        client_id = resolve.client_in(reader_in(session), client_name)
        return add_deal_in(session, client_id, title, on=on, stage=stage, **fields)


def deal_removal(source: ReadSource, deal_id: int) -> Removal:
    """What deleting the deal takes with it (its stage history, its sequence enrolments) and
    leaves unlinked (its activities, an offboarding that proposed it as training)."""
    with source.read() as q:
        deal = found(deal_queries.deal_record(q, deal_id), "deal", deal_id)
        counts = dependents.deal_dependents(q, deal_id)
        kept = dependents.deal_linked(q, deal_id)
    return Removal("deal", deal_id, deal.title, counts, kept=kept)


def remove_deal(store: Store, deal_id: int) -> Removal:
    """Delete the deal and what goes with it (``deal_removal``), in one transaction."""
    removal = deal_removal(store, deal_id)
    with store.session() as session:
        deal_writes.delete_deal(session, deal_id)
    return removal
