"""The command palette: every app action and every action of every screen (``keymap.py``), by
its name, wherever the palette is opened. Choosing another screen's action goes to that screen
and runs it there ("end" finds the clients screen's End mission from the dashboard)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pipeline_tui.i18n import _
from pipeline_tui.tui.keymap import SCREEN_KEYS, SCREENS, key_text, palette_commands

# Keys that close or leave something: they are no action to look up by name.
NOT_ACTIONS = {"dismiss", "cancel", "back", "blur", "close"}


def screen_actions(bindings: Iterable[Any]) -> Iterator[tuple[str, str, str]]:
    """(description, key text, action) of each binding of a screen worth a palette entry; the
    description translated (the bindings hold the English, marked ``N_``)."""
    seen: set[str] = set()
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action.split("(")[0] in NOT_ACTIONS or binding.action in seen:
            continue
        seen.add(binding.action)
        yield _(binding.description), key_text(binding.key), binding.action


class PipelineCommands(Provider):
    """Lists the app's actions (go to a screen, new lead…) and every screen's own."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (_(name), help_text, partial(app.run_action, action))
            for name, help_text, action in palette_commands()
        ]
        current = self.screen
        for entry in SCREENS:
            title = _(entry.title)
            here = isinstance(current, entry.screen_class())
            for description, keys, action in screen_actions(SCREEN_KEYS[entry.mode]):
                if here:
                    run = partial(current.run_action, action)
                    help_text = _("key {keys}").format(keys=keys)
                else:
                    on_screen = f"on_screen('{entry.mode}', {action!r})"  # not shown: an action
                    run = partial(app.run_action, on_screen)
                    help_text = _("key {keys} on {screen}").format(keys=keys, screen=title)
                name = _("{screen}: {action}").format(screen=title, action=description)
                commands.append((name, help_text, run))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(f"{name} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=help_text)
