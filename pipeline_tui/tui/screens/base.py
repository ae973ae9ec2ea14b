"""What every screen does the same way: call a service in a worker, report errors in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline_tui.errors import PipelineError


class ServiceCalls:
    """Mixin for screens: ``call_service(fn, *args, then=…)`` runs ``fn`` off the event loop.

    A ``PipelineError`` (bad input, not found, locked database…) becomes a notification; the
    callback runs on the UI thread with the service's result.
    """

    def call_service(
        self: Any,
        fn: Callable[..., Any],
        *args: Any,
        then: Callable[[Any], None] | None = None,
        success: str | None = None,
        **kwargs: Any,
    ) -> None:
        app = self.app

        def call() -> None:
            try:
                result = fn(*args, **kwargs)
            except PipelineError as exc:
                app.call_from_thread(app.notify, str(exc), severity="error", timeout=6)
                return
            if success:
                app.call_from_thread(app.notify, success)
            if then is not None:
                app.call_from_thread(then, result)

        self.run_worker(call, thread=True, group="service")


def deliver(node: Any, callback: Callable[..., None], *args: Any) -> None:
    """From an exclusive worker's thread: run ``callback(*args)`` on the UI thread, unless a newer
    run of the same worker replaced this one meanwhile. A thread cannot be stopped when its worker
    is cancelled; its result must then be dropped, or an older load could overwrite a newer one.
    """
    from textual.worker import get_current_worker

    worker = get_current_worker()

    def latest() -> None:
        if not worker.is_cancelled:
            callback(*args)

    node.app.call_from_thread(latest)
