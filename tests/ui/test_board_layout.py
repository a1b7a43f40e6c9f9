"""Usable over SSH: 80x24, narrow terminals, tiny terminals, no colour."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.screens.too_small import TooSmallScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text


async def test_three_lanes_fit_at_80_columns_and_the_selected_one_stays_in_view(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        board = app.board_screen
        assert board is not None
        assert board.visible_stages() == (Stage.TARGET, Stage.REQUESTED, Stage.FOLLOW_UP)
        await press(pilot, "l", "l", "l")
        assert Stage.SCHEDULED in board.visible_stages()
        assert "▸4 Scheduled" in screen_text(app)


async def test_more_lanes_at_120_columns(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock, size=(120, 40)) as (app, _pilot):
        board = app.board_screen
        assert board is not None
        assert len(board.visible_stages()) == 5


async def test_one_lane_with_stage_tabs_below_60_columns(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock, size=(50, 20)) as (app, pilot):
        board = app.board_screen
        assert board is not None
        assert board.visible_stages() == (Stage.TARGET,)
        text = screen_text(app)
        assert "[1 Target 6] 2:5 3:3" in text
        await press(pilot, "l")
        assert board.visible_stages() == (Stage.REQUESTED,)
        assert "[2 Request sent 5]" in screen_text(app)
        await press(pilot, "L")  # moving works in the narrow mode too
        assert disk_by_name(data_dir)["Farid Haddad"]["stage"] == "follow-up"
        assert board.visible_stages() == (Stage.FOLLOW_UP,)


async def test_too_small_terminal_says_so_and_recovers(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock, size=(38, 10)) as (app, pilot):
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small: 38x10" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        assert "Ada Okafor" in screen_text(app)
        await pilot.resize_terminal(30, 30)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)


async def test_no_color_keeps_the_selection_visible(
    demo_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    async with running(demo_store, clock) as (app, pilot):
        assert app.no_color
        await press(pilot, "down")
        text = screen_text(app)
        assert "▌Bruno Salas" in text
        assert "! 1d late" in text  # due markers are symbols, so they survive NO_COLOR


async def test_sixteen_colour_theme_runs(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock, ansi=True) as (app, pilot):
        assert app.theme == "ansi-dark"
        await press(pilot, "j")
        assert "▌Bruno Salas" in screen_text(app)


async def test_nothing_opens_under_the_too_small_notice(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock, size=(38, 10)) as (app, pilot):
        depth = len(app.screen_stack)
        await press(pilot, "T", "C", "ctrl+p", "question_mark")
        assert isinstance(app.screen, TooSmallScreen)
        assert len(app.screen_stack) == depth
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen_stack[-1] is app.board_screen
