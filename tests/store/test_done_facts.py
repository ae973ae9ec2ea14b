"""The plan's done activities, summed up in SQL, follow ``DoneFact.counts`` row by row."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.domain.review import DoneFact, done_by_channel
from pipeline_tui.store.database import Store
from pipeline_tui.store.queries.activities import done_facts

START = date(2026, 9, 1)
DAY = st.integers(0, 60).map(lambda n: START + timedelta(days=n))
CONTACT = st.tuples(st.booleans(), st.none() | DAY)  # (opted out, since when)
ACTIVITY = st.tuples(
    st.sampled_from(["emailing", "phone", "event"]), DAY, st.none() | st.integers(0, 5)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(CONTACT, min_size=6, max_size=6), st.lists(ACTIVITY, max_size=40), DAY, DAY)
def test_sql_counts_what_the_rule_counts(store: Store, contacts, activities, since, until) -> None:
    now = datetime.now(UTC)
    with store.connection() as conn:
        conn.execute(sa.text("DELETE FROM activity"))
        conn.execute(sa.text("DELETE FROM contact"))
        for i, (flag, on) in enumerate(contacts, start=1):
            conn.execute(
                sa.text(
                    "INSERT INTO contact (id, first_name, last_name, do_not_contact,"
                    " do_not_contact_on, created_at) VALUES (:i, 'P', '', :f, :on, :now)"
                ),
                {"i": i, "f": flag, "on": on if flag else None, "now": now},
            )
        for channel, done_on, contact in activities:
            conn.execute(
                sa.text(
                    "INSERT INTO activity (kind, channel, subject, done_on, contact_id,"
                    " created_at) VALUES ('note', :ch, '', :d, :c, :now)"
                ),
                {
                    "ch": channel,
                    "d": done_on,
                    "c": None if contact is None else contact + 1,
                    "now": now,
                },
            )
    expected = done_by_channel(
        DoneFact(
            channel,
            done_on,
            contact is not None and contacts[contact][0],
            contacts[contact][1] if contact is not None and contacts[contact][0] else None,
        )
        for channel, done_on, contact in activities
        if since <= done_on <= until
    )
    with store.read() as q:
        assert done_by_channel(done_facts(q, since, until)) == expected
