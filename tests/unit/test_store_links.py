"""Nothing is ever written through a symbolic link: not a data file, not the lock
or its holder file, not a backup. A link where infoint writes is refused with a
message naming it, and the file it points to is left exactly as it was (contents
and mode)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.atomic import WriteFailed, atomic_write
from infoint_tui.core.store.backups import backup_dir, daily_backup_path, take_named_backup
from infoint_tui.core.store.errors import StoreError
from infoint_tui.core.store.lock import HOLDER_NAME, LOCK_NAME
from tests.conftest import FakeClock
from tests.fixtures.store_worker import temp_files


def refusal(path: Path) -> str:
    return (
        f"{path} is a symbolic link; infoint will not write through it: "
        "replace it with the file it points to"
    )


PRECIOUS: dict[Path, bytes] = {}


@pytest.fixture
def elsewhere(tmp_path: Path, clock: FakeClock) -> Path:
    """The file a planted link points to (a contacts file of another folder,
    holding Ada Elsewhere, mode 0644): it must come out untouched."""
    folder = tmp_path / "elsewhere"
    other = Store(folder, clock=clock).open()
    other.contacts.insert(Contact.create({"name": "Ada Elsewhere"}, now=clock()))
    target = folder / "contacts.json"
    target.chmod(0o644)
    PRECIOUS[target] = target.read_bytes()
    return target


def untouched(target: Path) -> bool:
    info = target.stat()
    return target.read_bytes() == PRECIOUS[target] and stat.S_IMODE(info.st_mode) == 0o644


def add(store: Store, name: str) -> Contact:
    return store.contacts.insert(Contact.create({"name": name}, now=store.clock()))


def test_a_data_file_that_is_a_link_is_read_but_never_written(
    data_dir: Path, clock: FakeClock, elsewhere: Path
) -> None:
    data_dir.mkdir(mode=0o700)
    link = data_dir / "contacts.json"
    link.symlink_to(elsewhere)

    store = Store(data_dir, clock=clock).open()  # reading through it is fine
    with pytest.raises(StoreError) as refused:
        add(store, "Ada")

    assert refusal(link) in str(refused.value)
    assert untouched(elsewhere)
    assert link.is_symlink() and link.readlink() == elsewhere
    assert temp_files(data_dir) == []
    assert [c.name for c in store.contacts] == ["Ada Elsewhere"]


def test_the_cli_says_so_in_one_line(
    data_dir: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "contacts.json").symlink_to(elsewhere)
    assert main(["add", "--name", "Ada", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"infoint: {refusal(data_dir / 'contacts.json')}")
    assert err.count("\n") == 1
    assert untouched(elsewhere)


def test_opening_does_not_chmod_through_a_link(
    data_dir: Path, clock: FakeClock, elsewhere: Path
) -> None:
    data_dir.mkdir(mode=0o700)
    (data_dir / "companies.json").symlink_to(elsewhere)
    (data_dir / "profile.json").symlink_to(data_dir / "missing.json")  # dangling
    Store(data_dir, clock=clock).open(defer=("companies",))
    assert untouched(elsewhere)


@pytest.mark.parametrize("name", [HOLDER_NAME, LOCK_NAME])
def test_a_lock_file_that_is_a_link_is_refused(
    store: Store, data_dir: Path, clock: FakeClock, elsewhere: Path, name: str
) -> None:
    add(store, "Ada")
    before = (data_dir / "contacts.json").read_bytes()
    link = data_dir / name
    link.unlink(missing_ok=True)
    link.symlink_to(elsewhere)

    with pytest.raises(StoreError) as refused:
        add(store, "Grace")
    assert refusal(link) in str(refused.value)
    with pytest.raises(StoreError) as refused_open:
        Store(data_dir, clock=clock).open()
    assert refusal(link) in str(refused_open.value)

    assert untouched(elsewhere)
    assert link.is_symlink()
    assert (data_dir / "contacts.json").read_bytes() == before
    assert [c.name for c in store.contacts] == ["Ada"]


def test_a_backup_that_is_a_link_is_refused(
    store: Store, data_dir: Path, clock: FakeClock, elsewhere: Path
) -> None:
    add(store, "Ada")
    before = (data_dir / "contacts.json").read_bytes()
    clock.advance(days=1)  # the next save takes today's backup first
    link = daily_backup_path(data_dir / "contacts.json", clock().date())
    backup_dir(data_dir).mkdir(exist_ok=True)
    link.symlink_to(elsewhere)

    with pytest.raises(StoreError) as refused:
        add(store, "Grace")

    assert refusal(link) in str(refused.value)
    assert untouched(elsewhere)
    assert link.is_symlink()
    assert (data_dir / "contacts.json").read_bytes() == before
    assert [c.name for c in store.contacts] == ["Ada"]
    assert temp_files(data_dir) == []


def test_a_dangling_backup_link_is_refused_too(
    store: Store, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    add(store, "Ada")
    clock.advance(days=1)
    link = daily_backup_path(data_dir / "contacts.json", clock().date())
    backup_dir(data_dir).mkdir(exist_ok=True)
    link.symlink_to(tmp_path / "not-yet")
    with pytest.raises(StoreError, match="is a symbolic link"):
        add(store, "Grace")
    assert not (tmp_path / "not-yet").exists()
    assert link.is_symlink()


def test_atomic_write_refuses_a_link(tmp_path: Path, elsewhere: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(elsewhere)
    with pytest.raises(WriteFailed) as refused:
        atomic_write(link, b"new")
    assert refusal(link) in str(refused.value)
    assert untouched(elsewhere)
    assert link.is_symlink()
    assert [p.name for p in tmp_path.iterdir()] == ["elsewhere", "out.csv"]


def test_the_temp_file_is_created_without_following_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flags_seen: list[int] = []
    real_open = os.open

    def spy(path: object, flags: int, *args: object, **kw: object) -> int:
        flags_seen.append(flags)
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    atomic_write(tmp_path / "file.json", b"{}")
    creating = [flags for flags in flags_seen if flags & os.O_CREAT]
    assert creating
    assert all(flags & os.O_EXCL and flags & os.O_NOFOLLOW for flags in creating)


def test_a_named_backup_never_writes_through_a_link(
    store: Store, data_dir: Path, clock: FakeClock, elsewhere: Path
) -> None:
    add(store, "Ada")
    backup_dir(data_dir).mkdir(exist_ok=True)
    stamp = clock().strftime("%Y%m%dT%H%M%SZ")
    link = backup_dir(data_dir) / f"contacts.pre-restore-{stamp}.json"
    link.symlink_to(data_dir / "gone.json")  # dangling: exists() is False
    with pytest.raises(WriteFailed) as refused:
        take_named_backup(data_dir / "contacts.json", "pre-restore", clock())
    assert refusal(link) in str(refused.value)
    assert not (data_dir / "gone.json").exists()
