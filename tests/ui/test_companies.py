"""The companies screen: LAMP scores edited from the keyboard, saved to disk."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.modals.record_form import RecordForm
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.stats import StatsScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text, settle


def disk_companies(data_dir: Path) -> dict[str, dict[str, object]]:
    raw = json.loads((data_dir / "companies.json").read_text(encoding="utf-8"))
    return {doc["name"]: doc for doc in raw["companies"].values()}


async def test_companies_are_listed_the_lamp_way_with_stage_counts(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "C")
        await app.workers.wait_for_complete()  # the network, for Advocacy
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        text = screen_text(app)
        assert text.index("Northwind Analytics") < text.index("Harbor Capital")
        northwind = screen.rows[0]
        assert northwind.name == "Northwind Analytics" and northwind.known > 0
        assert f"★  Northwind Analytics     yes  {northwind.known:<4} 3  3" in text


async def test_editing_scores_saves_and_reorders(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "C", "G")  # Harbor Capital, last
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        assert screen.selected().name == "Harbor Capital"  # type: ignore[union-attr]
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-motivation", Input).value = "9"
        form.action_save()
        await pilot.pause()
        assert "between 0 and 3" in screen_text(app)
        form.query_one("#field-motivation", Input).value = "3"
        form.query_one("#field-posting", Input).value = "3"
        form.query_one("#field-advocacy", Input).value = "yes"
        form.action_save()
        await settle(pilot)
        saved = disk_companies(data_dir)["Harbor Capital"]
        assert (saved["motivation"], saved["posting"], saved["advocacy"]) == (3, 3, "yes")
        await pilot.pause()
        assert screen.rows[0].name == "Harbor Capital" and screen.rows[0].top


async def test_a_new_company_and_showing_one_on_the_board(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "C", "n")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#field-name", Input).value = "Acme Robotics"
        form.query_one("#field-motivation", Input).value = "2"
        form.action_save()
        await settle(pilot)
        assert disk_companies(data_dir)["Acme Robotics"]["motivation"] == 2
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        screen.query_one("#companies-table").move_cursor(row=1)  # type: ignore[attr-defined]
        name = screen.selected().name  # type: ignore[union-attr]
        await press(pilot, "b")
        board = app.board_screen
        assert board is not None and app.screen is board
        assert board.board.filter_text == name
        shown = [c.company for stage in Stage for c in board.board.lane(stage)]
        assert shown and set(shown) == {name}


async def test_stats_view_opens_with_the_funnel(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "S")
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "How far contacts got" in text and "Target       25" in text
        assert "referral-request" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, StatsScreen)
