"""What the CLI prints for a person: in colour through Rich where standard output is a terminal,
plain text where it is not (a pipe, a file) or where the user said ``NO_COLOR`` (or
``TERM=dumb``). Rich is imported only to colour: a script reading a pipe pays nothing for it.

A ``Doc`` is lines of ``(text, style)`` runs; the renderers (``cli/text.py``) say what a run
means, never how it looks: a domain tone (``good``, ``warning``, ``bad``, ``neutral``, from
``domain.present``), or ``title``, ``header``, ``muted``. Colour has one meaning, as in the TUI:
red and amber for risk, green for good, money and plain facts uncoloured.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

import click

Run = tuple[str, str | None]
Cell = str | Run

STYLES = {
    "bad": "bold red",  # not shown: Rich styles
    "warning": "yellow",
    "good": "green",
    "neutral": "",
    "title": "bold",
    "header": "bold",
    "muted": "dim",
}


def wants_colour(stream: IO[str]) -> bool:
    """Colour for a person at a terminal, unless they said no (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class Doc:
    """Lines of runs: ``add("text")``, ``add(("72 %", "bad"), " covered")``."""

    lines: list[list[Run]] = field(default_factory=list)

    def add(self, *cells: Cell) -> Doc:
        self.lines.append([(c, None) if isinstance(c, str) else c for c in cells])
        return self

    def extend(self, other: Doc | Iterable[str]) -> Doc:
        if isinstance(other, Doc):
            self.lines.extend(other.lines)
        else:
            for line in other:
                self.add(line)
        return self

    def plain(self) -> str:
        return "\n".join("".join(text for text, _ in line) for line in self.lines)

    def strip_end(self) -> Doc:
        while self.lines and not "".join(text for text, _ in self.lines[-1]).strip():
            self.lines.pop()
        return self


def show(doc: Doc, stream: IO[str] | None = None) -> None:
    """Print ``doc``: coloured on a terminal, else its plain text."""
    stream = stream or sys.stdout
    if not wants_colour(stream):
        click.echo(doc.plain(), file=stream)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for line in doc.lines:
        text = Text()
        for part, style in line:
            text.append(part, style=STYLES.get(style or "", style or ""))
        console.print(text)


def error(message: str) -> None:
    """``Error: …`` on standard error, the word in red on a terminal."""
    from pipeline_tui.i18n import _

    line = _("Error: {message}")  # click's own words for its errors: the same message
    if wants_colour(sys.stderr):
        word, _sep, rest = line.partition("{message}")
        line = click.style(word.rstrip(), fg="red", bold=True) + word[len(word.rstrip()) :]
        line += "{message}" + rest
    click.echo(line.format(message=message), err=True)


def table(
    rows: list[list[Cell]], right: set[int], *, header: bool = True, indent: str = "  "
) -> Doc:
    """Columns padded to their widest cell (``right``: right-aligned); the first row is the
    header unless ``header`` is False."""
    runs = [[(c, None) if isinstance(c, str) else c for c in row] for row in rows]
    widths = [max(len(row[i][0]) for row in runs) for i in range(len(runs[0]))]
    doc = Doc()
    for number, row in enumerate(runs):
        line: list[Run] = [(indent, None)]
        for i, (text, style) in enumerate(row):
            pad = " " * (widths[i] - len(text))
            if i:
                line.append(("  ", None))
            styled = (text, "header" if header and number == 0 else style)
            line.extend([(pad, None), styled] if i in right else [styled, (pad, None)])
        while line and not line[-1][0].strip():  # no trailing blanks
            line.pop()
        if line:
            line[-1] = (line[-1][0].rstrip(), line[-1][1])
        doc.lines.append(line)
    return doc
