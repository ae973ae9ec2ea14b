"""The user's own prospecting history per channel: activities done, leads created, leads won."""

from __future__ import annotations

from datetime import date

from pipeline_tui.domain.targets import PROSPECTING_CHANNELS, ChannelHistory
from pipeline_tui.store.reader import Reader


def channel_history(q: Reader, since: date, until: date) -> dict[str, ChannelHistory]:
    """Per prospecting channel, over ``since``–``until`` (both included): the done activities,
    the deals created (leads, by their source channel) and, of those, the ones won."""
    params = {"since": since, "until": until, "channels": list(PROSPECTING_CHANNELS)}
    done = dict(
        q.rows(
            "SELECT channel, count(*) FROM activity WHERE done_on IS NOT NULL"
            " AND done_on >= :since AND done_on <= :until AND channel IN :channels"
            " GROUP BY channel",
            params,
        )
    )
    leads = {
        channel: (int(created), int(won or 0))
        for channel, created, won in q.rows(
            "SELECT channel, count(*), sum(CASE WHEN stage = 'won' THEN 1 ELSE 0 END) FROM deal"
            " WHERE created_on >= :since AND created_on <= :until AND channel IN :channels"
            " GROUP BY channel",
            params,
        )
    }
    return {
        ch: ChannelHistory(int(done.get(ch, 0)), *leads.get(ch, (0, 0)))
        for ch in PROSPECTING_CHANNELS
    }
