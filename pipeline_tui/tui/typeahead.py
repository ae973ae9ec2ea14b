"""Keys typed ahead of a screen change go to the screen the user now sees.

Textual (8.2.8) gives a key to the focused widget of the screen in front when the key arrives
(``App.on_event``); a key no widget takes bubbles back up to the app, which only then looks up
the bindings (``App._on_key``), among those of the screen in front *then*. So in a burst (a fast
typist, a paste, ``tmux send-keys``) the keys after one that opens a form or switches screens
(``N``, a digit) were all handed to the old screen's widget before the new screen came: back at
the app, the letters found no binding there and were lost, and a Ctrl+S among them saved an
empty form.

This mixin, placed before ``App`` in the app's bases, notes the screen each key was given to; a
key that comes back to the app from a screen no longer in front is posted again, as if typed
now, behind those typed before it (they come back in the order they went), so it reaches the new
screen in order. A key for the screen still in front goes on as Textual has it.
"""

from __future__ import annotations

from typing import Any

from textual import events

_MEANT_FOR = "_pipeline_meant_for"


class TypeAhead:
    """Mixin for the ``App``: keys typed ahead follow the screen change (module docstring)."""

    async def on_event(self: Any, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self._screen_stack:
            setattr(event, _MEANT_FOR, self.screen)
        await super().on_event(event)  # type: ignore[misc]

    async def _on_key(self: Any, event: events.Key) -> None:
        meant = getattr(event, _MEANT_FOR, None)
        if meant is not None and meant is not self.screen:
            # Textual calls the ``_on_key`` of every class of the app: stop at this one.
            event.prevent_default()
            event.stop()
            self.post_message(events.Key(event.key, event.character))
