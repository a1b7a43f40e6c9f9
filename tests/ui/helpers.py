"""Driving the real app at 80x24 and reading back both the screen and the disk."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual import events
from textual.keys import key_to_character
from textual.pilot import Pilot

from infoint_tui.app import InfointApp
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock

AppPilot = Pilot[int]


@asynccontextmanager
async def running(
    store: Store,
    clock: FakeClock,
    size: tuple[int, int] = (80, 24),
    *,
    notifications: bool = False,
    failures_expected: bool = False,
    **options: Any,
) -> AsyncIterator[tuple[InfointApp, AppPilot]]:
    """The app at a terminal size; notifications=True shows toasts (off by default
    in Textual's test harness). A failure caught by the error boundary fails the
    test unless it was expected: the boundary keeps users going, not bugs hidden."""
    options.setdefault("today_on_start", False)
    app = InfointApp(store, clock=clock, ansi=options.pop("ansi", False), **options)
    try:
        async with app.run_test(size=size, notifications=notifications) as pilot:
            await pilot.pause()
            yield app, pilot
    finally:
        app.session.close(timeout=5)
    if not failures_expected:
        assert app.failures == [], [f"{f.where}: {f.error!r}" for f in app.failures]


def screen_text(app: InfointApp) -> str:
    """What the terminal shows right now, as plain text (one line per row)."""
    # Textual has no public "screen as text"; the compositor's strips are exactly
    # what gets written to the terminal.
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def settle(pilot: AppPilot) -> None:
    """Let the screen update and every queued save reach the disk."""
    await pilot.pause()
    app = pilot.app
    assert isinstance(app, InfointApp)
    assert app.session.saver.flush(10), "a save did not complete"
    await pilot.pause()


def disk_contacts(data_dir: Path) -> dict[int, dict[str, Any]]:
    """contacts.json as another program would read it."""
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    return {int(key): value for key, value in raw["contacts"].items()}


def disk_by_name(data_dir: Path) -> dict[str, dict[str, Any]]:
    return {doc["name"]: doc for doc in disk_contacts(data_dir).values()}


async def press(pilot: AppPilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await settle(pilot)


async def type_text(pilot: AppPilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def press_now(app: InfointApp, key: str) -> None:
    """The key as the terminal delivers it, then wait until the app has handled
    it (Pilot's press also waits for the CPU to idle: 80 ms a key)."""
    character = key if len(key) == 1 else _CHARACTERS.get(key)
    assert app._driver is not None
    app._driver.send_message(events.Key(key, character))
    await asyncio.sleep(0)
    while app.typeahead.busy and app.is_running:
        await asyncio.sleep(0.001)


_CHARACTERS = {
    name: key_to_character(name)
    for name in ("question_mark", "slash", "plus", "minus", "full_stop", "comma", "space")
} | {"tab": "\t", "enter": "\r", "escape": "\x1b", "backspace": "\x7f", "ctrl+p": "\x10"}
