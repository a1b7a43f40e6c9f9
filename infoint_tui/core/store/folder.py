"""The data folder: one TinyDB JSON file per kind of document, under one lock."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, Self, overload

from ..dates import Clock, utc_now
from .atomic import (
    FILE_MODE,
    check_folder_path,
    check_private_dir,
    ensure_private_dir,
    mounted_read_only,
    remove_stale_temps,
)
from .backups import backup_dir
from .docfile import DocumentFile, FileKind, M
from .errors import DataDirError, StoreError
from .lock import LOCK_NAME, DataLock, LockUnavailable

# A lock file that cannot be opened for one of these: the folder cannot be written.
_UNWRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


class DataFolder:
    """Files of documents in one folder, under one lock: opened and checked
    together, read-only when the folder cannot be written.

    Which files there are is the caller's (``documents.Store``): the store
    never needs to know what a contact is.
    """

    def __init__(
        self,
        data_dir: Path,
        kinds: Sequence[FileKind[Any]],
        *,
        lazy: Collection[str] = (),
        clock: Clock = utc_now,
        lock_timeout: float = 5.0,
    ) -> None:
        """``lazy``: files read on first use only (a 30,000-person network)."""
        self.data_dir = data_dir
        self.clock = clock
        self.lock = DataLock(data_dir, timeout=lock_timeout, clock=clock)
        self.files: list[DocumentFile[Any]] = [
            DocumentFile(data_dir, kind, self.lock, clock, lazy=kind.name in lazy) for kind in kinds
        ]
        self.opened = False

    @overload
    def file(self, kind: FileKind[M]) -> DocumentFile[M]: ...

    @overload
    def file(self, kind: str) -> DocumentFile[Any]: ...

    def file(self, kind: FileKind[Any] | str) -> DocumentFile[Any]:
        """The file of the documents of ``kind`` (typed as its documents), or of
        the kind named so."""
        name = kind if isinstance(kind, str) else kind.name
        for file in self.files:
            if file.kind.name == name:
                return file
        raise KeyError(name)

    def open(self, *, defer: Collection[str] = (), read_only: bool | None = None) -> Self:
        """Read and check the files. ``defer``: files the caller reads later with
        ``load_deferred`` (the app paints the board first); the network file is
        always read on first use.

        Data that cannot be written (a read-only file system such as a mounted
        backup or a snapshot, a folder without write permission, a lock file
        that cannot be opened for writing) is opened read-only: see
        ``read_only``. ``read_only=True`` asks for that; ``False`` never falls
        back to it. Raises DataDirError for a folder that cannot hold the data.
        """
        reason = "opened read-only" if read_only else None
        if read_only is None:
            reason = self._unwritable()
        if reason is None:
            self.lock.read_only_reason = None  # reopened after it became writable
            try:
                self._open_for_writing(defer)
            except LockUnavailable as error:
                if read_only is False or error.errno not in _UNWRITABLE:
                    raise
                reason = f"cannot write {self.data_dir / LOCK_NAME}: {error.strerror}"
        if reason is not None:
            self._open_read_only(defer, reason)
        self.opened = True
        return self

    @property
    def read_only(self) -> bool:
        """True when the data was opened read-only: everything reads as usual and
        every change raises ReadOnlyData (a SaveFailed) before anything is tried."""
        return self.lock.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why the data is read-only ("a read-only file system", "you cannot
        write to it", ...); None when it is writable."""
        return self.lock.read_only_reason

    def check_writable(self) -> None:
        """Raise ReadOnlyData when nothing can be saved (a command that is about
        to write says so before doing any work)."""
        self.lock.check_writable()

    def _unwritable(self) -> str | None:
        """Why the existing data folder cannot be written; None when it can (or
        does not exist yet: then it is created)."""
        check_folder_path(self.data_dir)
        if not self.data_dir.is_dir() or os.access(self.data_dir, os.W_OK | os.X_OK):
            return None
        if mounted_read_only(self.data_dir):
            return "a read-only file system"
        return "you cannot write to it"

    def _open_for_writing(self, defer: Collection[str]) -> None:
        check_folder_path(self.data_dir)
        try:
            ensure_private_dir(self.data_dir)
        except OSError as error:
            problem = f"cannot be created: {error.strerror or error}"
            raise DataDirError(self.data_dir, problem) from error
        if backup_dir(self.data_dir).is_dir():
            check_private_dir(backup_dir(self.data_dir))
        with self.lock.hold():
            remove_stale_temps(self.data_dir)
            remove_stale_temps(backup_dir(self.data_dir))
            self._tighten_modes()
            self._load(defer)

    def _open_read_only(self, defer: Collection[str], reason: str) -> None:
        """No lock file, no temp-file cleanup, no chmod, no backup: nothing is
        written, and a file that needs migrating is migrated in memory only."""
        check_folder_path(self.data_dir)
        if not self.data_dir.is_dir():
            raise DataDirError(self.data_dir, "does not exist (a read-only store creates nothing)")
        check_private_dir(self.data_dir, tighten=False)
        if backup_dir(self.data_dir).is_dir():
            check_private_dir(backup_dir(self.data_dir), tighten=False)
        self.lock.read_only_reason = reason
        with self.lock.hold():
            self._load(defer)

    def _load(self, defer: Collection[str]) -> None:
        for file in self.files:
            if not file.lazy and file.kind.name not in defer:
                file.load()

    def load_deferred(self) -> None:
        """Read what ``open`` left for later (raises CorruptFileError like open)."""
        for file in self.files:
            if not file.lazy:
                file.ensure_loaded()

    def refresh(self) -> list[str]:
        """Pick up other processes' changes; returns the names of files that changed."""
        return [file.kind.name for file in self.files if file.refresh()]

    def refresh_each(self) -> list[str]:
        """Refresh every file even when one of them is broken; returns the errors.

        (What changed shows in ``outside_changes``.) One unreadable file must not
        hide another process's changes to the others.
        """
        errors: list[str] = []
        for file in self.files:
            try:
                file.refresh()
            except StoreError as error:
                errors.append(str(error))
        return errors

    def outside_changes(self) -> dict[str, int]:
        """Per file, how many times another process's version was read in."""
        return {file.kind.name: file.outside_changes for file in self.files}

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data lock across changes to several files."""
        with self.lock.hold():
            yield

    def _tighten_modes(self) -> None:
        """Files made by an older version or by hand get the private mode too.

        Only bits beyond 0600 are removed: a file the user made read-only (0400)
        stays so. A symbolic link is skipped: chmod would change the file it
        points to.
        """
        for folder in (self.data_dir, backup_dir(self.data_dir)):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if entry.suffix in (".json", ".lock", ".holder"):
                    with contextlib.suppress(OSError):
                        info = entry.lstat()
                        mode = stat.S_IMODE(info.st_mode)
                        if stat.S_ISREG(info.st_mode) and mode & ~FILE_MODE:
                            os.chmod(entry, mode & FILE_MODE)
