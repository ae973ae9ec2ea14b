"""The ``pipeline-tui`` command: parse options, call services, print. No business logic here.

The contract (command names, ``--db``, ``--today``, JSON keys) is DESIGN.md's; add, never rename.
Each module of this package registers the commands of one topic on the group in ``base``; the group
imports a module when one of its commands is used (``base.COMMAND_MODULES``).
"""

from __future__ import annotations

from pipeline_tui.cli.base import cli


def main() -> None:
    cli(prog_name="pipeline-tui")


__all__ = ["cli", "main"]
