"""Marking a next step done, through the session the screens use."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar

from infoint_tui.core.contacts import pipeline
from infoint_tui.core.contacts.agenda import agenda
from infoint_tui.core.contacts.changes import ChangeSet, ContactChange
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.ics_export import export_ics, interview_uid
from infoint_tui.core.interviews import interview as interviews
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import load_settings
from tests.conftest import FakeClock


def test_done_without_a_next_step_says_so_and_changes_nothing(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="Nia Step"))
    before = (data_dir / "contacts.json").read_bytes()
    session = Session(store, load_settings(data_dir), clock=clock)
    try:
        assert session.mark_done(1) == "Nia Step has no next step to mark done"
        assert session.saver.flush(10)
        assert (data_dir / "contacts.json").read_bytes() == before
        assert not session.history.can_undo
    finally:
        session.close(timeout=5)


# -- an interview held is no longer booked ---------------------------------------------
def by_name(session: Session, name: str) -> Contact:
    return next(contact for contact in session.contacts.values() if contact.name == name)


def calendar_interviews(data_dir: Path, clock: FakeClock) -> set[str]:
    """The interview UIDs ``infoint export ics`` writes, from what is on disk."""
    stored = Store(data_dir, clock=clock).open().contacts.all().values()
    calendar = Calendar.from_ical(export_ics(stored, now=clock()))
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def agenda_interviews(session: Session) -> list[str]:
    sections = agenda(session.contacts.values(), session.today(), session.settings.rules)
    return [item.name for item in sections["interviews"]]


def disk_contact(data_dir: Path, contact_id: int) -> dict[str, Any]:
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    document: dict[str, Any] = raw["contacts"][str(contact_id)]
    return document


def said_held(contact: Contact) -> list[tuple[datetime, str, str]]:
    return [entry for entry in pipeline.timeline(contact) if entry[1] == "interview"]


def test_done_on_an_interview_step_means_it_was_held(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    session = Session(demo_store, load_settings(data_dir), clock=clock)
    try:
        nadia = by_name(session, "Nadia Rahman")
        booked = nadia.interview_at
        assert nadia.action == "interview" and booked is not None
        assert interview_uid(nadia) in calendar_interviews(data_dir, clock)
        assert agenda_interviews(session) == ["Nadia Rahman"]
        clock.now = booked + timedelta(hours=1, minutes=30)  # the call is over
        message = session.mark_done(nadia.id)
        assert message.startswith("✓ Nadia Rahman: done. Next: Send thank-you note")
        after = session.contacts[nadia.id]
        assert after.interview_at is None
        assert (after.stage, after.action) == (Stage.MET, "thank-you")
        assert after.follow_up == date(2026, 11, 27)
        assert said_held(after) == [(booked, "interview", "Interview held (marked done on Today)")]
        assert agenda_interviews(session) == []
        assert session.saver.flush(10)
        saved = disk_contact(data_dir, nadia.id)
        assert saved["interview_at"] is None
        assert (saved["stage"], saved["action"]) == ("met", "thank-you")
        assert interview_uid(nadia) not in calendar_interviews(data_dir, clock)
        # Undo books it again, everywhere.
        session.undo()
        assert session.saver.flush(10)
        assert disk_contact(data_dir, nadia.id)["interview_at"] is not None
        assert interview_uid(nadia) in calendar_interviews(data_dir, clock)
    finally:
        session.close(timeout=5)


def test_done_before_the_booked_time_records_it_now(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    session = Session(demo_store, load_settings(data_dir), clock=clock)
    try:
        nadia = by_name(session, "Nadia Rahman")
        assert nadia.interview_at is not None and clock() < nadia.interview_at
        session.mark_done(nadia.id)
        after = session.contacts[nadia.id]
        assert after.interview_at is None
        assert [entry[0] for entry in said_held(after)] == [clock()]
    finally:
        session.close(timeout=5)


def test_an_interview_ended_on_the_clock_is_no_longer_booked(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    """What the Interview screen's finish does, without the screen."""
    session = Session(demo_store, load_settings(data_dir), clock=clock)
    try:
        nadia = by_name(session, "Nadia Rahman")
        assert nadia.interview_at is not None
        clock.now = nadia.interview_at
        interview = interviews.start(interviews.new_interview(nadia, clock()), clock())
        clock.advance(minutes=35)
        rank = pipeline.rank_on_top(session.contacts.values(), Stage.MET)
        _, updated = interviews.finish(interview, nadia, clock(), session.settings.rules, rank=rank)
        session.perform(
            ChangeSet("Interview with Nadia Rahman recorded", (ContactChange(nadia, updated),))
        )
        after = session.contacts[nadia.id]
        assert after.interview_at is None and after.stage is Stage.MET
        (entry,) = said_held(after)
        assert entry[0] == clock() and "35 min actual" in entry[2]
        assert agenda_interviews(session) == []
        assert session.saver.flush(10)
        assert disk_contact(data_dir, nadia.id)["interview_at"] is None
        assert interview_uid(nadia) not in calendar_interviews(data_dir, clock)
    finally:
        session.close(timeout=5)


def test_moving_to_met_in_the_form_means_it_was_held(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    session = Session(demo_store, load_settings(data_dir), clock=clock)
    try:
        nadia = by_name(session, "Nadia Rahman")
        assert session.edit_contact(nadia, {"stage": "met"})
        after = session.contacts[nadia.id]
        assert after.interview_at is None and after.stage is Stage.MET
        assert [entry[2] for entry in said_held(after)] == ["Interview held (moved to Met)"]
        assert session.saver.flush(10)
        assert disk_contact(data_dir, nadia.id)["interview_at"] is None
    finally:
        session.close(timeout=5)
