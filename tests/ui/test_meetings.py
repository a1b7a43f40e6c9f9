"""From a reply to a meeting, by keys at 80x24, checking the screen and the disk; and
the same from the shell. The clock is Thursday 26 November 2026, 09:30 UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts import meetings, pipeline
from infoint_tui.core.contacts.followups import FollowUpRules
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.modals.choice import ChoiceModal
from infoint_tui.modals.prompt import PromptModal
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.today import TodayScreen
from tests.conftest import START, FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, screen_text, type_text


def requested(store: Store, name: str, company: str, rank: float) -> Contact:
    contact = Contact.create({"name": name, "company": company}, now=START)
    moved = pipeline.moved(contact, Stage.REQUESTED, now=START, rank=rank, rules=FollowUpRules())
    return store.contacts.insert(moved)


async def answer(pilot: AppPilot, text: str) -> None:
    await type_text(pilot, text)
    await pilot.pause()


async def test_a_reply_asks_about_the_others_then_when_and_where_and_books_it(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    requested(store, "Ada Okafor", "Acme", 0.0)
    lee = requested(store, "Lee Park", "ACME", 1.0)
    async with running(store, clock) as (app, pilot):
        await press(pilot, "2", "e")  # the Request sent lane; Ada is on top
        assert isinstance(app.screen, ContactScreen)
        await press(pilot, "i", "enter")  # log: "They replied"
        await answer(pilot, "Happy to meet")
        await press(pilot, "enter")
        assert isinstance(app.screen, ChoiceModal)
        text = screen_text(app)
        assert "Ada Okafor replied. Also waiting for a reply" in text
        assert "Lee Park (follow-up Tue 1 Dec)" in text
        await press(pilot, "enter")  # keep (the first choice)
        assert isinstance(app.screen, PromptModal)
        assert "When and where do you meet Ada Okafor?" in screen_text(app)
        await answer(pilot, "blah")
        await press(pilot, "enter")  # unreadable: says so, and asks again
        assert isinstance(app.screen, PromptModal)
        assert "could not read a day or a time" in screen_text(app)
        await press(pilot, *["backspace"] * 4)
        await answer(pilot, "wed 10am at Café Nero")
        assert "→ Wednesday 2 December, 10:00 · Café Nero" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactScreen)
        assert "◆ Wednesday 2 December, 10:00 · Café Nero" in screen_text(app)
        on_disk = disk_by_name(data_dir)
        assert on_disk["Ada Okafor"]["stage"] == "scheduled"
        assert on_disk["Ada Okafor"]["interview_at"] == "2026-12-02T10:00:00Z"
        assert on_disk["Ada Okafor"]["meeting_place"] == "Café Nero"
        assert on_disk["Ada Okafor"]["action"] == "prepare"
        assert on_disk["Ada Okafor"]["follow_up"] == "2026-12-01"
        # Lee's promised follow-up is kept, and his timeline says so.
        assert on_disk["Lee Park"]["follow_up"] == lee.follow_up.isoformat()  # type: ignore[union-attr]
        assert on_disk["Lee Park"]["action"] == "follow-up"
        assert on_disk["Lee Park"]["events"][-1]["text"] == (
            "Kept the follow-up promised on Tue 1 Dec (Ada Okafor at Acme replied)"
        )


async def test_a_card_moved_into_scheduled_asks_when_and_the_card_shows_the_meeting(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    requested(store, "Ada Okafor", "Acme", 0.0)
    async with running(store, clock) as (app, pilot):
        await press(pilot, "2", "L")  # Request sent → Follow-up: no question
        assert not isinstance(app.screen, PromptModal)
        await press(pilot, "L")  # → Scheduled: when and where?
        assert isinstance(app.screen, PromptModal)
        await answer(pilot, "fri 4pm video https://meet.example/abc")
        await press(pilot, "enter")
        text = screen_text(app)
        assert "◆ Fri 16:00" in text
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["interview_at"] == "2026-11-27T16:00:00Z"
        assert on_disk["meeting_place"] == "video https://meet.example/abc"
        # m moves it; naming no place keeps the link.
        await press(pilot, "m")
        assert "Move the meeting with Ada Okafor" in screen_text(app)
        await answer(pilot, "3 dec 9:00")
        await press(pilot, "enter")
        assert "◆ Thu 09:00" in screen_text(app)
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["interview_at"] == "2026-12-03T09:00:00Z"
        assert on_disk["meeting_place"] == "video https://meet.example/abc"
        # x cancels, asking what next; "Close" closes.
        await press(pilot, "x")
        assert isinstance(app.screen, ChoiceModal)
        assert "Follow up to agree a new time, Thu 3 Dec" in screen_text(app)
        await press(pilot, "down", "down", "enter")
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["stage"] == "closed" and on_disk["interview_at"] is None
        await press(pilot, "u")  # one undo brings the meeting back
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["stage"] == "scheduled"
        assert on_disk["interview_at"] == "2026-12-03T09:00:00Z"


async def test_esc_on_the_question_leaves_the_card_scheduled_without_a_time(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    requested(store, "Ada Okafor", "Acme", 0.0)
    async with running(store, clock) as (app, pilot):
        await press(pilot, "2", "L", "L", "escape")
        assert not isinstance(app.screen, PromptModal)
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["stage"] == "scheduled" and on_disk["interview_at"] is None
        await press(pilot, "x")  # nothing booked: says so
        assert "No meeting is booked with Ada Okafor" in screen_text(app)


async def test_today_asks_what_happened_once_the_meeting_is_over(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    ada = requested(store, "Ada Okafor", "Acme", 0.0)
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    booked = meetings.booked(
        ada, friday, "Café Nero", now=START, rules=FollowUpRules(), board=[ada]
    )
    store.contacts.put(booked)
    clock.now = friday + timedelta(hours=1)
    async with running(store, clock) as (app, pilot):
        await press(pilot, "T")
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "Did the meeting happen? (1)" in text
        assert "Ada Okafor (Acme) — Meeting Friday 27 November, 16:00 · Café Nero" in text
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceModal)
        assert "Did you meet Ada Okafor?" in screen_text(app)
        await press(pilot, "enter")  # yes, we met
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["stage"] == "met"
        assert on_disk["interview_at"] is None
        assert on_disk["action"] == "thank-you"
        assert on_disk["follow_up"] == "2026-11-28"
        assert "Thank-you notes owed (1)" in screen_text(app)


async def test_a_meeting_that_did_not_happen_is_followed_up(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    ada = requested(store, "Ada Okafor", "Acme", 0.0)
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    store.contacts.put(
        meetings.booked(ada, friday, "", now=START, rules=FollowUpRules(), board=[ada])
    )
    clock.now = friday + timedelta(hours=1)
    async with running(store, clock) as (app, pilot):
        await press(pilot, "T", "d", "down", "down", "enter")
        on_disk = disk_by_name(data_dir)["Ada Okafor"]
        assert on_disk["stage"] == "follow-up"
        assert on_disk["next_action"] == meetings.AFTER_NO_SHOW
        assert on_disk["follow_up"] == "2026-11-30"


# -- the shell --------------------------------------------------------------------------
def test_infoint_schedule_books_moves_and_cancels(
    store: Store, clock: FakeClock, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = requested(store, "Ada Okafor", "Acme", 0.0)
    day = date.today() + timedelta(days=10)  # the command reads the real clock
    when = f"{day:%Y-%m-%d} 10:00"
    status = main(["--data-dir", str(data_dir), "schedule", str(ada.id), when, "--place", "Café"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.strip() == f"Meeting with Ada Okafor: {day:%A} {day.day} {day:%B}, 10:00 · Café"
    on_disk = disk_by_name(data_dir)["Ada Okafor"]
    assert on_disk["stage"] == "scheduled" and on_disk["meeting_place"] == "Café"
    status = main(["--data-dir", str(data_dir), "schedule", str(ada.id), "blah"])
    err = capsys.readouterr().err
    assert status != 0 and "could not read a day or a time" in err
    assert disk_by_name(data_dir)["Ada Okafor"]["meeting_place"] == "Café"
    status = main(
        [
            "--data-dir",
            str(data_dir),
            "schedule",
            str(ada.id),
            "--cancel",
            "--follow-up",
            f"{day:%Y-%m-%d}",
        ]
    )
    assert status == 0
    assert "Cancelled the meeting with Ada Okafor; follow up on" in capsys.readouterr().out
    on_disk = disk_by_name(data_dir)["Ada Okafor"]
    assert on_disk["stage"] == "follow-up" and on_disk["interview_at"] is None
