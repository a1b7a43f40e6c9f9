"""Data that cannot be written (a read-only file system: a mounted backup, a
snapshot; or a folder the user has no write permission on) can still be read:
the store opens read-only, writes nothing at all (no lock file, no temp-file
cleanup, no chmod, no backup, no migration written), and refuses every change
with one clear message. The commands that only read work as usual, with a
one-line notice on stderr; a command that writes stops with exit status 1.

Tests run as root, where chmod 0555 stops nothing, so the folder is made
read-only by ReadOnlyFolder (tests/fixtures/read_only.py), which also records
every write that was attempted. A real chmod 0555 folder is tested when the
tests do not run as root.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.profile import Profile
from infoint_tui.core.store.backups import backup_dir
from infoint_tui.core.store.errors import ReadOnlyData, StoreError
from infoint_tui.core.store.lock import LOCK_NAME
from tests.conftest import FakeClock
from tests.fixtures.read_only import ReadOnlyFolder

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "contacts_v0.json"
READS = [
    ["list"],
    ["list", "--json"],
    ["show", "1"],
    ["today"],
    ["network"],
    ["export", "csv"],
    ["export", "json"],
]


def snapshot(folder: Path) -> dict[str, tuple[bytes | str, int]]:
    """Every entry under the folder: its contents (or link target) and mode."""
    found: dict[str, tuple[bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if path.is_symlink():
            found[str(path)] = (os.readlink(path), info.st_mode)
        elif path.is_file():
            found[str(path)] = (path.read_bytes(), info.st_mode)
        else:
            found[str(path)] = ("folder", info.st_mode)
    found[str(folder)] = ("folder", folder.stat().st_mode)
    return found


CODES = pytest.mark.parametrize(
    "code", [errno.EROFS, errno.EACCES], ids=["read-only file system", "no write permission"]
)


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([*args, "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_store_opens_read_only_and_writes_nothing(
    demo_store: Store, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Things a writable open would clean up or fix: a dead writer's temp files,
    # a loose mode, and a day-old backup schedule.
    (data_dir / ".contacts.json.tmp-1-dead").write_bytes(b"half")
    backup_dir(data_dir).mkdir(exist_ok=True)
    (backup_dir(data_dir) / ".contacts.2026-11-20.json.tmp-1-dead").write_bytes(b"half")
    (data_dir / "companies.json").chmod(0o644)
    (data_dir / LOCK_NAME).unlink()
    before = snapshot(data_dir)
    expected = dict(demo_store.contacts.all())
    people = len(demo_store.network)
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    clock.advance(days=1)

    store = Store(data_dir, clock=clock).open()

    assert store.read_only
    assert store.read_only_reason == "a read-only file system"
    assert store.contacts.all() == expected
    assert len(store.network) == people  # the lazy file is read on first use
    store.refresh()
    assert store.refresh_each() == []
    with store.locked():
        assert store.contacts.get(1) == expected[1]
    assert folder.attempts == []
    monkeypatch.undo()
    assert snapshot(data_dir) == before


@CODES
@pytest.mark.parametrize("change", ["insert", "update", "delete", "profile", "batch", "network"])
def test_every_change_is_refused_and_nothing_is_written(
    demo_store: Store,
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    change: str,
) -> None:
    before = snapshot(data_dir)
    folder = ReadOnlyFolder(data_dir, monkeypatch, code)
    clock.advance(days=1)  # a write would also take a daily backup
    store = Store(data_dir, clock=clock).open()
    contacts = dict(store.contacts.all())

    with pytest.raises(ReadOnlyData) as refused:
        if change == "insert":
            store.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))
        elif change == "update":
            store.contacts.update(1, lambda c: c.with_values({"title": "Dr"}, now=clock()))
        elif change == "delete":
            store.contacts.delete(1)
        elif change == "profile":
            store.save_profile(Profile(name="me", id=1))
        elif change == "batch":
            with store.contacts.batch():
                store.contacts.delete(1)
        else:
            store.network.delete(1)

    message = str(refused.value)
    assert message.startswith(f"the data folder {data_dir} is read-only: nothing can be saved")
    assert isinstance(refused.value, StoreError)
    assert store.contacts.all() == contacts
    assert folder.attempts == []
    monkeypatch.undo()
    assert snapshot(data_dir) == before


def test_a_file_that_needs_migrating_is_migrated_in_memory_only(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.mkdir(mode=0o700)
    shutil.copy(FIXTURE, data_dir / "contacts.json")
    os.chmod(data_dir / "contacts.json", 0o600)
    before = snapshot(data_dir)
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)

    store = Store(data_dir, clock=clock).open()

    assert sorted(store.contacts.all()) == [1, 2, 4]
    assert store.contacts.require(1).company == "Analytical Engines"  # was "org"
    assert store.contacts.require(1).stage is Stage.REQUESTED
    assert store.refresh() == []  # the file on disk is still the one read
    assert folder.attempts == []
    monkeypatch.undo()
    assert snapshot(data_dir) == before
    assert not backup_dir(data_dir).exists()


def test_a_folder_that_turns_out_unwritable_when_locking_opens_read_only(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """access() can say yes where a write fails (a network share): the lock is the probe."""
    (data_dir / LOCK_NAME).unlink()
    expected = dict(demo_store.contacts.all())
    real_open = os.open

    def read_only_fs(path: object, flags: int, *args: object, **kw: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_fs)
    store = Store(data_dir).open()

    assert store.read_only
    assert store.read_only_reason == (
        f"cannot write {data_dir / LOCK_NAME}: {os.strerror(errno.EROFS)}"
    )
    assert store.contacts.all() == expected
    with pytest.raises(ReadOnlyData):
        store.contacts.delete(1)


def test_a_writable_folder_opens_for_writing(store: Store) -> None:
    assert not store.read_only
    assert store.read_only_reason is None


def test_read_only_can_be_asked_for(demo_store: Store, data_dir: Path) -> None:
    before = snapshot(data_dir)
    store = Store(data_dir).open(read_only=True)
    assert store.read_only
    assert store.read_only_reason == "opened read-only"
    with pytest.raises(ReadOnlyData):
        store.contacts.delete(1)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_reading_commands_work_with_a_one_line_notice(
    demo_store: Store,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    status, usual, err = cli(capsys, data_dir, *args)
    assert (status, err) == (0, ""), err
    assert usual.strip()
    before = snapshot(data_dir)
    for code in (errno.EROFS, errno.EACCES):
        folder = ReadOnlyFolder(data_dir, monkeypatch, code)

        status, out, err = cli(capsys, data_dir, *args)

        assert status == 0, err
        assert out == usual
        reason = "a read-only file system" if code == errno.EROFS else "you cannot write to it"
        assert err == (
            f"infoint: note: the data folder {data_dir} is read-only ({reason}): "
            "showing it as it is; nothing can be saved\n"
        )
        assert folder.attempts == []
        monkeypatch.undo()
        assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--name", "Linus"],
        ["move", "1", "met"],
        ["profile", "set", "name", "Me"],
        ["promote", "1"],
    ],
    ids=" ".join,
)
@CODES
def test_a_command_that_writes_is_refused_with_exit_1(
    demo_store: Store,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    args: list[str],
) -> None:
    before = snapshot(data_dir)
    folder = ReadOnlyFolder(data_dir, monkeypatch, code)
    status, out, err = cli(capsys, data_dir, *args)

    assert status == 1
    assert out == ""
    assert err.startswith(
        f"infoint: the data folder {data_dir} is read-only: nothing can be saved ("
    )
    assert err.count("\n") == 1, err
    assert folder.attempts == []
    monkeypatch.undo()
    assert snapshot(data_dir) == before


def test_add_leaves_the_data_unchanged(
    demo_store: Store,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = snapshot(data_dir)
    ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    assert cli(capsys, data_dir, "add", "--name", "Linus")[0] == 1
    monkeypatch.undo()
    assert snapshot(data_dir) == before
    assert "Linus" not in {c.name for c in Store(data_dir).open().contacts}


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="runs as root: chmod 0555 does not stop root writing; "
    "the simulated folder above covers the logic",
)
def test_a_real_folder_without_write_permission(
    demo_store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, usual, _ = cli(capsys, data_dir, "list")
    assert status == 0
    (data_dir / LOCK_NAME).unlink()
    data_dir.chmod(0o555)
    try:
        before = snapshot(data_dir)
        status, out, err = cli(capsys, data_dir, "list")
        assert (status, out) == (0, usual)
        assert err == (
            f"infoint: note: the data folder {data_dir} is read-only (you cannot write to it): "
            "showing it as it is; nothing can be saved\n"
        )
        assert cli(capsys, data_dir, "add", "--name", "Linus")[0] == 1
        assert snapshot(data_dir) == before
        assert data_dir.stat().st_mode & 0o777 == 0o555  # not chmodded back
    finally:
        data_dir.chmod(0o700)
