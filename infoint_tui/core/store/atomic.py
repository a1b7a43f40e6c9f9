"""Writing a file so that a crash at any instant leaves the old or the new one."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import DataDirError, link_refusal

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"
# A file infoint writes is never opened through a symbolic link.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


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
    Raises WriteFailed (and removes the temp file) on any OS error, and before
    writing anything when ``path`` is a symbolic link or a file the user made
    read-only (see ``check_replaceable``).
    """
    check_replaceable(path)
    temp = temp_name_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
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


def check_replaceable(path: Path) -> None:
    """Raise WriteFailed when ``path`` must not be replaced: a symbolic link (the
    rename would silently swap the link for a file, and the user's data would
    not go where they keep it) or a file without its owner's write bit (the user
    made it read-only; a rename would overrule that)."""
    try:
        info = os.lstat(path)
    except OSError:
        return  # missing (a new file), or the write itself will say why
    if stat.S_ISLNK(info.st_mode):
        raise WriteFailed(errno.ELOOP, link_refusal(path))
    if stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IWUSR:
        raise WriteFailed(
            errno.EACCES,
            f"{path} is read-only (mode {stat.S_IMODE(info.st_mode):04o}); infoint will "
            f"not replace it. To allow saving: chmod 600 {path}",
        )


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
    """Create the folder (and parents) as 0700, or check that an existing one is
    private: this is personal data. Raises OSError when it cannot be created (a
    backup folder that cannot be made must not stop a save) and DataDirError
    when it is not private (see check_private_dir)."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    check_private_dir(folder)


def check_folder_path(folder: Path) -> None:
    """Raise DataDirError when ``folder`` cannot be a folder: it is a file, or it
    would have to be created under one. A folder that does not exist yet is fine."""
    try:
        info = os.stat(folder)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError:
        return  # no permission to look: opening it will say so
    else:
        if not stat.S_ISDIR(info.st_mode):
            regular = stat.S_ISREG(info.st_mode)
            raise DataDirError(folder, "is a file, not a folder" if regular else "is not a folder")
        return
    if os.path.islink(folder):
        raise DataDirError(
            folder, f"is a symbolic link to {os.readlink(folder)}, which does not exist"
        )
    for parent in folder.parents:
        try:
            info = os.stat(parent)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return
        if not stat.S_ISDIR(info.st_mode):
            raise DataDirError(folder, f"cannot be created: {parent} is a file, not a folder")
        return


def check_private_dir(folder: Path, *, tighten: bool = True) -> None:
    """Refuse a folder that is not this user's to keep personal data in: owned by
    another user, or writable by others when that cannot be fixed. ``tighten``:
    first remove the group and other bits (never add one: a folder the user
    made read-only stays read-only). Without it (a read-only store) nothing is
    changed, and a folder on a read-only file system may be writable by others
    in its mode, since nobody can write it."""
    info = os.stat(folder)
    if info.st_uid != os.geteuid():
        raise DataDirError(
            folder,
            f"belongs to another user (uid {info.st_uid}); infoint keeps personal data "
            "only in a folder of your own. Choose another --data-dir, or make it yours "
            f"with: sudo chown -R {_user_name()} {folder}",
        )
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o077:
        return
    reason = "it is read-only here"
    if tighten:
        try:
            os.chmod(folder, mode & DIR_MODE)
            return
        except OSError as error:
            reason = error.strerror or str(error)
    elif mounted_read_only(folder):
        return
    if mode & 0o022:
        raise DataDirError(
            folder,
            f"can be written by other users (mode {mode:04o}) and could not be made "
            f"private ({reason}). Make it private with: chmod 700 {folder}",
        )


def mounted_read_only(folder: Path) -> bool:
    """True on a file system mounted read-only (a backup disk, a snapshot)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _user_name() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return str(os.geteuid())


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
