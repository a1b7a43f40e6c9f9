"""The Network screen and importing from the app: filter, group, promote, import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.widgets import Input

from infoint_tui.core.documents import Store
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.importing import ImportScreen
from infoint_tui.screens.network import NetworkScreen
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, screen_text, settle, type_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def disk_network(data_dir: Path) -> list[dict[str, Any]]:
    raw = json.loads((data_dir / "network.json").read_text(encoding="utf-8"))
    return list(raw["network"].values())


async def open_network(pilot: AppPilot) -> NetworkScreen:
    await press(pilot, "N")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NetworkScreen)
    return screen


async def test_network_lists_everyone_with_their_pipeline_stage(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await open_network(pilot)
        text = screen_text(app)
        assert "Network  62 people" in text
        assert "Farid Haddad" in text and "[Request sent]" in text


async def test_filter_as_you_type_and_group_by_company(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_network(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "civic lab")
        people = screen.matching()
        assert people and {person.company for person in people} == {"Civic Lab"}
        assert f"{len(people)} of 62 people" in screen_text(app)
        await press(pilot, "enter", "c")  # c groups by company (g is "first", as everywhere)
        text = screen_text(app)
        assert f"Civic Lab ({len(people)})" in text
        await press(pilot, "escape")  # clears the filter
        assert "Network  62 people" in screen_text(app)


async def test_promote_to_target_once_never_twice(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_network(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "omar")
        await press(pilot, "enter")
        person = screen.selected()
        assert person is not None and person.contact_id is None
        await press(pilot, "p")
        await settle(pilot)
        contacts = disk_by_name(data_dir)
        assert contacts[person.name]["stage"] == "target"
        linked = [p for p in disk_network(data_dir) if p["name"] == person.name]
        assert linked[0]["contact_id"] is not None
        assert "[Target]" in screen_text(app)
        await press(pilot, "p")  # again: one person, once; their contact opens
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == linked[0]["contact_id"]
        same = [doc for doc in disk_by_name(data_dir).values() if doc["name"] == person.name]
        assert len(same) == 1
        board = app.board_screen
        assert board is not None
        assert person.name in [c.name for c in board.board.lane(board.board.stage)]


async def test_import_a_linkedin_export_from_the_app(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock) as (app, pilot):
        await open_network(pilot)
        assert "Nobody yet" in screen_text(app)
        await press(pilot, "i")
        app.screen.query_one("#prompt-input", Input).value = str(
            FIXTURES / "linkedin_connections.csv"
        )
        await press(pilot, "enter")
        assert isinstance(app.screen, ImportScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Ready: added" in text and "Press a to import" in text
        await press(pilot, "a", "y")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "✓ Imported" in screen_text(app)
        names = {person["name"] for person in disk_network(data_dir)}
        assert "Jane Doe" in names and "Иван Петров" in names
        await press(pilot, "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Jane Doe" in screen_text(app)


async def test_a_broken_file_imports_nothing_and_says_where(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    before = (data_dir / "network.json").read_bytes()
    async with running(demo_store, clock) as (app, pilot):
        await open_network(pilot)
        await press(pilot, "i")
        app.screen.query_one("#prompt-input", Input).value = str(FIXTURES / "truncated.csv")
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Nothing was imported" in text and "line" in text
        assert app.screen.check_action("apply", ()) is None
    assert (data_dir / "network.json").read_bytes() == before


async def test_companies_advocacy_counts_people_known_there(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "C")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        civic = next(row for row in screen.rows if row.name == "Civic Lab")
        assert civic.known > 0 and civic.advocacy
