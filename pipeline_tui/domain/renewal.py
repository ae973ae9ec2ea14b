"""Which mission a renewal deal renews: the quick-add's ``@renewal`` and the CLI's
``--renewal-of MISSION``. Pure: the services read the client's missions and pass them in.

- ``@renewal`` renews the client's *running* mission: status active and running on ``today`` as
  ``domain.revenue.is_active`` decides. With several, the one whose planned end comes first (an
  open-ended one last; then the oldest id), since that end is the revenue to replace soonest.
- ``--renewal-of MISSION`` names one of the client's missions by id (``12`` or ``#12``) or by
  title (case- and accent-insensitively).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol, TypeVar

from pipeline_tui.domain.quickadd_words import fold
from pipeline_tui.domain.revenue import Dated, is_active
from pipeline_tui.i18n import _


class MissionLike(Dated, Protocol):
    """A dated mission with its id, title and planned end."""

    @property
    def id(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def planned_end_on(self) -> date | None: ...


M = TypeVar("M", bound=MissionLike)


def running_missions(missions: Iterable[M], today: date) -> list[M]:
    """The missions still active on ``today``, the one ending first (planned end) first."""
    running = [m for m in missions if m.status == "active" and is_active(m, today)]
    return sorted(running, key=lambda m: (m.planned_end_on is None, m.planned_end_on, m.id))


def mission_to_renew(missions: Iterable[M], today: date) -> tuple[M | None, int]:
    """The mission ``@renewal`` renews (None: none runs) and how many run."""
    running = running_missions(missions, today)
    return (running[0] if running else None), len(running)


def mission_named(missions: Sequence[M], text: str, client: str) -> M:
    """The mission of ``client`` that ``text`` names (id or title); ValueError in words when none
    or several do."""
    wanted = text.strip().removeprefix("#")
    if wanted.isdigit():
        by_id = [m for m in missions if m.id == int(wanted)]
        if by_id:
            return by_id[0]
    by_title = [m for m in missions if fold(m.title.strip()) == fold(text.strip())]
    if len(by_title) == 1:
        return by_title[0]
    if by_title:
        ids = ", ".join(f"#{m.id}" for m in by_title)
        raise ValueError(
            _("{client} has several missions titled {text} ({ids}): give the id").format(
                client=client, text=repr(text), ids=ids
            )
        )
    if not missions:
        raise ValueError(_("{client} has no mission to renew").format(client=client))
    known = "; ".join(f"#{m.id} {m.title}" for m in missions)
    raise ValueError(
        _("{client} has no mission {text} (its missions: {known})").format(
            client=client, text=repr(text), known=known
        )
    )
