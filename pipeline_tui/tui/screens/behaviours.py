"""What several screens do the same way, written once: mixins placed before ``Screen`` in the
bases of a screen class."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button


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
