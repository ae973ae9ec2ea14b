"""Which record a name typed on the command line or in a form designates.

``#12`` is the record with id 12. Otherwise the name must be exact, compared folded (case,
accents and spacing do not count: ``log_target.fold``); a contact answers to "first last" and
"last first". No match, or several, is the caller's to word (``services.resolve``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline_tui.domain.log_target import MAX_CANDIDATES, Named, fold

_ID = re.compile(r"#\s*(\d{1,18})")


def typed_id(text: str) -> int | None:
    """The id ``#12`` gives, or None when ``text`` is a name."""
    found = _ID.fullmatch(text.strip())
    return int(found.group(1)) if found else None


def exact_matches(text: str, named: Sequence[Named]) -> list[Named]:
    """The records ``text`` names exactly (folded), in the order given."""
    wanted = fold(text)
    return [n for n in named if wanted in (fold(n.name), *map(fold, n.also))]


def close_names(text: str, named: Sequence[Named], n: int = MAX_CANDIDATES) -> list[Named]:
    """Up to ``n`` records whose name contains every word of ``text``, else shares one: the
    candidates an unknown name lists."""
    words = fold(text).split()
    if not words:
        return list(named[:n])
    every = [c for c in named if all(w in fold(c.name) for w in words)]
    some = [c for c in named if c not in every and any(w in fold(c.name) for w in words)]
    return (every + some)[:n]


def labelled(named: Sequence[Named]) -> str:
    """``#3 Marie Martin (Acme), #9 Marie Martin (Globex)``."""
    return ", ".join(f"#{n.id} {n.label}" for n in named)
