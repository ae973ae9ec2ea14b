"""The one way a screen (or a widget) runs a service: off the event loop, the result back on it.

``self.call_service(fn, *args, then=…, **kwargs)`` runs ``fn(*args, **kwargs)`` in a thread
worker, then ``then(result)`` on the UI thread; ``self.call_with_store(fn, *args, …)`` the same
with the open store as the first argument; ``self.call_service_if_confirmed(question, fn, …)``
once ``question`` (a ``ConfirmScreen``) is answered yes. What every call gets:

- a ``PipelineError`` (bad input, not found, locked database…) is shown as a notification, or
  given to ``failed(error)`` when the screen shows it in place (under a form, in a panel);
- ``success``: a notification once the service returned;
- ``group`` and ``exclusive=True`` for loads: a new load cancels the one under way in its group,
  whose result (or error) is then dropped, never shown over the newer one. A thread cannot be
  stopped when its worker is cancelled; ``deliver`` drops what it still sends. Everything a
  removed screen's workers send is dropped the same way (Textual cancels them).

Any other exception is a bug: it stops the app with its traceback, as Textual's workers do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from textual.screen import Screen

from pipeline_tui.errors import PipelineError

T = TypeVar("T")

ERROR_SECONDS = 6  # how long an error stays on screen: long enough to be read


def deliver(node: Any, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """From a worker's thread: run ``callback(*args, **kwargs)`` on the UI thread, unless the
    worker was cancelled meanwhile (a newer run of its exclusive group replaced it, or its node
    is gone)."""
    worker = get_current_worker()

    def latest() -> Any:
        if not worker.is_cancelled:
            return callback(*args, **kwargs)
        return None

    return node.app.call_from_thread(latest)


class ServiceCalls:
    """Mixin for screens and widgets: ``call_service`` (see the module's docstring)."""

    def call_service(
        self: Any,
        fn: Callable[..., T],
        *args: Any,
        then: Callable[[T], object] | None = None,
        success: str | None = None,
        failed: Callable[[PipelineError], object] | None = None,
        group: str = "service",
        exclusive: bool = False,
        **kwargs: Any,
    ) -> Worker[None]:
        app = self.app

        def call() -> None:
            try:
                result = fn(*args, **kwargs)
            except PipelineError as exc:
                if failed is not None:
                    deliver(self, failed, exc)
                else:
                    deliver(self, app.notify, str(exc), severity="error", timeout=ERROR_SECONDS)
                return
            if success:
                deliver(self, app.notify, success)
            if then is not None:
                deliver(self, then, result)

        return self.run_worker(call, thread=True, group=group, exclusive=exclusive)

    def call_with_store(self: Any, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Worker[None]:
        """``call_service(fn, store, *args, **kwargs)`` with the app's open store: a write, or a
        read that must see the store's own state."""
        return self.call_service(fn, self.context.require_store(), *args, **kwargs)

    def call_service_if_confirmed(
        self: Any, question: Screen[bool], fn: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> None:
        """Shows ``question`` (a ``ConfirmScreen``: the write is hard to take back); answered
        yes, ``call_service(fn, *args, **kwargs)``; no, nothing."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_service(fn, *args, **kwargs)

        self.app.push_screen(question, answered)
