"""Writing export files: whole or not at all, and readable by the user only (they hold personal
data). A file is written under a temporary name next to its target and renamed at the end, so an
export that fails half-way leaves any earlier file in place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pipeline_tui.errors import InvalidInput


def target_path(path: Path | str) -> Path:
    """``path`` made absolute, checked to be a file in an existing folder."""
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise InvalidInput(f"cannot write {path}: it is a folder")
    if not path.parent.is_dir():
        raise InvalidInput(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


@contextlib.contextmanager
def private_file(
    path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (mode 0600); it replaces any earlier file only on success."""
    path = target_path(path)
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(
            fd, mode, encoding=None if "b" in mode else encoding, newline=newline
        ) as handle:
            yield handle
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def private_folder(path: Path | str) -> Path:
    """The folder ``path``, created (mode 0700) if it does not exist yet."""
    folder = Path(path).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"cannot write into {folder}: it is a file, not a folder")
    if not folder.parent.is_dir():
        raise InvalidInput(f"cannot create {folder}: the folder {folder.parent} does not exist")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"cannot create {folder}: {exc.strerror or exc}") from exc
    return folder
