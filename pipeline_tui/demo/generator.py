"""The demo's row builder: ``Records`` with deals (their stage history and the activities around
it) and prospecting against the plan."""

from __future__ import annotations

from datetime import date, timedelta

from pipeline_tui.demo import words
from pipeline_tui.demo.records import DemoClient, DemoContact, Records
from pipeline_tui.demo.rows import at
from pipeline_tui.domain.vocabulary import OPEN_STAGES

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
DEAL_CHANNEL_WEIGHTS = (4, 2, 3, 2, 2, 1, 1)  # in the order of CHANNELS
PLAN = (("emailing", "email", 10), ("phone", "call", 5), ("social", "social", 3))


class Generator(Records):
    """The row builder the story and the large scale write with."""

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
        client: DemoClient,
        contact: DemoContact | None,
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
        renewal_of: int | None = None,
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
            created_at=at(dates[0], n),
            renewal_of_mission_id=renewal_of,
        )
        self.seen(client.id, dates[0])
        for i, (to_stage, day) in enumerate(history):
            self.rows.add(
                "deal_stage_change",
                deal_id=deal_id,
                from_stage=path[i - 1] if i else None,
                to_stage=to_stage,
                changed_on=day,
                created_at=at(day, n + i),
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

    def prospect_target(self, pool: list[DemoContact], chance: float) -> tuple[str, dict]:
        """Someone to prospect: a known reachable contact, or a company not in the database."""
        if pool and self.rng.random() < chance:
            contact = self.rng.choice(pool)
            return contact.name, {"client_id": contact.client_id, "contact_id": contact.id}
        company, _industry = self.invented_company()
        return f"{company} ({self.rng.choice(words.ROLES)})", {}

    def weekly_prospecting(self, weeks: int, pool: list[DemoContact]) -> None:
        """Done activities per ISO week against the plan: kept lately, with a holiday gap."""
        rng, today = self.rng, self.today
        monday = today - timedelta(days=today.weekday())
        labels = {"email": "Email de prospection", "call": "Appel", "social": "Message LinkedIn"}
        for week in range(weeks):
            start = monday - timedelta(weeks=week)
            for channel, kind, target in PLAN:
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

    def account_meetings(self, client: DemoClient, since: date, contact: DemoContact) -> None:
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
