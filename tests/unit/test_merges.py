"""Changes made while another process changed the same data: nothing is lost."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from infoint_tui.core.contacts import followups, pipeline
from infoint_tui.core.contacts.board import BoardState
from infoint_tui.core.contacts.changes import ChangeSet, ContactChange, UndoHistory
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock


def test_a_change_without_its_own_merge_keeps_the_other_process_edit(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada"))
    other = Store(data_dir, clock=clock).open()
    other.contacts.put(replace(other.contacts.require(ada.id), notes="their note"))
    snoozed = followups.snooze(ada, date(2026, 12, 9), clock())  # computed from the old Ada
    stored = pipeline.apply(store.contacts, ChangeSet("snooze", (ContactChange(ada, snoozed),)))
    assert stored[0].notes == "their note"
    assert stored[0].follow_up == date(2026, 12, 9)
    assert stored[0].events[-1].text.startswith("Snoozed")


def test_a_file_laid_out_by_hand_is_never_mispaired(store: Store, data_dir: Path) -> None:
    store.contacts.insert_many([Contact(name="A"), Contact(name="B")])
    path = data_dir / "contacts.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    one, two = data["contacts"]["1"], data["contacts"]["2"]
    meta = json.dumps(data["_meta"]["1"])
    path.write_text(
        f'{{\n"_meta": {{\n"1": {meta}\n}},\n"contacts": {{"2": {json.dumps(two)},\n'
        f'"1": {json.dumps(one)}\n}}\n}}\n',
        encoding="utf-8",
    )
    again = Store(data_dir).open()
    again.contacts.put(replace(again.contacts.require(2), notes="edited"))
    reopened = Store(data_dir).open()
    assert reopened.contacts.require(2).notes == "edited"
    assert reopened.contacts.require(1).name == "A"


def test_the_selection_stays_on_its_card_when_a_card_above_changes() -> None:
    contacts = {n: Contact(name=f"C{n}", id=n, rank=float(n)) for n in range(1, 7)}
    board = BoardState(contacts)
    board.cursor_to(3)
    assert board.selected().name == "C4"  # type: ignore[union-attr]
    moved_up = replace(contacts[5], rank=-1.0)  # a card below jumps above the cursor
    board.apply(ChangeSet("reorder", (ContactChange(contacts[5], moved_up),)))
    assert board.selected().name == "C4"  # type: ignore[union-attr]
    gone = ChangeSet("delete", (ContactChange(contacts[1], None),))
    board.apply(gone)
    assert board.selected().name == "C4"  # type: ignore[union-attr]
    assert board.total(Stage.TARGET) == 5


def test_a_move_of_a_contact_deleted_meanwhile_is_dropped(store: Store, clock: FakeClock) -> None:
    ada = store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    bo = store.contacts.insert(Contact.create({"name": "Bo"}, now=clock()))
    move = pipeline.move_change(ada, Stage.MET, store.contacts.all(), now=clock())
    edit = ChangeSet("notes", (ContactChange(ada, replace(ada, notes="mine")),))  # no transform
    swap = pipeline.swap_change(ada, bo, now=clock())
    store.contacts.delete(ada.id)  # the delete lands before the changes computed without it
    for change_set in (move, edit, swap):
        stored = pipeline.apply(store.contacts, change_set)
        assert ada.id not in {contact.id for contact in stored}
        assert stored.dropped == (ada.id,)
        assert store.contacts.get(ada.id) is None
    assert store.contacts.require(bo.id).rank == swap.changes[1].after.rank  # type: ignore[union-attr]


def test_undoing_a_delete_still_restores_the_contact(store: Store, clock: FakeClock) -> None:
    ada = store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    history = UndoHistory()
    delete = ChangeSet("Deleted Ada", (ContactChange(ada, None),))
    pipeline.apply(store.contacts, delete)
    history.record(delete)
    assert store.contacts.get(ada.id) is None
    undo = history.undo()
    assert undo is not None
    stored = pipeline.apply(store.contacts, undo)
    assert stored == [ada] and stored.dropped == ()
    assert store.contacts.require(ada.id) == ada
