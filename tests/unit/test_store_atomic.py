"""A save is a temp file in the same folder, fsync, os.replace, fsync of the folder,
under the data lock; temp files a dead writer left are removed when a store opens."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.atomic import WRITE_BLOCK, atomic_write
from infoint_tui.core.store.backups import backup_dir
from infoint_tui.core.store.issued import issued_path
from infoint_tui.core.store.lock import DataLock, LockTimeout
from tests.conftest import FakeClock
from tests.fixtures.store_worker import temp_files


def add(store: Store, name: str) -> Contact:
    return store.contacts.insert(Contact.create({"name": name}, now=store.clock()))


class OsSpy:
    """Records open / write / fsync / close / replace calls, with the path behind each fd."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, on_replace: Any = None) -> None:
        self.events: list[tuple[str, Path | None]] = []
        self.replaced: list[tuple[Path, Path]] = []
        self._paths: dict[int, Path] = {}
        self._on_replace = on_replace
        real_open, real_write = os.open, os.write
        real_fsync, real_close, real_replace = os.fsync, os.close, os.replace

        def spy_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            fd = real_open(path, flags, mode, **kw)
            self._paths[fd] = Path(path)
            self.events.append(("open", Path(path)))
            return fd

        def spy_write(fd: int, data: Any) -> int:
            self.events.append(("write", self._paths.get(fd)))
            return real_write(fd, data)

        def spy_fsync(fd: Any) -> None:
            self.events.append(("fsync", self._paths.get(fd)))
            real_fsync(fd)

        def spy_close(fd: int) -> None:
            self.events.append(("close", self._paths.pop(fd, None)))
            real_close(fd)

        def spy_replace(src: Any, dst: Any, **kw: Any) -> None:
            if self._on_replace is not None:
                self._on_replace(Path(src), Path(dst))
            real_replace(src, dst, **kw)
            self.events.append(("replace", Path(dst)))
            self.replaced.append((Path(src), Path(dst)))

        monkeypatch.setattr(os, "open", spy_open)
        monkeypatch.setattr(os, "write", spy_write)
        monkeypatch.setattr(os, "fsync", spy_fsync)
        monkeypatch.setattr(os, "close", spy_close)
        monkeypatch.setattr(os, "replace", spy_replace)

    def about(self, *paths: Path) -> list[tuple[str, Path | None]]:
        return [event for event in self.events if event[1] in paths]


def test_a_save_fsyncs_the_temp_file_then_renames_it_then_fsyncs_the_folder(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Ada")
    add(store, "Grace")  # today's backup is now taken: the next save writes one file
    path = data_dir / "contacts.json"
    spy = OsSpy(monkeypatch)
    add(store, "Linus")
    monkeypatch.undo()

    # The highest id issued is recorded first: a crash between the two skips an id.
    assert [target for _, target in spy.replaced] == [issued_path(data_dir), path]
    temp, target = spy.replaced[1]
    assert target == path
    assert temp.parent == path.parent  # same folder: the rename cannot cross filesystems
    assert temp.name.startswith(".contacts.json.tmp-")
    spy.events = spy.events[spy.events.index(("open", temp)) :]
    sequence = [kind for kind, _ in spy.about(temp, path, data_dir)]
    writes = sequence.count("write")
    assert writes >= 1
    assert sequence == [
        "open",  # the temp file, created exclusively
        *["write"] * writes,
        "fsync",  # the temp file's bytes are on disk ...
        "close",
        "replace",  # ... before it takes the real name ...
        "open",  # ... and the folder entry is made durable after
        "fsync",
        "close",
        "open",  # the new file stays open so its inode is not reused (see storage.pin)
    ]
    assert [path for kind, path in spy.about(temp, path, data_dir) if kind == "fsync"] == [
        temp,
        data_dir,
    ]
    assert not temp.exists()
    assert [c.name for c in Store(data_dir).open().contacts] == ["Ada", "Grace", "Linus"]


def test_every_replace_happens_under_the_data_lock(
    store: Store, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(store, "Ada")
    checked: list[Path] = []

    def another_process_tries_the_lock(src: Path, dst: Path) -> None:
        with pytest.raises(LockTimeout), DataLock(data_dir).hold(timeout=0):
            pass
        checked.append(dst)

    OsSpy(monkeypatch, on_replace=another_process_tries_the_lock)
    clock.advance(days=1)
    add(store, "Grace")  # today's backup, then the file itself
    store.contacts.update(1, lambda c: c.with_values({"title": "CTO"}, now=clock()))
    store.contacts.delete(2)
    monkeypatch.undo()

    backup = backup_dir(data_dir) / "contacts.2026-11-27.json"
    assert checked == [backup, issued_path(data_dir)] + [data_dir / "contacts.json"] * 3


def test_opening_removes_temp_files_left_by_a_dead_writer(store: Store, data_dir: Path) -> None:
    add(store, "Ada")
    add(store, "Grace")
    path = data_dir / "contacts.json"
    good = path.read_bytes()
    stale = [
        data_dir / ".contacts.json.tmp-4242-0badf00d",
        data_dir / ".companies.json.tmp-4243-deadbeef",
        backup_dir(data_dir) / ".contacts.2026-11-26.json.tmp-4242-00c0ffee",
    ]
    for leftover in stale:
        leftover.write_bytes(good[: len(good) // 2])
    unrelated = [data_dir / "notes.txt", data_dir / ".hidden", data_dir / "tmp-not-ours.json"]
    for keep in unrelated:
        keep.write_text("mine")

    reopened = Store(data_dir).open()

    assert temp_files(data_dir) == []
    assert all(keep.read_text() == "mine" for keep in unrelated)
    assert path.read_bytes() == good
    assert [c.name for c in reopened.contacts] == ["Ada", "Grace"]


def test_a_save_leaves_no_temp_file_behind(store: Store, data_dir: Path, clock: FakeClock) -> None:
    for day in range(3):
        add(store, f"person {day}")
        clock.advance(days=1)
    assert temp_files(data_dir) == []
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file()) == [
        ".infoint.lock",
        "contacts.json",
        "issued-ids.json",  # the highest id ever issued (see core/issued.py)
    ]


def test_pieces_are_written_whole_and_in_order(tmp_path: Path) -> None:
    # Many small pieces and one bigger than a write block: the file is their
    # concatenation, exactly.
    pieces = [f"line {n}\n".encode() for n in range(20_000)] + [b"x" * (WRITE_BLOCK * 2 + 7)]
    target = tmp_path / "file.json"
    atomic_write(target, iter(pieces))
    assert target.read_bytes() == b"".join(pieces)
    atomic_write(target, [])
    assert target.read_bytes() == b""


def test_a_large_file_saves_with_every_document(store: Store, data_dir: Path) -> None:
    store.contacts.insert_many(Contact(name=f"Person {n}", rank=float(n)) for n in range(500))
    person = store.contacts.require(250)
    store.contacts.put(replace(person, title="Engineer"))
    reopened = Store(data_dir).open()
    assert len(reopened.contacts) == 500
    assert reopened.contacts.require(250).title == "Engineer"
    assert reopened.contacts.require(500).name == "Person 499"
