"""The method's whole path, by keys at 80x24 on an empty data folder: a new contact,
their reply, a meeting agreed in words, the interview on the clock with advice
and an introduction marked in the notes, a thank-you that uses the advice, the
LinkedIn and article steps coming due, and the introduced person as a new target
referred by the interviewee. The clock starts Thursday 26 November 2026, 09:30."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.documents import Store
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.interview import InterviewScreen
from infoint_tui.screens.interview_page import InterviewPageScreen
from infoint_tui.screens.letter import LetterScreen
from infoint_tui.screens.today import TodayScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, settle, type_text


async def test_from_a_reply_to_a_relationship_by_keys(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock) as (app, pilot):
        # A new contact, and the request sent (moved by hand here).
        await press(pilot, "n")
        await type_text(pilot, "Ada Okafor")
        await press(pilot, "tab")
        await type_text(pilot, "Northwind")
        await press(pilot, "ctrl+o")
        await press(pilot, "L")
        assert disk_by_name(data_dir)["Ada Okafor"]["stage"] == "requested"

        # They replied: log it, and agree a time in words.
        await press(pilot, "e", "i", "enter")
        await type_text(pilot, "Happy to meet")
        await press(pilot, "enter")
        await type_text(pilot, "wed 10am at Café Nero")
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactScreen)
        assert "◆ Wednesday 2 December, 10:00 · Café Nero" in screen_text(app)
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert (ada["stage"], ada["meeting_place"]) == ("scheduled", "Café Nero")

        # The interview, on the clock, marking advice and an introduction.
        clock.now = clock.now.replace(day=2, month=12, hour=10)
        await press(pilot, "t", "space", "tab")
        assert isinstance(app.screen, InterviewScreen)
        await type_text(pilot, "advice: join the analytics meetup")
        await press(pilot, "enter")
        await type_text(pilot, "intro: Raj Patel at Heron Cloud")
        clock.advance(minutes=31)
        await press(pilot, "tab", "x", "y")
        assert isinstance(app.screen, ContactScreen)
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert (ada["stage"], ada["action"], ada["interview_at"]) == ("met", "thank-you", None)

        # The past interview reads as a page; one key adds the introduction.
        await press(pilot, "v")
        assert isinstance(app.screen, InterviewPageScreen)
        text = screen_text(app)
        assert "Advice: join the analytics meetup" in text
        assert "Introduction offered: Raj Patel (Heron Cloud)" in text
        await press(pilot, "a")
        raj = disk_by_name(data_dir)["Raj Patel"]
        assert (raj["stage"], raj["source"], raj["referrer"], raj["company"]) == (
            "target",
            "referral",
            "Ada Okafor",
            "Heron Cloud",
        )
        assert "✓ in the pipeline" in screen_text(app)

        # The thank-you thanks her for that advice; sent, the LinkedIn step is next.
        await press(pilot, "escape", "w")
        assert isinstance(app.screen, LetterScreen)
        await app.workers.wait_for_complete()
        await settle(pilot)
        letter = app.screen
        assert "Your advice to join the analytics meetup was" in letter.rendered.body
        assert "advice to join the" in screen_text(app)  # the preview wraps at 80 columns
        await press(pilot, "m", "y")  # your profile is empty: it asks, naming what is left
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert (ada["stage"], ada["action"], ada["follow_up"]) == (
            "nurture",
            "linkedin",
            "2026-12-04",
        )

        # Two days on, Today asks for the LinkedIn invitation; then the article.
        clock.advance(days=2)
        await press(pilot, "T")
        assert isinstance(app.screen, TodayScreen)
        assert "Ada Okafor (Northwind) — Ask to connect on LinkedIn" in screen_text(app)
        await press(pilot, "d")
        ada = disk_by_name(data_dir)["Ada Okafor"]
        assert (ada["action"], ada["follow_up"]) == ("article", "2026-12-25")
        clock.advance(days=21)
        await press(pilot, "escape", "T")
        assert "Ada Okafor (Northwind) — Share an article" in screen_text(app)
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "escape")  # back where T was pressed: Ada's page
        assert isinstance(app.screen, ContactScreen)
