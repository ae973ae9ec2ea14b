"""The pieces of the pipeline board: a stage's heading (its deals, value, probability and
weighted total) and a deal's card (title, client, value, days in stage, rotting badge).

Both say as much as their width holds: each has forms from the longest to the shortest and shows
the first that fits whole, so a header never breaks mid-word and a cut name ends with "…".
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from pipeline_tui.domain.mathutil import plural
from pipeline_tui.domain.money import format_money, format_money_short
from pipeline_tui.services.deal_view import BoardCard, BoardFigures, StageFigures
from pipeline_tui.tui.tones import text_style

SHORT_STAGES = {
    "lead": "Lead",
    "contacted": "Cont.",
    "meeting": "Meet.",
    "proposal": "Prop.",
    "negotiation": "Nego.",
    "won": "Won",
    "lost": "Lost",
}
"""A stage's name where its whole name does not fit (a 60-column terminal)."""

Line = tuple[tuple[str, str], ...]  # (text, style) pieces


def _width(line: Line) -> int:
    return Text.assemble(*line).cell_len


def first_fitting(forms: Sequence[Sequence[Line]], width: int) -> Sequence[Line]:
    """The first form whose every line fits in ``width`` cells, else the last (to be cut)."""
    return next((form for form in forms if _fits(form, width)), forms[-1])


def heading_forms(figures: StageFigures, currency: str) -> list[list[Line]]:
    """A stage's heading, longest form first: name and count, monthly value and the stage's
    probability, weighted total (an open stage; won and lost have no probability).

    A piece never starts with a space (a piece's spaces end it): an SVG screenshot drops the
    leading space of a piece and glues it to the one before."""
    name, short = figures.stage.title(), SHORT_STAGES.get(figures.stage, figures.stage.title())
    n = figures.count
    value = format_money(figures.value_cents, currency)
    small = format_money_short(figures.value_cents, currency)
    title = "bold $accent"
    if figures.probability is None or figures.weighted_cents is None:
        return [
            [((f"{name} ", title), (f"· {plural(n, 'deal')}", "")), ((f"{value}/mo", ""),)],
            [((f"{name} ", title), (f"· {n}", "")), ((f"{value}/mo", ""),)],
            [((f"{name} ", title), (f"{n}", "")), ((value, ""),)],
            [((f"{short} ", title), (f"{n}", "")), ((small, ""),)],
        ]
    p = figures.probability
    weighted = format_money(figures.weighted_cents, currency)
    weighted_small = format_money_short(figures.weighted_cents, currency)
    muted = "$text-muted"
    return [
        [
            ((f"{name} ", title), (f"· {plural(n, 'deal')}", "")),
            ((f"{value}/mo ", ""), (f"at {p} %", muted)),
            (("weighted ", muted), (weighted, "bold")),
        ],
        [
            ((f"{name} ", title), (f"· {n}", "")),
            ((f"{value} ", ""), (f"· {p} %", muted)),
            (("weighted ", muted), (weighted, "bold")),
        ],
        [
            ((f"{name} ", title), (f"{n}", "")),
            ((f"{value} ", ""), (f"{p} %", muted)),
            (("≈ ", muted), (weighted, "bold")),
        ],
        [
            ((f"{short} ", title), (f"{n}", "")),
            ((f"{small} ", ""), (f"{p}%", muted)),
            (("≈", muted), (weighted_small, "bold")),
        ],
    ]


def fitting_index(every: Sequence[Sequence[Sequence[Line]]], width: int) -> int:
    """The first form (by index) that fits ``width`` for every stage in ``every`` (each stage's
    forms): all columns then say it the same way. The last form when none fits."""
    count = min(len(forms) for forms in every)
    for index in range(count):
        if all(_fits(forms[index], width) for forms in every):
            return index
    return count - 1


def _fits(form: Sequence[Line], width: int) -> bool:
    return all(_width(line) <= width for line in form)


class StageHeading(Widget):
    """A column's heading. The board sets ``figures`` (every stage's, so that all headings
    choose the same form for the width) when they are read."""

    figures: reactive[BoardFigures | None] = reactive(None)

    def __init__(self, stage: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.stage = stage

    def render(self) -> Content:
        width = max(1, self.content_size.width)
        board = self.figures
        if board is None:
            return Content.styled(self.stage.title(), "bold $accent").truncate(width, ellipsis=True)
        mine = board.stages[self.stage]
        kind = mine.probability is None
        every = [
            heading_forms(figures, board.currency)
            for figures in board.stages.values()
            if (figures.probability is None) == kind
        ]
        form = heading_forms(mine, board.currency)[fitting_index(every, width)]
        lines = [Content.assemble(*line).truncate(width, ellipsis=True) for line in form]
        return Content("\n").join(lines)


def bottom_forms(card: BoardCard, currency: str) -> list[Line]:
    """A card's last line, longest first: value, days in stage, and the rotting badge."""
    value = format_money(card.monthly_value_cents, currency)
    small = format_money_short(card.monthly_value_cents, currency)
    days = card.days_in_stage
    if card.idle_days is None:
        return [
            ((f"{value} ", ""), (f"· {days} d in stage", "dim")),
            ((f"{value} ", ""), (f"· {days} d", "dim")),
            ((f"{small} ", ""), (f"· {days} d", "dim")),
            ((f"{small} ", ""), (f"{days} d", "dim")),
            ((f"{small} ", ""), (f"{days}d", "dim")),
        ]
    rot = text_style("warning")
    idle = card.idle_days
    return [
        ((f"{value} ", ""), (f"· {days} d in stage  ", "dim"), (f"⚠ idle {idle} d", rot)),
        ((f"{value} ", ""), (f"· {days} d ", "dim"), (f"⚠ idle {idle} d", rot)),
        ((f"{value} ", ""), (f"⚠ idle {idle} d", rot)),
        ((f"{small} ", ""), (f"⚠ idle {idle} d", rot)),
        ((f"{small} ", ""), (f"⚠ {idle} d", rot)),
        ((small, ""), (f"⚠{idle}d", rot)),
    ]


class DealCard:
    """A deal's card (a cell of the board's column): title, client, then what
    :func:`bottom_forms` fits in the column's width."""

    def __init__(self, card: BoardCard, currency: str) -> None:
        self.card = card
        self.currency = currency

    def _lines(self, width: int) -> list[Text]:
        card = self.card
        (bottom,) = first_fitting([[form] for form in bottom_forms(card, self.currency)], width)
        return [
            Text(card.title, style="bold"),
            Text(card.client_name),
            Text.assemble(*bottom),
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self._lines(width):
            line.truncate(width, overflow="ellipsis")
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(line.cell_len for line in self._lines(options.max_width))
        return Measurement(1, min(widest, options.max_width))
