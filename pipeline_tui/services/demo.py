"""A realistic, deterministic demo database for a French freelancer.

``build_demo`` fills an empty database in one transaction. Every date is an offset from ``today``
and every random choice comes from ``random.Random(seed)``, so the same seed and the same today
give the same rows, ids and ``created_at`` stamps included. Rows are generated as plain dicts and
written with SQLAlchemy Core bulk inserts, which keeps the large scale (1 000 clients, 10 000
deals, 100 000 activities) to a few seconds; the ids come back from ``RETURNING`` (in parameter
order), so nothing assumes the database numbers rows from 1.

The small scale tells one story: Maison Verlaine Distribution carries half the revenue and shows
every churn signal (scope creep ×3, a refused change proposal, a competitor, CSAT 2/5, the end of
its mission near); the Agence des Mobilités du Val d'Orbe ended its mission early and has an
offboarding under way; a pipeline of about 30 deals over every stage and channel, two of them
rotting; a prospecting plan mostly kept; one lead in the "Relance standard" sequence.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from pipeline_tui.domain.vocabulary import (
    CHANNELS,
    END_REASONS,
    KIND_CHANNEL,
    OPEN_STAGES,
    STAGES,
)
from pipeline_tui.errors import InvalidInput
from pipeline_tui.services import demo_data as words
from pipeline_tui.store.database import Store
from pipeline_tui.store.models import ALL_TABLES, SQLModel

SCALES: tuple[str, ...] = ("small", "large")

# Sizes of the large scale (the small scale's hand-written story is part of them).
LARGE_CLIENTS = 1_000
LARGE_CONTACTS = 2_000
LARGE_MISSIONS = 1_000
LARGE_ACTIVE_MISSIONS = 300
LARGE_DEALS = 10_000
LARGE_ACTIVITIES = 100_000


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` wrote: rows per table, and the names the demo's story is about."""

    clients: int
    contacts: int
    missions: int
    deals: int
    stage_changes: int
    activities: int
    signals: int
    surveys: int
    cadences: int
    sequences: int
    sequence_steps: int
    enrollments: int
    offboardings: int
    offboarding_items: int
    at_risk_client: str
    former_client: str


# --- rows as plain dicts ------------------------------------------------------------------------

_MODEL_TABLES = {model.__table__ for model in ALL_TABLES}
_TABLES = [t for t in SQLModel.metadata.sorted_tables if t in _MODEL_TABLES and t.name != "setting"]
_BLANKS = {
    t.name: {
        c.name: (c.default.arg if c.default is not None and c.default.is_scalar else None)
        for c in t.columns
    }
    for t in _TABLES
}
_FOREIGN_KEYS = {
    t.name: [(c.name, fk.column.table.name) for c in t.columns for fk in c.foreign_keys]
    for t in _TABLES
}
_REFERENCED = {target for fks in _FOREIGN_KEYS.values() for _, target in fks}


def _at(day: date, n: int = 0) -> datetime:
    """A ``created_at`` stamp on ``day`` between 08:00 and 18:00 UTC, derived from ``n``."""
    return datetime.combine(day, time(8), tzinfo=UTC) + timedelta(minutes=(n * 7) % 600)


class _Rows:
    """Rows per table with local ids 1..n; foreign keys hold local ids until insertion."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[dict]] = {t.name: [] for t in _TABLES}

    def add(self, table: str, **values: object) -> int:
        rows = self.by_table[table]
        row = _BLANKS[table].copy()
        row.update(values)
        if len(row) != len(_BLANKS[table]):
            raise KeyError(f"unknown columns for {table}: {set(row) - set(_BLANKS[table])}")
        row["id"] = len(rows) + 1
        rows.append(row)
        return row["id"]

    def count(self, table: str) -> int:
        return len(self.by_table[table])


def _check_empty(conn: sa.Connection) -> None:
    found = []
    for table in _TABLES:
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            found.append(f"{table.name.replace('_', ' ')}: {n}")
    if found:
        raise InvalidInput(
            f"the database is not empty: it already has data ({', '.join(found)}); "
            "the demo needs a new database (give --db a new file)"
        )


def _insert(conn: sa.Connection, rows: _Rows) -> None:
    db_ids: dict[str, list[int]] = {}
    for table in _TABLES:
        data = rows.by_table[table.name]
        if not data:
            db_ids[table.name] = []
            continue
        fks = _FOREIGN_KEYS[table.name]
        params = []
        for row in data:
            values = {k: v for k, v in row.items() if k != "id"}
            for column, target in fks:
                if values[column] is not None:
                    values[column] = db_ids[target][values[column] - 1]
            params.append(values)
        if table.name in _REFERENCED:
            stmt = table.insert().returning(table.c.id, sort_by_parameter_order=True)
            db_ids[table.name] = list(conn.execute(stmt, params).scalars())
        else:
            conn.execute(table.insert(), params)


# --- the generator ------------------------------------------------------------------------------


@dataclass
class _Contact:
    id: int
    client_id: int
    name: str
    opted_out_on: date | None


@dataclass
class _Client:
    id: int
    name: str
    domain: str
    contacts: list[_Contact] = field(default_factory=list)

    def reachable(self) -> list[_Contact]:
        return [c for c in self.contacts if c.opted_out_on is None]


_FIRST_TOUCH = {
    "emailing": ("email", "Email de prospection : {title}"),
    "phone": ("call", "Appel de prospection : {title}"),
    "social": ("social", "Message LinkedIn à {who}"),
    "event": ("event", "Rencontre à l'événement « {event} »"),
    "referral": ("note", "Recommandation d'un ancien client : {title}"),
    "inbound": ("note", "Demande entrante via le site : {title}"),
    "other": ("note", "Nouveau lead : {title}"),
}
_CONTACT_KIND = {"emailing": "email", "phone": "call", "social": "social"}
_MOVE = {
    "meeting": ("meeting", "Rendez-vous découverte avec {who}"),
    "proposal": ("proposal", "Proposition envoyée : {title}"),
    "negotiation": ("call", "Négociation du TJM et du planning avec {who}"),
    "won": ("note", "Bon de commande signé : {title}"),
    "lost": ("note", "Deal perdu : {reason}"),
}
_NEXT_STEP = {
    "lead": ("email", "Premier contact avec {who}"),
    "contacted": ("follow_up", "Relancer {who}"),
    "meeting": ("proposal", "Rédiger la proposition : {title}"),
    "proposal": ("call", "Appeler {who} au sujet de la proposition"),
    "negotiation": ("meeting", "Rendez-vous de closing avec {who}"),
}
_DEAL_CHANNEL_WEIGHTS = (4, 2, 3, 2, 2, 1, 1)  # in the order of CHANNELS
_PLAN = (("emailing", "email", 10), ("phone", "call", 5), ("social", "social", 3))


class _Demo:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.rows = _Rows()
        self.first_seen: dict[int, date] = {}
        self.opted_out: set[int] = set()
        self._names: set[str] = set()
        self._profiles: set[str] = set()

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def seen(self, client_id: int | None, day: date) -> None:
        if client_id is not None and day < self.first_seen.get(client_id, day + timedelta(1)):
            self.first_seen[client_id] = day

    # - people and organisations

    def add_client(
        self, name: str, industry: str, domain: str, notes: str | None = None
    ) -> _Client:
        self._names.add(name)
        client_id = self.rows.add(
            "client", name=name, industry=industry, website=f"https://www.{domain}", notes=notes
        )
        return _Client(client_id, name, domain)

    def add_contact(
        self, client: _Client, first: str, last: str, role: str, opted_out_on: date | None = None
    ) -> _Contact:
        rng = self.rng
        base = words.slug(f"{first} {last}")
        profile = f"{base}-{rng.randrange(16**6):06x}"
        while profile in self._profiles:
            profile = f"{base}-{rng.randrange(16**8):08x}"
        self._profiles.add(profile)
        digits = " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
        contact_id = self.rows.add(
            "contact",
            client_id=client.id,
            first_name=first,
            last_name=last,
            role=role,
            email=f"{words.slug(first)}.{words.slug(last)}@{client.domain}",
            phone=f"+33 6 {digits}",
            profile_url=f"https://www.linkedin.com/in/{profile}",
            do_not_contact=opted_out_on is not None,
            do_not_contact_on=opted_out_on,
            notes="A demandé à ne plus être sollicité." if opted_out_on else None,
        )
        contact = _Contact(contact_id, client.id, f"{first} {last}", opted_out_on)
        client.contacts.append(contact)
        if opted_out_on is not None:
            self.opted_out.add(contact_id)
        return contact

    def invented_company(self) -> tuple[str, str]:
        industry = self.rng.choice(list(words.INDUSTRY_PATTERNS))
        pattern = self.rng.choice(words.INDUSTRY_PATTERNS[industry])
        return pattern.format(core=self.rng.choice(words.NAME_CORES)), industry

    def unique_name(self, name: str) -> str:
        n, candidate = 2, name
        while candidate in self._names:
            candidate, n = f"{name} {n}", n + 1
        return candidate

    # - missions

    def add_mission(
        self,
        client: _Client,
        title: str,
        start: date,
        planned_end: date | None,
        *,
        day_rate: int | None = None,
        days: float | None = None,
        fixed: int | None = None,
        status: str = "active",
        actual_end: date | None = None,
        reason: str | None = None,
        note: str | None = None,
    ) -> int:
        self.seen(client.id, start)
        return self.rows.add(
            "mission",
            client_id=client.id,
            title=title,
            start_on=start,
            planned_end_on=planned_end,
            actual_end_on=actual_end,
            day_rate_cents=day_rate,
            days_per_month=days,
            fixed_monthly_cents=fixed,
            status=status,
            end_reason=reason,
            end_note=note,
            created_at=_at(start - timedelta(days=3), self.rows.count("mission")),
        )

    def add_offboarding(
        self,
        client: _Client,
        mission_id: int,
        end: date,
        reason: str,
        note: str,
        *,
        all_done: bool,
        training_deal_id: int | None = None,
    ) -> int:
        notice = words.OFFBOARDING_NOTICE_DAYS
        offboarding_id = self.rows.add(
            "offboarding",
            mission_id=mission_id,
            client_id=client.id,
            opened_on=end - timedelta(days=notice),
            end_on=end,
            reason=reason,
            note=note,
            closed_on=end + timedelta(days=30) if all_done else None,
            created_at=_at(end - timedelta(days=notice), self.rows.count("offboarding")),
            notice_days=notice,
            relationship_good=True,
            training_deal_id=training_deal_id,
        )
        for position, (key, title, due, done) in enumerate(words.OFFBOARDING_ITEMS, start=1):
            if all_done and done is None:
                done = due + 2
            done_on = None if done is None else end + timedelta(days=done)
            self.rows.add(
                "offboarding_item",
                offboarding_id=offboarding_id,
                position=position,
                key=key,
                title=title,
                due_on=end + timedelta(days=due),
                done_on=done_on if done_on is not None and done_on <= self.today else None,
            )
        return offboarding_id

    def add_transition(self, client: _Client, offboarding_id: int, end: date) -> None:
        """The former client's transition plan, documents and post-mortem lessons."""
        owner = client.contacts[-1].name if client.contacts else None
        for position, (task, done) in enumerate(words.TRANSITION_STEPS, start=1):
            self.rows.add(
                "transition_step",
                offboarding_id=offboarding_id,
                position=position,
                task=task,
                owner=owner,
                due_on=end - timedelta(days=2),
                done_on=end + timedelta(days=done),
            )
        for position, name in enumerate(words.HANDOVER_DOCUMENTS, start=1):
            self.rows.add(
                "handover_document",
                offboarding_id=offboarding_id,
                position=position,
                name=name,
                handed_over_on=end - timedelta(days=position % 3),
            )
        for kind, text, due in words.LESSONS:
            self.rows.add(
                "lesson",
                offboarding_id=offboarding_id,
                client_id=client.id,
                kind=kind,
                text=text,
                created_on=end + timedelta(days=8),
                due_on=None if due is None else self.day(due),
            )

    # - activities

    def add_activity(
        self,
        kind: str,
        subject: str,
        *,
        due: date,
        done: date | None = None,
        client_id: int | None = None,
        contact_id: int | None = None,
        deal_id: int | None = None,
        channel: str | None = None,
        outcome: str | None = None,
        enrollment_id: int | None = None,
    ) -> int:
        if done is None and contact_id in self.opted_out:
            raise RuntimeError("demo bug: an open activity for an opted-out contact")
        self.seen(client_id, done or due)
        return self.rows.add(
            "activity",
            kind=kind,
            channel=channel or KIND_CHANNEL[kind],
            subject=subject[:300],
            due_on=due,
            done_on=done,
            outcome=outcome,
            client_id=client_id,
            contact_id=contact_id,
            deal_id=deal_id,
            enrollment_id=enrollment_id,
            created_at=_at(min(due, done or due, self.today), self.rows.count("activity")),
        )

    def done_activity(
        self, kind: str, subject: str, day: date, *, earliest: date | None = None, **links: object
    ) -> int:
        """An activity done on ``day``, sometimes a day or two after it was due."""
        due = day - timedelta(days=self.rng.choice((0, 0, 0, 1, 2)))
        if earliest is not None and due < earliest:
            due = earliest
        return self.add_activity(kind, subject, due=due, done=day, **links)

    def open_offset(self) -> int:
        """Days from today to an open activity's due date: overdue, today, or the next 2 weeks."""
        r = self.rng.random()
        if r < 0.2:
            return -self.rng.randint(1, 10)
        if r < 0.4:
            return 0
        return self.rng.randint(1, 14)

    # - deals

    def stage_path(self, stage: str, lost_from: str | None) -> list[str]:
        rng = self.rng
        if stage == "won":
            top, tail = "negotiation", ["won"]
        elif stage == "lost":
            top, tail = lost_from or rng.choice(OPEN_STAGES), ["lost"]
        else:
            top, tail = stage, []
        k = OPEN_STAGES.index(top)
        skipped = [s for s in OPEN_STAGES[1:k] if rng.random() > 0.15]
        return ["lead", *skipped, *([top] if k else []), *tail]

    def spread(self, first: date, last: date, n: int) -> list[date]:
        if n == 1:
            return [first]
        span = (last - first).days
        inner = sorted(self.rng.randint(0, span) for _ in range(n - 2))
        return [first, *(first + timedelta(days=d) for d in inner), last]

    def add_deal(
        self,
        client: _Client,
        contact: _Contact | None,
        title: str,
        stage: str,
        channel: str,
        *,
        value: int | None = None,
        months: int | None = None,
        closed_on: date | None = None,
        history: list[tuple[str, date]] | None = None,
        lost_from: str | None = None,
        lost_reason: str | None = None,
        probability: int | None = None,
        rotting: bool = False,
        next_in: int | None = None,
        open_next: bool = True,
        first_touch: bool = True,
    ) -> int:
        rng, closed = self.rng, stage in ("won", "lost")
        if history is None:
            path = self.stage_path(stage, lost_from)
            moves = len(path) - 1
            if closed:
                last = closed_on or self.day(-rng.randint(3, 170))
            elif rotting:
                last = self.day(-rng.randint(18, 40))
            else:
                last = self.day(-rng.randint(0, 10))
            span = rng.randint(4, 14) * moves + (rng.randint(0, 6) if moves else 0)
            first = last - timedelta(days=span)
            history = list(zip(path, self.spread(first, last, len(path)), strict=True))
        path, dates = [s for s, _ in history], [d for _, d in history]
        if stage == "lost" and lost_reason is None:
            lost_reason = rng.choice(words.LOST_REASONS)
        value = value if value is not None else rng.randrange(4_000, 15_001, 250) * 100
        months = months if months is not None else rng.randint(3, 12)
        expected = (
            dates[-1] + timedelta(days=rng.randint(-10, 10))
            if closed
            else self.day(rng.randint(7, 75))
        )
        n = self.rows.count("deal")
        deal_id = self.rows.add(
            "deal",
            client_id=client.id,
            contact_id=contact.id if contact else None,
            title=title,
            monthly_value_cents=value,
            duration_months=float(months),
            stage=stage,
            probability=probability,
            channel=channel,
            expected_close_on=expected,
            lost_reason=lost_reason,
            created_on=dates[0],
            closed_on=dates[-1] if closed else None,
            created_at=_at(dates[0], n),
        )
        self.seen(client.id, dates[0])
        for i, (to_stage, day) in enumerate(history):
            self.rows.add(
                "deal_stage_change",
                deal_id=deal_id,
                from_stage=path[i - 1] if i else None,
                to_stage=to_stage,
                changed_on=day,
                created_at=_at(day, n + i),
            )
        who = contact.name if contact else client.name
        text = {"title": title, "who": who, "reason": lost_reason, "event": ""}
        contact_id = contact.id if contact else None
        links = {"client_id": client.id, "contact_id": contact_id, "deal_id": deal_id}
        start = dates[0]
        if first_touch:
            kind, subject = _FIRST_TOUCH[channel]
            text["event"] = rng.choice(words.EVENTS)
            subject = subject.format(**text)
            self.done_activity(kind, subject, start, earliest=start, channel=channel, **links)
        for i in range(1, len(path)):
            gap = (dates[i] - dates[i - 1]).days
            if gap > 4 and rng.random() < 0.5:
                day = dates[i - 1] + timedelta(days=rng.randint(2, gap - 1))
                outcome = rng.choice(words.OUTCOMES)
                subject = f"Relance {who}"
                self.done_activity(
                    "follow_up", subject, day, earliest=start, outcome=outcome, **links
                )
            if path[i] == "contacted":
                kind = _CONTACT_KIND.get(channel, "call")
                subject = f"Premier échange avec {who}"
            else:
                kind, subject = _MOVE[path[i]]
            self.done_activity(kind, subject.format(**text), dates[i], earliest=start, **links)
        reachable = contact is None or contact.opted_out_on is None
        if not closed and not rotting and open_next and reachable:
            kind, subject = _NEXT_STEP[stage]
            offset = next_in if next_in is not None else self.open_offset()
            due = max(self.day(offset), dates[-1])  # never due before the deal's last move
            self.add_activity(kind, subject.format(**text), due=due, **links)
        return deal_id

    # - prospecting against the plan

    def prospect_target(self, pool: list[_Contact], chance: float) -> tuple[str, dict]:
        """Someone to prospect: a known reachable contact, or a company not in the database."""
        if pool and self.rng.random() < chance:
            contact = self.rng.choice(pool)
            return contact.name, {"client_id": contact.client_id, "contact_id": contact.id}
        company, _industry = self.invented_company()
        return f"{company} ({self.rng.choice(words.ROLES)})", {}

    def weekly_prospecting(self, weeks: int, pool: list[_Contact]) -> None:
        """Done activities per ISO week against the plan: kept lately, with a holiday gap."""
        rng, today = self.rng, self.today
        monday = today - timedelta(days=today.weekday())
        labels = {"email": "Email de prospection", "call": "Appel", "social": "Message LinkedIn"}
        for week in range(weeks):
            start = monday - timedelta(weeks=week)
            for channel, kind, target in _PLAN:
                if week == 0:
                    n = target // 2
                elif week <= 6:
                    n = target + rng.randint(0, 2)
                elif week in (9, 10):  # holidays: the streak broke
                    n = rng.randint(0, target // 3)
                else:
                    n = max(0, target + rng.randint(-4, 2))
                for _ in range(n):
                    offset, outcome = rng.randint(0, 4), rng.choice(words.OUTCOMES)
                    who, links = self.prospect_target(pool, 0.3)
                    day = min(start + timedelta(days=offset), today)
                    self.done_activity(
                        kind,
                        f"{labels[kind]} : {who}",
                        day,
                        channel=channel,
                        outcome=outcome,
                        **links,
                    )
        for month in range(weeks // 4):
            day = self.day(-30 * month - rng.randint(2, 27))
            self.done_activity("event", f"Participation : {rng.choice(words.EVENTS)}", day)

    def account_meetings(self, client: _Client, since: date, contact: _Contact) -> None:
        """A monthly check-in with an active client, and the next one scheduled."""
        day = max(since, self.day(-180)) + timedelta(days=self.rng.randint(10, 25))
        while day <= self.today:
            self.done_activity(
                "meeting",
                f"Point mensuel avec {contact.name}",
                day,
                client_id=client.id,
                contact_id=contact.id,
            )
            day += timedelta(days=self.rng.randint(26, 34))
        self.add_activity(
            "meeting",
            f"Point mensuel avec {contact.name}",
            due=self.day(self.rng.randint(1, 14)),
            client_id=client.id,
            contact_id=contact.id,
        )

    def add_signal(self, client: _Client, kind: str, day: date, note: str | None = None) -> None:
        self.seen(client.id, day)
        n = self.rows.count("signal")
        self.rows.add(
            "signal",
            client_id=client.id,
            kind=kind,
            occurred_on=day,
            note=note,
            created_at=_at(day, n),
        )

    def add_survey(
        self,
        client: _Client,
        sent: date,
        answered: date | None,
        score: int | None,
        *,
        scale: str = "csat",
        kind: str = "satisfaction",
        comment: str | None = None,
    ) -> None:
        contact = (client.reachable() or client.contacts or [None])[0]
        self.rows.add(
            "survey",
            client_id=client.id,
            contact_id=contact.id if contact else None,
            kind=kind,
            scale=scale,
            sent_on=sent,
            answered_on=answered,
            score=score,
            comment=comment,
            created_at=_at(sent, self.rows.count("survey")),
        )

    def finish(self) -> None:
        """Date each client (and its contacts) from the first thing that happened with it."""
        default = self.day(-30)
        for row in self.rows.by_table["client"]:
            row["created_at"] = _at(self.first_seen.get(row["id"], default), row["id"])
        for row in self.rows.by_table["contact"]:
            row["created_at"] = _at(self.first_seen.get(row["client_id"], default), row["id"])

    def summary(self, at_risk: str, former: str) -> DemoSummary:
        count = self.rows.count
        return DemoSummary(
            clients=count("client"),
            contacts=count("contact"),
            missions=count("mission"),
            deals=count("deal"),
            stage_changes=count("deal_stage_change"),
            activities=count("activity"),
            signals=count("signal"),
            surveys=count("survey"),
            cadences=count("cadence"),
            sequences=count("sequence"),
            sequence_steps=count("sequence_step"),
            enrollments=count("sequence_enrollment"),
            offboardings=count("offboarding"),
            offboarding_items=count("offboarding_item"),
            at_risk_client=at_risk,
            former_client=former,
        )


# --- the story of the small scale ---------------------------------------------------------------

_STEPS = (
    (0, "email", "emailing", "Premier email de prise de contact"),
    (3, "call", "phone", "Appel de suivi"),
    (7, "email", "emailing", "Relance par email"),
    (14, "social", "social", "Message LinkedIn"),
)
_OPTED_OUT = words.DemoPerson("Vincent", "Mercier", "Directeur industriel")
_CADENCES = (
    ("emailing", 10, "FREQ=WEEKLY;BYDAY=MO", "10 prospecting emails a week"),
    ("phone", 5, "FREQ=WEEKLY;BYDAY=MO", "5 calls a week"),
    ("social", 3, "FREQ=WEEKLY;BYDAY=MO", "3 LinkedIn messages a week"),
    ("event", 1, "FREQ=MONTHLY;BYMONTHDAY=1", "1 freelance event a month"),
)


def _weekday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _story(d: _Demo) -> tuple[str, str]:
    """The hand-written core of every demo; returns the at-risk and the former client's names."""
    rng, day = d.rng, d.day
    by_key: dict[str, _Client] = {}
    for company in words.COMPANIES:
        client = d.add_client(company.name, company.industry, company.domain, company.notes)
        by_key[company.key] = client
        for person in company.people:
            opted_out = day(-40) if person == _OPTED_OUT else None
            d.add_contact(client, person.first_name, person.last_name, person.role, opted_out)
    retail, bank, insurer, agency = (by_key[k] for k in ("retail", "bank", "insurer", "agency"))
    prospects = [by_key[k] for k in ("saas", "esn", "agrifood", "clinic", "logistics")]

    # Active missions, each won through a deal; the retailer carries half the monthly revenue.
    missions = (
        (retail, "Refonte du tunnel de commande", -210, 40, (75_000, 11.0, None), "referral"),
        (bank, "TMA des API open banking (forfait)", -150, 210, (None, None, 400_000), "event"),
        (insurer, "Plateforme de tarification data", -120, None, (60_000, 7.0, None), "inbound"),
    )
    for client, title, start, end, (rate, days, fixed), channel in missions:
        start_on = day(start)
        d.add_mission(
            client,
            title,
            start_on,
            None if end is None else day(end),
            day_rate=rate,
            days=days,
            fixed=fixed,
        )
        monthly = fixed if fixed is not None else int(rate * days)
        closed = start_on - timedelta(days=rng.randint(7, 21))
        d.add_deal(
            client,
            client.contacts[0],
            title,
            "won",
            channel,
            value=monthly,
            months=rng.randint(6, 12),
            closed_on=closed,
        )
        d.account_meetings(client, start_on, client.contacts[0])

    # The at-risk client: scope creep ×3 in 60 days, a refused change, a competitor, CSAT 2/5.
    claire, thomas, _sophie = retail.contacts
    creep = (
        (-52, "Module de retrait en magasin ajouté hors cahier des charges"),
        (-31, "Refonte des e-mails transactionnels demandée en plus"),
        (-9, "Second prestataire de paiement à intégrer en urgence"),
    )
    for offset, note in creep:
        d.add_signal(retail, "scope_creep", day(offset), note)
        d.done_activity(
            "meeting",
            f"Arbitrage hors périmètre avec {thomas.name}",
            day(offset + 1),
            client_id=retail.id,
            contact_id=thomas.id,
        )
    d.add_deal(
        retail,
        claire,
        "Avenant : demandes hors périmètre du tunnel de commande",
        "lost",
        "other",
        value=432_000,
        months=3,
        history=[("lead", day(-40)), ("proposal", day(-30)), ("lost", day(-15))],
        lost_reason="Avenant refusé : la DSI veut absorber les demandes dans le forfait",
    )
    d.add_signal(retail, "change_refused", day(-15), "Avenant de 6 jours/mois refusé par la DSI")
    d.add_signal(
        retail, "competitor", day(-6), "Un cabinet concurrent a présenté une offre au forfait"
    )
    d.add_survey(retail, day(-160), day(-155), 4, comment="Très bonne dynamique au lancement.")
    d.add_survey(
        retail, day(-34), day(-30), 2, comment="Trop de demandes en attente, les délais glissent."
    )
    d.add_activity(
        "call",
        f"Appeler {claire.name} : faire le point sur la relation",
        due=d.today,
        client_id=retail.id,
        contact_id=claire.id,
    )
    d.add_activity("note", "Préparer le bilan de mission", due=day(5), client_id=retail.id)

    # The healthy clients.
    d.add_survey(bank, day(-15), day(-13), 9, scale="nps", comment="Équipe ravie, on prolonge.")
    d.add_survey(insurer, day(-75), day(-70), 5, comment="Livrables clairs et dans les temps.")
    d.add_signal(insurer, "note", day(-100), "Réorganisation de la direction data annoncée")

    # The former client: ended early on refused scope creep, offboarding under way.
    end, start = day(-24), day(-330)
    note = "Demandes hors périmètre en continu ; l'avenant proposé a été refusé par la direction."
    mission_id = d.add_mission(
        agency,
        "Portail usagers et billettique",
        start,
        day(30),
        day_rate=58_000,
        days=10.0,
        status="ended_early",
        actual_end=end,
        reason="scope_creep_refused",
        note=note,
    )
    d.add_deal(
        agency,
        agency.contacts[0],
        "Portail usagers et billettique",
        "won",
        "emailing",
        value=580_000,
        months=12,
        closed_on=start - timedelta(days=rng.randint(7, 21)),
    )
    for kind, offset, text in (
        ("scope_creep", -95, "Nouveaux écrans demandés sans budget"),
        ("scope_creep", -70, "Interconnexion avec le SI billettique ajoutée au lot 2"),
        ("change_refused", -48, "Avenant refusé par la direction"),
    ):
        d.add_signal(agency, kind, day(offset), text)
    isabelle, pierre = agency.contacts
    for i, offset in enumerate((-33, -27), start=1):
        d.done_activity(
            "meeting",
            f"Session de passation n°{i} avec {pierre.name}",
            day(offset),
            client_id=agency.id,
            contact_id=pierre.id,
        )
    training = d.add_deal(
        agency,
        isabelle,
        "Formation de l'équipe reprenante",
        "proposal",
        "other",
        value=400_000,
        months=3,
        history=[("lead", day(-29)), ("proposal", day(-28))],
        next_in=2,
    )
    offboarding_id = d.add_offboarding(
        agency,
        mission_id,
        end,
        "scope_creep_refused",
        note,
        all_done=False,
        training_deal_id=training,
    )
    d.add_transition(agency, offboarding_id, end)
    d.done_activity(
        "follow_up",
        f"Relance {isabelle.name} sur la formation",
        day(-6),
        client_id=agency.id,
        contact_id=isabelle.id,
        deal_id=training,
    )
    d.done_activity(
        "email",
        f"Questionnaire de sortie envoyé à {isabelle.name}",
        day(-10),
        client_id=agency.id,
        contact_id=isabelle.id,
    )
    d.add_survey(
        agency,
        day(-10),
        day(-7),
        3,
        kind="exit",
        comment="Bonne qualité technique, désaccord sur le périmètre.",
    )

    # The opted-out contact: a deal lost before the opt-out, nothing scheduled since.
    agrifood = by_key["agrifood"]
    mercier = agrifood.contacts[1]
    d.add_deal(
        agrifood,
        mercier,
        "Supervision des lignes de production",
        "lost",
        "phone",
        history=[
            ("lead", day(-120)),
            ("contacted", day(-110)),
            ("meeting", day(-95)),
            ("lost", day(-55)),
        ],
        lost_reason="Pas de besoin pour l'instant",
    )

    # The pipeline: every stage and every channel, two deals left to rot, two overrides. A thin
    # one, as a freelancer's is when a big client is about to leave: smaller missions than the
    # current ones, so that losing the largest client is not covered (DESIGN.md's story).
    plan = ["lead"] * 2 + ["contacted"] + ["meeting"] * 2 + ["proposal"] + ["negotiation"]
    plan += ["won"] + ["lost"] * 3
    rng.shuffle(plan)
    extra = len(plan) - len(CHANNELS)
    channels = [*CHANNELS, *rng.choices(CHANNELS, weights=_DEAL_CHANNEL_WEIGHTS, k=extra)]
    rng.shuffle(channels)
    owners = rng.choices(
        [*prospects, bank, insurer], weights=(3,) * len(prospects) + (1, 1), k=len(plan)
    )
    rotting = {plan.index("meeting"), plan.index("proposal")}
    overrides = {plan.index("negotiation"): 60, plan.index("proposal"): 35}
    for i, (stage, channel, client) in enumerate(zip(plan, channels, owners, strict=True)):
        d.add_deal(
            client,
            rng.choice(client.reachable()),
            rng.choice(words.DEAL_TITLES),
            stage,
            channel,
            value=rng.randrange(1_000, 2_501, 250) * 100,
            probability=overrides.get(i),
            rotting=i in rotting,
        )

    # The follow-up sequence, with one fresh lead enrolled.
    sequence_id = d.rows.add(
        "sequence", name="Relance standard", skip_weekends=True, created_at=_at(day(-180))
    )
    for position, (offset, kind, channel, subject) in enumerate(_STEPS, start=1):
        d.rows.add(
            "sequence_step",
            sequence_id=sequence_id,
            position=position,
            day_offset=offset,
            kind=kind,
            channel=channel,
            subject=subject,
        )
    clinic = by_key["clinic"]
    olivier, started = clinic.contacts[1], day(-2)
    deal_id = d.add_deal(
        clinic,
        olivier,
        "Dématérialisation du dossier patient",
        "lead",
        "emailing",
        value=350_000,
        history=[("lead", started)],
        first_touch=False,
        open_next=False,
    )
    enrollment_id = d.rows.add(
        "sequence_enrollment",
        sequence_id=sequence_id,
        deal_id=deal_id,
        contact_id=olivier.id,
        started_on=started,
    )
    for offset, kind, channel, subject in _STEPS:
        due = _weekday(started + timedelta(days=offset))
        d.add_activity(
            kind,
            f"{subject} : {olivier.name}",
            due=due,
            done=due if offset == 0 else None,
            channel=channel,
            client_id=clinic.id,
            contact_id=olivier.id,
            deal_id=deal_id,
            enrollment_id=enrollment_id,
        )

    # The prospecting plan, what was done against it, and what is due around today.
    starts = day(-182)
    for channel, count, rrule, label in _CADENCES:
        d.rows.add(
            "cadence",
            channel=channel,
            count=count,
            rrule=rrule,
            starts_on=starts,
            active=True,
            label=label,
            created_at=_at(starts, count),
        )
    pool = [contact for client in prospects for contact in client.reachable()]
    d.weekly_prospecting(26, pool)
    for offset, kind, subject in (
        (0, "call", "Appeler {who} (suite au salon)"),
        (0, "social", "Message LinkedIn à {who}"),
        (-3, "email", "Relancer {who}"),
        (-8, "call", "Rappeler {who}"),
        (4, "email", "Envoyer une étude de cas à {who}"),
        (6, "call", "Appeler {who}"),
        (11, "social", "Commenter une publication : {who}"),
    ):
        who, links = d.prospect_target(pool, 0.6)
        d.add_activity(kind, subject.format(who=who), due=day(offset), **links)
    d.add_activity("event", f"Participer : {rng.choice(words.EVENTS)}", due=day(9))
    return retail.name, agency.name


# --- the large scale ----------------------------------------------------------------------------

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


def _bulk(d: _Demo) -> None:
    """About 1 000 clients, 2 000 contacts, 1 000 missions, 10 000 deals, 100 000 activities."""
    rng, day, today = d.rng, d.day, d.today
    new: list[_Client] = []
    for _ in range(LARGE_CLIENTS - d.rows.count("client")):
        name, industry = d.invented_company()
        name = d.unique_name(name)
        new.append(d.add_client(name, industry, f"{words.slug(name)}.example"))
    counts = [1] * len(new)
    extra = LARGE_CONTACTS - d.rows.count("contact") - len(new)
    while extra > 0:
        i = rng.randrange(len(new))
        if counts[i] < 3:
            counts[i], extra = counts[i] + 1, extra - 1
    for client, n in zip(new, counts, strict=True):
        for _ in range(n):
            opted_out = day(-rng.randint(1, 400)) if rng.random() < 0.02 else None
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            d.add_contact(client, first, last, rng.choice(words.ROLES), opted_out)

    active = rng.sample(new, LARGE_ACTIVE_MISSIONS)
    for client in active:
        start = day(-rng.randint(20, 700))
        planned = None if rng.random() < 0.2 else day(rng.randint(10, 365))
        d.add_mission(client, rng.choice(words.DEAL_TITLES), start, planned, **_pricing(rng))
        reachable = client.reachable()
        if reachable:
            d.account_meetings(client, start, reachable[0])
    for _ in range(LARGE_MISSIONS - d.rows.count("mission")):
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

    for _ in range(LARGE_DEALS - d.rows.count("deal")):
        client = rng.choice(new)
        stage = rng.choices(STAGES, weights=_LARGE_STAGE_WEIGHTS)[0]
        channel = rng.choices(CHANNELS, weights=_DEAL_CHANNEL_WEIGHTS)[0]
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
    for _ in range(LARGE_ACTIVITIES - d.rows.count("activity")):
        channel, kind, _target = rng.choices(_PLAN, weights=(10, 5, 3))[0]
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


# --- the entry point ----------------------------------------------------------------------------


def build_demo(store: Store, *, today: date, seed: int = 42, scale: str = "small") -> DemoSummary:
    """Fill an empty database with the demo, in one transaction; the same seed and today give the
    same rows. ``scale`` is ``"small"`` (the story, in a fraction of a second) or ``"large"``
    (about 1 000 clients, 10 000 deals, 100 000 activities, in a few seconds).

    Raises ``InvalidInput`` for an unknown scale or a database that already holds data.
    """
    if scale not in SCALES:
        raise InvalidInput(f"unknown demo scale {scale!r}: choose {' or '.join(SCALES)}")
    if isinstance(today, datetime):
        today = today.date()
    with store.connection() as conn:
        _check_empty(conn)
        demo = _Demo(seed, today)
        at_risk, former = _story(demo)
        if scale == "large":
            _bulk(demo)
        demo.finish()
        _insert(conn, demo.rows)
    return demo.summary(at_risk, former)
