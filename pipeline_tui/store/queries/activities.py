"""Activities: the agenda's keyset pages, the day's counts, what the plan counts as done, what a
review calls overdue, and the timeline of a client or a deal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline_tui.domain.review import DoneFact, OpenItem
from pipeline_tui.store.queries.sql import Keyset, and_where, page
from pipeline_tui.store.reader import Reader, day


@dataclass(frozen=True, slots=True)
class AgendaActivity:
    """An open activity as the agenda lists it."""

    id: int
    kind: str
    channel: str
    subject: str
    due_on: date
    client_id: int | None
    contact_id: int | None
    deal_id: int | None


@dataclass(frozen=True, slots=True)
class AgendaRow:
    activity: AgendaActivity
    client_name: str | None
    contact_name: str | None

    @property
    def key(self) -> tuple[date, int]:
        """Its position in the agenda (see :data:`AGENDA`)."""
        return (self.activity.due_on, self.activity.id)


_SEARCH = " OR ".join(
    f"lower({column}) LIKE :search ESCAPE '!'"
    for column in ("cl.name", "co.first_name || ' ' || co.last_name", "a.subject", "a.notes")
)
"""The agenda's ``/``: the words anywhere in the client's name, the contact's, the subject or
the notes (lower-cased on both sides; SQLite lowers ASCII letters only)."""


def like_pattern(text: str) -> str:
    """``%text%`` for LIKE … ESCAPE '!', lower-cased, its own ``%``, ``_`` and ``!`` literal."""
    escaped = "".join(f"!{c}" if c in "%_!" else c for c in text.strip().lower())
    return f"%{escaped}%"


AGENDA = Keyset((("a.due_on", False), ("a.id", False)))
"""The agenda's order: by due date, then by id. Served by the (done_on, due_on, id) index, or
(channel, done_on, due_on, id) with a channel, so a page costs the same after 100k rows."""

_AGENDA = """
    SELECT a.id, a.kind, a.channel, a.subject, a.due_on, a.client_id, a.contact_id,
           a.deal_id, cl.name, co.first_name || ' ' || co.last_name
    FROM activity a
    LEFT OUTER JOIN client cl ON cl.id = a.client_id
    LEFT OUTER JOIN contact co ON co.id = a.contact_id
    WHERE a.done_on IS NULL AND a.due_on IS NOT NULL"""


def agenda_page(
    q: Reader,
    *,
    after: tuple[date, int] | None = None,
    since: date | None = None,
    until: date | None = None,
    channel: str | None = None,
    search: str | None = None,
    limit: int = 100,
) -> list[AgendaRow]:
    """Open activities by due date (from ``since``, up to ``until``, on one ``channel``, whose
    client, contact, subject or notes contain ``search``), one keyset page after ``after`` =
    (due_on, id)."""
    sql, params = and_where(
        _AGENDA,
        {"a.due_on >= :since": since, "a.due_on <= :until": until, "a.channel = :channel": channel},
    )
    if search and search.strip():
        sql += f" AND ({_SEARCH})"
        params["search"] = like_pattern(search)
    return [
        AgendaRow(
            AgendaActivity(id, kind, chan, subject, day(due_on), client_id, contact_id, deal),
            client_name,
            contact_name,
        )
        for (
            id,
            kind,
            chan,
            subject,
            due_on,
            client_id,
            contact_id,
            deal,
            client_name,
            contact_name,
        ) in page(q, sql, AGENDA, params=params, after=after, limit=limit)
    ]


def open_counts(q: Reader, until: date) -> tuple[int, int]:
    """(overdue, due today) counts of open activities as of ``until``."""
    ((overdue, due),) = q.rows(
        """SELECT count(CASE WHEN due_on < :until THEN 1 END),
                  count(CASE WHEN due_on = :until THEN 1 END)
           FROM activity WHERE done_on IS NULL AND due_on <= :until""",
        {"until": until},
    )
    return int(overdue), int(due)


def done_facts(q: Reader, since: date | None = None, until: date | None = None) -> list[DoneFact]:
    """The done activities that count toward the plan, per channel and day, summed up in SQL.

    An activity counts unless its contact had opted out by the day it was done (a flag without
    a date: for ever); this is ``DoneFact.counts`` (domain.review), written in SQL as two reads:
    every done activity counted from the (done_on, channel, contact_id) index alone, less those
    of the opted-out contacts, found from the contacts (a few) through ``ix_activity_contact_id``
    (``CROSS JOIN`` keeps SQLite from starting with the activities).
    """
    bounds = {"a.done_on >= :since": since, "a.done_on <= :until": until}
    done, params = and_where(
        "SELECT a.channel, a.done_on, count(*) FROM activity a WHERE a.done_on IS NOT NULL",
        bounds,
    )
    opted_out, _ = and_where(
        """SELECT a.channel, a.done_on, count(*) FROM contact c CROSS JOIN activity a
           WHERE a.contact_id = c.id AND c.do_not_contact = :yes AND a.done_on IS NOT NULL
             AND (c.do_not_contact_on IS NULL OR a.done_on >= c.do_not_contact_on)""",
        bounds,
    )
    group = " GROUP BY a.done_on, a.channel"
    counts = {(channel, done_on): int(n) for channel, done_on, n in q.rows(done + group, params)}
    for channel, done_on, n in q.rows(opted_out + group, {"yes": True, **params}):
        counts[channel, done_on] -= int(n)
    read = q.day
    return [
        DoneFact(channel, read(done_on), times=times)
        for (channel, done_on), times in sorted(counts.items(), key=lambda item: item[0][1])
        if times
    ]


def open_at(q: Reader, cutoff: date) -> list[OpenItem]:
    """Activities due before ``cutoff`` and not done before it: what was open that day."""
    rows = q.rows(
        """SELECT a.id, a.kind, a.subject, a.due_on, a.done_on, cl.name,
                  co.first_name || ' ' || co.last_name, a.deal_id
           FROM activity a
           LEFT OUTER JOIN client cl ON cl.id = a.client_id
           LEFT OUTER JOIN contact co ON co.id = a.contact_id
           WHERE a.due_on < :cutoff AND (a.done_on IS NULL OR a.done_on >= :cutoff)""",
        {"cutoff": cutoff},
    )
    return [
        OpenItem(id, kind, subject, day(due_on), day(done_on), client, contact, deal)
        for id, kind, subject, due_on, done_on, client, contact, deal in rows
    ]


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """An activity as a timeline shows it: done (``done_on``) or due (``due_on``)."""

    id: int
    kind: str
    channel: str
    subject: str
    due_on: date | None
    done_on: date | None
    outcome: str | None
    notes: str | None
    client_id: int | None
    contact_id: int | None
    deal_id: int | None


def timeline(
    q: Reader, *, client_id: int | None = None, deal_id: int | None = None, limit: int
) -> list[ActivityRecord]:
    """The latest activities of a client (or of a deal): the open ones first, then the latest
    done; by due date among them; at most ``limit``."""
    if (client_id is None) == (deal_id is None):
        raise ValueError("a timeline is a client's or a deal's")
    column = "client_id" if client_id is not None else "deal_id"
    rows = q.rows(
        f"""SELECT a.id, a.kind, a.channel, a.subject, a.due_on, a.done_on, a.outcome, a.notes,
                   a.client_id, a.contact_id, a.deal_id
            FROM activity a WHERE a.{column} = :owner
            ORDER BY a.done_on DESC NULLS FIRST, a.due_on DESC, a.id DESC LIMIT :limit""",
        {"owner": client_id if client_id is not None else deal_id, "limit": int(limit)},
    )
    return [
        ActivityRecord(id, kind, channel, subject, day(due), day(done), *rest)
        for id, kind, channel, subject, due, done, *rest in rows
    ]


@dataclass(frozen=True, slots=True)
class ActivityDetail:
    """One activity as its edit form shows it: the record and the names of what it is linked
    to; ``in_sequence`` when it is a step a sequence scheduled."""

    activity: ActivityRecord
    client_name: str | None
    contact_name: str | None
    deal_title: str | None
    in_sequence: bool


def activity_detail(q: Reader, activity_id: int) -> ActivityDetail | None:
    """The activity ``activity_id`` with its links' names; None when there is none."""
    rows = q.rows(
        """SELECT a.id, a.kind, a.channel, a.subject, a.due_on, a.done_on, a.outcome, a.notes,
                  a.client_id, a.contact_id, a.deal_id, cl.name,
                  co.first_name || ' ' || co.last_name, d.title, a.enrollment_id
           FROM activity a
           LEFT OUTER JOIN client cl ON cl.id = a.client_id
           LEFT OUTER JOIN contact co ON co.id = a.contact_id
           LEFT OUTER JOIN deal d ON d.id = a.deal_id
           WHERE a.id = :id""",
        {"id": activity_id},
    )
    if not rows:
        return None
    (id, kind, channel, subject, due, done, outcome, notes, *links, client, contact, deal, seq) = (
        rows[0]
    )
    record = ActivityRecord(id, kind, channel, subject, day(due), day(done), outcome, notes, *links)
    return ActivityDetail(record, client, contact, deal, seq is not None)
