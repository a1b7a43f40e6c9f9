"""The Interview document, its pure changes, and what finishing one does to the contact."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.contacts.followups import FollowUpRules
from infoint_tui.core.contacts.model import Contact, Event, Question, Stage
from infoint_tui.core.contacts.pipeline import timeline
from infoint_tui.core.dates import DateError
from infoint_tui.core.documents import Store
from infoint_tui.core.interviews import interview as iv
from infoint_tui.core.interviews.interview import Interview, InterviewQuestion
from infoint_tui.core.interviews.timer import Status
from tests.conftest import START, FakeClock

MIN = 60


def at(seconds: float) -> Any:
    return START + timedelta(seconds=seconds)


QUESTIONS = (
    Question("What trends are you seeing in your field that excite you?", "trends"),
    Question("What surprised you most about this work?", "insights"),
    Question("If you were me, what would you do next?", "advice"),
    Question("Who else should I talk to?", "resources"),
)


def ada(**changes: Any) -> Contact:
    contact = Contact(
        "Ada Okafor",
        id=7,
        company="Northwind",
        stage=Stage.SCHEDULED,
        rank=3.0,
        questions=QUESTIONS,
        follow_up=date(2026, 11, 25),
        next_action="Prepare questions",
    )
    return replace(contact, **changes)


def running(minutes: int = 30) -> Interview:
    return iv.start(iv.new_interview(ada(), START, minutes=minutes), START)


# -- creating -----------------------------------------------------------------------
def test_a_new_interview_copies_the_contacts_questions_in_order() -> None:
    interview = iv.new_interview(ada(), START)
    assert interview.contact_id == 7
    assert interview.status is Status.READY
    assert interview.planned_minutes == 30
    assert [q.text for q in interview.questions] == [q.text for q in QUESTIONS]
    assert [q.category for q in interview.questions] == [
        "trends",
        "insights",
        "advice",
        "resources",
    ]
    assert not any(q.asked or q.answer for q in interview.questions)
    assert interview.created == interview.updated == START


def test_the_profiles_length_is_used_and_kept_within_bounds() -> None:
    assert iv.new_interview(ada(), START, minutes=45).planned_minutes == 45
    assert iv.new_interview(ada(), START, minutes=2).planned_minutes == 5
    assert iv.new_interview(ada(), START, minutes=600).planned_minutes == 180


# -- the clock ----------------------------------------------------------------------
def test_start_pause_resume_end_record_timestamps() -> None:
    interview = running()
    assert interview.status is Status.RUNNING
    assert interview.started_at == START
    paused = iv.pause(interview, at(10 * MIN))
    assert paused.status is Status.PAUSED and paused.updated == at(10 * MIN)
    resumed = iv.resume(paused, at(12 * MIN))
    assert resumed.paused_seconds == 2 * MIN
    assert iv.remaining(resumed, at(22 * MIN)) == 10 * MIN
    ended = iv.end(resumed, at(33 * MIN))
    assert ended.status is Status.ENDED
    assert iv.elapsed(ended, at(99 * MIN)) == 31 * MIN


def test_toggle_pause_starts_pauses_and_resumes() -> None:
    interview = iv.new_interview(ada(), START)
    interview = iv.toggle_pause(interview, START)
    assert interview.status is Status.RUNNING
    interview = iv.toggle_pause(interview, at(60))
    assert interview.status is Status.PAUSED
    interview = iv.toggle_pause(interview, at(120))
    assert interview.status is Status.RUNNING


def test_adjusting_minutes_before_and_during() -> None:
    ready = iv.new_interview(ada(), START)
    assert iv.adjust_minutes(ready, 5, START).planned_minutes == 35
    assert iv.set_planned_minutes(ready, 1, START).planned_minutes == 5
    during = iv.adjust_minutes(running(), -5, at(10 * MIN))
    assert during.planned_minutes == 25
    assert iv.remaining(during, at(10 * MIN)) == 15 * MIN
    top = iv.set_planned_minutes(ready, 180, START)
    assert iv.adjust_minutes(top, 5, START) is top


def test_a_change_that_does_nothing_returns_the_same_interview() -> None:
    interview = running()
    assert iv.start(interview, at(5)) is interview
    assert iv.resume(interview, at(5)) is interview


def test_warnings_are_recorded_without_counting_as_activity() -> None:
    interview = running()
    same, due = iv.check_warnings(interview, at(5 * MIN))
    assert same is interview and due == ()
    warned, due = iv.check_warnings(interview, at(20 * MIN))
    assert due == (10,)
    assert warned.fired_marks == (10,)
    assert warned.updated == interview.updated
    _, again = iv.check_warnings(warned, at(21 * MIN))
    assert again == ()


# -- surviving a restart ---------------------------------------------------------------
def reopened(interview: Interview) -> Interview:
    """Through the file format and back, as after a dropped SSH session."""
    return Interview.from_dict(json.loads(json.dumps(interview.to_dict())), interview.id)


@pytest.mark.parametrize("seconds", [0, 17 * MIN + 26, 30 * MIN, 47 * MIN + 3, 9 * 3600])
def test_a_running_interview_shows_the_same_time_after_a_restart(seconds: int) -> None:
    interview, _ = iv.check_warnings(iv.resume(iv.pause(running(), at(60)), at(200)), at(seconds))
    restored = reopened(interview)
    assert restored == interview
    assert iv.remaining(restored, at(seconds)) == iv.remaining(interview, at(seconds))
    assert iv.check_warnings(restored, at(seconds))[1] == ()


def test_a_paused_and_an_ended_interview_survive_a_restart() -> None:
    paused = iv.pause(running(), at(12 * MIN))
    assert reopened(paused) == paused
    assert iv.remaining(reopened(paused), at(5 * 3600)) == 18 * MIN
    ended = iv.end(paused, at(20 * MIN))
    assert reopened(ended) == ended


def test_sub_second_moments_survive_a_restart_exactly() -> None:
    interview = iv.start(iv.new_interview(ada(), at(0.4)), at(0.7))
    interview = iv.pause(interview, at(100.9))
    assert reopened(interview) == interview


ops = st.lists(
    st.tuples(
        st.sampled_from(["start", "pause", "resume", "adjust", "ask", "notes", "tick", "wait"]),
        st.integers(min_value=0, max_value=3 * 3600),
    ),
    max_size=30,
)


@given(ops)
def test_any_history_reads_back_the_same(sequence: list[tuple[str, int]]) -> None:
    interview = iv.new_interview(ada(), START)
    now = START
    for name, value in sequence:
        if name == "wait":
            now += timedelta(seconds=value)
        elif name == "start":
            interview = iv.start(interview, now)
        elif name == "pause":
            interview = iv.pause(interview, now)
        elif name == "resume":
            interview = iv.resume(interview, now)
        elif name == "adjust":
            interview = iv.adjust_minutes(interview, 5 if value % 2 else -5, now)
        elif name == "ask":
            interview = iv.toggle_asked(interview, value % len(QUESTIONS), now)
        elif name == "notes":
            interview = iv.set_notes(interview, f"note {value}", now)
        else:
            interview, _ = iv.check_warnings(interview, now)
        restored = reopened(interview)
        assert restored == interview
        assert iv.remaining(restored, now) == iv.remaining(interview, now)
        assert iv.remaining(restored, now) + iv.elapsed(restored, now) == (
            restored.planned_minutes * 60
        )


# -- reading files written by hand -------------------------------------------------------
def test_from_dict_cleans_text_and_bounds_numbers() -> None:
    data = {
        "contact_id": "7",
        "planned_minutes": "999",
        "paused_seconds": -40,
        "fired_marks": [5, "10", True, -1, 10, 5],
        "questions": [
            {"text": "Who\x1b[31m else?\x07", "category": "RESOURCES", "asked": "false"},
            {"text": "x" * 900, "category": "nonsense", "asked": True, "answer": "a\x00b"},
            "not a question",
        ],
        "notes": "line one\r\nline two\x1b]0;title\x07",
        "started_at": None,
        "paused_at": "2026-11-26T09:40:00Z",
    }
    interview = Interview.from_dict(data, 3)
    assert interview.id == 3 and interview.contact_id == 7
    assert interview.planned_minutes == 180
    assert interview.paused_seconds == 0
    assert interview.fired_marks == (10, 5)
    assert interview.paused_at is None  # paused without ever starting makes no sense
    assert interview.status is Status.READY
    first, second = interview.questions
    assert first == InterviewQuestion("Who else?", "resources", asked=False)
    assert len(second.text) == 500 and second.category == "insights"
    assert second.asked and second.answer == "ab"
    assert interview.notes == "line one\nline two"


def test_from_dict_of_an_empty_document_is_a_ready_interview() -> None:
    assert Interview.from_dict({"planned_minutes": "--5", "paused_seconds": 1.5}, 1) == (
        Interview(contact_id=0, id=1)
    )
    interview = Interview.from_dict({}, 1)
    assert interview.status is Status.READY
    assert interview.planned_minutes == 30
    assert interview.questions == ()


def test_a_broken_timestamp_is_an_error_the_loader_reports() -> None:
    with pytest.raises(DateError):
        Interview.from_dict({"contact_id": 1, "started_at": "yesterday"}, 1)


def test_the_interviews_file_round_trips_through_the_store(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock)
    file = store.interviews
    store.open()
    interview = iv.set_answer(running(), 1, "The people", at(5 * MIN))
    stored = file.insert(interview)
    assert stored.id == 1
    again = Store(data_dir, clock=clock)
    reread = again.interviews
    again.open()
    assert reread.require(1) == stored
    assert (data_dir / "interviews.json").stat().st_mode & 0o777 == 0o600


def test_a_prototype_interviews_file_is_migrated(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(mode=0o700)
    document = running().to_dict()
    (data_dir / "interviews.json").write_text(json.dumps({"_default": {"4": document}}))
    store = Store(data_dir, clock=clock)
    file = store.interviews
    store.open()
    assert file.require(4).started_at == START


def test_interviews_and_store_import_in_either_order() -> None:
    # The store will import this module to register the file: no cycle either way.
    for first, second in (("interviews", "documents"), ("documents", "interviews")):
        script = f"import infoint_tui.core.{first}, infoint_tui.core.{second}"
        subprocess.run([sys.executable, "-c", script], check=True)


# -- questions and notes -----------------------------------------------------------------
def test_marking_questions_asked_and_back() -> None:
    interview = iv.mark_asked(running(), 2, at(60))
    assert interview.questions[2].asked
    assert interview.updated == at(60)
    assert iv.mark_asked(interview, 2, at(70)) is interview
    unasked = iv.mark_asked(interview, 2, at(80), asked=False)
    assert not unasked.questions[2].asked
    toggled = iv.toggle_asked(unasked, 0, at(90))
    assert toggled.questions[0].asked
    assert toggled.asked_count == 1


def test_a_bad_question_index_is_an_index_error() -> None:
    with pytest.raises(IndexError):
        iv.mark_asked(running(), 9, at(60))


def test_noting_an_answer_marks_the_question_asked() -> None:
    interview = iv.set_answer(running(), 1, "  The people,\tmostly \x1b[1m\n", at(60))
    assert interview.questions[1].answer == "  The people,    mostly"
    assert interview.questions[1].asked
    assert iv.set_answer(interview, 1, "  The people,    mostly", at(70)) is interview
    cleared = iv.set_answer(interview, 1, "", at(80))
    assert cleared.questions[1].answer == "" and cleared.questions[1].asked


def test_notes_are_cleaned_and_capped() -> None:
    interview = iv.set_notes(running(), "[bold]kept as typed[/]\x1b[2J" + "n" * 30000, at(60))
    assert interview.notes.startswith("[bold]kept as typed[/]n")
    assert len(interview.notes) == 20000
    assert iv.set_notes(interview, interview.notes, at(70)) is interview


# -- stale and current -------------------------------------------------------------------
def test_an_interview_untouched_for_hours_is_stale() -> None:
    interview = iv.set_notes(running(), "hello", at(20 * MIN))
    assert interview.last_activity == at(20 * MIN)
    assert not iv.is_stale(interview, at(20 * MIN + 3 * 3600))
    assert iv.is_stale(interview, at(20 * MIN + 3 * 3600 + 1))
    assert not iv.is_stale(iv.end(interview, at(30 * MIN)), at(99 * 3600))


def test_ending_a_stale_interview_records_the_planned_length() -> None:
    interview = iv.set_notes(running(), "hello", at(20 * MIN))
    ended = iv.end_stale(interview, at(20 * 3600))
    assert ended.ended_at == at(30 * MIN)
    assert ended.updated == at(20 * 3600)
    assert iv.elapsed(ended, at(20 * 3600)) == 30 * MIN


def test_current_is_the_most_recent_open_interview_that_is_not_stale() -> None:
    old = replace(iv.start(iv.new_interview(ada(), at(-5 * 3600)), at(-5 * 3600)), id=1)
    ended = replace(iv.end(running(), at(MIN)), id=2)
    paused = replace(iv.pause(running(), at(2 * MIN)), id=3)
    fresh = replace(iv.start(iv.new_interview(ada(id=8), at(3 * MIN)), at(3 * MIN)), id=4)
    everything = [old, ended, paused, fresh]
    assert [i.id for i in iv.open_interviews(everything)] == [4, 3, 1]
    assert iv.current(everything, at(4 * MIN)) == fresh
    assert iv.current([old, ended], at(4 * MIN)) is None
    assert iv.current([], at(0)) is None
    assert [i.id for i in iv.for_contact(everything, 7)] == [3, 2, 1]


# -- one line ----------------------------------------------------------------------------
def test_one_line_for_running_paused_and_overtime() -> None:
    interview = running()
    assert iv.one_line(interview, "Ada Okafor", at(17 * MIN + 26)) == "● Ada Okafor 12:34 left"
    paused = iv.pause(interview, at(17 * MIN + 26))
    assert iv.one_line(paused, "Ada Okafor", at(50 * MIN)) == "⏸ Ada Okafor 12:34 left (paused)"
    assert iv.one_line(interview, "Ada Okafor", at(32 * MIN + 10)) == "● Ada Okafor +02:10 over"
    late_pause = iv.pause(interview, at(32 * MIN + 10))
    assert iv.one_line(late_pause, "Ada", at(99 * MIN)) == "⏸ Ada +02:10 over (paused)"


# -- finishing ---------------------------------------------------------------------------
def test_finishing_records_the_interview_and_moves_the_contact_to_met() -> None:
    interview = running()
    interview = iv.mark_asked(interview, 0, at(5 * MIN))
    interview = iv.set_answer(interview, 3, "Talk to Grace Liu", at(25 * MIN))
    interview = iv.set_notes(interview, "Warm and generous.\nSend the article.", at(30 * MIN))
    ended, contact = iv.finish(interview, ada(), at(32 * MIN))
    assert ended.status is Status.ENDED
    assert ended.ended_at == at(32 * MIN)
    assert contact.stage is Stage.MET
    assert contact.stage_history[-1].stage is Stage.MET
    assert contact.follow_up == date(2026, 11, 27)  # the thank-you note, the next day
    assert contact.next_action == "Send thank-you note"
    assert contact.updated == at(32 * MIN)
    assert contact.rank == 3.0
    event = contact.events[-1]
    assert event.kind == "interview" and event.at == at(32 * MIN)
    assert event.text == (
        "Interview 2026-11-26: 30 min planned, 32 min actual (2 min over). "
        "Asked 2 of 4: What trends are you seeing in your field that excite you?; "
        "Who else should I talk to? "
        "Notes: Warm and generous. Send the article."
    )


def test_finishing_keeps_the_earlier_timeline_and_takes_a_rank() -> None:
    earlier = Event("note", at(-3600), "Booked")
    _, contact = iv.finish(running(), ada(events=(earlier,)), at(20 * MIN), rank=-4.0)
    assert contact.events[0] == earlier
    assert contact.rank == -4.0
    assert "20 min actual" in contact.events[-1].text
    assert "over" not in contact.events[-1].text


def test_the_thank_you_follows_the_settings() -> None:
    _, contact = iv.finish(running(), ada(), at(30 * MIN), FollowUpRules(thank_you_days=2))
    assert contact.follow_up == date(2026, 11, 28)


def test_a_second_interview_with_a_met_contact_owes_another_thank_you() -> None:
    met = ada(stage=Stage.MET, follow_up=None, next_action="")
    _, contact = iv.finish(running(), met, at(30 * MIN))
    assert contact.stage is Stage.MET
    assert contact.stage_history == met.stage_history  # no second "Moved to Met"
    assert contact.follow_up == date(2026, 11, 27)
    assert contact.next_action == "Send thank-you note"


def said_held(contact: Contact) -> list[tuple[Any, str, str]]:
    """The timeline entries that say the interview happened."""
    return [entry for entry in timeline(contact) if entry[1] == "interview"]


def test_finishing_makes_the_booked_interview_a_past_meeting() -> None:
    _, contact = iv.finish(running(), ada(interview_at=START), at(32 * MIN))
    assert contact.interview_at is None
    assert said_held(contact) == [(at(32 * MIN), "interview", contact.events[-1].text)]
    assert contact.events[-1].text.startswith("Interview 2026-11-26: 30 min planned")


def test_finishing_earlier_than_booked_clears_the_booking_too() -> None:
    # Held today although it was booked for next week: no meeting is left in the calendar.
    booked = ada(interview_at=START + timedelta(days=7))
    _, contact = iv.finish(running(), booked, at(30 * MIN))
    assert contact.interview_at is None
    assert [entry[0] for entry in said_held(contact)] == [at(30 * MIN)]


def test_a_second_interview_with_a_met_contact_clears_its_booking() -> None:
    earlier = Event("interview", at(-7 * 24 * 3600), "Interview 2026-11-19: first one.")
    met = ada(stage=Stage.MET, interview_at=at(0), events=(earlier,))
    _, contact = iv.finish(running(), met, at(30 * MIN))
    assert contact.interview_at is None
    assert [entry[0] for entry in said_held(contact)] == [earlier.at, at(30 * MIN)]


def test_finishing_a_stale_interview_dates_everything_from_when_it_ended() -> None:
    forgotten = iv.end_stale(running(), at(26 * 3600))  # found the next morning
    ended, contact = iv.finish(forgotten, ada(), at(26 * 3600))
    assert ended.ended_at == at(30 * MIN)
    assert contact.events[-1].at == at(30 * MIN)
    assert contact.follow_up == date(2026, 11, 27)
    assert contact.updated == at(26 * 3600)
    assert "30 min actual" in contact.events[-1].text


def test_summary_of_an_untimed_interview_without_questions() -> None:
    interview = iv.new_interview(ada(questions=()), START)
    ended, contact = iv.finish(interview, ada(questions=()), at(40 * MIN))
    assert ended.status is Status.ENDED
    assert contact.events[-1].text == "Interview 2026-11-26: 30 min planned, not timed."


def test_summary_shortens_long_notes_and_questions() -> None:
    long_question = Question("Why " + "really " * 40 + "?", "insights")
    interview = iv.new_interview(ada(questions=(long_question,)), START)
    interview = iv.mark_asked(iv.start(interview, START), 0, at(60))
    interview = iv.set_notes(interview, "word " * 400, at(120))
    text = iv.summary(iv.end(interview, at(10 * MIN)))
    asked = text.split("Asked 1 of 1: ")[1].split(" Notes: ")[0]
    assert len(asked) <= 80 and asked.endswith("…")
    notes = text.split("Notes: ")[1]
    assert len(notes) <= 300 and notes.endswith("…")


def test_summary_says_none_asked() -> None:
    text = iv.summary(iv.end(running(), at(25 * MIN)))
    assert "Asked 0 of 4." in text
