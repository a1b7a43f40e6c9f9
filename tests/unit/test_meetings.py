"""The meeting's flows in core, on a fixed clock (Thursday 26 November 2026, 09:30 UTC):
agreed, moved, cancelled, missed, held; the agenda's question once its time has
passed; and a reply that never silently drops another person's promised follow-up."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from infoint_tui.core.contacts import agenda, meetings, pipeline
from infoint_tui.core.contacts.board import due_state
from infoint_tui.core.contacts.followups import Action, FollowUpRules
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.contacts.when import parse_meeting
from infoint_tui.core.documents import Store
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import Settings
from tests.conftest import START, FakeClock

RULES = FollowUpRules()
WEDNESDAY_10 = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
FRIDAY_16 = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def _requested(name: str = "Ada", company: str = "Acme", contact_id: int = 1) -> Contact:
    contact = Contact(name=name, company=company, id=contact_id, stage=Stage.TARGET)
    return replace(
        pipeline.moved(contact, Stage.REQUESTED, now=START, rank=0.0, rules=RULES), id=contact_id
    )


def test_a_meeting_agreed_goes_to_scheduled_on_top_with_prepare_the_day_before() -> None:
    already = Contact(name="Bea", id=2, stage=Stage.SCHEDULED, rank=-3.0)
    ada = _requested()
    after = meetings.booked(
        ada, WEDNESDAY_10, "Café Nero", now=START, rules=RULES, board=[ada, already]
    )
    assert after.stage is Stage.SCHEDULED
    assert after.rank < already.rank  # on top of the lane it entered
    assert after.interview_at == WEDNESDAY_10 and after.meeting_place == "Café Nero"
    assert after.action == Action.PREPARE.value and after.follow_up == date(2026, 12, 1)
    assert after.events[-1].kind == "schedule"
    assert after.events[-1].text == "Meeting agreed: Wednesday 2 December, 10:00 · Café Nero"


def test_a_moved_meeting_says_what_it_moved_from_and_keeps_its_place_unless_told() -> None:
    ada = meetings.booked(_requested(), WEDNESDAY_10, "Café Nero", now=START, rules=RULES, board=[])
    moved = meetings.booked(ada, FRIDAY_16, "", now=START, rules=RULES, board=[ada])
    assert moved.interview_at == FRIDAY_16 and moved.meeting_place == "Café Nero"
    assert moved.stage_history == ada.stage_history  # already in Scheduled: no second entry
    assert moved.events[-1].text == (
        "Meeting moved to Friday 27 November, 16:00 · Café Nero "
        "(was Wednesday 2 December, 10:00 · Café Nero)"
    )
    # Moved to tomorrow: preparing is due today, the day before.
    assert moved.action == Action.PREPARE.value and moved.follow_up == date(2026, 11, 26)
    elsewhere = meetings.booked(
        ada, FRIDAY_16, "video https://x.example/a", now=START, rules=RULES, board=[]
    )
    assert elsewhere.meeting_place == "video https://x.example/a"


def test_a_place_full_of_escape_codes_is_cleaned() -> None:
    ada = meetings.booked(
        _requested(), WEDNESDAY_10, "Café\x1b[2J Nero\x07", now=START, rules=RULES, board=[]
    )
    assert "\x1b" not in ada.meeting_place and "\x07" not in ada.meeting_place
    assert ada.meeting_place.startswith("Café")


def test_a_cancelled_meeting_waits_for_a_new_time_or_closes() -> None:
    ada = meetings.booked(_requested(), WEDNESDAY_10, "Café Nero", now=START, rules=RULES, board=[])
    waiting = meetings.called_off(
        ada, now=START, rules=RULES, board=[ada], follow_up_on=date(2026, 12, 7)
    )
    assert waiting.interview_at is None and waiting.meeting_place == ""
    assert waiting.stage is Stage.FOLLOW_UP
    assert waiting.follow_up == date(2026, 12, 7)
    assert waiting.next_action == meetings.AGREE_A_NEW_TIME
    assert "Meeting cancelled (Wednesday 2 December, 10:00 · Café Nero)" in [
        event.text for event in waiting.events
    ]
    closed = meetings.called_off(ada, now=START, rules=RULES, board=[ada], follow_up_on=None)
    assert closed.stage is Stage.CLOSED and closed.interview_at is None


def test_a_meeting_that_did_not_happen_is_followed_up_the_next_business_day() -> None:
    ada = meetings.booked(_requested(), FRIDAY_16, "", now=START, rules=RULES, board=[])
    saturday = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    after = meetings.missed(ada, now=saturday, rules=RULES, board=[ada])
    assert after.interview_at is None
    assert after.stage is Stage.FOLLOW_UP
    assert after.follow_up == date(2026, 11, 30)  # Monday
    assert after.next_action == meetings.AFTER_NO_SHOW
    assert after.events[-1].text.startswith("Did not take place: Friday 27 November, 16:00")


def test_a_meeting_held_is_a_past_meeting_and_the_thank_you_is_due() -> None:
    ada = meetings.booked(_requested(), FRIDAY_16, "Café Nero", now=START, rules=RULES, board=[])
    later = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    after = pipeline.meeting_held(ada, now=later, rules=RULES, board=[ada])
    assert after.stage is Stage.MET
    assert after.interview_at is None and after.meeting_place == ""
    assert after.action == Action.THANK_YOU.value
    assert after.follow_up == date(2026, 11, 28)
    held = [event for event in after.events if event.kind == "interview"]
    assert held and held[-1].at == FRIDAY_16  # it took place at the booked time


def test_today_asks_whether_a_past_meeting_happened_and_shows_todays_with_its_place() -> None:
    ada = meetings.booked(_requested(), FRIDAY_16, "Café Nero", now=START, rules=RULES, board=[])
    friday_morning = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    sections = agenda.agenda([ada], date(2026, 11, 27), RULES, now=friday_morning)
    assert [item.label for item in sections["interviews"]] == ["Interview 16:00 · Café Nero"]
    assert sections["held"] == []
    friday_evening = datetime(2026, 11, 27, 16, 31, tzinfo=UTC)
    sections = agenda.agenda([ada], date(2026, 11, 27), RULES, now=friday_evening)
    assert sections["interviews"] == []
    [item] = sections["held"]
    assert item.label == "Meeting Friday 27 November, 16:00 · Café Nero"
    # The day before: preparing, naming the meeting.
    thursday = agenda.agenda([ada], date(2026, 11, 26), RULES, now=START)
    [prepare] = thursday["today"]
    assert prepare.label == "Prepare questions for Fri 16:00 · Café Nero"


def test_the_card_marks_the_meeting_day_not_the_follow_up() -> None:
    ada = meetings.booked(_requested(), WEDNESDAY_10, "", now=START, rules=RULES, board=[])
    assert ada.follow_up == date(2026, 12, 1)
    assert due_state(ada, date(2026, 12, 1)) == "upcoming"  # prepare is due, the meeting is not
    assert due_state(ada, date(2026, 12, 2)) == "today"
    assert due_state(ada, date(2026, 12, 3)) == "overdue"


def test_the_words_a_user_types_book_the_meeting_they_read_back() -> None:
    meeting = parse_meeting("wed 10am at Café Nero", START, UTC)
    after = meetings.booked(
        _requested(), meeting.at, meeting.place, now=START, rules=RULES, board=[]
    )
    assert after.interview_at == WEDNESDAY_10 and after.meeting_place == "Café Nero"


# -- the session: one undoable change each; a reply asks before dropping a promise ---------
def _session(store: Store, clock: FakeClock) -> Session:
    return Session(store, Settings(), clock=clock, start_saver=False)


def test_booking_and_cancelling_are_undoable_and_stored(store: Store, clock: FakeClock) -> None:
    ada = store.contacts.insert(_requested())
    session = _session(store, clock)
    message = session.meetings.book(ada.id, parse_meeting("wed 10am at Café Nero", clock(), UTC))
    assert message == "Meeting agreed: Wednesday 2 December, 10:00 · Café Nero with Ada"
    assert session.saver.flush(10)
    stored = Store(store.data_dir, clock=clock).open().contacts.require(ada.id)
    assert stored.interview_at == WEDNESDAY_10 and stored.meeting_place == "Café Nero"
    assert session.meetings.cancel(ada.id, None) == "Meeting with Ada cancelled; closed"
    assert session.contacts[ada.id].stage is Stage.CLOSED
    session.undo()
    assert session.contacts[ada.id].interview_at == WEDNESDAY_10
    session.undo()
    assert session.contacts[ada.id].interview_at is None
    assert session.contacts[ada.id].stage is Stage.REQUESTED


def test_a_reply_keeps_the_promises_made_to_others_at_the_company_unless_told(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(_requested("Ada", "Acme"))
    lee = store.contacts.insert(_requested("Lee Park", " ACME "))
    other = store.contacts.insert(_requested("Oli", "Other Co"))
    session = _session(store, clock)
    assert [c.name for c in session.waiting_at_company(ada.id)] == ["Lee Park"]
    message = session.log_interaction(ada.id, "reply", "Happy to talk")
    assert message == "Logged a reply from Ada; kept the follow-ups promised to Lee Park"
    kept = session.contacts[lee.id]
    assert kept.follow_up == lee.follow_up and kept.action == lee.action
    assert kept.events[-1].text.startswith("Kept the follow-up promised on")
    assert session.contacts[other.id] == other
    session.undo()
    message = session.log_interaction(ada.id, "reply", "Happy to talk", stop_waiting=True)
    assert message == "Logged a reply from Ada; stopped waiting for a reply from Lee Park"
    dropped = session.contacts[lee.id]
    assert dropped.follow_up is None and dropped.action == ""
    assert "dropped (Ada at Acme replied)" in dropped.events[-1].text


def test_a_meeting_whose_time_passed_is_past_only_once_it_is_over() -> None:
    ada = meetings.booked(_requested(), FRIDAY_16, "", now=START, rules=RULES, board=[])
    assert not meetings.is_past(ada, FRIDAY_16 + timedelta(minutes=29))
    assert meetings.is_past(ada, FRIDAY_16 + timedelta(minutes=30))
