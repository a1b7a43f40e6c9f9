"""A data folder that is not private to the user is refused with a message saying
how to fix it: one owned by another user (chown), or one others can write that
cannot be made private (chmod 700). Modes are only ever tightened: a file or
folder the user made read-only stays read-only, and a read-only file is not
replaced by a save.

Tests run as root, which owns every folder it makes and whose chmod always
works, so another owner is simulated by changing what os.geteuid() answers and a
failing chmod by a patched os.chmod; a real chown runs only as root.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.atomic import ensure_private_dir
from infoint_tui.core.store.backups import backup_dir
from infoint_tui.core.store.errors import DataDirError, SaveFailed
from tests.conftest import FakeClock
from tests.fixtures.read_only import ReadOnlyFolder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def someone_else(monkeypatch: pytest.MonkeyPatch) -> int:
    """This process now runs as a user who owns nothing in tmp_path."""
    other = os.geteuid() + 4242
    monkeypatch.setattr(os, "geteuid", lambda: other)
    return other


def failing_chmod(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """chmod on ``folder`` fails as it does for a folder one does not own."""
    tried: list[Path] = []
    real_chmod = os.chmod

    def chmod(path: Any, *args: Any, **kw: Any) -> None:
        if Path(path) == folder:
            tried.append(Path(path))
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(path))
        real_chmod(path, *args, **kw)

    monkeypatch.setattr(os, "chmod", chmod)
    return tried


def test_a_folder_of_another_user_is_refused(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = data_dir.stat().st_uid
    someone_else(monkeypatch)
    before = mode(data_dir)
    with pytest.raises(DataDirError) as refused:
        Store(data_dir).open()
    message = str(refused.value)
    assert message.startswith(f"the folder {data_dir} belongs to another user (uid {owner})")
    assert "chown" in message and str(data_dir) in message
    assert mode(data_dir) == before


def test_the_cli_says_chown_in_one_line(
    demo_store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    someone_else(monkeypatch)
    assert main(["list", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"infoint: --data-dir {data_dir} belongs to another user")
    assert "chown" in err
    assert err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_really_owned_by_another_user_is_refused(
    demo_store: Store, data_dir: Path
) -> None:
    os.chown(data_dir, 4242, 4242)
    with pytest.raises(DataDirError, match="belongs to another user"):
        Store(data_dir).open()
    assert data_dir.stat().st_uid == 4242  # nothing was changed back


def test_a_backup_folder_of_another_user_is_refused(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_stat = os.stat
    other = os.geteuid() + 4242

    def stat_(path: Any, *args: Any, **kw: Any) -> os.stat_result:
        result = real_stat(path, *args, **kw)
        if not isinstance(path, int) and Path(path) == backup_dir(data_dir):
            fields = list(result)
            fields[stat.ST_UID] = other
            return os.stat_result(fields)
        return result

    backup_dir(data_dir).mkdir(mode=0o700, exist_ok=True)
    monkeypatch.setattr(os, "stat", stat_)
    with pytest.raises(DataDirError, match=f"{backup_dir(data_dir)} belongs to another user"):
        Store(data_dir).open()


def test_a_backup_folder_that_cannot_be_created_does_not_block_the_save(
    demo_store: Store, data_dir: Path, clock: FakeClock
) -> None:
    backup_dir(data_dir).write_text("in the way\n")
    store = Store(data_dir, clock=clock).open()
    clock.advance(days=1)
    store.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))
    assert "Linus" in {c.name for c in Store(data_dir).open().contacts}


def test_a_read_only_folder_of_another_user_is_refused_too(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    someone_else(monkeypatch)
    with pytest.raises(DataDirError, match="belongs to another user"):
        Store(data_dir).open()


@pytest.mark.parametrize("loose", [0o777, 0o770, 0o707, 0o720])
def test_a_folder_others_can_write_that_cannot_be_made_private_is_refused(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch, loose: int
) -> None:
    data_dir.chmod(loose)
    tried = failing_chmod(monkeypatch, data_dir)
    with pytest.raises(DataDirError) as refused:
        Store(data_dir).open()
    message = str(refused.value)
    assert message.startswith(f"the folder {data_dir} can be written by other users")
    assert f"(mode {loose:04o})" in message
    assert f"chmod 700 {data_dir}" in message
    assert tried  # it did try to fix it first
    assert mode(data_dir) == loose


def test_a_folder_others_can_only_read_is_used_when_chmod_fails(
    demo_store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readable by others is worth tightening but not worth refusing (a file system
    without Unix modes shows every folder as 0755)."""
    data_dir.chmod(0o755)
    failing_chmod(monkeypatch, data_dir)
    assert len(Store(data_dir).open().contacts) == len(demo_store.contacts)


def test_own_loose_folders_are_still_tightened(demo_store: Store, data_dir: Path) -> None:
    data_dir.chmod(0o777)
    Store(data_dir).open()
    assert mode(data_dir) == 0o700


def test_a_read_only_folder_is_not_made_writable(demo_store: Store, data_dir: Path) -> None:
    data_dir.chmod(0o500)
    try:
        Store(data_dir).open()
        assert mode(data_dir) == 0o500
        data_dir.chmod(0o555)
        Store(data_dir).open()
        # Root can write it, so the store opens writable and takes the others'
        # bits away (never adding the owner's); a user cannot, so the store
        # opens read-only and changes nothing.
        assert mode(data_dir) == (0o500 if os.geteuid() == 0 else 0o555)
    finally:
        data_dir.chmod(0o700)


def test_ensure_private_dir_only_removes_bits(tmp_path: Path) -> None:
    for before, after in [(0o755, 0o700), (0o711, 0o700), (0o500, 0o500), (0o555, 0o500)]:
        folder = tmp_path / f"f{before:o}"
        folder.mkdir()
        folder.chmod(before)
        ensure_private_dir(folder)
        assert mode(folder) == after, f"{before:o}"
        folder.chmod(0o700)


def test_read_only_files_stay_read_only(demo_store: Store, data_dir: Path) -> None:
    contacts, companies, profile = (
        data_dir / "contacts.json",
        data_dir / "companies.json",
        data_dir / "profile.json",
    )
    contacts.chmod(0o400)
    companies.chmod(0o444)
    profile.chmod(0o644)
    Store(data_dir).open()
    assert (mode(contacts), mode(companies), mode(profile)) == (0o400, 0o400, 0o600)


def test_a_save_does_not_replace_a_read_only_file(
    demo_store: Store, data_dir: Path, clock: FakeClock
) -> None:
    contacts = data_dir / "contacts.json"
    contacts.chmod(0o400)
    before = contacts.read_bytes()
    store = Store(data_dir, clock=clock).open()
    count = len(store.contacts)

    with pytest.raises(SaveFailed) as refused:
        store.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))

    message = str(refused.value)
    assert f"{contacts} is read-only (mode 0400); infoint will not replace it" in message
    assert f"chmod 600 {contacts}" in message
    assert contacts.read_bytes() == before
    assert mode(contacts) == 0o400
    assert len(store.contacts) == count
    store.save_profile(store.profile)  # the other files still save
