"""Services: sequences applied and stopped, the one-line log, cadences, raising the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline_tui.errors import InvalidInput, NotFound
from pipeline_tui.services import clients, deals, plan_progress, prospecting, sequences
from pipeline_tui.services.numbers import compute_whatif
from pipeline_tui.services.quicklog import log_text
from pipeline_tui.store.database import Store
from tests.conftest import TODAY
from tests.helpers import MONDAY, add_active_client
from tests.services.backend_rows import plain_rows

STEPS = [
    (0, "email", "emailing", "Premier email"),
    (3, "call", "phone", "Appel de suivi"),
    (7, "email", "emailing", "Relance"),
    (14, "social", "social", "Message LinkedIn"),
]


def d(text: str) -> date:
    return date.fromisoformat(text)


def rows(store: Store, sql: str, **params) -> list[tuple]:
    return plain_rows(store, sql, **params)


def activities(store: Store, contact_id: int) -> list[tuple]:
    """(kind, due_on, done_on, outcome, enrollment?) of a contact's activities, by id."""
    return rows(
        store,
        "SELECT kind, due_on, done_on, outcome, enrollment_id IS NOT NULL FROM activity "
        "WHERE contact_id = :c ORDER BY id",
        c=contact_id,
    )


@pytest.fixture
def sequence(store: Store) -> sequences.SequenceView:
    return sequences.create_sequence(store, "Relance test", STEPS, skip_weekends=True)


# --- acceptance 2: apply a sequence, log the replies, get exactly these activities ----------


def test_applying_a_sequence_and_logging_the_replies(store: Store, lead, sequence) -> None:
    _client, karim, deal = lead
    other = clients.add_client(store, "Logistique Ferrand")
    ines = clients.add_contact(store, "Inès", last_name="Moreau", client_id=other.id)
    # Both leads in one call (TODAY is Thursday 26 Nov 2026); day 3 is a Sunday → Monday.
    applied = sequences.apply_sequence(
        store, sequence.id, on=TODAY, deal_ids=[deal.id], contact_ids=[ines.id]
    )
    assert applied.skipped == ()
    planned = [
        ("email", "2026-11-26", None, None, 1),
        ("call", "2026-11-30", None, None, 1),
        ("email", "2026-12-03", None, None, 1),
        ("social", "2026-12-10", None, None, 1),
    ]
    assert activities(store, karim.id) == planned
    assert activities(store, ines.id) == planned
    view = sequences.deal_sequence(store, deal.id)
    assert view.running and [s.due_on for s in view.remaining] == [
        d("2026-11-26"),
        d("2026-11-30"),
        d("2026-12-03"),
        d("2026-12-10"),
    ]
    assert view.steps[1].subject == "Appel de suivi — Karim Benali"

    # Karim: the first email is sent, the call gets no answer, then he replies by email.
    first = log_text(store, "email Karim Benali", TODAY)
    assert first.completed_step and first.activity.deal_id == deal.id
    log_text(store, 'call Karim Benali outcome:"no answer"', d("2026-11-30"))
    reply = log_text(
        store, 'email Karim Benali outcome:replied "Rappelle-moi lundi"', d("2026-12-02")
    )
    assert not reply.completed_step  # his answer is not the step-3 email due on 3 Dec
    assert [(s.reason, s.cancelled) for s in reply.stopped] == [("reply", 2)]
    assert activities(store, karim.id) == [
        ("email", "2026-11-26", "2026-11-26", None, 1),
        ("call", "2026-11-30", "2026-11-30", "no answer", 1),
        ("email", None, "2026-12-02", "replied", 0),
    ]
    # Inès picks up the call on Monday and books a meeting: that step is done, the rest is
    # cancelled (the unsent first email included) and the follow-up is scheduled.
    met = log_text(store, "call Inès Moreau outcome:meeting next:+1w", d("2026-11-30"))
    assert met.completed_step and met.stopped[0].reason == "reply"
    assert activities(store, ines.id) == [
        ("call", "2026-11-30", "2026-11-30", "meeting", 1),
        ("follow_up", "2026-12-07", None, None, 0),
    ]
    stops = rows(
        store, "SELECT contact_id, stopped_on, stop_reason FROM sequence_enrollment ORDER BY id"
    )
    assert stops == [(karim.id, "2026-12-02", "reply"), (ines.id, "2026-11-30", "reply")]


def test_every_step_done_completes_the_enrollment(store: Store, lead, sequence) -> None:
    _, karim, deal = lead
    sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id])
    log_text(store, "email Karim Benali", TODAY)
    log_text(store, "call Karim Benali", d("2026-11-30"))
    log_text(store, "email Karim Benali", d("2026-12-03"))
    last = log_text(store, "linkedin Karim Benali", d("2026-12-11"))
    assert last.completed_step and last.completed_sequence
    view = sequences.deal_sequence(store, deal.id)
    assert (view.stopped_on, view.stop_reason, view.remaining) == (d("2026-12-11"), "completed", ())
    assert len(activities(store, karim.id)) == 4  # no row added: the steps were completed


def test_a_stage_change_stops_the_deals_sequence(store: Store, lead, sequence) -> None:
    _, karim, deal = lead
    sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id])
    log_text(store, "email Karim Benali", TODAY)
    deals.move_deal(store, deal.id, "contacted", on=d("2026-11-27"))
    view = sequences.deal_sequence(store, deal.id)
    assert (view.stopped_on, view.stop_reason) == (d("2026-11-27"), "stage_change")
    assert activities(store, karim.id) == [("email", "2026-11-26", "2026-11-26", None, 1)]


def test_an_opt_out_stops_the_contacts_sequences_and_blocks_new_ones(
    store: Store, lead, sequence
) -> None:
    _client, karim, deal = lead
    sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id])
    clients.set_do_not_contact(store, karim.id, d("2026-11-28"))
    view = sequences.deal_sequence(store, deal.id)
    assert (view.stopped_on, view.stop_reason, view.remaining) == (d("2026-11-28"), "opt_out", ())
    assert activities(store, karim.id) == []
    again = sequences.apply_sequence(
        store, sequence.id, on=d("2026-12-01"), deal_ids=[deal.id], contact_ids=[karim.id]
    )
    assert again.enrollments == ()
    assert [s.reason for s in again.skipped] == ["Karim Benali opted out of prospecting"] * 2


def test_apply_skips_closed_deals_and_running_ones_and_is_one_transaction(
    store: Store, lead, sequence
) -> None:
    client, _karim, deal = lead
    won = deals.add_deal(store, client.id, "Déjà signé", on=TODAY, stage="won")
    first = sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id, won.id])
    assert len(first.enrollments) == 1
    assert [s.reason for s in first.skipped] == ["the deal is won"]
    second = sequences.apply_sequence(store, sequence.id, on=TODAY, deal_ids=[deal.id])
    assert [s.reason for s in second.skipped] == ["already in a running sequence"]
    before = rows(store, "SELECT count(*) FROM activity")
    other = clients.add_contact(store, "Zoé", last_name="Roux", client_id=client.id)
    with pytest.raises(NotFound):
        sequences.apply_sequence(store, sequence.id, on=TODAY, contact_ids=[other.id, 9999])
    assert rows(store, "SELECT count(*) FROM activity") == before  # Zoé was not enrolled either
    with pytest.raises(InvalidInput, match="at least one"):
        sequences.apply_sequence(store, sequence.id, on=TODAY)
    stopped = sequences.stop_enrollment(store, first.enrollments[0].id, on=TODAY)
    assert (stopped.reason, stopped.cancelled) == ("cancelled", 4)


def test_sequences_are_validated(store: Store, sequence) -> None:
    assert sequences.find_sequence(store, "relance TEST").steps[1].day_offset == 3
    with pytest.raises(InvalidInput, match="already exists"):
        sequences.create_sequence(store, "Relance test", STEPS)
    with pytest.raises(InvalidInput, match="at least one step"):
        sequences.create_sequence(store, "Vide", [])
    with pytest.raises(InvalidInput, match="day offset"):
        sequences.create_sequence(store, "Négatif", [(-1, "email")])
    with pytest.raises(InvalidInput, match="kind"):
        sequences.create_sequence(store, "Fax", [(0, "fax")])
    with pytest.raises(NotFound, match="did you mean"):
        sequences.find_sequence(store, "Relance tst")


# --- the one-line log -------------------------------------------------------------------------


def test_log_resolves_contacts_and_clients_by_name(store: Store, lead) -> None:
    client, _karim, deal = lead
    clients.add_contact(store, "Inès", last_name="Moreau", client_id=client.id)
    assert log_text(store, "call benali karim", TODAY).contact_name == "Karim Benali"
    ines = log_text(store, "email ines moreau", TODAY)
    assert (ines.contact_name, ines.client_name) == ("Inès Moreau", "Cimentis")
    assert ines.activity.deal_id is None  # Inès has no deal
    by_client = log_text(store, 'email cimentis "sent the deck" done:yesterday', TODAY)
    assert (by_client.contact_name, by_client.client_name) == (None, "Cimentis")
    assert by_client.activity.deal_id == deal.id  # the client's only open deal
    assert by_client.activity.subject == "sent the deck"
    assert by_client.activity.done_on == TODAY - timedelta(days=1)
    assert log_text(store, "call Benali", TODAY).contact_name == "Karim Benali"
    planned = log_text(store, "call Karim Benali due:fri", TODAY).activity
    assert (planned.due_on, planned.done_on) == (d("2026-11-27"), None)
    clients.add_contact(store, "Karim", last_name="Haddad", client_id=client.id)
    with pytest.raises(InvalidInput, match=r"could be: .*Karim Benali.*Karim Haddad"):
        log_text(store, "call Karim", TODAY)
    with pytest.raises(NotFound, match="did you mean: Karim Benali"):
        log_text(store, "call Karim Benalli", TODAY)
    with pytest.raises(InvalidInput, match="start with what you did"):
        log_text(store, "Karim Benali call", TODAY)
    with pytest.raises(InvalidInput, match="is not with Cimentis"):
        other = clients.add_client(store, "Autre")
        other_deal = deals.add_deal(store, other.id, "Autre chose", on=TODAY)
        log_text(store, f"call Karim Benali deal:{other_deal.id}", TODAY)


def test_log_warns_for_an_opted_out_contact_and_schedules_nothing(store: Store, lead) -> None:
    _, karim, _ = lead
    clients.set_do_not_contact(store, karim.id, d("2026-11-20"))
    result = log_text(store, "email Karim Benali next:+1w", TODAY)
    assert result.activity.id is not None  # it happened: it is recorded
    assert result.follow_up is None
    assert result.warnings == (
        "Karim Benali opted out of prospecting on 20 Nov 2026: logged anyway, but do not "
        "prospect them",
        "no follow-up scheduled: Karim Benali opted out",
    )
    assert rows(store, "SELECT count(*) FROM activity WHERE done_on IS NULL") == [(0,)]
    assert log_text(store, "meeting Karim Benali", TODAY).warnings == ()


def test_an_opt_out_cancels_the_outreach_planned_for_the_contact(store: Store, lead) -> None:
    _, karim, _ = lead
    log_text(store, "call Karim Benali next:+1w", TODAY)  # a follow-up
    log_text(store, "email Karim Benali due:mon", TODAY)  # a planned email
    log_text(store, "meeting Karim Benali due:tue", TODAY)  # a planned meeting
    clients.set_do_not_contact(store, karim.id, TODAY)
    assert activities(store, karim.id) == [
        ("call", None, "2026-11-26", None, 0),
        ("meeting", "2026-12-01", None, None, 0),  # not outreach: left for the user to decide
    ]
    with pytest.raises(InvalidInput, match="nothing can be planned"):
        log_text(store, "call Karim Benali due:fri", TODAY)


def test_log_schedules_the_follow_up(store: Store, lead) -> None:
    _, _karim, deal = lead
    result = log_text(store, "call Karim Benali outcome:meeting next:+1w", TODAY)
    follow = result.follow_up
    assert (follow.kind, follow.channel, follow.due_on, follow.deal_id) == (
        "follow_up",
        "phone",
        d("2026-12-03"),
        deal.id,
    )
    assert "follow-up due 3 Dec 2026" in result.lines(TODAY)[-1]


# --- cadences, progress, raising the plan ----------------------------------------------------


def test_cadences_are_validated(store: Store) -> None:
    cadence = prospecting.add_cadence(store, "phone", 5, starts_on=MONDAY, label="5 calls")
    assert cadence.rrule == "FREQ=WEEKLY;BYDAY=MO"
    prospecting.update_cadence(store, cadence.id, count=6)
    assert prospecting.list_cadences(store)[0].count == 6
    for kwargs, words in (
        ({"channel": "fax", "count": 1}, "channel"),
        ({"channel": "phone", "count": 0}, "at least 1"),
        ({"channel": "phone", "count": 1, "rrule": "FREQ=HOURLY"}, "at least a day"),
    ):
        with pytest.raises(InvalidInput, match=words):
            prospecting.add_cadence(store, starts_on=MONDAY, **kwargs)
    prospecting.update_cadence(store, cadence.id, active=False)
    assert prospecting.list_cadences(store, active_only=True) == []
    prospecting.delete_cadence(store, cadence.id)
    assert prospecting.list_cadences(store) == []


def test_plan_progress_ignores_activities_to_opted_out_contacts(store: Store, lead) -> None:
    _, karim, _ = lead
    prospecting.add_cadence(store, "emailing", 3, starts_on=MONDAY - timedelta(weeks=2))
    log_text(store, "email Karim Benali done:mon", TODAY)
    log_text(store, "email Karim Benali done:tue", TODAY)
    clients.set_do_not_contact(store, karim.id, d("2026-11-25"))
    log_text(store, "email Karim Benali", TODAY)  # after the opt-out: does not count
    log_text(store, '#email "Newsletter"', TODAY)  # nobody in particular: counts
    status = plan_progress.plan_status(store, TODAY)
    (line,) = status.lines
    assert (line.done, line.target, line.met) == (3, 3, True)
    assert line.period.start == MONDAY
    assert status.streak.current.verdict == "met"
    assert status.streak.weeks == 1  # the two weeks before had nothing done
    js = plan_progress.plan_json(status)
    assert js["cadences"][0]["period_end"] == "2026-11-29" and js["this_week"] == "met"


def test_raise_the_plan_raises_each_channels_cadence_once(store: Store) -> None:
    """One row per channel, raised from the next period on; the week under way keeps its old
    target; raising again changes nothing."""
    add_active_client(store, "Acme", 70_000, 12.0)  # €8,400 a month
    standing = prospecting.add_cadence(store, "emailing", 2, starts_on=MONDAY - timedelta(weeks=8))
    report = compute_whatif(store, TODAY, client_name="Acme", weeks=12)
    targets = {ch: t for ch, t in report.targets.items() if t.per_period > 0}
    assert targets["emailing"].period == "week" and targets["emailing"].per_period > 2
    raised = prospecting.raise_plan(store, TODAY, client_name="Acme", weeks=12)
    made = {c.channel: c for c in raised.created}
    assert set(made) == set(targets)  # one cadence per channel with a target
    assert {ch: c.count for ch, c in made.items()} == {
        ch: t.per_period for ch, t in targets.items()
    }
    assert made["emailing"].starts_on == d("2026-11-30")  # the next Monday
    assert made["emailing"].rrule == "FREQ=WEEKLY;BYDAY=MO"  # open-ended
    assert raised.ended == (standing.id,)
    ended = {c.id: c for c in prospecting.list_cadences(store)}[standing.id]
    assert ended.rrule.endswith("UNTIL=20261130")
    # this week: the standing target alone; next week: the raised one alone — never two rows
    now = [ln for ln in plan_progress.plan_status(store, TODAY).lines if ln.channel == "emailing"]
    later = [
        ln
        for ln in plan_progress.plan_status(store, d("2026-12-01")).lines
        if ln.channel == "emailing"
    ]
    assert [ln.target for ln in now] == [2]
    assert [ln.target for ln in later] == [made["emailing"].count]
    again = prospecting.raise_plan(store, TODAY, client_name="Acme", weeks=12)
    assert again.created == () and set(again.already) == set(targets)
    with pytest.raises(InvalidInput, match="nothing to raise"):
        prospecting.raise_plan(store, TODAY, gap_cents=0)


# --- the review's next-week targets when the pipeline does not cover the risk ----------------


def test_review_targets_refill_the_coverage_gap(store: Store) -> None:
    from pipeline_tui.services.review import weekly_review

    add_active_client(store, "Acme", 70_000, 12.0)
    prospecting.add_cadence(store, "phone", 5, starts_on=MONDAY - timedelta(weeks=4))
    prospecting.add_cadence(store, "event", 1, "FREQ=MONTHLY;BYMONTHDAY=1", starts_on=MONDAY)
    review = weekly_review(store, TODAY)
    assert review.week.label == "2026-W47"  # the last complete week
    last = review.trend[-1]
    assert last.day == d("2026-11-22") and last.weighted_pipeline_cents == 0
    assert last.revenue_at_risk_cents > 0
    nxt = review.next_week
    assert nxt.coverage_gap_cents == last.revenue_at_risk_cents
    whatif = compute_whatif(store, d("2026-11-22"), gap_cents=nxt.coverage_gap_cents, weeks=12)
    expected = {ch: n for ch, n in whatif.result.weekly_activities.items() if n > 0}
    assert nxt.whatif_weekly == expected and nxt.plan_weekly == {"phone": 5}
    assert nxt.targets["phone"] == max(5, expected.get("phone", 0))
    assert nxt.targets["emailing"] == expected["emailing"]
    # A lead created on Wednesday is in the pipeline of this week, not of last week.
    client = clients.add_client(store, "Nouveau")
    deal = deals.add_deal(store, client.id, "Gros projet", on=d("2026-11-25"))
    deals.update_deal(store, deal.id, monthly_value_cents=1_000_000)
    current = weekly_review(store, TODAY, "2026-W48")
    assert current.trend[-1].weighted_pipeline_cents == 100_000  # 10 % of €10,000 (lead)
    assert current.trend[-2].weighted_pipeline_cents == 0
    assert [d_.title for d_ in current.new_leads] == ["Gros projet"]


def test_the_review_counts_every_done_activity_without_a_plan(store: Store) -> None:
    """No cadence at all: the week's done activities still show, per channel."""
    from pipeline_tui.services.activities import add_activity
    from pipeline_tui.services.review import weekly_review

    for day, kind in ((MONDAY - timedelta(days=7), "email"), (MONDAY - timedelta(days=5), "call")):
        add_activity(store, kind, subject="Prospecting", due_on=day, done_on=day)
    add_activity(
        store,
        "email",
        subject="Too early",
        due_on=MONDAY - timedelta(days=30),
        done_on=MONDAY - timedelta(days=30),
    )
    review = weekly_review(store, TODAY)
    assert review.plan == ()
    assert review.done_by_channel == {"emailing": 1, "phone": 1}
