"""Each command is defined once: the same key does the same thing on every screen,
a remapped key is remapped everywhere, and the palette offers what the keys do."""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

import pytest
from textual.widgets import Input

from infoint_tui.app import InfointApp
from infoint_tui.core.documents import Store
from infoint_tui.core.settings import load_settings
from infoint_tui.screens.board import BoardScreen
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.importing import ImportScreen
from infoint_tui.screens.interview import InterviewScreen
from infoint_tui.screens.network import NetworkScreen
from infoint_tui.screens.questions import QuestionsScreen
from infoint_tui.screens.stats import StatsScreen
from infoint_tui.screens.today import TodayScreen
from infoint_tui.widgets.list_keys import Options, Scroll, Table
from infoint_tui.widgets.row_list import RowList
from tests.conftest import FakeClock
from tests.ui.helpers import (
    AppPilot,
    disk_by_name,
    press,
    running,
    screen_text,
    settle,
    type_text,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def key_line(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


def remap(data_dir: Path, keymap: str) -> object:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(f"[keymap]\n{keymap}\n", encoding="utf-8")
    return load_settings(data_dir)


def palette_entries(app: InfointApp) -> dict[str, str]:
    """The palette's commands on the current screen: name → its help line."""
    return {command.title: command.help for command in app.get_system_commands(app.screen)}


# -- moving a contact: the board and the contact screen are one command ---------------------
async def test_moving_past_the_last_stage_says_the_same_on_the_board_and_the_contact(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, *"LLL", "escape")  # Ada: Target → Scheduled (no time given yet)
        await press(pilot, *"LLL")  # → Met → Nurture → Closed
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "closed"
        await press(pilot, "L")
        assert "Ada Okafor is already in the last stage" in screen_text(app)
        before = (data_dir / "contacts.json").read_bytes()
        await press(pilot, "e")
        assert isinstance(app.screen, ContactScreen)
        assert "L Move▶" in key_line(app)  # not greyed out, not hidden
        await press(pilot, "L")
        assert "Ada Okafor is already in the last stage" in screen_text(app)
        assert (data_dir / "contacts.json").read_bytes() == before
        await press(pilot, "H")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "nurture"
        assert "Ada Okafor  #1 · Nurture" in screen_text(app)
        await press(pilot, "u")  # one undo history: the contact screen undoes too
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "closed"
        await press(pilot, "U")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "nurture"


# -- one set of list keys ---------------------------------------------------------------------
async def _first_and_last(pilot: AppPilot) -> tuple[int, int]:
    """Where the list's cursor is after G, then after g."""
    screen = pilot.app.screen
    await press(pilot, "G")
    last = _cursor(screen)
    await press(pilot, "g")
    return _cursor(screen), last


def _cursor(screen: object) -> int:
    focused = getattr(screen, "focused", None)
    for widget in (focused, *screen.query("*")):  # type: ignore[attr-defined]
        if isinstance(widget, Options):
            return widget.highlighted or 0
        if isinstance(widget, Table):
            return widget.cursor_row
        if isinstance(widget, RowList):
            return widget.cursor
        if isinstance(widget, Scroll):
            return round(widget.scroll_y)
    raise AssertionError("no list on the screen")


@pytest.mark.parametrize("key", ["T", "C", "N", "S"])
async def test_g_and_G_go_to_the_first_and_last_on_every_list(
    demo_store: Store, clock: FakeClock, key: str
) -> None:
    async with running(demo_store, clock, size=(80, 16)) as (app, pilot):
        await press(pilot, key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        first, last = await _first_and_last(pilot)
        assert last > first, f"G did not move on {type(app.screen).__name__}"
        await press(pilot, "end")
        assert _cursor(app.screen) == last
        await press(pilot, "home", "j")
        assert _cursor(app.screen) > first
        assert app.failures == []


async def test_the_list_keys_move_in_the_questions_and_the_interview(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        ada = next(c for c in app.session.contacts.values() if c.name == "Ada Okafor")
        app.open_contact(ada.id)
        await press(pilot, "Q")
        assert isinstance(app.screen, QuestionsScreen)
        app.screen.query_one("#q-bank", Options).focus()  # the longer list
        first, last = await _first_and_last(pilot)
        assert last > first
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, InterviewScreen)
        if app.screen.interview.questions:
            await press(pilot, "G")
            assert _cursor(app.screen) == len(app.screen.interview.questions) - 1


async def test_the_board_keeps_g_for_its_first_card(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.screen
        assert isinstance(board, BoardScreen)
        await press(pilot, "G")
        lane = board.board.lane(board.board.stage)
        assert board.selected_contact() == lane[-1]
        await press(pilot, "g")
        assert board.selected_contact() == lane[0]


# -- remapping: once, everywhere ------------------------------------------------------------
async def test_a_remapped_place_key_is_remapped_on_every_screen(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    settings = remap(data_dir, '"app.today" = "D"')
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        await press(pilot, "T")  # the board used to bind T itself
        assert isinstance(app.screen, BoardScreen)
        assert "D Today" in key_line(app) and "T Today" not in key_line(app)
        await press(pilot, "D")
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "D")  # its own key again: back
        assert isinstance(app.screen, BoardScreen)
        await press(pilot, "C", "T")
        assert isinstance(app.screen, CompaniesScreen)
        await press(pilot, "D")
        assert isinstance(app.screen, TodayScreen)


async def test_a_remapped_list_key_works_on_every_list(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    settings = remap(data_dir, '"list.down" = "ctrl+n"')
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        board = app.screen
        assert isinstance(board, BoardScreen)
        lane = board.board.lane(board.board.stage)
        await press(pilot, "ctrl+n")
        assert board.selected_contact() == lane[1]
        await press(pilot, "j")  # no longer bound
        assert board.selected_contact() == lane[1]
        await press(pilot, "C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _cursor(app.screen) == 0
        await press(pilot, "ctrl+n", "ctrl+n")
        assert _cursor(app.screen) == 2
        await press(pilot, "down")  # no longer bound here either (the table's own is gone)
        assert _cursor(app.screen) == 2


async def test_a_keymap_written_with_an_old_id_still_works_and_says_so(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    settings = remap(data_dir, '"board.stage_next" = "m"')
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        await press(pilot, "m")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
        notes = [str(n.message) for n in app._notifications]
        assert any("'board.stage_next' is now 'contact.move_on'" in note for note in notes)
        # The contact screen's move is the same command: remapped there too.
        await press(pilot, "e", "m")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "follow-up"


# -- the palette is drawn from the same commands ---------------------------------------------
async def test_the_palette_offers_the_screen_commands_with_their_keys(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    settings = remap(data_dir, '"contact.move_on" = "m"')
    async with running(demo_store, clock, settings=settings) as (app, pilot):
        await press(pilot, "e")
        entries = palette_entries(app)
        assert entries["Move to the next stage"] == "key m"
        assert entries["Delete contact"] == "Delete the contact (asks first) · key d"
        assert "Today" in entries and "Theme" in entries and "Import" in entries
        assert "Show or hide the Closed lane" not in entries  # a board command
        await press(pilot, "escape", "T")
        entries = palette_entries(app)
        assert "Today" not in entries  # where you are
        assert "Snooze" in entries
        # Choosing one runs the same action as its key.
        await press(pilot, "ctrl+p")
        await type_text(pilot, "companies")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, CompaniesScreen)


async def test_help_on_a_place_says_its_key_goes_back(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock, size=(100, 40)) as (app, pilot):
        await press(pilot, "S", "question_mark")
        rows = {ident: description for _keys, description, ident in app.screen.rows}  # type: ignore[attr-defined]
        assert rows["app.stats"] == "Back to Board"
        await press(pilot, "question_mark")  # ? again closes the keys
        assert isinstance(app.screen, StatsScreen)


async def test_an_import_finished_after_its_screen_closed_still_shows_in_the_network(
    store: Store, clock: FakeClock
) -> None:
    async with running(store, clock) as (app, pilot):
        await press(pilot, "N")
        await app.workers.wait_for_complete()
        network = app.screen
        assert isinstance(network, NetworkScreen)
        await press(pilot, "i")
        app.screen.query_one("#prompt-input", Input).value = os.fspath(
            FIXTURES / "linkedin_connections.csv"
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, ImportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a", "y", "escape")  # gone before the write is done
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is cast(object, network)  # the screen changed since the check above
        assert "Jane Doe" in screen_text(app)
