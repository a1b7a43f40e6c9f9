"""Several processes on one data folder take turns under the lock and lose nothing;
one that cannot get the lock in time says which process holds it."""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.cli import main
from infoint_tui.commands import common
from infoint_tui.core.contacts import pipeline
from infoint_tui.core.contacts.changes import ChangeSet, ContactChange
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.store.errors import SaveFailed
from infoint_tui.core.store.lock import HOLDER_NAME, LockTimeout
from tests.conftest import FakeClock
from tests.fixtures.store_worker import read_line, start_worker

PER_PROCESS = 100


def test_two_processes_adding_at_once_lose_nothing(data_dir: Path) -> None:
    Store(data_dir).open()
    workers = [start_worker("add", data_dir, name, PER_PROCESS, stdin=True) for name in "ab"]
    try:
        for process in workers:
            assert read_line(process) == "ready"
        for process in workers:  # both start writing at the same moment
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            process.stdin.flush()
        for process in workers:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err.decode()
            assert out.decode().split() == ["done"]
    finally:
        for process in workers:
            if process.poll() is None:
                process.kill()
                process.wait()

    raw = json.loads((data_dir / "contacts.json").read_bytes())
    assert len(raw["contacts"]) == 2 * PER_PROCESS
    contacts = Store(data_dir).open().contacts.all()
    assert sorted(contacts) == list(range(1, 2 * PER_PROCESS + 1))  # unique ids, no gaps
    assert {c.name for c in contacts.values()} == {
        f"{prefix}-{n}" for prefix in "ab" for n in range(PER_PROCESS)
    }
    assert raw["_meta"]["1"]["next_id"] == 2 * PER_PROCESS + 1


def test_cli_adds_run_at_once_all_land_with_unique_ids(data_dir: Path) -> None:
    names = [f"person {n}" for n in range(5)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "infoint_tui", "add", "--name", name]
            + ["--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in names
    ]
    printed = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        printed.append(int(out))
    contacts = Store(data_dir).open().contacts.all()
    assert sorted(printed) == sorted(contacts) == list(range(1, len(names) + 1))
    assert {contacts[i].name for i in printed} == set(names)


def test_refresh_sees_an_edit_made_by_another_process(store: Store, data_dir: Path) -> None:
    ada = store.contacts.insert(Contact.create({"name": "Ada"}, now=store.clock()))
    assert store.refresh() == []
    subprocess.run(
        [sys.executable, "-m", "infoint_tui", "move", str(ada.id), "met"]
        + ["--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert store.refresh() == ["contacts"]
    assert store.contacts.require(ada.id).stage is Stage.MET
    assert store.refresh() == []


def test_a_write_rereads_the_file_so_another_stores_change_survives(
    data_dir: Path, clock: FakeClock
) -> None:
    mine = Store(data_dir, clock=clock).open()
    ada = mine.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    grace = mine.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    theirs = Store(data_dir, clock=clock).open()  # think: a second SSH session
    theirs.contacts.update(ada.id, lambda c: c.with_values({"title": "Countess"}, now=clock()))
    theirs.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))

    # No refresh first: the write itself must notice the file changed.
    mine.contacts.update(grace.id, lambda c: c.with_values({"title": "Admiral"}, now=clock()))
    mine.contacts.insert(Contact.create({"name": "Margaret"}, now=clock()))

    on_disk = {c.name: c for c in Store(data_dir).open().contacts}
    assert on_disk["Ada"].title == "Countess"
    assert on_disk["Grace"].title == "Admiral"
    assert sorted(c.id for c in on_disk.values()) == [1, 2, 3, 4]
    assert {c.name for c in mine.contacts} == set(on_disk)


def test_a_write_during_refresh_is_not_lost(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process replaces the file while refresh() is reading it (refresh
    runs without the lock). The signature kept must be that of the bytes read,
    or the next write would skip its re-read and overwrite the other change."""
    mine = Store(data_dir, clock=clock).open()
    mine.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    theirs = Store(data_dir, clock=clock).open()
    theirs.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    path = data_dir / "contacts.json"
    interfered: list[bool] = []

    def other_process_writes() -> None:
        if not interfered:
            interfered.append(True)
            theirs.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))

    # Whichever way the file is read, Linus is written between the read and the stat.
    real_read_bytes, real_fstat = Path.read_bytes, os.fstat

    def read_bytes(self: Path) -> bytes:
        data = real_read_bytes(self)
        if self == path:
            other_process_writes()
        return data

    def fstat(fd: int) -> Any:
        result = real_fstat(fd)
        if not interfered and os.path.realpath(f"/proc/self/fd/{fd}") == str(path):
            other_process_writes()
        return result

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "fstat", fstat)
    assert mine.refresh() == ["contacts"]
    monkeypatch.undo()
    assert interfered

    mine.contacts.insert(Contact.create({"name": "Margaret"}, now=clock()))
    names = {c.name for c in Store(data_dir).open().contacts}
    assert names == {"Ada", "Grace", "Linus", "Margaret"}


@pytest.fixture
def held(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Another process holding the data lock; yields what it recorded about itself."""
    Store(data_dir).open()
    process = start_worker("hold", data_dir, stdin=True)
    try:
        assert read_line(process) == "held"
        holder: dict[str, Any] = json.loads((data_dir / HOLDER_NAME).read_text())
        assert holder["pid"] == process.pid
        yield holder
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def assert_names_holder(message: str, holder: dict[str, Any]) -> None:
    assert f"process {holder['pid']}" in message
    assert f"on {socket.gethostname()}" in message
    assert f"since {holder['since']}" in message
    assert "nothing was written" in message


def test_a_busy_lock_fails_the_save_naming_the_other_process(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock, lock_timeout=0.3).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    before = (data_dir / "contacts.json").read_bytes()
    process = start_worker("hold", data_dir, stdin=True)
    try:
        assert read_line(process) == "held"
        holder = json.loads((data_dir / HOLDER_NAME).read_text())
        with pytest.raises(SaveFailed) as failed:
            store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
        assert_names_holder(str(failed.value), holder)
        assert (data_dir / "contacts.json").read_bytes() == before
        assert [c.name for c in store.contacts] == ["Ada"]
        with pytest.raises(LockTimeout) as timed_out:
            Store(data_dir, lock_timeout=0.3).open()
        assert_names_holder(str(timed_out.value), holder)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
    # The other process is gone: the same change goes through.
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    assert [c.name for c in Store(data_dir).open().contacts] == ["Ada", "Grace"]


@pytest.mark.parametrize(
    "argv",
    [["add", "--name", "Grace"], ["list"], ["move", "1", "met"]],
    ids=lambda argv: argv[0],
)
def test_the_cli_says_who_holds_the_lock_and_exits_non_zero(
    held: dict[str, Any],
    data_dir: Path,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The real wait is 5 s; a short one proves the same path faster.
    monkeypatch.setattr(common, "Store", functools.partial(Store, lock_timeout=0.3))
    assert main([*argv, "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"infoint: the data in {data_dir} is busy: ")
    assert_names_holder(captured.err, held)


def test_a_contact_deleted_in_one_infoint_stays_deleted_when_another_moves_it(
    data_dir: Path, clock: FakeClock
) -> None:
    mine = Store(data_dir, clock=clock).open()
    ada = mine.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    grace = mine.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    theirs = Store(data_dir, clock=clock).open()  # a second terminal on the same data
    # Mine computes its changes from what it read; theirs deletes Ada before they are written.
    move = pipeline.move_change(ada, Stage.MET, mine.contacts.all(), now=clock())
    noted = ChangeSet(
        "notes",
        (
            ContactChange(ada, replace(ada, notes="mine")),
            ContactChange(grace, replace(grace, notes="mine")),
        ),
    )
    theirs.contacts.delete(ada.id)
    for change_set in (move, noted):
        stored = pipeline.apply(mine.contacts, change_set)  # no refresh first
        assert stored.dropped == (ada.id,)
        assert ada.id not in {contact.id for contact in stored}
    on_disk = Store(data_dir).open().contacts.all()
    assert sorted(on_disk) == [grace.id] and on_disk[grace.id].notes == "mine"
    assert mine.contacts.get(ada.id) is None
    theirs.refresh()
    assert theirs.contacts.get(ada.id) is None
    # Undone where it was deleted, the delete is undone: Ada is back for both.
    pipeline.apply(
        theirs.contacts, ChangeSet("Deleted Ada", (ContactChange(ada, None),)).inverted("Undone")
    )
    assert mine.refresh() == ["contacts"]
    assert mine.contacts.require(ada.id) == ada


def test_infoint_move_of_a_contact_deleted_meanwhile_says_so(
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = Store(data_dir, clock=clock).open()
    ada = store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    real_move_change = pipeline.move_change

    def deleted_meanwhile(*args: Any, **options: Any) -> ChangeSet:
        change = real_move_change(*args, **options)
        Store(data_dir, clock=clock).open().contacts.delete(ada.id)  # another infoint
        return change

    monkeypatch.setattr(pipeline, "move_change", deleted_meanwhile)
    assert main(["move", str(ada.id), "met", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "Ada" in err and "deleted in another infoint" in err, err
    assert Store(data_dir).open().contacts.get(ada.id) is None
