"""Moving cards across stages and within a lane; undo and redo; all of it on disk."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text


async def test_shift_right_and_L_move_the_card_forward_and_log_it(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "shift+right")
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert ada["stage"] == "requested"
        assert ada["stage_history"][-1] == {"stage": "requested", "at": "2026-11-26T09:30:00Z"}
        # Entering "Request sent" schedules the follow-up 3 business days later.
        assert ada["follow_up"] == "2026-12-01"
        # The selection followed the card into its new lane, at the top.
        assert board.board.stage is Stage.REQUESTED
        assert board.selected_contact().name == "Ada Okafor"  # type: ignore[union-attr]
        text = screen_text(app)
        assert "▌Ada Okafor" in text
        assert "▸2 Request sent  6" in text and "1 Target  5" in text
        clock.advance(minutes=5)
        await press(pilot, "L")
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert ada["stage"] == "follow-up"
        assert [entry["stage"] for entry in ada["stage_history"]][-2:] == ["requested", "follow-up"]
        assert ada["stage_history"][-1]["at"] == "2026-11-26T09:35:00Z"


async def test_walk_a_contact_from_target_to_nurture_and_back(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "L", "L", "L")
        assert "When and where do you meet Ada Okafor?" in screen_text(app)
        await press(pilot, "escape", "L", "L")  # no time yet: on to Met and Nurture
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert ada["stage"] == "nurture"
        assert "▸6 Nurture" in screen_text(app)
        # Past Nurture is Closed: its lane appears, with the card selected in it.
        await press(pilot, "L")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "closed"
        assert "▸7 Closed" in screen_text(app)
        # The last stage: moving further is not possible, and nothing changes.
        await press(pilot, "L")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "closed"
        assert "last stage" in screen_text(app)
        await press(pilot, "H", "H", "shift+left")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "scheduled"


async def test_undo_and_redo_several_steps_deep_reach_the_disk(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "L", "L", "L", "escape")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "scheduled"
        await press(pilot, "u")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "follow-up"
        assert "Undone: Moved Ada Okafor to Scheduled" in screen_text(app)
        await press(pilot, "u", "u")
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert ada["stage"] == "target"
        assert [entry["stage"] for entry in ada["stage_history"]] == ["target"]
        # Nothing left to undo: the key is greyed out and changes nothing.
        assert app.board_screen.check_action("undo", ()) is None  # type: ignore[union-attr]
        await press(pilot, "u")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "target"
        await press(pilot, "U", "U")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "follow-up"
        board = app.board_screen
        assert board is not None
        assert board.selected_contact().name == "Ada Okafor"  # type: ignore[union-attr]


async def test_J_and_K_reorder_within_a_lane(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "J")
        names = [contact.name for contact in board.board.lane(Stage.TARGET)]
        assert names[:2] == ["Bruno Salas", "Ada Okafor"]
        assert board.selected_contact().name == "Ada Okafor"  # type: ignore[union-attr]
        text = screen_text(app)
        assert text.index("Bruno Salas") < text.index("Ada Okafor")
        on_disk = disk_by_name(data_dir)
        assert on_disk["Bruno Salas"]["rank"] < on_disk["Ada Okafor"]["rank"]
        await press(pilot, "K")
        on_disk = disk_by_name(data_dir)
        assert on_disk["Ada Okafor"]["rank"] < on_disk["Bruno Salas"]["rank"]
        # Reordering is undoable like everything else.
        await press(pilot, "u")
        on_disk = disk_by_name(data_dir)
        assert on_disk["Bruno Salas"]["rank"] < on_disk["Ada Okafor"]["rank"]


async def test_quit_saves_everything_first(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await pilot.press("L")
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
    # Reopening shows the board as it was left.
    reopened = Store(data_dir, clock=clock).open()
    async with running(reopened, clock) as (app, _pilot):
        assert "Ada Okafor" in screen_text(app)
        board = app.board_screen
        assert board is not None
        assert [c.name for c in board.board.lane(Stage.REQUESTED)][0] == "Ada Okafor"
