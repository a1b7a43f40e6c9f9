"""The stats screen at 80x24: outreach per week, each count under its own bar."""

from __future__ import annotations

import re

from textual.widgets import Static

from infoint_tui.core import stats
from infoint_tui.core.documents import Store
from infoint_tui.screens.stats import StatsScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text

SPARKS = f"[{stats.SPARKS}]+"


async def test_outreach_counts_sit_under_their_bars(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "S")
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        screen.query_one("#stats-weeks", Static).scroll_visible(animate=False)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if line.rstrip().endswith("this week"))
        bar_line, count_line = lines[row], lines[row + 1]
        bars = [(m.start(), m.end()) for m in re.finditer(SPARKS, bar_line)]
        counts = [(m.start(), m.end(), int(m.group())) for m in re.finditer(r"\d+", count_line)]
        weeks = stats.outreach_per_week(
            demo_store.contacts.all().values(),
            demo_store.letters.all().values(),
            app.session.today(),
        )
        assert [count for _, _, count in counts] == [count for _, count in weeks]
        assert len(bars) == len(counts) == 12
        for (bar_start, bar_end), (start, end, _) in zip(bars, counts, strict=True):
            assert bar_start <= start and end <= bar_end, f"\n{bar_line}\n{count_line}"
        assert bar_line.lstrip().startswith(f"{weeks[0][0]:%d %b} ")
