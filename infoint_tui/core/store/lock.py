"""One writer at a time across processes: a lock file with a bounded wait.

Every write is a short read-modify-write under this lock, so two SSH sessions
(or ``infoint add`` while the app is open) take turns instead of overwriting
each other. Whoever holds the lock records who they are, so a process that
times out can say which process is in the way.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..dates import Clock, format_timestamp, utc_now
from .atomic import FILE_MODE
from .errors import LinkRefused, ReadOnlyData, StoreError

LOCK_NAME = ".infoint.lock"
HOLDER_NAME = ".infoint.lock.holder"

if TYPE_CHECKING:
    import filelock


class LockTimeout(StoreError):
    """Another process held the data lock for longer than we were willing to wait."""

    def __init__(self, data_dir: Path, waited: float, holder: dict[str, object] | None) -> None:
        self.data_dir = data_dir
        self.holder = holder
        if holder:
            who = (
                f"process {holder.get('pid')} on {holder.get('host')}"
                f" ({holder.get('command')}), holding it since {holder.get('since')}"
            )
        else:
            who = "another process"
        super().__init__(
            f"the data in {data_dir} is busy: {who}. Waited {waited:g} s; "
            "nothing was written. Try again, or close the other infoint."
        )


class LockUnavailable(StoreError):
    """The lock file cannot be opened at all (a read-only or missing folder)."""

    def __init__(self, data_dir: Path, error: OSError) -> None:
        self.data_dir = data_dir
        self.errno = error.errno
        self.strerror = error.strerror or str(error)
        super().__init__(
            f"cannot lock the data in {data_dir}: {error.strerror or error} "
            f"({data_dir / LOCK_NAME}). Nothing was written; is the folder read-only?"
        )


class DataLock:
    """A re-entrant, cross-process lock on one data folder."""

    def __init__(self, data_dir: Path, timeout: float = 5.0, clock: Clock = utc_now) -> None:
        self.data_dir = data_dir
        self.timeout = timeout
        self._clock = clock
        self._file_lock: filelock.FileLock | None = None  # made on first use
        # filelock counts re-entry per instance; the RLock keeps threads of this
        # process from sharing one acquisition.
        self._thread_lock = threading.RLock()
        self._depth = 0
        # Set when the folder cannot be written: holding then touches no file
        # (threads still take turns) and every write is refused.
        self.read_only_reason: str | None = None

    @property
    def held(self) -> bool:
        return self._depth > 0

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def check_writable(self) -> None:
        """Raise ReadOnlyData when the data was opened read-only."""
        if self.read_only_reason is not None:
            raise ReadOnlyData(self.data_dir, self.read_only_reason)

    @contextlib.contextmanager
    def hold(self, timeout: float | None = None) -> Iterator[None]:
        wait = self.timeout if timeout is None else timeout
        if not self._thread_lock.acquire(timeout=wait):
            raise LockTimeout(self.data_dir, wait, None)
        try:
            on_disk = self._depth == 0 and self.read_only_reason is None
            if on_disk:
                self._refuse_links()
                file_lock, timed_out = self._lock_file()
                try:
                    file_lock.acquire(timeout=wait)
                except timed_out:
                    raise LockTimeout(self.data_dir, wait, self.read_holder()) from None
                except OSError as error:
                    raise LockUnavailable(self.data_dir, error) from error
                self._write_holder()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if on_disk:
                    with contextlib.suppress(OSError):
                        (self.data_dir / HOLDER_NAME).unlink()
                    assert self._file_lock is not None  # made by the outermost hold
                    self._file_lock.release()
        finally:
            self._thread_lock.release()

    def _refuse_links(self) -> None:
        """The lock file and the holder file are never opened through a link (the
        opens use O_NOFOLLOW too; this is for the message)."""
        for name in (LOCK_NAME, HOLDER_NAME):
            if os.path.islink(self.data_dir / name):
                raise LinkRefused(self.data_dir / name)

    def _lock_file(self) -> tuple[filelock.FileLock, type[Exception]]:
        # filelock (two dozen modules) is imported on the first hold, not with
        # the store: a start that paints the kept first screen needs no lock.
        import filelock

        if self._file_lock is None:
            self._file_lock = filelock.FileLock(
                str(self.data_dir / LOCK_NAME),
                timeout=self.timeout,
                mode=FILE_MODE,
                thread_local=False,
            )
        return self._file_lock, filelock.Timeout

    def read_holder(self) -> dict[str, object] | None:
        try:
            data = json.loads((self.data_dir / HOLDER_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # advice only: a damaged one says nothing
            return None
        return data if isinstance(data, dict) else None

    def _write_holder(self) -> None:
        since: datetime = self._clock()
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": format_timestamp(since),
            "command": " ".join(os.path.basename(arg) for arg in sys.argv[:2]) or "python",
        }
        path = self.data_dir / HOLDER_NAME
        # Not atomic on purpose: it is advice for a message, rewritten on each
        # acquisition, and a torn read only loses the "who" in that message.
        # O_NOFOLLOW: a link planted there fails the open (ELOOP) instead of
        # truncating the file it points to.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        with contextlib.suppress(OSError):
            fd = os.open(path, flags, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(info, handle)
