"""The ``pipeline-tui`` command: parse options, call services, print. No business logic here.

The contract (command names, ``--db``, ``--today``, JSON keys) is DESIGN.md's; add, never rename.
Each module of this package registers the commands of one topic on the group in ``base``.
"""

from __future__ import annotations

from pipeline_tui.cli import (  # noqa: F401  (register the commands)
    db,
    demo,
    feedback,
    leads,
    numbers,
    offboarding,
    prospecting,
    transfer,
)
from pipeline_tui.cli.base import cli


def main() -> None:
    cli(prog_name="pipeline-tui")


__all__ = ["cli", "main"]
