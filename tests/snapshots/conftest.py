"""Snapshots run the real app on the demo data with the clock frozen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infoint_tui.app import InfointApp
from infoint_tui.core.demo import populate
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock

AppFactory = Callable[..., InfointApp]


@pytest.fixture
def demo_app(tmp_path: Path) -> AppFactory:
    def make(*, ansi: bool = False) -> InfointApp:
        clock = FakeClock()
        store = Store(tmp_path / "data", clock=clock).open()
        if not store.contacts.all():
            populate(store)
        return InfointApp(store, clock=clock, ansi=ansi, today_on_start=False)

    return make


async def no_blink(pilot: Pilot[object]) -> None:
    """A blinking cursor would make the picture depend on timing."""
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def keys_then_still(*keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run(pilot: Pilot[object]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        # What a screen reads off the UI thread (the network, for who you know
        # at a company) is in the picture, not a race.
        await pilot.app.workers.wait_for_complete()
        await no_blink(pilot)

    return run
