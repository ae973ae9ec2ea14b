"""The footer every screen shows: the screen's main keys, and always ``?``, ``ctrl+p`` and ``q``.

One rule, for every screen (``keymap.FOOTER_ALWAYS``): the always-shown keys sit at the right;
the left shows the screen's own keys (those a screen or its focused widget declares with
``show=True``, in the order declared: a screen lists its main keys first), then the app's shown
keys (``n`` New lead), as many as fit the width, dropped from the end when room is short. The
screens themselves are listed by the header's tab line, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from pipeline_tui.i18n import _
from pipeline_tui.tui.keymap import FOOTER_ALWAYS


class Shown(NamedTuple):
    binding: Binding
    enabled: bool
    tooltip: str
    key: str  # as it reads: "?", "^p", "del"
    description: str

    @property
    def width(self) -> int:
        """Its cells in the compact footer: the key, a space, the description, a margin."""
        return cell_len(self.key) + 1 + cell_len(self.description) + 1


def fitting(keys: list[Shown], room: int) -> list[Shown]:
    """The first ``keys`` that fit in ``room`` cells, in order."""
    kept: list[Shown] = []
    for key in keys:
        if key.width > room:
            break
        kept.append(key)
        room -= key.width
    return kept


class KeyFooter(Footer):
    """Textual's footer (compact), with the keys chosen and ordered by the rule above. Keys are
    in the theme's primary colour: amber means a warning here (``tui/tones.py``)."""

    DEFAULT_CSS = """
    KeyFooter {
        FooterKey .footer-key--key { color: $text-primary; }
        #footer-always { dock: right; width: auto; background: $footer-background; }
    }
    """

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._composed_width = 0

    def _shown(self) -> tuple[list[Shown], list[Shown], list[Shown]]:
        """(the screen's keys, the app's, the always-shown), one key per action."""
        app = self.app
        own: list[Shown] = []
        global_: list[Shown] = []
        always: dict[str, Shown] = {}
        seen: set[str] = set()
        for namespace, binding, enabled, tooltip in self.screen.active_bindings.values():
            said = _(binding.description)  # marked N_ in the bindings: translated here
            description = said[:1].upper() + said[1:]
            shown = Shown(binding, enabled, tooltip, app.get_key_display(binding), description)
            if FOOTER_ALWAYS.get(binding.action) == binding.key:
                always[binding.action] = shown
                continue
            if binding.action in seen or binding.action in FOOTER_ALWAYS or not binding.show:
                continue
            seen.add(binding.action)
            if namespace is app:
                global_.append(shown)
            else:
                own.append(shown)
        return own, global_, [always[a] for a in FOOTER_ALWAYS if a in always]

    def _width(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        own, global_, always = self._shown()
        self._composed_width = width = self._width()
        room = width - sum(key.width for key in always) - 1
        yield from self._keys(fitting([*own, *global_], room))
        with HorizontalGroup(id="footer-always"):
            yield from self._keys(always)

    def _keys(self, keys: list[Shown]) -> Iterator[FooterKey]:
        for key in keys:
            yield FooterKey(
                key.binding.key,
                key.key,
                key.description,
                key.binding.action,
                disabled=not key.enabled,
                tooltip=key.tooltip or key.binding.tooltip,
            ).data_bind(compact=Footer.compact)

    def on_resize(self) -> None:
        if self._bindings_ready and self._width() != self._composed_width:
            self.call_after_refresh(self.recompose)
