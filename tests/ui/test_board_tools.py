"""Filter, help, the command palette and remapped keys."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.settings import load_settings
from infoint_tui.modals.help import HelpModal
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, type_text


async def test_slash_filters_every_lane_as_you_type_and_esc_clears(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "slash")
        await type_text(pilot, "lumen")
        lanes = {stage: [c.name for c in board.board.lane(stage)] for stage in Stage}
        assert lanes[Stage.TARGET] == ["Bruno Salas", "Elena Petrova"]
        assert lanes[Stage.SCHEDULED] == ["Nadia Rahman"]
        assert lanes[Stage.REQUESTED] == []
        text = screen_text(app)
        assert "filter: lumen" in text
        assert "1 Target  2/6" in text  # matches out of the lane's total
        assert "(no match)" in text
        assert "Ada Okafor" not in text
        # enter keeps the filter and gives the keys back to the board
        await press(pilot, "enter", "down")
        assert board.selected_contact().name == "Elena Petrova"  # type: ignore[union-attr]
        await press(pilot, "escape")
        assert len(board.board.lane(Stage.TARGET)) == 6
        assert "filter:" not in screen_text(app)


async def test_filter_searches_title_tags_and_notes(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "slash")
        await type_text(pilot, "physics")  # only in Ada's background... not searched
        assert board.board.lane(Stage.TARGET) == []
        await press(pilot, "escape", "slash")
        await type_text(pilot, "academia")  # in Ada's research notes
        assert [c.name for c in board.board.lane(Stage.TARGET)] == ["Ada Okafor"]
        await press(pilot, "escape", "slash")
        await type_text(pilot, "priority")  # a tag
        assert "Ada Okafor" in [c.name for c in board.board.lane(Stage.TARGET)]
        await press(pilot, "escape", "slash")
        await type_text(pilot, "ux research")  # a title, two words in any order
        assert [c.name for c in board.board.lane(Stage.TARGET)] == ["Bruno Salas"]


async def test_question_mark_lists_every_key_of_the_board(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpModal)
        help_text = "\n".join("  ".join(row) for row in app.screen.rows)
        for expected in (
            "contact.move_on",
            "list.order_down",
            "list.filter",
            "undo",
            "redo",
            "board.jump_1",
            "app.quit",
            "shift+→ / L",
            "home / g",
            "← / h",
        ):
            assert expected in help_text, expected
        assert "board.column_prev" in screen_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpModal)


async def test_command_palette_jumps_to_a_contact(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "ctrl+p")
        await type_text(pilot, "samuel")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        board = app.board_screen
        assert board is not None
        assert board.board.stage is Stage.NURTURE
        assert board.selected_contact().name == "Samuel Adeyemi"  # type: ignore[union-attr]
        assert "▌Samuel Adeyemi" in screen_text(app)


async def test_keys_are_remapped_from_the_settings_file(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / "settings.toml").write_text(
        '[keymap]\n"board.stage_next" = "m"\n"board.card_next" = "down,n"\n', encoding="utf-8"
    )
    settings = load_settings(data_dir)
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        await press(pilot, "m")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
        await press(pilot, "L")  # no longer bound
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
        assert "m Move▶" in screen_text(app)


async def test_a_broken_settings_file_is_reported_and_defaults_apply(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    (data_dir / "settings.toml").write_text("[keymap\nbroken", encoding="utf-8")
    settings = load_settings(data_dir)
    assert settings.problems
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        await press(pilot, "L")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
        assert any("settings.toml" in str(n.message) for n in app._notifications)


async def test_the_palette_jumps_to_a_contact_from_another_screen(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T", "ctrl+p")
        await type_text(pilot, "samuel")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        board = app.board_screen
        assert app.screen is board and board is not None
        assert board.selected_contact().name == "Samuel Adeyemi"  # type: ignore[union-attr]
        assert "▌Samuel Adeyemi" in screen_text(app)


async def test_the_key_line_while_filtering(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "slash")
        assert screen_text(app).splitlines()[-1].startswith("enter Back to the cards, filtered")
        await type_text(pilot, "heron")
        await press(pilot, "enter")
        assert screen_text(app).splitlines()[-1].startswith("H ◀Move L Move▶ n New")
        assert "filter: heron" in screen_text(app)
