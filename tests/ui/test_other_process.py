"""Another process (a second SSH session, `infoint add`) changes the data while the app runs."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, screen_text


async def _wait_for(pilot: AppPilot, predicate: object, limit: float = 10.0) -> None:
    """Wait (bounded) for the app's poll to notice; asserts behaviour, not speed."""
    assert callable(predicate)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        assert loop.time() < deadline, "the app never showed the other process's change"
        await pilot.pause(0.1)


async def test_cli_add_while_the_app_is_open_appears_on_the_board(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "infoint_tui",
                "add",
                "--data-dir",
                str(data_dir),
                "--name",
                "Added Elsewhere",
                "--company",
                "Shell Co",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        new_id = int(result.stdout.strip())
        await _wait_for(pilot, lambda: new_id in app.session.contacts)
        await pilot.pause()
        assert "Added Elsewhere" in screen_text(app)
        # A move made here afterwards keeps the other process's contact.
        await press(pilot, "L")
        on_disk = disk_by_name(data_dir)
        assert "Added Elsewhere" in on_disk
        board = app.board_screen
        assert board is not None
        assert board.board.stage is Stage.REQUESTED


async def test_a_move_elsewhere_is_merged_not_overwritten(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        other = Store(data_dir, clock=clock).open()
        bruno = next(c for c in other.contacts if c.name == "Bruno Salas")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "infoint_tui",
                "move",
                "--data-dir",
                str(data_dir),
                str(bruno.id),
                "MET",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        # Before this app notices, it moves Ada; both changes must survive.
        await press(pilot, "L")
        on_disk = disk_by_name(data_dir)
        assert on_disk["Bruno Salas"]["stage"] == "met"
        assert on_disk["Ada Okafor"]["stage"] == "requested"
        await _wait_for(pilot, lambda: app.session.contacts[bruno.id].stage is Stage.MET)


async def test_a_broken_file_read_after_the_first_paint_stops_the_app(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / "letters.json").write_bytes(b'{"_meta": {"1": ')  # truncated
    before = (data_dir / "letters.json").read_bytes()
    deferred = Store(data_dir, clock=clock).open(defer=("letters", "interviews"))
    async with running(deferred, clock) as (app, pilot):
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.return_code == 1
    assert (data_dir / "letters.json").read_bytes() == before


async def test_a_contact_deleted_elsewhere_stays_deleted_when_moved_here(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    """The other infoint deletes Ada; this one, not yet aware, moves her card."""
    async with running(demo_store, clock, start_saver=False) as (app, pilot):
        board = app.board_screen
        assert board is not None
        ada = board.selected_contact()
        assert ada is not None
        Store(data_dir).open().contacts.delete(ada.id)  # elsewhere
        await press(pilot, "L")  # here: computed before this app saw the delete
        assert app.session.saver.flush(10)
        await press(pilot)
        assert ada.name not in disk_by_name(data_dir)  # not brought back
        assert ada.id not in app.session.contacts
        text = screen_text(app)
        assert f"{ada.name} was deleted in another infoint" in text
        lanes = text.splitlines()[3:-2]  # under the headers, above the status line
        assert not any(ada.name in line for line in lanes)  # no card left on the board
