"""Personal data: the folder is 0700 and every file in it 0600 (data, backups, lock
files and temp files), whatever the umask, and looser modes are tightened on open."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.cli import main
from infoint_tui.core.companies import Company
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.profile import Profile
from infoint_tui.core.store.backups import backup_dir
from infoint_tui.core.store.lock import HOLDER_NAME, LOCK_NAME
from tests.conftest import FakeClock


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def fill(store: Store, clock: FakeClock) -> None:
    """Every kind of file: three data files, daily and named backups."""
    for day in range(3):
        store.contacts.insert(Contact.create({"name": f"person {day}"}, now=clock()))
        store.companies.insert(Company.create({"name": f"company {day}"}, now=clock()))
        store.save_profile(Profile(name=f"me {day}", id=1))
        clock.advance(days=1)


def test_every_file_and_folder_is_private(
    umask: int,
    tmp_path: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "deep" / "data"
    temp_modes: dict[str, int] = {}
    real_replace = os.replace

    def inspect_temp_file(src: Any, dst: Any, **kw: Any) -> None:
        temp_modes[Path(src).name] = mode(Path(src))
        real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "replace", inspect_temp_file)
    store = Store(data_dir, clock=clock).open()
    holder_modes: list[int] = []
    with store.lock.hold():
        holder_modes.append(mode(data_dir / HOLDER_NAME))
    fill(store, clock)
    backups = sorted(p.name for p in backup_dir(data_dir).iterdir())
    assert main(["restore", backups[0], "--data-dir", str(data_dir)]) == 0  # a named backup
    capsys.readouterr()
    monkeypatch.undo()

    assert mode(data_dir) == 0o700
    assert mode(backup_dir(data_dir)) == 0o700
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"contacts.json", "companies.json", "profile.json", LOCK_NAME} <= names
    assert any("pre-restore" in name for name in names)
    assert len([p for p in files if p.parent == backup_dir(data_dir)]) >= 7
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert holder_modes == [0o600]
    assert len(temp_modes) >= 10
    assert set(temp_modes.values()) == {0o600}, temp_modes


def test_opening_tightens_files_and_folders_made_with_loose_modes(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock).open()
    fill(store, clock)
    loose = [p for p in data_dir.rglob("*") if p.is_file()]
    for path in loose:
        path.chmod(0o644)
    data_dir.chmod(0o755)
    backup_dir(data_dir).chmod(0o755)

    Store(data_dir, clock=clock).open()

    assert mode(data_dir) == 0o700
    assert {p.name: mode(p) for p in loose} == {p.name: 0o600 for p in loose}


def test_a_new_backup_folder_is_private(data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir, clock=clock).open()
    assert not backup_dir(data_dir).exists()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    assert mode(backup_dir(data_dir)) == 0o700
