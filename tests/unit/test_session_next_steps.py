"""Marking a next step done, through the session the screens use."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.models import Contact
from infoint_tui.core.session import Session
from infoint_tui.core.settings import load_settings
from infoint_tui.core.store import Store
from tests.conftest import FakeClock


def test_done_without_a_next_step_says_so_and_changes_nothing(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="Nia Step"))
    before = (data_dir / "contacts.json").read_bytes()
    session = Session(store, load_settings(data_dir), clock=clock)
    try:
        assert session.mark_done(1) == "Nia Step has no next step to mark done"
        assert session.saver.flush(10)
        assert (data_dir / "contacts.json").read_bytes() == before
        assert not session.history.can_undo
    finally:
        session.close(timeout=5)
