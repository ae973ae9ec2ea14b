"""Cells a spreadsheet must show as text, never run as a formula (CSV injection).

A text cell whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with an apostrophe, which Excel, LibreOffice and Google Sheets read as "this is text". The
rule applies to text only: numbers (ids, cents, counts, probabilities) are written as numbers, so a
negative amount stays a number a spreadsheet can add up — a number cannot hold a formula.
"""

from __future__ import annotations

DANGEROUS_FIRST_CHARACTERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"


def neutralise_cell(text: str) -> str:
    """``=HYPERLINK("http://x")`` → ``'=HYPERLINK("http://x")``; other text is unchanged."""
    if text.startswith(DANGEROUS_FIRST_CHARACTERS):
        return TEXT_PREFIX + text
    return text
