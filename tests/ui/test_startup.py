"""What happens between starting the app and the first key."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from infoint_tui.app import InfointApp
from infoint_tui.cli import open_for_app
from infoint_tui.core import first_screen
from infoint_tui.core.models import Contact, Stage, StageChange
from infoint_tui.core.session import Session
from infoint_tui.core.settings import Settings
from infoint_tui.core.store import Store
from infoint_tui.memory import pause_collection
from tests.conftest import START, FakeClock
from tests.ui.helpers import press, running, screen_text


async def test_garbage_collection_paused_for_the_start_resumes_after_the_first_paint(
    store: Store, clock: FakeClock
) -> None:
    pause_collection()  # as `infoint` does before importing Textual
    try:
        async with running(store, clock) as (app, pilot):
            await pilot.pause()
            assert "Target" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def _targets(store: Store, count: int) -> None:
    store.contacts.insert_many(
        [
            Contact(
                name=f"Person {number:03d}",
                company="Acme",
                stage=Stage.TARGET,
                rank=float(number),
                stage_history=(StageChange(Stage.TARGET, START),),
                created=START,
                updated=START,
            )
            for number in range(count)
        ]
    )


def _keep_first_screen(store: Store, clock: FakeClock) -> None:
    session = Session(store, Settings(), clock=clock)
    session.first_screen_cards = 12
    assert session.close(5)


async def test_the_board_paints_from_the_kept_first_screen_then_has_every_contact(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _targets(store, 60)
    _keep_first_screen(store, clock)
    before = (data_dir / "contacts.json").read_bytes()
    reopened, first = open_for_app(data_dir)
    assert first is not None and len(first.contacts) == 12

    async with running(reopened, clock, first_screen=first) as (app, pilot):
        text = screen_text(app)
        assert "▸1 Target  60" in text  # the real count, not the twelve kept
        assert "▌Person 000" in text
        assert app.session.loaded and len(app.session.contacts) == 60
        await press(pilot, "G")  # the last card exists: every contact was read
        assert "▌Person 059" in screen_text(app)
        assert "#60" in screen_text(app)
    assert (data_dir / "contacts.json").read_bytes() == before


async def test_quitting_keeps_as_many_cards_as_the_terminal_shows(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    _targets(store, 60)
    async with running(store, clock, size=(80, 40)) as (app, pilot):
        await pilot.press("q")
        await pilot.pause()
    first = first_screen.read(data_dir, store.contacts.disk_signature())
    assert first is not None
    assert len(first.contacts) == 20 and first.totals[Stage.TARGET] == 60


async def test_a_contacts_file_broken_behind_a_valid_copy_stops_the_app_and_is_kept(
    store: Store, clock: FakeClock, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _targets(store, 5)
    _keep_first_screen(store, clock)
    contacts = data_dir / "contacts.json"
    path = first_screen.cache_path(data_dir)
    kept = path.read_bytes()
    contacts.write_bytes(contacts.read_bytes()[:-40])  # cut short, in place
    # The copy still names the file: as if it broke without its identity changing.
    document = json.loads(kept)
    document["signature"] = list(store.contacts.disk_signature() or ())
    path.write_text(json.dumps(document), encoding="utf-8")
    broken = contacts.read_bytes()
    reopened, first = open_for_app(data_dir)
    assert first is not None

    app = InfointApp(reopened, clock=clock, first_screen=first, today_on_start=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    said = "".join(capsys.readouterr().err.split())  # Rich wraps the message
    assert "contacts.json" in said and "notvalidJSON" in said and "leftuntouched" in said
    assert contacts.read_bytes() == broken
