"""Every string a user reads is in the catalog, and French has each one (issue 19)."""

from __future__ import annotations

import re

import pytest

from pipeline_tui.i18n import catalog
from tests.i18n.shown_strings import every_untranslated, is_prose

PLACEHOLDERS = re.compile(r"\{[a-z_]*[^{}]*\}|%\([a-z_]+\)[sdf]|%[sdf]")


def test_every_string_a_user_reads_goes_through_the_catalog() -> None:
    found = every_untranslated()
    assert not found, f"{len(found)} shown string(s) not in the catalog:\n" + "\n".join(
        map(str, found[:60])
    )


def test_french_has_every_message_of_the_code() -> None:
    gaps = catalog.gaps(["fr"])
    assert not gaps, f"{len(gaps)} message(s) without French:\n" + "\n".join(map(str, gaps[:60]))


def test_a_translation_keeps_the_placeholders_of_its_message() -> None:
    """A translation that drops, adds or renames ``{name}`` would fail (KeyError) or lie."""
    wrong = []
    for message in catalog.read("fr"):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(PLACEHOLDERS.findall(ids[-1])))
        for text in strings:
            if text and sorted(set(PLACEHOLDERS.findall(text))) != wanted:
                wrong.append(f"{ids[0]!r} → {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_catalog_has_no_message_the_code_no_longer_uses() -> None:
    used = {m.id for m in catalog.extract() if m.id}
    stale = [m.id for m in catalog.read("fr") if m.id and m.id not in used]
    assert not stale, f"run python -m pipeline_tui.i18n.catalog update: {stale[:20]}"


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("Done", True),
        ("Go to the dashboard", True),
        ("{days} d late", True),
        ("Deleted activity #{id}.", True),
        ("new_client", False),
        ("ctrl+s", False),
        ("#client-list", False),
        ("won", False),
        ("%Y-%m-%d", False),
        ("[b]{name}[/b]", False),
        ("EUR", False),
        ("", False),
    ],
)
def test_what_counts_as_a_string_a_user_reads(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def test_the_net_finds_a_shown_string_that_is_not_translated(tmp_path) -> None:
    """The check itself: a module with one bare label, one f-string message, one translated
    label, a docstring, a dictionary key and a line marked not shown."""
    module = tmp_path / "pipeline_tui" / "cli" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        '"""A docstring is not shown."""\n'
        "from pipeline_tui.i18n import _\n"
        'LABEL = "Save the client"\n'
        "def said(n):\n"
        '    return f"Deleted {n} activities"\n'
        'OK = _("Saved the client")\n'
        'KEYS = {"client name": 1}\n'
        'WORD = "a stored value"  # not shown: a JSON value\n'
        'BAD = _(f"Deleted {OK}")\n'
        "FLAG = f\"[{_('off')}]\"\n"
        "X = 1\n"
        '"""An attribute docstring is not shown either."""\n',
        encoding="utf-8",
    )
    found = every_untranslated(tmp_path / "pipeline_tui")
    assert [(s.line, s.why) for s in found] == [
        (3, "not translated"),
        (5, "an f-string shown"),
        (9, "an f-string in _()"),
        (10, "a message inside an f-string (the catalog never sees it)"),
    ]
