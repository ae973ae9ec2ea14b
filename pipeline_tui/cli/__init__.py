"""The ``pipeline-tui`` command: parse options, call services, print. No business logic here.

The contract (command names, ``--db``, ``--today``, JSON keys) is DESIGN.md's; add, never rename.
Each module of this package registers the commands of one topic on the group in ``base``; the group
imports a module when one of its commands is used (``base.COMMAND_MODULES``). Opening the TUI, the
daily use, does not even load click (``start``).
"""

from __future__ import annotations

import sys
from typing import Any


def _undecodable(argv: list[str]) -> int | None:
    """The position of the first argument that is not valid UTF-8 (Python keeps its bytes as
    lone surrogates), or None."""
    for i, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return i
    return None


def main() -> None:
    from pipeline_tui.cli.start import run_tui, tui_options
    from pipeline_tui.i18n import _, resolve_language, set_language

    set_language(resolve_language())  # LANG until --lang or the setting says otherwise
    bad = _undecodable(sys.argv[1:])
    if bad is not None:
        message = _("argument {position} is not valid UTF-8 text").format(position=bad)
        print(_("Error: {message}").format(message=message), file=sys.stderr)
        sys.exit(2)
    options = tui_options(sys.argv[1:])
    if options is not None:
        sys.exit(run_tui(*options))
    from pipeline_tui.cli.base import cli

    cli(prog_name="pipeline-tui")


def __getattr__(name: str) -> Any:
    if name == "cli":  # ``from pipeline_tui.cli import cli``: the click group
        from pipeline_tui.cli.base import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # not shown: Python's


__all__ = ["cli", "main"]
