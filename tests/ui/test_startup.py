"""What happens between starting the app and the first key."""

from __future__ import annotations

import gc

from infoint_tui.core.store import Store
from infoint_tui.memory import pause_collection
from tests.conftest import FakeClock
from tests.ui.helpers import running, screen_text


async def test_garbage_collection_paused_for_the_start_resumes_after_the_first_paint(
    store: Store, clock: FakeClock
) -> None:
    pause_collection()  # as `infoint` does before importing Textual
    try:
        async with running(store, clock) as (app, pilot):
            await pilot.pause()
            assert "Target" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
