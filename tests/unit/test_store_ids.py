"""An id is never issued twice: restoring an older file does not rewind the ids,
so a new contact never takes the id a letter, an interview, a network link or a
running timer still refers to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.people import Person
from infoint_tui.core.interviews import interview as iv
from infoint_tui.core.letters.letter import Letter
from infoint_tui.core.store.backups import take_named_backup
from tests.conftest import START, FakeClock


def add(store: Store, name: str) -> Contact:
    return store.contacts.insert(Contact.create({"name": name}, now=store.clock()))


def restore(data_dir: Path, backup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As the user does it: ``infoint restore <backup>``."""
    assert main(["restore", backup.name, "--data-dir", str(data_dir)]) == 0
    assert "Restored" in capsys.readouterr().out


def test_a_restored_contacts_file_does_not_rewind_the_ids(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(1, 6):
        add(store, f"person {number}")
    backup = take_named_backup(data_dir / "contacts.json", "before-seven", clock())
    assert backup is not None
    add(store, "person 6")
    seven = add(store, "person 7")
    letter = store.letters.insert(Letter.create(7, "intro", "Hello", "Hi.", now=clock()))
    interview = store.interviews.insert(iv.start(iv.new_interview(seven, START), START))
    person = store.network.insert(Person(name="Seven", contact_id=7))

    restore(data_dir, backup, capsys)

    reopened = Store(data_dir, clock=clock).open()
    assert sorted(reopened.contacts.all()) == [1, 2, 3, 4, 5]
    new = add(reopened, "newcomer")
    assert new.id == 8
    assert reopened.letters.require(letter.id).contact_id == 7 != new.id
    assert reopened.interviews.require(interview.id).contact_id == 7 != new.id
    assert reopened.network.require(person.id).contact_id == 7 != new.id


def test_a_session_open_during_the_restore_does_not_rewind_either(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(1, 6):
        add(store, f"person {number}")
    backup = take_named_backup(data_dir / "contacts.json", "before-seven", clock())
    assert backup is not None
    add(store, "person 6")
    add(store, "person 7")

    restore(data_dir, backup, capsys)

    assert store.refresh() == ["contacts"]  # the app that was open all along
    assert add(store, "newcomer").id == 8
    assert add(Store(data_dir, clock=clock).open(), "another").id == 9


def test_restoring_twice_never_lowers_the_mark(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    add(store, "one")
    first = take_named_backup(data_dir / "contacts.json", "one", clock())
    assert first is not None
    for number in range(2, 11):
        add(store, f"person {number}")
    restore(data_dir, first, capsys)
    restore(data_dir, first, capsys)  # again: the current file now holds only id 1
    assert add(Store(data_dir, clock=clock).open(), "eleven").id == 11


def test_letters_are_never_renumbered_either(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(3):
        store.letters.insert(Letter.create(1, "intro", f"Letter {number}", "Hi.", now=clock()))
    backup = take_named_backup(data_dir / "letters.json", "three", clock())
    assert backup is not None
    store.letters.insert(Letter.create(1, "intro", "Letter 4", "Hi.", now=clock()))
    store.letters.insert(Letter.create(1, "intro", "Letter 5", "Hi.", now=clock()))

    restore(data_dir, backup, capsys)

    reopened = Store(data_dir, clock=clock).open()
    assert sorted(reopened.letters.all()) == [1, 2, 3]
    again = reopened.letters.insert(Letter.create(1, "intro", "Again", "Hi.", now=clock()))
    assert again.id == 6


def test_network_people_are_never_renumbered_either(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    store.network.insert_many(Person(name=f"person {n}") for n in range(1, 4))
    backup = take_named_backup(data_dir / "network.json", "three", clock())
    assert backup is not None
    store.network.insert(Person(name="person 4"))

    restore(data_dir, backup, capsys)

    reopened = Store(data_dir, clock=clock).open()
    assert reopened.network.insert(Person(name="again")).id == 5


def test_a_restore_over_a_file_made_before_the_mark_existed(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Data from an earlier version: only the file being replaced knows its ids."""
    for number in range(1, 4):
        add(store, f"person {number}")
    backup = take_named_backup(data_dir / "contacts.json", "three", clock())
    assert backup is not None
    add(store, "person 4")
    for path in data_dir.iterdir():
        if path.is_file() and path.name.endswith(".json") and path.stem.endswith("ids"):
            path.unlink()  # as an earlier version left the folder

    restore(data_dir, backup, capsys)

    assert add(Store(data_dir, clock=clock).open(), "again").id == 5


def test_a_damaged_mark_does_not_stop_saving(store: Store, data_dir: Path) -> None:
    add(store, "one")
    marks = [p for p in data_dir.iterdir() if p.name.endswith("ids.json")]
    assert len(marks) == 1
    for damage in (b"[" * 100_000, b'{"contacts": NaN}', b"\0", b'{"contacts": 1e999}'):
        marks[0].write_bytes(damage)
        assert add(store, "next").id >= 2
    assert sorted(Store(data_dir).open().contacts.all()) == [1, 2, 3, 4, 5]


def test_the_mark_is_kept_in_a_small_private_file(store: Store, data_dir: Path) -> None:
    add(store, "one")
    add(store, "two")
    marks = [p for p in data_dir.iterdir() if p.name.endswith("ids.json")]
    assert len(marks) == 1
    assert marks[0].stat().st_mode & 0o777 == 0o600
    assert json.loads(marks[0].read_bytes())["issued"] == {"contacts": 2}
