"""The paint Textual (8.2.8) skips while a batch is open, made once the last batch closes.

Textual defers painting while ``App._batch_count`` is above zero, and the app is in a batch
often: ``switch_mode`` opens one for 50 ms (``delay_update``, ended by a timer); the Footer opens
one each time it rebuilds its keys (``Widget.recompose`` → ``Widget.batch``), which every screen
switch, modal and focus change asks of the screens concerned, and a reactive with
``recompose=True`` (the dashboard's plan bars) opens one when it changes. Meanwhile:

- ``Screen._on_idle`` and ``Screen._on_timer_update`` (``textual/screen.py``) do nothing while
  the count is above zero: the screen keeps its dirty state, its update timer is paused;
- ``App._display`` (``textual/app.py``) drops a frame the compositor already rendered (its
  dirty regions are cleared) when it is handed one inside a batch;
- and ``App._end_batch`` only calls ``App.check_idle()``: it prompts the app, not the screen,
  so nothing paints the screen until some message reaches it (a key, a resize). Only
  ``delay_update`` refreshes the screen when it ends, and only if no other batch is open then.

So when a batch held by another task (a rebuild on a screen left behind, the plan bars of the
dashboard reloading after a write) outlives the screen's last message, the screen just switched
to, or the form just opened, stays unpainted: the user presses the key again and the second
press lands in the form. This mixin, placed before ``App`` in the app's bases, makes the skipped
paint when the last batch closes: the visible screens are prompted (a paint they still owe is
made) and, when a frame was dropped, the screen is painted whole.
"""

from __future__ import annotations

from typing import Any

from textual.app import ScreenStackError, UnknownModeError


class RepaintAfterBatch:
    """Mixin for the ``App``: no paint is lost to a batch (see the module's docstring)."""

    _frame_dropped = False

    def _display(self: Any, screen: Any, renderable: Any) -> None:
        if renderable is not None and self._batch_count:
            self._frame_dropped = True  # Textual returns without writing it
        super()._display(screen, renderable)  # type: ignore[misc]

    def _end_batch(self: Any) -> None:
        super()._end_batch()  # type: ignore[misc]
        if self._batch_count or not self.is_running:
            return
        try:
            screens = [self.screen, *self._background_screens]
        except (ScreenStackError, UnknownModeError):  # no screen yet, or the app is closing
            return
        if self._frame_dropped:
            self._frame_dropped = False
            screens[0].refresh()
        for screen in screens:
            screen.check_idle()
