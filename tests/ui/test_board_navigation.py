"""Seeing the board and moving around it from the keyboard, at 80x24."""

from __future__ import annotations

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.screens.board import BoardScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text


def lane_of(board: BoardScreen) -> Stage:
    """The active lane (a call, so mypy does not narrow it between key presses)."""
    return board.board.stage


async def test_board_opens_on_stage_lanes_with_counts(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, _pilot):
        text = screen_text(app)
        assert "▸1 Target  6" in text
        assert "2 Request sent  5" in text
        assert "3 Follow-up  3" in text
        # The overview line counts every stage, including those scrolled out of view.
        assert "5 Met 3" in text and "6 Nurture 3" in text
        assert "Ada Okafor" in text and "Northwind Analytics" in text
        # The first card of the active lane is selected: a gutter bar, not colour alone.
        assert "▌Ada Okafor" in text


async def test_follow_up_markers_are_symbols(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, _pilot):
        text = screen_text(app)
        assert "! 1d late" in text  # Farid Haddad: overdue
        assert "● today" in text  # Grace Liu: due today
        assert "› Nov 28" in text  # Hiro Tanaka: upcoming


async def test_arrows_and_vim_keys_move_the_selection(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "down")
        assert board.selected_contact().name == "Bruno Salas"  # type: ignore[union-attr]
        assert "▌Bruno Salas" in screen_text(app)
        await press(pilot, "j", "j")
        assert board.selected_contact().name == "Dev Patel"  # type: ignore[union-attr]
        await press(pilot, "k", "k", "up")
        assert board.selected_contact().name == "Ada Okafor"  # type: ignore[union-attr]
        await press(pilot, "right")
        assert lane_of(board) is Stage.REQUESTED
        assert "▸2 Request sent" in screen_text(app)
        assert "▌Farid Haddad" in screen_text(app)
        await press(pilot, "l")
        assert lane_of(board) is Stage.FOLLOW_UP
        await press(pilot, "h", "left")
        assert lane_of(board) is Stage.TARGET
        # Moving the selection never writes anything.
        assert app.session.history.can_undo is False


async def test_number_keys_jump_to_a_stage_and_keep_it_in_view(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "6")
        assert lane_of(board) is Stage.NURTURE
        text = screen_text(app)
        assert "▸6 Nurture" in text
        assert "Samuel Adeyemi" in text
        assert Stage.NURTURE in board.visible_stages()
        assert Stage.TARGET not in board.visible_stages()  # only three lanes fit at 80 columns
        await press(pilot, "1")
        assert lane_of(board) is Stage.TARGET
        assert "▸1 Target" in screen_text(app)
        # The Closed lane is hidden: its number says so rather than jumping.
        await press(pilot, "7")
        assert "There is no stage 7" in screen_text(app)
        assert lane_of(board) is Stage.TARGET
        # Only the seven stages have number keys (8 and 9 are not listed by ?).
        bound = {active.binding.id for active in board.active_bindings.values()}
        assert "board.jump_7" in bound and "board.jump_8" not in bound


async def test_long_lane_pages_and_jumps_to_ends(store: Store, clock: FakeClock) -> None:
    for number in range(40):
        store.contacts.insert(
            __import__("infoint_tui.core.contacts.model", fromlist=["Contact"]).Contact(
                name=f"Person {number:02d}", rank=float(number)
            )
        )
    async with running(store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        await press(pilot, "end")
        assert board.selected_contact().name == "Person 39"  # type: ignore[union-attr]
        assert "▌Person 39" in screen_text(app)
        await press(pilot, "g")
        assert board.selected_contact().name == "Person 00"  # type: ignore[union-attr]
        await press(pilot, "pagedown")
        assert board.selected_contact().name != "Person 00"  # type: ignore[union-attr]
        assert f"▌{board.selected_contact().name}" in screen_text(app)  # type: ignore[union-attr]
