"""Pictures of the interview timer, the letter editor, Today, companies, network, stats."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from infoint_tui.screens.interview import InterviewScreen
from infoint_tui.screens.letter import LetterScreen
from tests.conftest import FakeClock
from tests.snapshots.conftest import AppFactory, keys_then_still, no_blink

Snap = Callable[..., bool]


def interview_at(minutes: float, *keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Mei Wong's interview (a Scheduled demo contact), started, ``minutes`` in."""

    async def run(pilot: Pilot[object]) -> None:
        for key in ("4", "t", "space", "a", *keys):
            await pilot.press(key)
        clock = pilot.app.session.clock  # type: ignore[attr-defined]
        assert isinstance(clock, FakeClock)
        clock.advance(minutes=minutes)
        screen = pilot.app.screen
        assert isinstance(screen, InterviewScreen)
        screen.tick()
        await no_blink(pilot)

    return run


def test_interview_running(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=interview_at(7.5))


def test_interview_paused(snap_compare: Snap, demo_app: AppFactory) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await interview_at(4)(pilot)
        await pilot.press("space")
        await no_blink(pilot)

    assert snap_compare(demo_app(), run_before=run)


def test_interview_overtime(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=interview_at(32.25))


async def _letter(pilot: Pilot[object], *keys: str) -> None:
    for key in ("down", "w", *keys):
        await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await no_blink(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_letter_editor(snap_compare: Snap, demo_app: AppFactory, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await _letter(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run)


def test_letter_editor_error(snap_compare: Snap, demo_app: AppFactory) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await _letter(pilot, "e")
        screen = pilot.app.screen
        assert isinstance(screen, LetterScreen)
        screen.query_one(
            "#letter-source", TextArea
        ).text = "Subject: Hello\n\nDear {{ contact.first_name }},\n{% for x in %}\n"
        screen._save_source_and_render()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("escape")
        await no_blink(pilot)

    assert snap_compare(demo_app(), run_before=run)


def test_today(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("T"))


def test_companies(snap_compare: Snap, demo_app: AppFactory) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await pilot.press("C")
        await pilot.app.workers.wait_for_complete()
        await no_blink(pilot)

    assert snap_compare(demo_app(), run_before=run)


def test_network_grouped(snap_compare: Snap, demo_app: AppFactory) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await pilot.press("N")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("c")
        await no_blink(pilot)

    assert snap_compare(demo_app(), run_before=run)


def test_stats(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("S"))


def test_questions(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("4", "enter", "Q"))


def test_past_interview_page(snap_compare: Snap, demo_app: AppFactory) -> None:
    """The first Met contact's interview read back: questions with answers, notes,
    and what came of it (advice, topic, an introduction to add with a)."""
    assert snap_compare(demo_app(), run_before=keys_then_still("5", "enter", "v"))
