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

from pipeline_tui.domain.money import format_money, format_money_short
from pipeline_tui.domain.vocabulary import label
from pipeline_tui.i18n import N_, _, formats, ngettext
from pipeline_tui.services.deal_view import BoardCard, BoardFigures, StageFigures

SHORT_STAGES = {
    "lead": N_("Lead"),
    "contacted": N_("Cont."),
    "meeting": N_("Meet."),
    "proposal": N_("Prop."),
    "negotiation": N_("Nego."),
    "won": N_("Won"),
    "lost": N_("Lost"),
}
"""A stage's name where its whole name does not fit (a 60-column terminal).
"""  # not shown: a docstring


def stage_name(stage: str) -> str:
    """A stage's name as a heading: ``Proposal``, ``Rendez-vous``."""
    said = label(stage)
    return said[:1].upper() + said[1:]


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
    name = stage_name(figures.stage)
    short = _(SHORT_STAGES[figures.stage]) if figures.stage in SHORT_STAGES else name
    n = figures.count
    deals = ngettext("· {count} deal", "· {count} deals", n).format(count=n)
    value = format_money(figures.value_cents, currency)
    monthly = _("{value}/mo").format(value=value)
    small = format_money_short(figures.value_cents, currency)
    title = "bold $accent"  # not shown: a style
    if figures.probability is None or figures.weighted_cents is None:
        return [
            [((f"{name} ", title), (deals, "")), ((monthly, ""),)],
            [((f"{name} ", title), (f"· {n}", "")), ((monthly, ""),)],
            [((f"{name} ", title), (f"{n}", "")), ((value, ""),)],
            [((f"{short} ", title), (f"{n}", "")), ((small, ""),)],
        ]
    p = formats.percent(figures.probability / 100)
    weighted = format_money(figures.weighted_cents, currency)
    weighted_small = format_money_short(figures.weighted_cents, currency)
    muted = "$text-muted"  # not shown: a style
    weighted_word = _("weighted") + " "
    return [
        [
            ((f"{name} ", title), (deals, "")),
            ((f"{monthly} ", ""), (_("at {percent}").format(percent=p), muted)),
            ((weighted_word, muted), (weighted, "bold")),
        ],
        [
            ((f"{name} ", title), (f"· {n}", "")),
            ((f"{value} ", ""), (f"· {p}", muted)),
            ((weighted_word, muted), (weighted, "bold")),
        ],
        [
            ((f"{name} ", title), (f"{n}", "")),
            ((f"{value} ", ""), (p, muted)),
            (("≈ ", muted), (weighted, "bold")),
        ],
        [
            ((f"{short} ", title), (f"{n}", "")),
            ((f"{small} ", ""), (p, muted)),
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
            heading = Content.styled(stage_name(self.stage), "bold $accent")  # not shown: a style
            return heading.truncate(width, ellipsis=True)
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


def bottom_forms(card: BoardCard, currency: str, rot: str = "") -> list[Line]:
    """A card's last line, longest first: value, days in stage, and the rotting badge (in the
    ``rot`` style: the theme's warning colour, ``tones.text_style``)."""
    value = format_money(card.monthly_value_cents, currency)
    small = format_money_short(card.monthly_value_cents, currency)
    days = card.days_in_stage
    in_stage = _("· {days} d in stage").format(days=days)
    days_short = _("{days} d").format(days=days)
    days_tight = _("{days}d").format(days=days)
    if card.idle_days is None:
        return [
            ((f"{value} ", ""), (in_stage, "dim")),
            ((f"{value} ", ""), (f"· {days_short}", "dim")),
            ((f"{small} ", ""), (f"· {days_short}", "dim")),
            ((f"{small} ", ""), (days_short, "dim")),
            ((f"{small} ", ""), (days_tight, "dim")),
        ]
    idle = card.idle_days
    idle_long = _("⚠ idle {days} d").format(days=idle)
    idle_short = "⚠ " + _("{days} d").format(days=idle)
    idle_tight = "⚠" + _("{days}d").format(days=idle)
    return [
        ((f"{value} ", ""), (f"{in_stage}  ", "dim"), (idle_long, rot)),
        ((f"{value} ", ""), (f"· {days_short} ", "dim"), (idle_long, rot)),
        ((f"{value} ", ""), (idle_long, rot)),
        ((f"{small} ", ""), (idle_long, rot)),
        ((f"{small} ", ""), (idle_short, rot)),
        ((small, ""), (idle_tight, rot)),
    ]


class DealCard:
    """A deal's card (a cell of the board's column): title, client, then what
    :func:`bottom_forms` fits in the column's width."""

    def __init__(self, card: BoardCard, currency: str, rot: str = "") -> None:
        self.card = card
        self.currency = currency
        self.rot = rot

    def _lines(self, width: int) -> list[Text]:
        card = self.card
        (bottom,) = first_fitting(
            [[form] for form in bottom_forms(card, self.currency, self.rot)], width
        )
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
