"""One table (``tui/keymap.py``) gives the app's keys, the palette and the help screen."""

from __future__ import annotations

import re

from textual.binding import Binding

from pipeline_tui.config import Config
from pipeline_tui.tui import keymap
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.commands import PipelineCommands
from pipeline_tui.tui.context import TuiContext
from tests.conftest import TODAY


def test_every_screen_of_the_table_is_built_with_the_context(store) -> None:
    context = TuiContext(store.config, store)
    for entry in keymap.SCREENS:
        screen = entry.screen_class()(context)
        assert screen.context is context, entry.mode


def test_each_screen_has_a_digit_and_a_letter_and_each_key_one_action() -> None:
    keys = [binding.key for binding in keymap.app_bindings()]
    assert len(keys) == len(set(keys))
    assert [e.digit for e in keymap.SCREENS] == [str(i) for i in range(1, len(keymap.SCREENS) + 1)]


def test_the_app_binds_what_the_table_says() -> None:
    bound = {(b.key, b.action, b.description, b.show) for b in PipelineApp.BINDINGS}
    assert ("2", "goto('pipeline')", "Pipeline", False) in bound  # the header lists them
    assert ("p", "goto('pipeline')", "Pipeline", False) in bound
    assert ("n", "quick_add", "New lead", True) in bound
    assert ("q", "quit", "Quit", False) in bound
    assert all(isinstance(b, Binding) for b in PipelineApp.BINDINGS)


def test_the_palette_lists_the_table_with_its_keys() -> None:
    commands = keymap.palette_commands()
    assert commands[0] == ("Go to the dashboard", "key 1 or d", "goto('dashboard')")
    assert ("Show the keys", "key ?", "help") in commands
    assert all(action != "quit" for _, _, action in commands)
    actions = {action for _, _, action in commands}
    app = PipelineApp(None, Config(db_url="sqlite://", today=TODAY))
    for action in actions:  # every action the palette offers is one the app has
        name = action.split("(")[0]
        assert callable(getattr(app, f"action_{name}", None)), action


async def test_the_palette_offers_the_app_actions_and_the_screen_keys(demo_store) -> None:
    from tests.tui.conftest import make_app, settle

    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        provider = PipelineCommands(app.screen)
        names = [name for name, _, _ in provider._commands()]
        assert names[: len(keymap.SCREENS)] == [e.palette for e in keymap.SCREENS]
        assert "Dashboard: Done" in names


def test_keys_read_as_they_are_typed() -> None:
    assert keymap.key_text("question_mark") == "?"
    assert keymap.key_text("plus") == "+"
    assert keymap.key_text("right_square_bracket") == "]"
    assert keymap.key_text("left,left_square_bracket") == "← / ["
    assert keymap.key_text("ctrl+z") == "ctrl+z"


async def _palette_names(pilot, query: str) -> list[str]:
    from textual.command import CommandList, CommandPalette

    from tests.tui.conftest import until

    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await pilot.press(*query)
    options = pilot.app.screen.query_one(CommandList)

    def names() -> list[str]:
        # each prompt is the name, then its keys on a second line
        return [
            str(options.get_option_at_index(i).prompt).splitlines()[0]
            for i in range(options.option_count)
        ]

    await until(pilot, lambda: any(query.lower() in n.lower() for n in names()))
    return names()


async def test_the_palette_finds_every_action_by_name_from_any_screen(demo_store) -> None:
    """From the dashboard, "end" finds the clients screen's End mission, and choosing it goes
    there and runs it; "settings", "survey" and "cadence" find theirs; no entry shows a raw key
    name."""
    from tests.tui.conftest import make_app, settle

    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        names = await _palette_names(pilot, "end")
        assert any("End mission" in n for n in names), names
        await pilot.press("escape")
        await settle(pilot)

        for query, wanted in (
            ("settings", "Go to the settings"),
            ("survey", "Clients: Survey sent"),
            ("cadence", "Plan: Add cadence"),
        ):
            names = await _palette_names(pilot, query)
            assert wanted in names, (query, names)
            await pilot.press("escape")
            await settle(pilot)

        provider = PipelineCommands(app.screen)
        commands = provider._commands()
        for name, help_text, _ in commands:
            assert "_" not in help_text and not re.search(r",\w", help_text), (name, help_text)
        assert [n for n, _, _ in commands].count("Show the keys") == 1
        assert not any(c.title == "Keys" for c in app.get_system_commands(app.screen))
        end = next(run for name, _, run in commands if name == "Clients: End mission")
        await end()
        await settle(pilot)
        assert app.current_mode == "clients"


def _screen_classes() -> list[type]:
    """Every full screen of the app (modes and the screens they open), modal ones left out:
    a modal window's keys (y/n, a form's fields) are its own while it is open."""
    import importlib
    import pkgutil

    from textual.screen import ModalScreen, Screen

    import pipeline_tui.tui.screens as package

    found: set[type] = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and not issubclass(value, ModalScreen)
                and value.__module__ == module.__name__
            ):
                found.add(value)
    return sorted(found, key=lambda c: c.__name__)


def test_no_key_of_a_screen_hides_another_action_there() -> None:
    """A screen binds each key once, and takes from the app at most a screen letter (then the
    help lists the digit only): the digits, n, i, t, q, ? and ctrl+z act on every screen."""
    app_keys = keymap.binding_keys(keymap.app_bindings())
    screens = _screen_classes()
    assert len(screens) >= len(keymap.SCREENS)
    for cls in screens:
        keys = [k.strip() for b in cls.BINDINGS for k in b.key.split(",")]
        assert len(keys) == len(set(keys)), (cls.__name__, sorted(keys))
        taken = set(keys) & app_keys
        assert taken <= keymap.SCREEN_LETTERS, (cls.__name__, sorted(taken - keymap.SCREEN_LETTERS))


def test_the_help_lists_a_letter_a_screen_took_once() -> None:
    from pipeline_tui.tui.screens.plan import PlanScreen

    taken = keymap.binding_keys(PlanScreen.BINDINGS) & keymap.SCREEN_LETTERS
    assert taken  # the plan screen has letters of its own (l, w, r…)
    left = keymap.binding_keys(keymap.app_bindings_on(PlanScreen.BINDINGS))
    assert not (taken & left)
    assert {"1", "5", "n", "q", "question_mark"} <= left


async def test_every_digit_goes_to_its_screen_from_every_screen(demo_store) -> None:
    """Each screen's digit works from the screen before it (a full round, 1 → 2 → … → 8 → 1),
    and from a text field of each screen once escape has left it. That no screen binds a digit
    for itself is ``test_no_key_of_a_screen_hides_another_action_there``: the two together say
    every digit works from every screen, without pressing all 64 pairs."""
    from textual.widgets import Input

    from tests.tui.conftest import make_app, settle, until

    screens = keymap.SCREENS
    app = make_app(demo_store)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        for entry in [*screens[1:], screens[0]]:
            await pilot.press(entry.digit)
            await until(pilot, lambda mode=entry.mode: app.current_mode == mode)
        for start in screens:
            await pilot.press(start.digit)
            await until(pilot, lambda mode=start.mode: app.current_mode == mode)
            await settle(pilot)
            fields = [f for f in app.screen.query(Input) if f.display and f.focusable]
            if not fields:
                continue
            fields[0].focus()
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            other = screens[0] if start is not screens[0] else screens[1]
            await pilot.press(other.digit)
            await until(pilot, lambda mode=other.mode: app.current_mode == mode)
            assert fields[0].value == "", (start.mode, fields[0].value)  # nothing typed into it


def test_each_screen_takes_its_keys_from_the_table() -> None:
    """The footer, the help and the palette read one table: each screen's row of
    ``SCREEN_KEYS`` is its ``BINDINGS``, and the palette offers each of its named actions."""
    from pipeline_tui.tui.commands import screen_actions

    for entry in keymap.SCREENS:
        bindings = entry.screen_class().BINDINGS
        assert bindings == list(keymap.SCREEN_KEYS[entry.mode]), entry.mode
        assert list(screen_actions(bindings)), entry.mode
