"""Forms and the question picker as a new user meets them."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.modals.record_form import RecordForm
from infoint_tui.screens.questions import QuestionsScreen
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, settle, type_text


def disk_companies(data_dir: Path) -> dict[str, dict[str, object]]:
    raw = json.loads((data_dir / "companies.json").read_text(encoding="utf-8"))
    return {doc["name"]: doc for doc in raw["companies"].values()}


async def focus_field(pilot: AppPilot, name: str) -> Input:
    """Tab through the form, as a user does, until the field has focus."""
    for _ in range(30):
        focused = pilot.app.focused
        if focused is not None and focused.id == f"field-{name}":
            assert isinstance(focused, Input)
            return focused
        await press(pilot, "tab")
    raise AssertionError(f"tab never reached {name}")


async def test_the_first_a_on_a_new_contact_adds_a_question(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="Lee Park"))
    async with running(store, clock) as (app, pilot):
        await press(pilot, "e", "Q")
        screen = app.screen
        assert isinstance(screen, QuestionsScreen)
        await press(pilot, "a")
        await settle(pilot)
        (question,) = disk_by_name(data_dir)["Lee Park"]["questions"]
        assert question["category"] == "trends"
        await press(pilot, "a")  # and the next one, with no focus dance
        await settle(pilot)
        assert len(disk_by_name(data_dir)["Lee Park"]["questions"]) == 2


async def test_typing_in_a_field_with_a_default_replaces_it(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock) as (app, pilot):
        await press(pilot, "n")
        await type_text(pilot, "Lee Park")
        source = await focus_field(pilot, "source")
        assert source.value == "cold"
        await type_text(pilot, "r")  # not "coldr": the default was selected
        assert source.value == "r"
        await press(pilot, "enter")
        await settle(pilot)
        assert disk_by_name(data_dir)["Lee Park"]["source"] == "referral"


async def test_advocacy_takes_y_and_reads_yes_or_no(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock) as (app, pilot):
        await press(pilot, "C", "n")
        assert isinstance(app.screen, RecordForm)
        await type_text(pilot, "Acme")
        advocacy = await focus_field(pilot, "advocacy")
        assert advocacy.value == "no"
        await type_text(pilot, "y")  # not "noy"
        await press(pilot, "enter")
        await settle(pilot)
        assert disk_companies(data_dir)["Acme"]["advocacy"] == "yes"
        companies = app.screen
        row = companies.query_one("#companies-table")
        assert "yes" in str(row.get_row_at(0))  # type: ignore[attr-defined]
        # The label says what it takes.
        await press(pilot, "e")
        label = app.screen.query_one("#row-advocacy").query_one("Label")
        assert "Advocacy (yes/no)" in str(label.render())
