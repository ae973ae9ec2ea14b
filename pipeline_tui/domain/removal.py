"""What a confirmation says before a record is deleted or archived, from the counts of what goes
with it (``store.queries.dependents``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pipeline_tui.i18n import _, ngettext

# How a count of the records of a kind that go with another reads: ``3 deals``.
_COUNTS: dict[str, Callable[[int], str]] = {
    "contact": lambda n: ngettext("{count} contact", "{count} contacts", n),
    "mission": lambda n: ngettext("{count} mission", "{count} missions", n),
    "deal": lambda n: ngettext("{count} deal", "{count} deals", n),
    "activity": lambda n: ngettext("{count} activity", "{count} activities", n),
    "signal": lambda n: ngettext("{count} signal", "{count} signals", n),
    "survey": lambda n: ngettext("{count} survey", "{count} surveys", n),
    "sequence_enrollment": lambda n: ngettext(
        "{count} sequence enrolment", "{count} sequence enrolments", n
    ),
    "offboarding": lambda n: ngettext(
        "{count} offboarding checklist", "{count} offboarding checklists", n
    ),
    "case_study": lambda n: ngettext("{count} case study", "{count} case studies", n),
    "deal_stage_change": lambda n: ngettext("{count} stage change", "{count} stage changes", n),
}


def _one_count(key: str, n: int) -> str:
    """``3 deals``: a count of the records of ``key`` that go with another."""
    worded = _COUNTS.get(key)
    return worded(n).format(count=n) if worded else f"{n} {key}"


def counted(counts: Mapping[str, int]) -> str:
    """``2 contacts, 3 deals and 14 activities`` (nothing for a zero)."""
    parts = [_one_count(key, n) for key, n in counts.items() if n > 0]
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


@dataclass(frozen=True)
class Removal:
    """A record about to go: ``what`` (client, contact…), its name, what goes with it; a client
    with missions is ``archived`` by default (hidden, kept in the figures' history)."""

    what: str
    id: int
    name: str
    counts: Mapping[str, int] = field(default_factory=dict)
    archived: bool = False
    kept: Mapping[str, int] = field(default_factory=dict)  # stay, no longer linked to it

    @property
    def goes_with(self) -> str:
        return counted(self.counts)

    @property
    def question(self) -> str:
        """``Delete Acme? Its 2 contacts, 3 deals and 14 activities go with it.``"""
        if self.archived:
            return _(
                "Archive {name}? It has {missions}: "
                "it leaves the lists, and its past revenue stays in the figures."
            ).format(name=self.name, missions=counted({"mission": self.counts["mission"]}))
        said = [_("Delete {name}?").format(name=self.name)]
        if self.goes_with:
            said.append(
                ngettext(
                    "Its {things} goes with it.",
                    "Its {things} go with it.",
                    sum(self.counts.values()),
                ).format(things=self.goes_with)
            )
        kept = counted(self.kept)
        if kept:
            said.append(
                ngettext(
                    "{things} stays, unlinked.", "{things} stay, unlinked.", sum(self.kept.values())
                ).format(things=kept[0].upper() + kept[1:])
            )
        return " ".join(said)

    @property
    def for_good(self) -> str:
        """The question of deleting an archivable client for good."""
        return _("Delete {name} for good? Its {things} go with it, out of the figures.").format(
            name=self.name, things=self.goes_with
        )
