"""What several screens do the same way, written once: mixins placed before ``Screen`` in the
bases of a screen class."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import Button

from pipeline_tui.tui.keymap import screen_keys

if TYPE_CHECKING:
    from pipeline_tui.tui.context import TuiContext

STYLES = Path(__file__).resolve().parent.parent / "styles"


class NamedScreen:
    """A screen named once, in its class line: ``class PlanScreen(…, Screen[None],
    screen_name="plan")`` takes its ``BINDINGS`` from its row of ``keymap.SCREEN_KEYS`` and its
    ``CSS_PATH`` from ``styles/plan.tcss``. (Not ``name=``: Textual's metaclass takes that.)"""

    def __init_subclass__(cls, screen_name: str | None = None, **kwargs: Any) -> None:
        if screen_name is not None:
            cls.BINDINGS = screen_keys(screen_name)  # type: ignore[attr-defined]
            cls.CSS_PATH = STYLES / f"{screen_name}.tcss"  # type: ignore[attr-defined]
        super().__init_subclass__(**kwargs)  # Textual's, which merges the bindings: after


class AppScreen(NamedScreen):
    """A screen built with the app's ``TuiContext``, which it keeps; named (``NamedScreen``) when
    it has a row of ``SCREEN_KEYS``, a small window (a form) keeps its few keys inline."""

    context: TuiContext

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context


class Refreshing:
    """A screen showing stored data: ``refresh_data`` on F5 (``action_refresh``) and whenever
    the screen comes back into view after its first mount."""

    def refresh_data(self) -> None:
        raise NotImplementedError

    def on_screen_resume(self: Any) -> None:
        if self.is_mounted:
            self.refresh_data()

    def action_refresh(self) -> None:
        self.refresh_data()


class SubmitOrCancel:
    """A modal form: Enter in a field or the ``#submit`` button runs ``action_submit``; any
    other button and ``action_cancel`` dismiss it with None."""

    def action_submit(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self) -> None:
        self.action_submit()

    def on_button_pressed(self: Any, event: Button.Pressed) -> None:
        if event.button.id == "submit":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_cancel(self: Any) -> None:
        self.dismiss(None)
