"""Writing a file so that a crash at any instant leaves the old or the new one."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


class WriteFailed(OSError):
    """A save that did not happen; the previous file is intact."""


def temp_name_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def is_temp_file(path: Path) -> bool:
    return path.name.startswith(".") and TEMP_MARK in path.name


WRITE_BLOCK = 1 << 16


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
    """Replace ``path`` with ``data`` (bytes, or pieces written in order): temp
    file in the same folder, fsync, rename, fsync folder.

    Returns the new file's stat so the caller can recognise its own write later.
    Raises WriteFailed (and removes the temp file) on any OS error.
    """
    temp = temp_name_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            if isinstance(data, bytes | bytearray):
                _write_fully(fd, data)
            else:
                # Gathered into blocks: one write per piece would be a system
                # call per document.
                block = bytearray()
                for piece in data:
                    block += piece
                    if len(block) >= WRITE_BLOCK:
                        _write_fully(fd, block)
                        block.clear()
                _write_fully(fd, block)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        fsync_dir(path.parent)
        return os.stat(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        reason = error.strerror or str(error)
        raise WriteFailed(error.errno or 0, f"could not save {path}: {reason}") from error


def _write_fully(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: without this a power cut can undo it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> None:
    """Create the folder (and parents) and make it 0700: this is personal data."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if (folder.stat().st_mode & 0o777) != DIR_MODE:
        with contextlib.suppress(OSError):
            folder.chmod(DIR_MODE)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temp files left by a writer that died; call only while holding the lock."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if entry.is_file() and is_temp_file(entry):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed
