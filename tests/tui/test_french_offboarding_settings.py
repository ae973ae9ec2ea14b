"""The settings, offboarding, playbook, end-mission and sequences screens in French (issue 19):
what they say goes through the catalog, counts agree with their number, a due date and its tag
fit their column, and a change of the ``language`` setting says it takes effect at the next start
- which it does."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import DataTable, Input, Label, Static

from pipeline_tui.domain.playbook import DEFAULT_TEMPLATE, TemplateStep
from pipeline_tui.i18n import current_language, using_language
from pipeline_tui.services.language import speak
from pipeline_tui.services.settings import load_settings
from pipeline_tui.store.database import Store
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.end_mission import parse_end_form
from pipeline_tui.tui.screens.form import FormScreen
from pipeline_tui.tui.screens.offboarding import OffboardingScreen
from pipeline_tui.tui.screens.playbook import _columns, _flags, _when, step_fields
from pipeline_tui.tui.screens.sequences import SequencesScreen
from pipeline_tui.tui.screens.settings import SettingsScreen
from tests.tui.conftest import make_app, settle

TODAY = date(2026, 11, 26)


def _text(widget) -> str:
    return str(widget.render())


async def test_the_settings_screen_in_french_lists_the_language_and_says_when_it_applies(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    with using_language("fr"):
        async with app.run_test(size=(140, 45), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("8")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, SettingsScreen)
            assert _text(screen.query_one("#settings-title", Label)) == "Réglages"
            table = screen.query_one("#settings", DataTable)
            titles = [str(column.label) for column in table.columns.values()]
            assert titles == ["Réglage", "Valeur", "Par défaut", "", "Ce qu’il change"]
            language = next(row for row in screen.rows if row.path == "language")
            assert (language.value, language.default) == ("auto", "auto")  # empty: LANG's

            table.move_cursor(row=screen.rows.index(language))
            await pilot.press("enter")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, FormScreen)
            assert form.form_title == "Réglage language"
            field = form.query_one("#field-value", Input)
            assert field.value == "auto"
            field.value = "fr"
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is screen
            said = [n.message for n in app._notifications]
            assert (
                "language enregistré\u00a0: l’application le prendra à son prochain démarrage."
                in (said)
            )
            assert _text(screen.query_one("#settings-help", Static)).startswith(
                "language = fr (modifié), par défaut auto\u00a0:"
            )
        assert load_settings(demo_store).language == "fr"
    assert current_language() == "en"
    with using_language("en"):
        assert speak(None, demo_store) == "fr"  # the next start speaks French


async def test_the_offboarding_screen_in_french(demo_store: Store) -> None:
    app = make_app(demo_store)
    with using_language("fr"):
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            await pilot.press("7")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, OffboardingScreen)
            facts = _text(screen.query_one("#ob-facts", Static))
            assert facts.startswith("Fin anticipée le 2 nov. 2026\u00a0: ")
            assert "préavis de 30 jours" in facts
            assert "\u00a0€/mois perdus" in facts
            assert (
                _text(screen.query_one("#ob-progress-text", Label)) == "80\u00a0%  8/10 faits"
            )  # the share as French writes it
            items = screen.query_one("#ob-items", DataTable)
            due = list(items.columns.values())[1]
            assert str(due.label) == "Prévue"
            cells = [items.get_row_at(i)[1] for i in range(items.row_count)]
            late = [cell.plain for cell in cells if "en retard" in cell.plain]
            assert late == ["9 nov. 2026 en retard", "23 nov. 2026 en retard"]
            # the column holds the widest due date with its tag, so no tag is ever cut
            assert due.width >= Text("28 févr. 2026 en retard").cell_len

            await pilot.press("P")
            await settle(pilot)
            assert "Modèle de fin de collaboration" in _text(app.screen.query_one(Label))


def test_the_playbook_steps_and_their_form_in_french() -> None:
    step = TemplateStep("handover", "Schedule the handover sessions", "notice", 3)
    with using_language("fr"):
        assert _when(step) == "préavis +3 j"
        anchor = next(field for field in step_fields(step) if field.name == "anchor")
        assert anchor.label == "Comptée à partir de"
        assert anchor.choices == (("le préavis donné", "notice"), ("le dernier jour", "end"))
    assert _when(step) == "notice +3 d"


def test_the_playbook_columns_hold_their_french_cells() -> None:
    """The default template fits the English widths; a step off and only-if-good keeps both
    its flags whole, its title giving up the room."""
    default = list(DEFAULT_TEMPLATE)
    both = TemplateStep("x", "Ask for a testimonial", active=False, only_if_good=True)
    english = _columns(default)
    with using_language("fr"):
        assert [width for _title, width in _columns(default)] == [w for _t, w in english]
        columns = _columns([both])
        assert columns[3][1] >= Text(_flags(both)).cell_len == len("inactive, si entente")
        assert sum(width for _title, width in columns) == sum(width for _t, width in english)


def test_the_end_mission_form_says_what_is_wrong_in_french() -> None:
    with using_language("fr"):
        _request, errors = parse_end_form({"end_on": "today", "notice": "trente"}, TODAY)
    assert errors["notice"] == "le préavis est un nombre entier de jours"
    assert errors["reason"] == "choisissez pourquoi la mission s’arrête"


async def test_removing_a_sequence_counts_in_french(demo_store: Store) -> None:
    app = make_app(demo_store)
    with using_language("fr"):
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            assert isinstance(app.screen, SequencesScreen)
            await pilot.press("delete")
            await settle(pilot)
            question = app.screen
            assert isinstance(question, ConfirmScreen)
            assert question.question == "Supprimer la séquence Relance standard\u00a0?"
            assert question.details == [
                "1 inscription part avec elle.",
                "1 inscription en cours s’arrête\u00a0: ses étapes pas encore faites sont "
                "supprimées.",
                "Les activités déjà faites restent.",
            ]
            await pilot.press("n")
