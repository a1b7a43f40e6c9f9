"""The Saver writes in the background, in order; a job that fails stays at the head of
the queue, is reported and retried; and it notices other processes' changes."""

from __future__ import annotations

import errno
import inspect
import os
import queue
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.store.errors import SaveFailed
from infoint_tui.core.store.lock import DataLock
from infoint_tui.core.store.saver import Saver, SaveReport
from tests.conftest import FakeClock

WAIT = 20.0  # generous upper bound for a background thread; never a measured time


class Reports:
    def __init__(self) -> None:
        self.queue: queue.Queue[SaveReport] = queue.Queue()
        self.seen: list[SaveReport] = []

    def __call__(self, report: SaveReport) -> None:
        self.queue.put(report)

    def wait_for(self, wanted: Callable[[SaveReport], bool]) -> SaveReport:
        while True:
            report = self.queue.get(timeout=WAIT)
            self.seen.append(report)
            if wanted(report):
                return report


class DiskFull:
    """os.replace fails with ENOSPC while ``on``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on = True
        real = os.replace

        def replace(src: Any, dst: Any, **kw: Any) -> None:
            if self.on:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real(src, dst, **kw)

        monkeypatch.setattr(os, "replace", replace)


def add_job(name: str) -> Callable[[Store], Contact]:
    return lambda store: store.contacts.insert(Contact.create({"name": name}, now=store.clock()))


def names_on_disk(data_dir: Path) -> list[str]:
    return [contact.name for contact in Store(data_dir).open().contacts]


def test_a_failed_job_stays_first_is_reported_and_is_written_after_retry(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.contacts.insert(Contact.create({"name": "Ada"}, now=store.clock()))
    reports = Reports()
    saver = Saver(store, reports, poll_interval=60, retry_interval=60).start()
    disk = DiskFull(monkeypatch)
    try:
        saver.submit("add Grace", add_job("Grace"))
        failed = reports.wait_for(lambda r: r.error is not None)
        assert failed.description == "add Grace"
        assert failed.error is not None and "No space left on device" in failed.error
        assert saver.last_error == failed.error

        # A later job wakes the saver, which retries the head first: still failing,
        # and the later job must not jump the queue.
        saver.submit("add Linus", add_job("Linus"))
        again = reports.wait_for(lambda r: r.error is not None)
        assert again.description == "add Grace"
        assert saver.pending == 2
        assert names_on_disk(data_dir) == ["Ada"]
        assert [c.name for c in store.contacts] == ["Ada"]

        disk.on = False
        saver.retry()
        assert saver.flush(timeout=WAIT)
        assert saver.pending == 0
        assert saver.last_error is None
    finally:
        disk.on = False
        assert saver.stop(timeout=WAIT)

    written = [r for r in reports.seen + drain(reports) if r.error is None and r.result]
    assert [r.description for r in written] == ["add Grace", "add Linus"]
    grace, linus = (r.result for r in written)
    assert isinstance(grace, Contact) and isinstance(linus, Contact)
    assert grace.id < linus.id
    assert names_on_disk(data_dir) == ["Ada", "Grace", "Linus"]


def drain(reports: Reports) -> list[SaveReport]:
    found: list[SaveReport] = []
    while not reports.queue.empty():
        found.append(reports.queue.get_nowait())
    return found


def test_stop_refuses_to_drop_an_unwritten_change(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = Reports()
    saver = Saver(store, reports, poll_interval=60, retry_interval=60).start()
    disk = DiskFull(monkeypatch)
    saver.submit("add Grace", add_job("Grace"))
    reports.wait_for(lambda r: r.error is not None)
    assert not saver.stop(timeout=0.2)  # the app must ask the user, not lose the change
    assert saver.pending == 1
    disk.on = False
    assert saver.stop(timeout=WAIT)
    assert names_on_disk(data_dir) == ["Grace"]


def test_a_busy_lock_is_reported_and_the_job_is_retried_when_it_is_free(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock, lock_timeout=0.2).open()
    reports = Reports()
    saver = Saver(store, reports, poll_interval=60, retry_interval=60).start()
    other = DataLock(data_dir)  # another process's lock on the same folder
    try:
        with other.hold():
            saver.submit("add Grace", add_job("Grace"))
            failed = reports.wait_for(lambda r: r.error is not None)
            assert failed.error is not None and "is busy" in failed.error
            assert f"process {os.getpid()}" in failed.error
            assert saver.pending == 1
        saver.retry()
        assert saver.flush(timeout=WAIT)
    finally:
        assert saver.stop(timeout=WAIT)
    assert names_on_disk(data_dir) == ["Grace"]


def test_a_job_that_raises_save_failed_is_kept_not_dropped(store: Store, data_dir: Path) -> None:
    attempts: list[int] = []

    def flaky(store: Store) -> Contact:
        attempts.append(1)
        if len(attempts) == 1:
            raise SaveFailed("disk full")
        return add_job("Grace")(store)

    reports = Reports()
    saver = Saver(store, reports, poll_interval=60, retry_interval=60)
    saver.submit("add Grace", flaky)
    assert not saver.flush(timeout=0.1)  # not started: the first attempt runs here and fails
    assert saver.pending == 1
    saver.start()
    saver.retry()
    assert saver.flush(timeout=WAIT)
    assert saver.stop(timeout=WAIT)
    assert len(attempts) == 2
    assert names_on_disk(data_dir) == ["Grace"]


def test_the_saver_notices_another_process_changing_the_data(store: Store, data_dir: Path) -> None:
    ada = store.contacts.insert(Contact.create({"name": "Ada"}, now=store.clock()))
    reports = Reports()
    saver = Saver(store, reports, poll_interval=0.1).start()
    try:
        subprocess.run(
            [sys.executable, "-m", "infoint_tui", "move", str(ada.id), "met"]
            + ["--data-dir", str(data_dir)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        report = reports.wait_for(lambda r: "contacts" in r.changed_files)
        assert report.description == "reload"
    finally:
        assert saver.stop(timeout=WAIT)
    assert store.contacts.require(ada.id).stage is Stage.MET
    # The app's saver polls this often by default: "within a couple of seconds".
    assert inspect.signature(Saver).parameters["poll_interval"].default <= 2.0
