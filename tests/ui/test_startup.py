"""What happens between starting the app and the first key."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact, Stage, StageChange
from infoint_tui.core.documents import Store
from tests.conftest import START, FakeClock
from tests.ui.helpers import press, running, screen_text


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


async def test_the_board_starts_with_every_contact(store: Store, clock: FakeClock) -> None:
    _targets(store, 60)
    async with running(store, clock) as (app, pilot):
        text = screen_text(app)
        assert "▸1 Target  60" in text
        assert "▌Person 000" in text
        assert len(app.session.contacts) == 60
        await press(pilot, "G")  # the last card exists: every contact was read
        assert "▌Person 059" in screen_text(app)
        assert "#60" in screen_text(app)


def test_a_broken_contacts_file_stops_the_app_and_is_left_untouched(
    store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _targets(store, 5)
    contacts = data_dir / "contacts.json"
    contacts.write_bytes(contacts.read_bytes()[:-40])  # cut short, in place
    broken = contacts.read_bytes()
    assert main(["--data-dir", str(data_dir)]) == 1  # before the app draws anything
    said = "".join(capsys.readouterr().err.split())
    assert "contacts.json" in said and "notvalidJSON" in said and "leftuntouched" in said
    assert contacts.read_bytes() == broken


def test_garbage_collection_is_paused_while_the_app_starts_and_on_after(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _targets(store, 3)
    seen: list[bool] = []

    def launch(store: Store, *, demo: bool, log: Path) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "_launch", launch)
    assert main(["--data-dir", str(data_dir)]) == 0
    assert seen == [False]  # while the store was read and the app built
    assert gc.isenabled()  # however the app ended


def test_a_start_that_fails_leaves_garbage_collection_on(
    store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "contacts.json").write_bytes(b"{not json")
    assert main(["--data-dir", str(data_dir)]) == 1
    assert "contacts.json" in capsys.readouterr().err
    assert gc.isenabled()


async def test_the_app_turns_garbage_collection_back_on_after_the_first_paint(
    store: Store, clock: FakeClock
) -> None:
    _targets(store, 3)
    gc.disable()  # as cli.run_app leaves it
    try:
        async with running(store, clock) as (app, pilot):
            await pilot.pause()
            assert "▌Person 000" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.enable()
