"""Text from users and imports is data: shown literally, never markup or escapes."""

from __future__ import annotations

import json
from pathlib import Path

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.screens.contact import ContactScreen
from tests.conftest import FakeClock
from tests.ui.helpers import press, running, screen_text, type_text

NASTY = [
    "[bold red]x[/]",
    "[/]",
    "[link=file:///etc/passwd]y",
    "[@click=app.quit]z[/]",
    "a [/bold] b",
]


async def test_markup_in_names_is_shown_literally(store: Store, clock: FakeClock) -> None:
    for rank, name in enumerate(NASTY):
        store.contacts.insert(Contact(name=name, company=name, rank=float(rank)))
    async with running(store, clock) as (app, pilot):
        text = screen_text(app)
        for name in NASTY:
            assert name[:22] in text, name  # lanes are 24 columns wide at 80x24
        # Open each one: the contact screen shows it literally too, and nothing crashes.
        for _ in NASTY:
            await press(pilot, "enter")
            assert isinstance(app.screen, ContactScreen)
            await press(pilot, "escape", "down")
        # The palette's fuzzy highlighter must not parse them either.
        await press(pilot, "ctrl+p")
        await type_text(pilot, "link")
        await pilot.pause(0.3)
        assert "[link=file:///etc/passwd]y" in screen_text(app)
        await press(pilot, "escape")
        assert app.is_running


async def test_escape_sequences_in_a_hand_edited_file_never_reach_the_terminal(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="Plain Name", company="Acme"))
    path = data_dir / "contacts.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["contacts"]["1"]["name"] = "Evil\x1b[2J\x1b]0;pwned\x07 Name\x9b31m"
    raw["contacts"]["1"]["notes"] = "line one\n\x1b[31mred\x1b[0m"
    path.write_text(json.dumps(raw), encoding="utf-8")
    reopened = Store(data_dir, clock=clock).open()
    contact = reopened.contacts.require(1)
    assert contact.name == "Evil Name"
    assert "\x1b" not in contact.notes and "red" in contact.notes
    async with running(reopened, clock) as (app, pilot):
        text = screen_text(app)
        assert "Evil Name" in text
        assert "\x1b" not in text and "\x9b" not in text and "pwned" not in text
        await press(pilot, "enter")
        text = screen_text(app)
        assert "\x1b" not in text and "red" in text


async def test_typed_escape_sequences_are_removed_on_the_way_in(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock) as (app, pilot):
        await press(pilot, "n")
        form = app.screen
        from textual.widgets import Input

        form.query_one("#field-name", Input).value = "Bob\x1b[31m Red\x07"
        form.action_save()  # type: ignore[attr-defined]
        await pilot.pause()
        assert app.session.saver.flush(5)
        await pilot.pause()
    doc = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    names = [d["name"] for d in doc["contacts"].values()]
    assert names == ["Bob Red"]


async def test_a_notice_naming_a_markup_contact_shows_it_literally(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="[/]", company="[bold]Acme"))
    async with running(store, clock, notifications=True) as (app, pilot):
        await press(pilot, "enter", "i", "enter")  # log "They replied"
        await type_text(pilot, "[/b] sure")
        await press(pilot, "enter")
        await pilot.pause()
        assert app.is_running
        toasts = app.screen.query("Toast")  # Textual does not export the class
        assert [str(toast.render()) for toast in toasts] == ["Logged a reply from [/]"]
        raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
        assert raw["contacts"]["1"]["events"][-1]["text"] == "[/b] sure"
