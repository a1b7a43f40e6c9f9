"""Opening a screen sends one frame (frames.py): every pass Textual makes while
the screen settles stays in the app, and the screen goes out whole, once.
Counted at the point where Textual would write to the terminal."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App

from infoint_tui.core.documents import Store
from infoint_tui.modals.help import HelpModal
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.letter import LetterScreen
from infoint_tui.screens.today import TodayScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text


async def test_each_screen_opens_and_closes_in_one_frame(
    demo_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    frames: list[str] = []
    textual_display = App._display

    def counted(app: App[Any], screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(type(app.screen).__name__)
        textual_display(app, screen, renderable)

    # Textual's own _display: reached only by what the app lets go to the terminal.
    monkeypatch.setattr(App, "_display", counted)
    async with running(demo_store, clock) as (app, pilot):
        await app.workers.wait_for_complete()
        await press(pilot)
        for key, shown in (
            ("T", TodayScreen),
            ("escape", None),
            ("enter", ContactScreen),
            ("w", LetterScreen),
            ("escape", ContactScreen),
            ("question_mark", HelpModal),
            ("escape", ContactScreen),
        ):
            frames.clear()
            await press(pilot, key)
            await app.workers.wait_for_complete()
            await press(pilot)
            if shown is not None:
                assert isinstance(app.screen, shown), key
            assert len(frames) == 1, (key, frames)
        assert "Timeline" in screen_text(app)  # the screen is whole, not half drawn
