"""What a confirmation says before a record is deleted or archived, from the counts of what goes
with it (``store.queries.dependents``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

_WORDS = {
    "contact": ("contact", "contacts"),
    "mission": ("mission", "missions"),
    "deal": ("deal", "deals"),
    "activity": ("activity", "activities"),
    "signal": ("signal", "signals"),
    "survey": ("survey", "surveys"),
    "sequence_enrollment": ("sequence enrolment", "sequence enrolments"),
    "offboarding": ("offboarding checklist", "offboarding checklists"),
    "case_study": ("case study", "case studies"),
    "deal_stage_change": ("stage change", "stage changes"),
}


def counted(counts: Mapping[str, int]) -> str:
    """``2 contacts, 3 deals and 14 activities`` (nothing for a zero)."""
    parts = [
        f"{n} {_WORDS.get(key, (key, key + 's'))[n != 1]}" for key, n in counts.items() if n > 0
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


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
            return (
                f"Archive {self.name}? It has {counted({'mission': self.counts['mission']})}: "
                "it leaves the lists, and its past revenue stays in the figures."
            )
        with_it = f" Its {self.goes_with} go with it." if self.goes_with else ""
        if self.goes_with and sum(self.counts.values()) == 1:
            with_it = f" Its {self.goes_with} goes with it."
        kept = counted(self.kept)
        if kept:
            stay = "stays" if sum(self.kept.values()) == 1 else "stay"
            with_it += f" {kept[0].upper()}{kept[1:]} {stay}, unlinked."
        return f"Delete {self.name}?{with_it}"

    @property
    def for_good(self) -> str:
        """The question of deleting an archivable client for good."""
        return f"Delete {self.name} for good? Its {self.goes_with} go with it, out of the figures."
