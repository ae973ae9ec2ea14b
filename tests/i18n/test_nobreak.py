"""A French amount is never split across two lines (no-break spaces keep it whole)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from pipeline_tui.i18n import formats, using_language
from pipeline_tui.i18n.nobreak import keep_no_break_spaces


def test_a_french_amount_stays_on_one_line_when_a_line_wraps() -> None:
    keep_no_break_spaces(textual=True)
    from textual.content import Content

    with using_language("fr"):
        amount = formats.money(400_000)  # 4 000 €
        line = f"Le CA perdu est de {amount} ce mois-ci"
    for width in range(8, len(line)):
        console = Console(width=width, file=None, color_system=None, record=True)
        console.print(Text(line))
        rich_lines = console.export_text().splitlines()
        textual_lines = [str(c) for c in Content(line).wrap(width)]
        for lines in (rich_lines, textual_lines):
            assert any(amount in wrapped for wrapped in lines), (width, lines)
