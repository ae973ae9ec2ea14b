"""Messages the screens post upward; the app decides what to do with them."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Something was written: screens showing numbers should reload."""


class OpenClient(Message):
    """Show this client in the clients screen."""

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id


class OpenOffboarding(Message):
    """Show this offboarding's checklist (a mission was just ended early)."""

    def __init__(self, offboarding_id: int) -> None:
        super().__init__()
        self.offboarding_id = offboarding_id


class DashboardShown(Message):
    """The dashboard has its numbers on screen: start-up may go on (open the store)."""
