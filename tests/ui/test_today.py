"""Today: see what is due, clear it with a few keys, and find it on disk."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.agenda import AgendaItem
from infoint_tui.core.documents import Store
from infoint_tui.modals.choice import ChoiceModal
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.today import AgendaList, TodayScreen
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, disk_by_name, press, running, screen_text, type_text


async def highlight(pilot: AppPilot, name: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, TodayScreen)
    listing = screen.query_one("#today-list", AgendaList)
    for index, row in enumerate(listing.rows):
        if isinstance(row, AgendaItem) and row.name == name:
            listing.move(index - listing.cursor)
            await pilot.pause()
            return
    raise AssertionError(f"{name} is not on Today")


async def test_the_app_starts_on_today_when_something_is_due(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock, today_on_start=True) as (app, pilot):
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "Today, Thursday 26 November" in text and "13 due" in text
        assert "Interviews today (1)" in text and "Nadia Rahman" in text
        assert "! Farid Haddad (Kestrel Studio) — Follow up on request · 1 day late" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, TodayScreen)
        await press(pilot, "T")
        assert isinstance(app.screen, TodayScreen)


async def test_done_moves_the_contact_on_and_schedules_the_next_step(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        await highlight(pilot, "Farid Haddad")
        await press(pilot, "d")
        farid = disk_by_name(data_dir)["Farid Haddad"]
        assert farid["stage"] == "follow-up"
        assert farid["action"] == "last-follow-up"
        assert farid["follow_up"] == "2026-12-07"
        assert farid["events"][-1]["text"] == "Done: Follow up on request"
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert "Farid Haddad" not in [item.name for item in screen.items.values()]
        assert "✓ Farid Haddad: done. Next: Follow up once more 2026-12-07" in screen_text(app)
        await press(pilot, "u")
        assert disk_by_name(data_dir)["Farid Haddad"]["stage"] == "requested"


async def test_snooze_a_week_or_to_a_date(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        await highlight(pilot, "Grace Liu")
        await press(pilot, "s", "down", "enter")  # "1 week"
        assert disk_by_name(data_dir)["Grace Liu"]["follow_up"] == "2026-12-03"
        await highlight(pilot, "Yara Haddad")
        await press(pilot, "s", "down", "down", "enter")
        await type_text(pilot, "2026-02-30")
        await press(pilot, "enter")
        assert "February 2026 has 28 days" in screen_text(app)
        app.screen.query_one("#prompt-input").value = ""  # type: ignore[attr-defined]
        await type_text(pilot, "2026-12-15")
        await press(pilot, "enter")
        assert disk_by_name(data_dir)["Yara Haddad"]["follow_up"] == "2026-12-15"


async def test_logging_a_reply_asks_before_it_stops_waiting_at_that_company(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        await highlight(pilot, "Farid Haddad")  # Kestrel Studio, like Jamal Wright
        await press(pilot, "i", "enter")  # "They replied"
        await type_text(pilot, "Yes, next Tuesday")
        await press(pilot, "enter")
        question = app.screen
        assert isinstance(question, ChoiceModal)
        assert question.title_text.startswith(
            "Farid Haddad replied. Also waiting for a reply at Kestrel Studio: Jamal Wright"
        )
        await press(pilot, "down", "enter")  # stop waiting for them
        assert "When and where do you meet Farid Haddad?" in screen_text(app)
        await press(pilot, "escape")  # no time agreed yet
        on_disk = disk_by_name(data_dir)
        assert on_disk["Farid Haddad"]["events"][-1] == {
            "kind": "reply",
            "at": "2026-11-26T09:30:00Z",
            "text": "Yes, next Tuesday",
        }
        assert on_disk["Farid Haddad"]["action"] == "reply"
        assert on_disk["Jamal Wright"]["follow_up"] is None
        assert (
            "Farid Haddad at Kestrel Studio replied"
            in on_disk["Jamal Wright"]["events"][-1]["text"]
        )


async def test_enter_opens_the_contact(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        await highlight(pilot, "Quentin Roux")
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactScreen)
        assert "Quentin Roux" in screen_text(app)


async def test_today_starts_on_the_first_item(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.selected() is not None
        assert screen.selected().name == "Nadia Rahman"  # type: ignore[union-attr]


async def test_done_on_an_interview_means_it_was_held(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        await highlight(pilot, "Nadia Rahman")
        await press(pilot, "d")
        nadia = disk_by_name(data_dir)["Nadia Rahman"]
        assert nadia["stage"] == "met"
        assert nadia["action"] == "thank-you"
        assert nadia["follow_up"] is not None
        text = screen_text(app)
        assert "Interviews today" not in text
        assert "Nadia Rahman" in text  # now under the thank-you notes owed


async def test_the_cursor_steps_over_the_section_headings(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        names = []
        for key in ("j", "down", "k", "up", "k"):
            await press(pilot, key)
            names.append(screen.selected().name)  # type: ignore[union-attr]
        assert names == ["Tamsin Clarke", "Jamal Wright", "Tamsin Clarke"] + ["Nadia Rahman"] * 2
        await press(pilot, "pagedown")
        assert screen.selected().name == "Samuel Adeyemi"  # type: ignore[union-attr]
        # The last item has a letter to write, so w is enabled there.
        assert screen.check_action("write", ()) is True
