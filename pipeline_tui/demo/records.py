"""The demo's row builder, first part: clients and contacts, missions, offboardings, activities,
signals and surveys (``generator`` adds deals and prospecting on top)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline_tui.demo import words
from pipeline_tui.demo.rows import DemoSummary, Rows, at
from pipeline_tui.domain.vocabulary import KIND_CHANNEL


@dataclass
class DemoContact:
    id: int
    client_id: int
    name: str
    opted_out_on: date | None


@dataclass
class DemoClient:
    id: int
    name: str
    domain: str
    contacts: list[DemoContact] = field(default_factory=list)

    def reachable(self) -> list[DemoContact]:
        return [c for c in self.contacts if c.opted_out_on is None]


class Records:
    """The rows of one demo as they are made: ``rng`` makes every choice, in the order the story
    and the large scale call for them, so that a seed and a today always give the same rows."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.rows = Rows()
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
    ) -> DemoClient:
        self._names.add(name)
        client_id = self.rows.add(
            "client", name=name, industry=industry, website=f"https://www.{domain}", notes=notes
        )
        return DemoClient(client_id, name, domain)

    def add_contact(
        self, client: DemoClient, first: str, last: str, role: str, opted_out_on: date | None = None
    ) -> DemoContact:
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
        contact = DemoContact(contact_id, client.id, f"{first} {last}", opted_out_on)
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
        client: DemoClient,
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
            created_at=at(start - timedelta(days=3), self.rows.count("mission")),
        )

    def add_offboarding(
        self,
        client: DemoClient,
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
            created_at=at(end - timedelta(days=notice), self.rows.count("offboarding")),
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

    def add_transition(self, client: DemoClient, offboarding_id: int, end: date) -> None:
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
            created_at=at(min(due, done or due, self.today), self.rows.count("activity")),
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

    # - signals and surveys

    def add_signal(self, client: DemoClient, kind: str, day: date, note: str | None = None) -> None:
        self.seen(client.id, day)
        n = self.rows.count("signal")
        self.rows.add(
            "signal",
            client_id=client.id,
            kind=kind,
            occurred_on=day,
            note=note,
            created_at=at(day, n),
        )

    def add_survey(
        self,
        client: DemoClient,
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
            created_at=at(sent, self.rows.count("survey")),
        )

    # - once every row is there

    def finish(self) -> None:
        """Date each client (and its contacts) from the first thing that happened with it."""
        default = self.day(-30)
        for row in self.rows.by_table["client"]:
            row["created_at"] = at(self.first_seen.get(row["id"], default), row["id"])
        for row in self.rows.by_table["contact"]:
            row["created_at"] = at(self.first_seen.get(row["client_id"], default), row["id"])

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
