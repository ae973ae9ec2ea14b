"""Writing export files: whole or not at all, and readable by the user only (they hold personal
data). A file is written under a temporary name next to its target and renamed at the end, so an
export that fails half-way leaves any earlier file in place."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pipeline_tui.errors import InvalidInput
from pipeline_tui.i18n import _


def target_path(path: Path | str) -> Path:
    """``path`` made absolute, checked to be a place for a regular file in an existing folder:
    an existing target that is not a regular file (a device, a FIFO, a folder, a symbolic link)
    is refused, never replaced."""
    path = Path(path).expanduser().absolute()
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:  # e.g. a name too long for the file system
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise InvalidInput(
                _("cannot write {path}: it is a symbolic link (--follow writes its target)").format(
                    path=path
                )
            )
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(_("cannot write {path}: it is a folder").format(path=path))
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(
                _("cannot write {path}: it is not a regular file (a device, a pipe)").format(
                    path=path
                )
            )
    if not path.parent.is_dir():
        raise InvalidInput(
            _("cannot write {path}: the folder {parent} does not exist").format(
                path=path, parent=path.parent
            )
        )
    return path


def follow_link(path: Path | str) -> Path:
    """Where a symbolic link ``path`` points (what ``--follow`` asks to write), else ``path``:
    the target is then checked like any other (a regular file, or nothing yet)."""
    path = Path(path).expanduser().absolute()
    return path.resolve() if path.is_symlink() else path


def _stale_parts(path: Path) -> None:
    """Remove what an earlier write to ``path`` left behind when it was killed."""
    # ``.part`` and what SQLite keeps beside a copy it was writing (``.part-journal``)
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.part*"):
        with contextlib.suppress(OSError):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()


@contextlib.contextmanager
def private_tree(path: Path | str) -> Iterator[Path]:
    """A new folder beside ``path`` to write files into (mode 0700); when the block succeeds it
    becomes ``path`` (renamed whole when ``path`` does not exist; else its files replace their
    namesakes in ``path``, each renamed in place), and on any failure or interrupt it is removed,
    so a killed export never leaves a folder with some of its files only."""
    folder = Path(path).expanduser().absolute()
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise InvalidInput(_("cannot write into {path}: it is not a folder").format(path=folder))
    if not folder.parent.is_dir():
        raise InvalidInput(
            _("cannot create {path}: the folder {parent} does not exist").format(
                path=folder, parent=folder.parent
            )
        )
    _stale_parts(folder)
    try:
        temporary = Path(
            tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".part")
        )
    except OSError as exc:
        raise InvalidInput(
            _("cannot create {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from exc
    try:
        yield temporary
        if not folder.exists():
            os.rename(temporary, folder)
        else:
            for item in sorted(temporary.iterdir()):
                os.replace(item, folder / item.name)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write into {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from exc
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


@contextlib.contextmanager
def private_file(
    path: Path | str, mode: str = "w", *, encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (mode 0600); it replaces any earlier file only on success.

    The content goes to a temporary file beside the target, is flushed to the disk and renamed
    into place; on any failure or interrupt the temporary file is removed, and the leftovers of an
    earlier killed write are removed first."""
    path = target_path(path)
    _stale_parts(path)
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    try:
        with os.fdopen(
            fd, mode, encoding=None if "b" in mode else encoding, newline=newline
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def private_path(path: Path | str, *, replace: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that needs a name (a SQLite copy); renamed
    onto ``path`` on success (mode 0600), removed on any failure or interrupt. With
    ``replace=False`` an existing target is never overwritten (the rename is a link, which fails
    if the name is taken)."""
    path = target_path(path)
    if not replace and path.exists():
        raise InvalidInput(_("cannot write {path}: the file already exists").format(path=path))
    _stale_parts(path)
    try:
        # Created empty and private (0600): SQLite takes an empty file as a new database, so
        # the copy is never readable by others, not even half-written.
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        os.close(fd)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o600)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
            temporary.unlink()
    except FileExistsError as exc:
        raise InvalidInput(
            _("cannot write {path}: the file already exists").format(path=path)
        ) from exc
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_private_text(path: Path | str, text: str, *, newline: str | None = None) -> Path:
    """``text`` written to ``path`` the safe way (:func:`private_file`)."""
    with private_file(path, newline=newline) as handle:
        handle.write(text)
    return Path(path).expanduser().absolute()
