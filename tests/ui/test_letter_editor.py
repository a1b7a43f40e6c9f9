"""The letter editor: write from a template, fill what is missing, get it out, mark it sent."""

from __future__ import annotations

import contextlib
import email
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static, TextArea

from infoint_tui.core.documents import Store
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.modals.prompt import PromptModal
from infoint_tui.screens.letter import LetterScreen
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, screen_text, settle, type_text


def disk_letters(data_dir: Path, contact_name: str = "Bruno Salas") -> list[dict[str, Any]]:
    """The letters to one contact, as stored (the demo data has letters to others)."""
    contact_id = next(
        int(key)
        for key, doc in json.loads((data_dir / "contacts.json").read_text("utf-8"))[
            "contacts"
        ].items()
        if doc["name"] == contact_name
    )
    raw = json.loads((data_dir / "letters.json").read_text(encoding="utf-8"))
    return [doc for doc in raw["letters"].values() if doc["contact_id"] == contact_id]


async def rendered(pilot: AppPilot) -> LetterScreen:
    """Wait for the preview (rendered in a worker thread) to settle."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LetterScreen)
    return screen


def preview(screen: LetterScreen) -> str:
    return str(screen.query_one("#letter-preview", Static).render())


async def open_bruno(pilot: AppPilot) -> LetterScreen:
    """Bruno Salas: a Target referred by Maya Chen, so the referral request fits."""
    await press(pilot, "down", "w")
    return await rendered(pilot)


async def test_w_opens_the_referral_request_with_the_referrer_first(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        assert screen.template_name == "referral-request"
        text = preview(screen)
        assert "Subject: Maya Chen suggested I get in touch" in text
        assert text.index("Maya Chen") < text.index("Jordan Avery")
        assert "Tuesday 1 December" in text  # the promised follow-up day
        shown = screen_text(app)
        assert "Missing: [contact.hook]" in shown
        assert "{{ contact.referrer }}" in screen.query_one("#letter-source", TextArea).text


async def test_fill_the_missing_field_then_copy_and_write_files(
    demo_store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        await press(pilot, "f")
        assert isinstance(app.screen, PromptModal)
        await type_text(pilot, "your talk on research ops")
        await press(pilot, "enter")
        screen = await rendered(pilot)
        assert "your talk on research ops" in preview(screen)
        assert "✓ Every field is filled in" in screen_text(app)
        await press(pilot, "y")
        assert app.clipboard.startswith("Subject: Maya Chen suggested I get in touch")
        assert "your talk on research ops" in app.clipboard
        for name in ("bruno.txt", "bruno.eml"):
            await press(pilot, "o")
            field = app.screen.query_one("#prompt-input", Input)
            field.value = str(tmp_path / name)
            await press(pilot, "enter")
        text = (tmp_path / "bruno.txt").read_text(encoding="utf-8")
        assert text.startswith("Subject: Maya Chen suggested I get in touch\n\nDear Bruno,")
        message = email.message_from_bytes((tmp_path / "bruno.eml").read_bytes())
        assert message["Subject"] == "Maya Chen suggested I get in touch"
        assert "bruno@lumen.example" in message["To"]
        assert "Dear Bruno" in message.get_payload(decode=True).decode()  # type: ignore[union-attr]


async def test_mark_sent_moves_the_contact_and_schedules_the_promised_follow_up(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await open_bruno(pilot)
        await press(pilot, "d")  # a draft first
        await settle(pilot)
        assert disk_letters(data_dir)[0]["status"] == "draft"
        await press(pilot, "m")
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        await settle(pilot)
        bruno = disk_by_name(data_dir)["Bruno Salas"]
        assert bruno["stage"] == "requested"
        assert bruno["follow_up"] == "2026-12-01"  # the day the letter promised
        assert bruno["events"][-1]["kind"] == "letter"
        assert "Maya Chen suggested I get in touch" in bruno["events"][-1]["text"]
        letters = disk_letters(data_dir)
        assert len(letters) == 1 and letters[0]["status"] == "sent"
        assert letters[0]["sent_at"] == "2026-11-26T09:30:00Z"
        assert letters[0]["promised_follow_up"] == "2026-12-01"


async def test_a_template_error_shows_the_line_and_the_app_keeps_working(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        await press(pilot, "e")  # copies the bundled template into the data folder
        user_copy = data_dir / "templates" / "referral-request.txt.j2"
        assert user_copy.exists()
        source = screen.query_one("#letter-source", TextArea)
        source.text = "Subject: Hi\n\nDear {{ contact.name }},\n{% if %}\n"
        screen._save_source_and_render()
        screen = await rendered(pilot)
        shown = screen_text(app)
        assert "line 4" in shown
        assert "✗" in shown
        assert "{% if %}" in user_copy.read_text(encoding="utf-8")
        source.text = "Subject: Hi\n\nDear {{ contact.first_name }}, how are you?\n"
        screen._save_source_and_render()
        screen = await rendered(pilot)
        assert "Dear Bruno, how are you?" in preview(screen)
        await press(pilot, "escape", "escape")
        assert not isinstance(app.screen, LetterScreen)


async def test_a_hostile_template_is_stopped_not_obeyed(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        await press(pilot, "e")
        source = screen.query_one("#letter-source", TextArea)
        source.text = (
            "Subject: x\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}{{ 'x' * 900000000 }}"
        )
        screen._save_source_and_render()
        screen = await rendered(pilot)
        assert "error" in preview(screen).lower()
        assert app.is_running


@contextlib.contextmanager
def _no_suspend() -> Iterator[None]:
    yield


async def test_edit_in_editor_reads_the_letter_back(
    demo_store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_editor(command: list[str], check: bool) -> subprocess.CompletedProcess[str]:
        path = Path(command[-1])
        text = path.read_text(encoding="utf-8").replace("Dear Bruno", "Hello Bruno")
        path.write_text(text + "\x1b[31mP.S. escape codes vanish\n", encoding="utf-8")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setenv("EDITOR", "my-editor --wait")
    monkeypatch.setattr(subprocess, "run", fake_editor)
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        monkeypatch.setattr(app, "suspend", _no_suspend)
        await press(pilot, "E")
        text = preview(screen)
        assert "Hello Bruno" in text and "Dear Bruno" not in text
        assert "\x1b" not in text and "P.S. escape codes vanish" in text
        # The hand-edited letter still has the template's placeholder: f fills
        # it in that text, keeping the edit.
        assert "Missing: [contact.hook]" in screen_text(app)
        await press(pilot, "f")
        await type_text(pilot, "your post on survey design")
        await press(pilot, "enter")
        screen = await rendered(pilot)
        text = preview(screen)
        assert "your post on survey design" in text and "[contact.hook]" not in text
        assert "Hello Bruno" in text
        assert "✓ Every field is filled in" in screen_text(app)


async def test_w_reopens_the_saved_draft(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await open_bruno(pilot)
        await press(pilot, "f")
        await type_text(pilot, "your talk on research ops")
        await press(pilot, "enter")
        await rendered(pilot)
        await press(pilot, "d")
        assert [letter["status"] for letter in disk_letters(data_dir)] == ["draft"]
        await press(pilot, "escape")
        await press(pilot, "w")
        screen = await rendered(pilot)
        assert "your talk on research ops" in preview(screen)
        assert "Your draft of 26 Nov" in screen_text(app)
        assert "✓ Every field is filled in" in screen_text(app)


async def test_tab_on_a_bundled_template_makes_no_copy(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        screen = await open_bruno(pilot)
        await press(pilot, "tab")
        assert not screen.query_one("#letter-source", TextArea).has_focus
        assert "e makes your own copy" in screen_text(app)
        mine = data_dir / "templates"
        assert not mine.exists() or not any(mine.iterdir())


async def test_the_key_line_says_how_to_stop_editing(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await open_bruno(pilot)
        assert screen_text(app).splitlines()[-1].startswith("t Template e Edit f Fill")
        await press(pilot, "e")
        assert screen_text(app).splitlines()[-1].startswith("esc Stop editing tab Letter pane")
        await press(pilot, "escape")
        assert screen_text(app).splitlines()[-1].startswith("t Template e Edit")


async def test_copy_write_and_sent_ask_first_naming_what_is_missing(
    demo_store: Store, clock: FakeClock, data_dir: Path, tmp_path: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await open_bruno(pilot)
        await press(pilot, "y")
        question = app.screen
        assert isinstance(question, ConfirmModal)
        assert "[contact.hook]" in question.question
        await press(pilot, "n")  # go back and fill it in: nothing copied
        assert app.clipboard == ""
        await press(pilot, "y", "y")  # copy it anyway
        assert "[contact.hook]" in app.clipboard
        await press(pilot, "o")
        assert isinstance(app.screen, ConfirmModal)
        assert "[contact.hook]" in app.screen.question
        await press(pilot, "n")
        assert isinstance(app.screen, LetterScreen)
        await press(pilot, "m")
        assert isinstance(app.screen, ConfirmModal)
        assert "[contact.hook]" in app.screen.detail
        await press(pilot, "n")
        await settle(pilot)
        assert disk_by_name(data_dir)["Bruno Salas"]["stage"] == "target"


async def test_a_file_name_without_a_folder_goes_to_the_letters_folder(
    demo_store: Store,
    clock: FakeClock,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letters = tmp_path / "my letters"
    (data_dir / "settings.toml").write_text(f'[letters]\nfolder = "{letters}"\n', encoding="utf-8")
    started_in = tmp_path / "somewhere"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    async with running(demo_store, clock, notifications=True) as (app, pilot):
        await open_bruno(pilot)
        await press(pilot, "f")
        await type_text(pilot, "your post on survey design")
        await press(pilot, "enter")
        await rendered(pilot)
        await press(pilot, "o")
        field = app.screen.query_one("#prompt-input", Input)
        assert field.value == "bruno-salas-referral-request.txt"
        assert field.selected_text == ""  # typing adds to the name, it does not replace it
        await press(pilot, *["backspace"] * len(field.value))
        await type_text(pilot, "eml")
        await press(pilot, "enter")
        written = letters / "eml.txt"
        assert written.read_text(encoding="utf-8").startswith("Subject: Maya Chen suggested")
        assert oct(letters.stat().st_mode & 0o777) == oct(0o700)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert f"Written to {written}" in toasts
    assert list(started_in.iterdir()) == []  # nothing where the app was started


async def test_f_offers_the_optional_visit_dates_once_nothing_is_missing(
    demo_store: Store, clock: FakeClock
) -> None:
    """Ada (a cold Target with a hook): the cold request lacks nothing, and f
    asks for the dates you are in the area, which then appear in the letter."""
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "w")
        screen = await rendered(pilot)
        assert screen.template_name == "cold-request"
        assert "near your office" not in preview(screen)  # no dates: no sentence
        await press(pilot, "f")
        assert isinstance(app.screen, PromptModal)
        assert "Dates you will be in town (letter.visit_dates)" in screen_text(app)
        await type_text(pilot, "3-5 December")
        await press(pilot, "enter")
        screen = await rendered(pilot)
        assert "I'm near your office 3-5 December." in preview(screen)
