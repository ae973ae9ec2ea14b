"""The hand-written story every demo starts with (all of the small scale).

Maison Verlaine Distribution carries half the revenue and shows every churn signal (scope creep
×3, a refused change proposal, a competitor, CSAT 2/5, the end of its mission near, a renewal
proposed but uncertain); the Agence
des Mobilités du Val d'Orbe ended its mission early and has an offboarding under way; a pipeline
of about 30 deals over every stage and channel, two of them rotting; a prospecting plan mostly
kept; one lead in the "Relance standard" sequence.
"""

from __future__ import annotations

from datetime import date, timedelta

from pipeline_tui.demo import words
from pipeline_tui.demo.generator import DEAL_CHANNEL_WEIGHTS, Generator
from pipeline_tui.demo.records import DemoClient
from pipeline_tui.demo.rows import at
from pipeline_tui.domain.vocabulary import CHANNELS

_STEPS = (
    (0, "email", "emailing", "Premier email de prise de contact"),
    (3, "call", "phone", "Appel de suivi"),
    (7, "email", "emailing", "Relance par email"),
    (14, "social", "social", "Message LinkedIn"),
)
_OPTED_OUT = words.DemoPerson("Vincent", "Mercier", "Directeur industriel")
_CADENCES = (
    ("emailing", 10, "FREQ=WEEKLY;BYDAY=MO", "10 e-mails de prospection par semaine"),
    ("phone", 5, "FREQ=WEEKLY;BYDAY=MO", "5 appels par semaine"),
    ("social", 3, "FREQ=WEEKLY;BYDAY=MO", "3 messages LinkedIn par semaine"),
    ("event", 1, "FREQ=MONTHLY;BYMONTHDAY=1", "1 événement freelance par mois"),
)


def _weekday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def tell_story(d: Generator) -> tuple[str, str]:
    """The hand-written core of every demo; returns the at-risk and the former client's names."""
    rng, day = d.rng, d.day
    by_key: dict[str, DemoClient] = {}
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
    mission_ids = {}
    for client, title, start, end, (rate, days, fixed), channel in missions:
        start_on = day(start)
        mission_ids[client.id] = d.add_mission(
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
    channels = [*CHANNELS, *rng.choices(CHANNELS, weights=DEAL_CHANNEL_WEIGHTS, k=extra)]
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
        "sequence", name="Relance standard", skip_weekends=True, created_at=at(day(-180))
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
            created_at=at(starts, count),
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

    # The retailer's renewal, proposed but uncertain: it weighs the end of the mission (40 days
    # ahead) by its probability instead of leaving it a certain loss.
    d.add_deal(
        retail,
        claire,
        "Renouvellement 2027 : tunnel de commande",
        "proposal",
        "referral",
        value=825_000,
        months=12,
        history=[("lead", day(-20)), ("proposal", day(-12))],
        first_touch=False,
        renewal_of=mission_ids[retail.id],
    )
    return retail.name, agency.name
