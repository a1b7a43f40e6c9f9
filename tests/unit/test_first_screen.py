"""The first screen kept at quit: shown at the next start only for the very file it came from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from infoint_tui.cli import open_for_app
from infoint_tui.core import first_screen
from infoint_tui.core.board import BoardState
from infoint_tui.core.first_screen import FirstScreen
from infoint_tui.core.models import Contact, Stage, StageChange
from infoint_tui.core.pipeline import move_change
from infoint_tui.core.session import Session
from infoint_tui.core.settings import Settings
from infoint_tui.core.store import Store
from tests.conftest import START, FakeClock


def _people(store: Store, per_stage: dict[Stage, int]) -> None:
    contacts = []
    for stage, count in per_stage.items():
        for number in range(count):
            contacts.append(
                Contact(
                    name=f"{stage.label} {number:03d}",
                    company="Acme",
                    notes=f"notes of {number}",
                    stage=stage,
                    rank=float(count - number),  # the board's order is not the id order
                    stage_history=(StageChange(stage, START),),
                    created=START,
                    updated=START,
                )
            )
    store.contacts.insert_many(contacts)


def _quit(store: Store, clock: FakeClock, per_stage: int = 12) -> None:
    session = Session(store, Settings(), clock=clock)
    session.first_screen_cards = per_stage
    assert session.close(5)


def _reopened(
    store: Store, clock: FakeClock, data_dir: Path, targets: int
) -> tuple[Store, FirstScreen]:
    """``targets`` contacts in Target, a quit that keeps 12 per stage, and the next start."""
    _people(store, {Stage.TARGET: targets})
    _quit(store, clock)
    reopened, first = open_for_app(data_dir)
    assert first is not None
    return reopened, first


def test_quitting_keeps_each_lanes_first_cards_and_every_count(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _people(store, {Stage.TARGET: 30, Stage.MET: 3})
    _quit(store, clock, per_stage=12)

    first = first_screen.read(data_dir, store.contacts.disk_signature())

    assert first is not None
    assert first.totals[Stage.TARGET] == 30 and first.totals[Stage.MET] == 3
    assert first.totals[Stage.CLOSED] == 0
    targets = sorted(
        (c for c in first.contacts.values() if c.stage is Stage.TARGET),
        key=lambda c: (c.rank, c.id),
    )
    # The twelve the lane shows first (lowest rank), whole: notes and history too.
    assert [c.name for c in targets] == [f"Target {n:03d}" for n in range(29, 17, -1)]
    assert all(c == store.contacts.get(c.id) for c in first.contacts.values())
    assert len(first.contacts) == 15


def test_any_other_write_to_the_contacts_file_makes_it_stale(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _people(store, {Stage.TARGET: 3})
    _quit(store, clock)
    other = Store(data_dir, clock=clock).open()  # another process (or the CLI)
    contact = other.contacts.all()[1]
    other.contacts.put(contact.with_values({"name": "Renamed"}, now=START))

    assert first_screen.read(data_dir, store.contacts.disk_signature()) is None
    reopened, first = open_for_app(data_dir)
    assert first is None
    assert reopened.contacts.loaded
    renamed = reopened.contacts.get(1)
    assert renamed is not None and renamed.name == "Renamed"


def test_a_valid_copy_leaves_the_contacts_unread_until_asked(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    reopened, first = _reopened(store, clock, data_dir, targets=3)

    assert len(first.contacts) == 3
    assert not reopened.opened  # no file read, no lock taken: the app opens it after the paint
    assert not reopened.contacts.loaded


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "",
        lambda text: "\x00" * 40,
        lambda text: text.replace('"version":1', '"version":99'),
        lambda text: text.replace('"target":3', '"target":-3'),
        lambda text: text.replace('"target":3', '"target":"three"'),
        lambda text: text.replace('"met":0,', ""),
        lambda text: text.replace('"id":1', '"id":"one"'),
        lambda text: text.replace('"stage":"target"', '"stage":"nowhere"'),
        lambda text: '["a list"]',
    ],
    ids=[
        "truncated",
        "empty",
        "nul-bytes",
        "newer-version",
        "negative-count",
        "text-count",
        "missing-stage",
        "text-id",
        "unknown-stage",
        "wrong-shape",
    ],
)
def test_a_damaged_copy_is_ignored(
    store: Store, clock: FakeClock, data_dir: Path, damage: object
) -> None:
    _people(store, {Stage.TARGET: 3})
    _quit(store, clock)
    path = first_screen.cache_path(data_dir)
    assert callable(damage)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")

    assert first_screen.read(data_dir, store.contacts.disk_signature()) is None
    _, first = open_for_app(data_dir)
    assert first is None


def test_a_copy_edited_to_hold_escape_codes_is_cleaned_like_the_data(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _people(store, {Stage.TARGET: 1})
    _quit(store, clock)
    path = first_screen.cache_path(data_dir)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["contacts"][0]["name"] = "Eve\x1b]0;owned\x07 [b]Bold[/b]\u202e"
    path.write_text(json.dumps(document), encoding="utf-8")

    first = first_screen.read(data_dir, store.contacts.disk_signature())

    assert first is not None
    assert first.contacts[1].name == "Eve [b]Bold[/b]"


def test_a_copy_that_cannot_be_written_is_not_an_error(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _people(store, {Stage.TARGET: 2})
    if os.geteuid() == 0:
        # root writes through modes: make the name a folder instead.
        first_screen.cache_path(data_dir).mkdir()
    else:
        data_dir.chmod(0o500)
    try:
        _quit(store, clock)
        assert first_screen.read(data_dir, store.contacts.disk_signature()) is None
    finally:
        data_dir.chmod(0o700)


def test_the_copy_is_private(store: Store, clock: FakeClock, data_dir: Path) -> None:
    _people(store, {Stage.TARGET: 2})
    _quit(store, clock)
    assert first_screen.cache_path(data_dir).stat().st_mode & 0o777 == 0o600


def test_finishing_the_read_keeps_a_change_made_on_the_first_screen(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    reopened, first = _reopened(store, clock, data_dir, targets=30)
    session = Session(reopened, Settings(), clock=clock, first_screen=first, start_saver=False)
    assert not session.loaded and len(session.contacts) == 12
    moved = next(iter(session.contacts.values()))
    session.perform(move_change(moved, Stage.REQUESTED, session.contacts, now=clock()))

    reopened.open()  # as the app does after the paint, then:
    session.finish_loading()  # the saver has not written the move yet

    assert session.loaded and len(session.contacts) == 30
    assert session.contacts[moved.id].stage is Stage.REQUESTED
    session.saver.start()
    assert session.close(5)
    on_disk = Store(data_dir, clock=clock).open().contacts.get(moved.id)
    assert on_disk is not None and on_disk.stage is Stage.REQUESTED


def test_a_move_on_the_first_screen_counts_in_both_stages(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _, first = _reopened(store, clock, data_dir, targets=30)
    board = BoardState(first.contacts, known_totals=first.totals)
    contact = board.selected()
    assert contact is not None and board.total(Stage.TARGET) == 30

    board.apply(move_change(contact, Stage.REQUESTED, board.contacts, now=clock()))

    assert board.total(Stage.TARGET) == 29 and board.shown(Stage.TARGET) == 29
    assert board.total(Stage.REQUESTED) == 1 and board.shown(Stage.REQUESTED) == 1
