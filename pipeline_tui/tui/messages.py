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
