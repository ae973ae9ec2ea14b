"""The command palette: every app action (``keymap.py``) and every key of the current screen."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pipeline_tui.tui.keymap import palette_commands


class PipelineCommands(Provider):
    """Lists the app's actions (go to a screen, new lead…) and the current screen's keys."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        commands: list[tuple[str, str, object]] = []
        for name, help_text, action in palette_commands():
            commands.append((name, help_text, partial(app.run_action, action)))
        screen = self.screen
        title = type(screen).__name__.removesuffix("Screen")
        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                commands.append(
                    (
                        f"{title}: {binding.description}",
                        f"key {binding.key}",
                        partial(screen.run_action, binding.action),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=help_text)
