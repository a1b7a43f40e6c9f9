"""The app on read-only data (a mounted backup, a snapshot): it reads and shows
everything, says so, and refuses every change before showing it."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from infoint_tui.core.demo import populate
from infoint_tui.core.documents import Store
from infoint_tui.screens.network import NetworkScreen
from tests.conftest import FakeClock
from tests.fixtures.read_only import ReadOnlyFolder
from tests.ui.helpers import press, running, screen_text


async def test_the_app_reads_read_only_data_and_refuses_changes(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(Store(data_dir, clock=clock).open())
    before = {path.name: path.read_bytes() for path in data_dir.glob("*.json")}
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    store = Store(data_dir, clock=clock).open()
    assert store.read_only
    async with running(store, clock) as (app, pilot):
        text = screen_text(app)
        assert "[read-only: nothing can be saved]" in text.splitlines()[0]
        board = app.board_screen
        assert board is not None
        chosen = board.selected_contact()
        assert chosen is not None
        await press(pilot, "L")  # a move: refused, and the card stays where it was
        assert "Read-only data" in screen_text(app)
        assert app.session.contacts[chosen.id].stage is chosen.stage
        await press(pilot, "d", "y", "n")  # a delete, and a new contact: both refused
        await press(pilot, "escape")
        assert chosen.id in app.session.contacts
        await press(pilot, "N")  # reading works everywhere
        await app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, NetworkScreen)
        assert "62 people" in screen_text(app)
    assert folder.attempts == []  # nothing was even tried
    assert {path.name: path.read_bytes() for path in data_dir.glob("*.json")} == before
    assert json.loads(before["contacts.json"])  # still the same, readable file
