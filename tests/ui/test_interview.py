"""The interview timer from the keyboard: start, questions, notes, warnings, finish, restart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Digits, TextArea

from infoint_tui.app import InfointApp
from infoint_tui.core.documents import Store
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.screens.interview import InterviewScreen
from infoint_tui.screens.too_small import TooSmallScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, settle, type_text


def disk_interview(data_dir: Path) -> dict[str, Any]:
    """The interview this test made: the newest (the demo data has ended ones)."""
    raw = json.loads((data_dir / "interviews.json").read_text(encoding="utf-8"))
    newest = max(raw["interviews"], key=int)
    document: dict[str, Any] = raw["interviews"][newest]
    return document


def clock_shown(app: InfointApp) -> str:
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen.query_one("#iv-clock", Digits).value


async def start_mei(pilot: Any) -> InterviewScreen:
    """Mei Wong is the first Scheduled contact in the demo data."""
    await press(pilot, "4", "t")
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def test_t_opens_a_ready_interview_and_space_starts_it(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await start_mei(pilot)
        text = screen_text(app)
        assert "Interview · Mei Wong" in text and "READY · 30 min" in text
        assert clock_shown(app) == "30:00"
        assert "What trends are you seeing" in text  # the contact's questions, in order
        await press(pilot, "plus")
        assert clock_shown(app) == "35:00"
        await press(pilot, "minus", "space")
        assert "RUNNING" in screen_text(app)
        saved = disk_interview(data_dir)
        assert saved["started_at"] == "2026-11-26T09:30:00Z"
        assert saved["planned_minutes"] == 30
        clock.advance(minutes=12, seconds=30)
        screen.tick()
        await pilot.pause()
        assert clock_shown(app) == "17:30"


async def test_warnings_ring_once_and_overtime_counts_up(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        bells: list[int] = []
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        screen = await start_mei(pilot)
        await press(pilot, "space")
        clock.advance(minutes=20)
        screen.tick()
        await settle(pilot)
        assert bells == [1]
        assert "10 minutes left" in screen_text(app)
        assert disk_interview(data_dir)["fired_marks"] == [10]
        screen.tick()
        assert bells == [1]  # once only
        clock.advance(minutes=12, seconds=10)
        screen.tick()
        await settle(pilot)
        assert bells == [1, 1]  # time's up (the 5-minute mark was passed in between)
        assert clock_shown(app) == "+02:10"
        assert "OVERTIME" in screen_text(app)


async def test_pause_stops_the_clock(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await start_mei(pilot)
        await press(pilot, "space")
        clock.advance(minutes=5)
        await press(pilot, "space")
        assert "PAUSED" in screen_text(app)
        clock.advance(minutes=30)
        screen.tick()
        await pilot.pause()
        assert clock_shown(app) == "25:00"
        await press(pilot, "space")
        clock.advance(minutes=1)
        screen.tick()
        await pilot.pause()
        assert clock_shown(app) == "24:00"


async def test_questions_answers_and_notes_reach_the_disk(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await start_mei(pilot)
        await press(pilot, "space", "a", "j", "n")
        await type_text(pilot, "Reads two papers a week")
        await press(pilot, "enter")
        await press(pilot, "tab")
        await type_text(pilot, "Warm; suggested Priya")
        await press(pilot, "escape")  # leaves the notes pane, stays on the screen
        assert isinstance(app.screen, InterviewScreen)
        screen._save_notes()
        await settle(pilot)
        saved = disk_interview(data_dir)
        assert [q["asked"] for q in saved["questions"]][:3] == [True, True, False]
        assert saved["questions"][1]["answer"] == "Reads two papers a week"
        assert saved["notes"] == "Warm; suggested Priya"
        text = screen_text(app)
        assert "☑ 1." in text and "↳ Reads two papers a week" in text
        assert screen.query_one("#iv-notes", TextArea).text == "Warm; suggested Priya"


async def test_x_ends_records_the_timeline_moves_to_met_and_sets_the_thank_you(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await start_mei(pilot)
        await press(pilot, "space", "a")
        clock.advance(minutes=31)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        assert not isinstance(app.screen, InterviewScreen)
        mei = disk_by_name(data_dir)["Mei Wong"]
        assert mei["stage"] == "met"
        assert mei["follow_up"] == "2026-11-27"  # thank-you note due the next day
        event = mei["events"][-1]
        assert event["kind"] == "interview"
        assert "30 min planned, 31 min actual" in event["text"]
        assert "Asked 1 of 5" in event["text"]
        assert disk_interview(data_dir)["ended_at"] == "2026-11-26T10:01:00Z"
        board = app.board_screen
        assert board is not None
        assert board.selected_contact().name == "Mei Wong"  # type: ignore[union-attr]


async def test_quitting_mid_interview_and_reopening_shows_the_right_time(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await start_mei(pilot)
        await press(pilot, "space")
        clock.advance(minutes=4)
        await pilot.press("escape")  # back to the board; the interview keeps running
        await pilot.press("q")
        await pilot.pause()
    clock.advance(minutes=3)  # the connection was down for a while
    reopened = Store(data_dir, clock=clock).open()
    async with running(reopened, clock) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert clock_shown(app) == "23:00"
        assert "Mei Wong" in screen_text(app)


async def test_an_interview_left_running_for_hours_asks_to_be_ended(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await start_mei(pilot)
        await press(pilot, "space")
    clock.advance(hours=6)
    reopened = Store(data_dir, clock=clock).open()
    async with running(reopened, clock) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "never ended" in screen_text(app)
        await press(pilot, "y")
        await settle(pilot)
        mei = disk_by_name(data_dir)["Mei Wong"]
        assert mei["stage"] == "met"
        ended = disk_interview(data_dir)["ended_at"]
        assert ended == "2026-11-26T10:00:00Z"  # at its planned end, not six hours later


async def test_a_running_interview_waits_for_a_big_enough_terminal(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await start_mei(pilot)
        await press(pilot, "space")
        await pilot.press("escape", "q")
        await pilot.pause()
    reopened = Store(data_dir, clock=clock).open()
    async with running(reopened, clock, size=(38, 10)) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert "Mei Wong" in screen_text(app)


async def test_tab_goes_to_the_notes_and_back(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await start_mei(pilot)
        notes = screen.query_one("#iv-notes", TextArea)
        await press(pilot, "tab")
        assert notes.has_focus
        assert screen_text(app).splitlines()[-1].startswith("tab/esc Back to the questions")
        await press(pilot, "tab")
        assert not notes.has_focus
        assert screen_text(app).splitlines()[-1].startswith("tab Notes space Start/pause")
