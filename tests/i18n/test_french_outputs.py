"""What the CLI prints in French has no English left in it (issue 19): each text command, run on
the demo with ``--lang fr``, is read for English words that no French sentence and no demo datum
holds. The catalog tests check that every message has a French entry; this one checks that what
reaches the screen went through them (a label built from a code, a sentence glued from pieces, a
date formatted by hand)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import TODAY

# English words that have no business in a French output (the demo's data is French).
ENGLISH = re.compile(
    r"\b(the|and|with|from|your|are|is|of|days?|weeks?|months?|late|overdue|tomorrow|today|"
    r"revenue|lost|won|risk|coverage|covered|deals?|leads?|none|nothing|due|calls?|events?|"
    r"step|steps|lesson|survey|week|plan for|rotting|idle|worst|client.s|at risk)\b",
    re.IGNORECASE,
)

# What is typed rather than read, the same in every language: a setting's key
# (``stage_probabilities.lead``) and a sequence's steps as they are typed (``email:0, call:3``).
NOT_WORDS = re.compile(r"\b[a-z_]+\.[a-z_]+\b|\b[a-z_]+:\d+\b")

COMMANDS = [
    ("status",),
    ("today",),
    ("today", "--all"),
    ("whatif", "--gap", "8000"),
    ("plan",),
    ("review",),
    ("review", "--format", "md"),
    ("settings",),
    ("remind", "--digest"),
    ("lessons",),
    ("offboarding", "--all"),
    ("survey-gaps",),
    ("deal", "list"),
    ("sequence", "list"),
    ("playbook",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_french_output_has_no_english_left(cli_run, demo_db, args) -> None:
    result = cli_run("--lang", "fr", "--db", str(demo_db), "--today", TODAY.isoformat(), *args)
    if result.exit_code == 2 and "No such command" in (result.stderr or ""):
        pytest.skip(f"no command {args[0]}")
    assert result.exit_code == 0, result.stderr
    shown = NOT_WORDS.sub(" ", result.stdout)
    english = sorted({m.group(0).lower() for m in ENGLISH.finditer(shown)})
    lines = [line for line in shown.splitlines() if ENGLISH.search(line)]
    assert not english, f"English in `{' '.join(args)}` with --lang fr: {english}\n" + "\n".join(
        lines[:15]
    )


def test_the_same_output_in_english_would_be_caught(cli_run, demo_db) -> None:
    """The check itself: the English status trips it."""
    result = cli_run("--lang", "en", "--db", str(demo_db), "--today", TODAY.isoformat(), "status")
    assert ENGLISH.search(result.stdout)
