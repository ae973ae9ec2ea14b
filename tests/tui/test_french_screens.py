"""The TUI in French (issue 19): the dashboard and the weekly review as snapshots at 80×24 and
140×45, nothing cut in French that fits in English, and the keys (footer, help, palette)
translated where they are shown.

"Nothing cut" compares the same screen at the same size in both languages, widget by widget:

- a label (``Static`` with text: titles, captions, sentences) is *cut* when its whole text,
  spaces aside, is not in the cells it occupies on screen (a word clipped at the right edge,
  a line wrapped below the widget's height); a border title likewise in its top line;
- a table (a ``DataTable``) counts the cells it ends with an ellipsis;
- the footer lists the keys it has room for, the header the screens' titles.

Every label cut in French must be cut in English too; every table may end no more cells in
French; the footer and the header may show no fewer keys or titles. A French wording longer
than its room fails here: shorten it (the catalog) or give it room (CSS, ``FitTable``).
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from pipeline_tui.i18n import _, set_language, using_language
from pipeline_tui.store.database import Store
from pipeline_tui.tui import keymap
from pipeline_tui.tui.widgets.header import AppHeader
from tests.tui.conftest import make_app, pressing, settle

# The screens of acceptance 2: the keys that open them, from the dashboard.
SCREENS = {"dashboard": [], "review": ["6"]}
SIZES = [(80, 24), (140, 45)]
CASES = [(name, size) for name in SCREENS for size in SIZES]
IDS = [f"{name}-{w}x{h}" for name, (w, h) in CASES]


@pytest.mark.parametrize(("name", "size"), CASES, ids=IDS)
def test_french_snapshot(snap_compare, demo_store: Store, name: str, size) -> None:
    set_language("fr")  # the app reads the language as it draws (tests/conftest.py resets it)
    assert snap_compare(
        make_app(demo_store), terminal_size=size, run_before=pressing(SCREENS[name])
    )


# -- what the screen shows, widget by widget ---------------------------------------------------
def _screen_rows(app) -> list[str]:
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    return ["".join(segment.text for segment in row) for row in update.strips]


def _cells(line: str, start: int, end: int) -> str:
    """The characters of ``line`` in cells ``start`` to ``end``."""
    out, at = [], 0
    for char in line:
        width = cell_len(char)
        if at >= start and at + width <= end:
            out.append(char)
        at += width
    return "".join(out)


def _text_in(rows: list[str], region) -> list[str]:
    return [_cells(rows[y], region.x, region.right) for y in range(region.y, region.bottom)]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _plain(content: object) -> str | None:
    if isinstance(content, str):
        return Text.from_markup(content).plain
    if isinstance(content, Text | Content):
        return content.plain
    return None  # a table, a chart, Markdown's own blocks: read elsewhere


def _path(widget: Widget) -> str:
    """The widget's place in the screen, the same in both languages."""
    parts = []
    node: Widget | None = widget
    while node is not None and node is not widget.screen:
        parent = node.parent
        index = list(parent.children).index(node) if isinstance(parent, Widget) else 0
        parts.append(f"{type(node).__name__}#{node.id or ''}[{index}]")
        node = parent if isinstance(parent, Widget) else None
    return "/".join(reversed(parts))


def _scrolled_out(widget: Widget, region) -> bool:
    """True when the widget is out of view, even in part, because a container is scrolled (the
    dashboard stacks its panels below 110 columns): not a cut. Clipped by any other parent (a
    caption wider than its tile, lines wrapped below a fixed height) is a cut."""
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.allow_vertical_scroll:
            view = ancestor.content_region
            return not (view.y <= region.y and region.bottom <= view.bottom)
    return False


def layout_facts(app) -> dict[str, object]:
    """What the screen cut: labels cut, ellipses per table, footer keys, header titles."""
    rows = _screen_rows(app)
    visible = app.screen._compositor.visible_widgets
    cut_labels: set[str] = set()
    ellipses: dict[str, int] = {}
    for widget, (region, clip) in visible.items():
        if widget.screen is not app.screen or _scrolled_out(widget, region):
            continue
        shown = _text_in(rows, region.intersection(clip))
        if isinstance(widget, DataTable):
            ellipses[_path(widget)] = sum(line.count("…") for line in shown)
            continue
        if widget.border_title and _squeezed(str(widget.border_title)) not in _squeezed(shown[0]):
            cut_labels.add(_path(widget) + " (border title)")
        text = _plain(widget.content) if isinstance(widget, Static) else None
        if text and _squeezed(text) not in _squeezed("".join(shown)):
            cut_labels.add(_path(widget))
    header = next(iter(app.screen.query(AppHeader)), None)
    header_text = _squeezed("".join(_text_in(rows, header.region))) if header else ""
    return {
        "labels": cut_labels,
        "ellipses": ellipses,
        "footer": {key.action for key in app.screen.query(FooterKey)},
        "titles": sum(_squeezed(_(e.title)) in header_text for e in keymap.SCREENS),
        "rows": rows,
    }


async def _facts(store: Store, language: str, size, keys: list[str]) -> dict[str, object]:
    with using_language(language):
        app = make_app(store)
        async with app.run_test(size=size) as pilot:
            await pressing(keys)(pilot)
            await settle(pilot)
            return layout_facts(app)


@pytest.mark.parametrize(("name", "size"), CASES, ids=IDS)
async def test_nothing_is_cut_in_french_that_fits_in_english(
    demo_store: Store, name: str, size
) -> None:
    english = await _facts(demo_store, "en", size, SCREENS[name])
    french = await _facts(demo_store, "fr", size, SCREENS[name])
    screen = "\n".join(french["rows"])  # type: ignore[arg-type]
    cut = french["labels"] - english["labels"]  # type: ignore[operator]
    assert not cut, f"cut in French only: {sorted(cut)}\n{screen}"
    for table, count in french["ellipses"].items():  # type: ignore[union-attr]
        assert count <= english["ellipses"].get(table, 0), f"{table}: more cells cut\n{screen}"  # type: ignore[union-attr]
    missing = english["footer"] - french["footer"]  # type: ignore[operator]
    assert not missing, f"footer keys dropped in French: {missing}\n{screen}"
    assert french["titles"] >= english["titles"], screen  # type: ignore[operator]


def test_the_check_sees_a_cut_label() -> None:
    """The check above would fail on a truncated label: a label's text not whole in its cells."""
    rows = ["│ 3 300 € perdu, 3 812 € à risqu │"]

    class Box:
        x, right, y, bottom = 2, 32, 0, 1

    assert _squeezed("3 300 € perdu, 3 812 € à risque") not in _squeezed(
        "".join(_text_in(rows, Box))
    )


# -- the keys, translated where they are shown -------------------------------------------------
async def test_the_footer_help_and_palette_speak_french(demo_store: Store) -> None:
    from pipeline_tui.tui.commands import PipelineCommands
    from pipeline_tui.tui.widgets.footer import KeyFooter

    with using_language("fr"):
        app = make_app(demo_store)
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            footer = {key.description for key in app.screen.query_one(KeyFooter).query(FooterKey)}
            assert {"Fait", "Déplacer", "Nouvelle piste", "Aide", "Quitter"} <= footer
            assert "auj. jeu. 26 nov. 2026" in app.sub_title
            text = "\n".join(_screen_rows(app))
            assert "Clients par risque de départ" in text
            assert "16450€" in _squeezed(text)  # no-break spaces: "16 450 €"
            await pilot.press("question_mark")
            await settle(pilot)
            help_text = "\n".join(_screen_rows(app))
            assert "Touches — Accueil" in help_text
            assert re.search(r"6 / r +│ Revue", help_text) and "Échap pour fermer" in help_text
            assert "│ palette de commandes\u00a0: chaque action par son" in help_text
            await pilot.press("escape")
            await settle(pilot)
            provider = PipelineCommands(app.screen)
            names = {name: help_text for name, help_text, _run in provider._commands()}
            assert names["Aller au pipeline"] == "touche 2 ou p"
            assert names["Pipeline\u00a0: Gagnée"] == "touche w sur Pipeline"


def test_the_french_quick_add_example_is_a_line_the_grammar_reads() -> None:
    from pipeline_tui.domain import quickadd
    from pipeline_tui.tui.screens.quick_add import EXAMPLE
    from tests.conftest import TODAY

    with using_language("fr"):
        example = _(EXAMPLE)
    assert example != EXAMPLE
    result = quickadd.parse(example, TODAY)
    assert result.draft is not None, result.errors


# What a card's last line reads of a deal (``stage_board.bottom_forms``).
CARD = {"monthly_value_cents": 500_000, "days_in_stage": 4, "idle_days": None}


def test_the_board_headings_speak_french() -> None:
    from pipeline_tui.services.deal_view import StageFigures
    from pipeline_tui.tui.widgets.stage_board import bottom_forms, heading_forms

    figures = StageFigures("proposal", 3, 1_200_000, 60, 720_000)
    with using_language("fr"):
        heading = heading_forms(figures, "EUR")[0]
        card = bottom_forms(SimpleNamespace(**CARD), "EUR")[0]  # type: ignore[arg-type]
    flat = " ".join(piece for line in heading for piece, _style in line)
    assert "· 3 affaires" in flat and "pondéré" in flat
    assert "12000€/mois" in _squeezed(flat) and "à 60\u00a0%" in flat
    assert "j dans l’étape" in "".join(piece for piece, _style in card)
