"""Saving in the background, in order, with retry: the screen never waits for the disk.

The app changes its view at once and hands the write to this thread. A write
that fails (disk full, read-only folder, another process holding the lock too
long) stays at the head of the queue, is reported, and is retried; nothing
after it is written out of order. The same thread polls the data files for
changes made by other processes.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from .errors import StoreError
from .folder import DataFolder

F = TypeVar("F", bound=DataFolder)
Job = Callable[[F], Any]


@dataclass(frozen=True)
class SaveReport:
    """What the saver tells the app after each attempt or poll."""

    description: str = ""
    result: Any = None
    error: str | None = None  # set when the head job failed and waits for a retry
    pending: int = 0
    changed_files: tuple[str, ...] = ()  # other processes' changes picked up


class Saver(Generic[F]):
    def __init__(
        self,
        store: F,
        report: Callable[[SaveReport], None],
        *,
        poll_interval: float = 1.0,
        retry_interval: float = 5.0,
    ) -> None:
        self.store = store
        self._report = report
        self._poll_interval = poll_interval
        self._retry_interval = retry_interval
        self._jobs: deque[tuple[str, Job[F]]] = deque()
        self._wake: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._stopping = False
        self.last_error: str | None = None
        self._seen: dict[str, int] = store.outside_changes()
        self._thread = threading.Thread(target=self._run, name="infoint-saver", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._jobs)

    def queued(self) -> list[str]:
        """The descriptions of the jobs not written yet, in order."""
        with self._lock:
            return [description for description, _ in self._jobs]

    def submit(self, description: str, job: Job[F]) -> None:
        with self._lock:
            self._jobs.append((description, job))
        self._wake.put("job")

    def retry(self) -> None:
        self._wake.put("retry")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted job is written; False if time ran out."""
        if not self._thread.is_alive():
            self._drain_here()  # nobody else will write them (stopped, or never started)
            return self.pending == 0
        deadline = time.monotonic() + timeout
        self._wake.put("retry")
        with self._idle:
            while self._jobs:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._idle.wait(min(remaining, 0.1))
        return True

    def stop(self, timeout: float = 10.0) -> bool:
        """Flush, then end the thread. When changes could not be written it keeps
        running (and retrying) and returns False, so the app can ask the user."""
        if not self.flush(timeout):
            return False
        self._stopping = True
        self._wake.put("stop")
        if self._thread.is_alive():
            self._thread.join(timeout=1.0)
        return True

    # -- the thread -----------------------------------------------------------
    def _run(self) -> None:
        while not self._stopping:
            failed = self._write_all()
            wait = self._retry_interval if failed else self._poll_interval
            try:
                signal = self._wake.get(timeout=wait)
            except queue.Empty:
                signal = "tick"
            if signal == "stop":
                break
            if signal == "tick" and not failed:
                self._poll()

    def _drain_here(self) -> None:
        self._write_all()

    def _write_all(self) -> bool:
        """Write queued jobs in order; True if the head job failed."""
        while True:
            with self._lock:
                if not self._jobs:
                    self._idle.notify_all()
                    return False
                description, job = self._jobs[0]
            try:
                result = job(self.store)
            except Exception as error:
                # StoreError is the expected kind (disk full, lock busy); anything
                # else is a bug, but dropping the job would lose the user's change.
                self.last_error = str(error) if isinstance(error, StoreError) else repr(error)
                self._safe_report(
                    SaveReport(description, error=self.last_error, pending=self.pending)
                )
                return True
            with self._lock:
                self._jobs.popleft()
                pending = len(self._jobs)
                if not pending:
                    self._idle.notify_all()
            self.last_error = None
            self._safe_report(
                SaveReport(description, result=result, pending=pending, changed_files=self._news())
            )

    def _news(self) -> tuple[str, ...]:
        """Files another process changed since the last report that said so.

        The baseline moves only when a report carries the news, so a change
        picked up by a write that then failed is still reported later.
        """
        now = self.store.outside_changes()
        changed = tuple(name for name, count in now.items() if count != self._seen.get(name))
        self._seen = now
        return changed

    def _poll(self) -> None:
        errors = self.store.refresh_each()
        changed = self._news()
        if changed:
            self._safe_report(SaveReport("reload", changed_files=changed))
        if errors:
            self._safe_report(SaveReport("reload", error=errors[0], pending=self.pending))

    def _safe_report(self, report: SaveReport) -> None:
        # The app may be shutting down; keep saving regardless.
        with contextlib.suppress(Exception):
            self._report(report)
