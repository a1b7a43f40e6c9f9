"""A write that fails (disk full, read-only folder, I/O error) keeps the previous file,
says so with SaveFailed, keeps memory as it was, leaves no temp file, and can be retried.

Tests run as root, where chmod cannot make a folder read-only, so the faults are
injected into the os functions the store calls.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.atomic import is_temp_file
from infoint_tui.core.store.backups import backup_dir
from infoint_tui.core.store.errors import SaveFailed
from tests.conftest import FakeClock
from tests.fixtures.store_worker import temp_files

FAILING = ["write", "fsync", "replace", "create-temp"]
ERRNOS = [errno.ENOSPC, errno.EROFS, errno.EIO]


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def inject(monkeypatch: pytest.MonkeyPatch, call: str, code: int) -> None:
    """Make one os function fail the way a full disk or read-only folder would."""
    if call == "create-temp":
        real_open = os.open

        def refuse_new_files(path: Any, flags: int, *args: Any, **kw: Any) -> int:
            if flags & os.O_CREAT and is_temp_file(Path(path)):
                raise oserror(code)
            return real_open(path, flags, *args, **kw)

        monkeypatch.setattr(os, "open", refuse_new_files)
        return

    def fail(*args: Any, **kw: Any) -> Any:
        raise oserror(code)

    monkeypatch.setattr(os, call, fail)


@pytest.fixture
def two(store: Store) -> Store:
    now = store.clock()
    store.contacts.insert(Contact.create({"name": "Ada", "company": "Analytical"}, now=now))
    store.contacts.insert(Contact.create({"name": "Grace", "company": "Navy"}, now=now))
    return store


def _insert(store: Store) -> None:
    store.contacts.insert(Contact.create({"name": "Linus"}, now=store.clock()))


def _update(store: Store) -> None:
    store.contacts.update(1, lambda c: c.with_values({"title": "Countess"}, now=store.clock()))


def _delete(store: Store) -> None:
    store.contacts.delete(2)


def _batch(store: Store) -> None:
    with store.contacts.batch():
        store.contacts.delete(1)
        store.contacts.insert(Contact.create({"name": "Linus"}, now=store.clock()))


CHANGES: dict[str, Callable[[Store], None]] = {
    "insert": _insert,
    "update": _update,
    "delete": _delete,
    "batch": _batch,
}


@pytest.mark.parametrize("code", ERRNOS, ids=errno.errorcode.get)
@pytest.mark.parametrize("call", FAILING)
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_failed_write_keeps_the_file_and_memory_and_can_be_retried(
    two: Store, data_dir: Path, call: str, code: int, change: str
) -> None:
    path = data_dir / "contacts.json"
    before = path.read_bytes()
    in_memory = dict(two.contacts.all())

    with pytest.MonkeyPatch.context() as patch, pytest.raises(SaveFailed) as failed:
        inject(patch, call, code)
        CHANGES[change](two)

    message = str(failed.value)
    assert os.strerror(code) in message
    assert str(path) in message
    assert "still holds the previous state" in message
    assert path.read_bytes() == before
    assert dict(two.contacts.all()) == in_memory
    assert all(two.contacts.get(i) is model for i, model in in_memory.items())
    assert temp_files(data_dir) == []

    CHANGES[change](two)  # the fault is gone: the same change now goes through
    on_disk = {c.name: c for c in Store(data_dir).open().contacts}
    expected = {
        "insert": {"Ada", "Grace", "Linus"},
        "update": {"Ada", "Grace"},
        "delete": {"Ada"},
        "batch": {"Grace", "Linus"},
    }[change]
    assert set(on_disk) == expected
    assert on_disk == {c.name: c for c in two.contacts}
    if change == "update":
        assert on_disk["Ada"].title == "Countess"


def test_a_read_only_folder_fails_the_save_with_a_clear_message(
    two: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing can be opened for writing, not even the lock file."""
    before = (data_dir / "contacts.json").read_bytes()
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(SaveFailed) as failed:
        two.contacts.insert(Contact.create({"name": "Linus"}, now=two.clock()))
    assert "Read-only file system" in str(failed.value)
    assert str(data_dir) in str(failed.value)
    assert "Nothing was written" in str(failed.value)
    assert [c.name for c in two.contacts] == ["Ada", "Grace"]

    # A new process finds the folder read-only when it takes the lock, and says so.
    assert main(["add", "--name", "Linus", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"infoint: the data folder {data_dir} is read-only: nothing can be saved")
    assert "Read-only file system" in err
    monkeypatch.undo()
    assert (data_dir / "contacts.json").read_bytes() == before


def test_a_backup_that_cannot_be_written_does_not_block_the_save(
    two: Store, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open
    backups = backup_dir(data_dir)

    def backups_full(path: Any, flags: int, *args: Any, **kw: Any) -> int:
        if flags & os.O_CREAT and Path(path).parent == backups:
            raise oserror(errno.ENOSPC)
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", backups_full)
    clock.advance(days=1)
    two.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))
    monkeypatch.undo()

    assert not (backups / "contacts.2026-11-27.json").exists()
    assert [c.name for c in Store(data_dir).open().contacts] == ["Ada", "Grace", "Linus"]
    assert temp_files(data_dir) == []
