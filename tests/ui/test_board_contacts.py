"""Adding, opening, editing and deleting contacts from the board."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.modals.contact_form import ContactForm
from infoint_tui.screens.contact import ContactScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, settle, type_text


async def test_n_adds_a_contact_through_the_form(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Zoe Kim")
        await press(pilot, "tab")  # the company comes right after the name
        await type_text(pilot, "Acme Labs")
        await press(pilot, "tab")
        await type_text(pilot, "Data Engineer")
        await press(pilot, "enter")
        await settle(pilot)
        zoe = disk_by_name(data_dir)["Zoe Kim"]
        assert zoe["company"] == "Acme Labs" and zoe["title"] == "Data Engineer"
        assert zoe["stage"] == "target"
        board = app.board_screen
        assert board is not None
        assert board.selected_contact().name == "Zoe Kim"  # type: ignore[union-attr]
        assert "▌Zoe Kim" in screen_text(app)
        # Adding is undoable too.
        await press(pilot, "u")
        assert "Zoe Kim" not in disk_by_name(data_dir)
        assert "Undone: Added Zoe Kim" in screen_text(app)
        assert "Zoe Kim" not in [c.name for c in board.board.lane(Stage.TARGET)]


async def test_the_form_adds_into_the_current_lane(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "4", "n")
        await type_text(pilot, "Yusuf Ali")
        await press(pilot, "enter")
        await settle(pilot)
        yusuf = disk_by_name(data_dir)["Yusuf Ali"]
        assert yusuf["stage"] == "scheduled"
        assert [entry["stage"] for entry in yusuf["stage_history"]] == ["target", "scheduled"]


async def test_form_validation_is_inline_and_saves_nothing(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    before = (data_dir / "contacts.json").read_bytes()
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, ContactForm)
        # Name left empty, a bad e-mail and an impossible date.
        form.query_one("#field-email", Input).value = "not-an-address"
        form.query_one("#field-follow_up", Input).value = "2026-02-30"
        form.action_save()
        await pilot.pause()
        text = screen_text(app)
        assert "Name is required" in text
        assert isinstance(app.screen, ContactForm)
        form.query_one("#field-name", Input).value = "Valid Name"
        form.action_save()
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        all_errors = " ".join(str(row.error.render()) for row in form.rows if row.error.display)
        assert "is not an e-mail address" in all_errors
        assert "February 2026 has 28 days" in all_errors
        await press(pilot, "escape")
        assert not isinstance(app.screen, ContactForm)
    assert (data_dir / "contacts.json").read_bytes() == before


async def test_enter_opens_the_contact_screen_with_fields_and_timeline(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "2", "enter")
        assert isinstance(app.screen, ContactScreen)
        text = screen_text(app)
        assert "Farid Haddad" in text and "Request sent" in text
        assert "your podcast episode on design systems" in text
        assert "Timeline" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, ContactScreen)
        await press(pilot, "e")
        assert isinstance(app.screen, ContactScreen)


async def test_edit_from_the_contact_screen_saves_and_is_undoable(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "enter", "e")
        form = app.screen
        assert isinstance(form, ContactForm)
        title = form.query_one("#field-title", Input)
        title.value = "Principal Data Engineer"
        form.action_save()
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        assert disk_by_name(data_dir)["Ada Okafor"]["title"] == "Principal Data Engineer"
        assert "Principal Data Engineer" in screen_text(app)
        await press(pilot, "u")
        assert disk_by_name(data_dir)["Ada Okafor"]["title"] == "Staff Data Engineer"


async def test_moving_from_the_contact_screen_shows_on_its_timeline(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "enter", "L")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"
        text = screen_text(app)
        assert "Moved to Request sent" in text
        await press(pilot, "escape")
        board = app.board_screen
        assert board is not None
        assert board.board.stage is Stage.REQUESTED


async def test_d_deletes_after_confirmation_and_n_keeps(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "d")
        assert "Delete Ada Okafor?" in screen_text(app)
        await press(pilot, "n")
        assert "Ada Okafor" in disk_by_name(data_dir)
        await press(pilot, "d", "y")
        assert "Ada Okafor" not in disk_by_name(data_dir)
        assert "Deleted Ada Okafor" in screen_text(app)
        board = app.board_screen
        assert board is not None
        assert "Ada Okafor" not in [c.name for c in board.board.lane(Stage.TARGET)]
        assert board.selected_contact().name == "Bruno Salas"  # type: ignore[union-attr]
        await press(pilot, "u")
        restored = disk_by_name(data_dir)["Ada Okafor"]
        assert restored["stage"] == "target"
        assert "▌Ada Okafor" in screen_text(app)


async def test_the_stage_chosen_in_the_form_is_the_one_saved(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "n")
        await type_text(pilot, "Ines Duarte")
        # name, company, title, then the stage selector
        await press(pilot, "tab", "tab", "tab", "enter", "down", "down", "down", "down", "enter")
        assert "Met" in screen_text(app)
        await press(pilot, "ctrl+o")
        ines = disk_by_name(data_dir)["Ines Duarte"]
        assert ines["stage"] == "met"
        board = app.board_screen
        assert board is not None and board.board.stage is Stage.MET
        assert board.selected_contact().name == "Ines Duarte"  # type: ignore[union-attr]
