"""The countdown arithmetic, on an injected clock: no sleeping, no wall-clock time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from infoint_tui.core.interviews import timer
from infoint_tui.core.interviews.timer import Status, TimerState
from tests.conftest import START

MIN = 60


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def started(minutes: int = 30) -> TimerState:
    return timer.start(TimerState(planned_seconds=minutes * MIN), START)


def test_a_new_timer_is_ready_with_the_full_length_left() -> None:
    state = TimerState()
    assert state.status is Status.READY
    assert state.planned_seconds == 30 * MIN
    assert timer.remaining(state, at(5000)) == 30 * MIN
    assert timer.elapsed(state, at(5000)) == 0
    assert timer.progress(state, at(5000)) == 0.0


def test_running_counts_down_from_the_start() -> None:
    state = started()
    assert state.status is Status.RUNNING
    assert timer.elapsed(state, at(0)) == 0
    assert timer.remaining(state, at(0)) == 30 * MIN
    assert timer.remaining(state, at(17 * MIN + 26)) == 12 * MIN + 34
    assert timer.clock_text(state, at(17 * MIN + 26)) == "12:34"
    assert timer.progress(state, at(15 * MIN)) == 0.5


def test_partial_seconds_round_towards_the_start() -> None:
    state = started()
    assert timer.elapsed(state, at(0.999)) == 0
    assert timer.remaining(state, at(1.5)) == 30 * MIN - 1


def test_pause_freezes_the_clock_and_resume_continues_it() -> None:
    state = timer.pause(started(), at(10 * MIN))
    assert state.status is Status.PAUSED
    assert timer.remaining(state, at(10 * MIN)) == 20 * MIN
    assert timer.remaining(state, at(55 * MIN)) == 20 * MIN  # a long coffee break
    state = timer.resume(state, at(55 * MIN))
    assert state.status is Status.RUNNING
    assert state.paused_seconds == 45 * MIN
    assert timer.remaining(state, at(60 * MIN)) == 15 * MIN


def test_several_pauses_add_up() -> None:
    state = started()
    state = timer.resume(timer.pause(state, at(60)), at(120))
    state = timer.resume(timer.pause(state, at(180)), at(300))
    assert state.paused_seconds == 60 + 120
    assert timer.elapsed(state, at(400)) == 400 - 180


def test_end_stops_the_clock_for_good() -> None:
    state = timer.end(started(), at(31 * MIN))
    assert state.status is Status.ENDED
    assert timer.elapsed(state, at(10_000)) == 31 * MIN
    assert timer.remaining(state, at(10_000)) == -MIN
    assert timer.start(state, at(10_000)) is state
    assert timer.resume(state, at(10_000)) is state


def test_ending_while_paused_does_not_count_the_pause() -> None:
    state = timer.pause(started(), at(20 * MIN))
    ended = timer.end(state, at(25 * MIN))
    assert ended.status is Status.ENDED
    assert ended.paused_at is None
    assert ended.ended_at == at(25 * MIN)
    assert timer.elapsed(ended, at(99 * MIN)) == 20 * MIN


def test_ending_a_timer_never_started_records_no_time() -> None:
    ended = timer.end(TimerState(), at(100))
    assert ended.status is Status.ENDED
    assert ended.started_at is None
    assert timer.elapsed(ended, at(200)) == 0


def test_transitions_that_do_not_apply_return_the_same_state() -> None:
    ready = TimerState()
    assert timer.pause(ready, START) is ready
    assert timer.resume(ready, START) is ready
    running = started()
    assert timer.start(running, at(5)) is running
    assert timer.resume(running, at(5)) is running
    paused = timer.pause(running, at(5))
    assert timer.pause(paused, at(6)) is paused


def test_overtime_keeps_counting_after_times_up() -> None:
    state = started()
    assert timer.remaining(state, at(30 * MIN)) == 0
    assert timer.clock_text(state, at(30 * MIN)) == "00:00"
    assert timer.remaining(state, at(32 * MIN + 10)) == -(2 * MIN + 10)
    assert timer.overtime(state, at(32 * MIN + 10)) == 2 * MIN + 10
    assert timer.clock_text(state, at(32 * MIN + 10)) == "+02:10"
    assert timer.progress(state, at(30 * MIN)) == 1.0
    assert timer.progress(state, at(90 * MIN)) == 1.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (59, "00:59"),
        (30 * MIN, "30:00"),
        (59 * MIN + 59, "59:59"),
        (3600, "1:00:00"),
        (3 * 3600 + 5 * MIN + 7, "3:05:07"),
        (-1, "+00:01"),
        (-(2 * MIN + 10), "+02:10"),
        (-(3600 + 61), "+1:01:01"),
    ],
)
def test_format_clock(seconds: int, text: str) -> None:
    assert timer.format_clock(seconds) == text


# -- adjusting -------------------------------------------------------------------------
def test_minutes_adjust_before_starting_within_bounds() -> None:
    state = TimerState()
    assert timer.adjust_minutes(state, 5, START).planned_seconds == 35 * MIN
    assert timer.adjust_minutes(state, -5, START).planned_seconds == 25 * MIN
    assert timer.set_planned_minutes(state, 1, START).planned_seconds == 5 * MIN
    assert timer.set_planned_minutes(state, 500, START).planned_seconds == 180 * MIN
    low = timer.set_planned_minutes(state, 5, START)
    assert timer.adjust_minutes(low, -5, START) is low  # already at the floor


def test_plus_five_during_the_interview_adds_time_left() -> None:
    state = timer.adjust_minutes(started(), 5, at(20 * MIN))
    assert state.status is Status.RUNNING
    assert timer.remaining(state, at(20 * MIN)) == 15 * MIN


def test_minus_five_can_put_the_interview_into_overtime() -> None:
    state = timer.adjust_minutes(started(), -5, at(27 * MIN))
    assert timer.remaining(state, at(27 * MIN)) == -2 * MIN
    assert timer.clock_text(state, at(27 * MIN)) == "+02:00"


def test_an_ended_timer_cannot_be_adjusted() -> None:
    ended = timer.end(started(), at(MIN))
    assert timer.adjust_minutes(ended, 5, at(2 * MIN)) is ended


# -- warnings -------------------------------------------------------------------------
def test_each_warning_fires_once_at_its_mark() -> None:
    state = started()
    heard: list[int] = []
    for second in range(0, 40 * MIN, 7):
        state, due = timer.check_warnings(state, at(second))
        heard.extend(due)
    assert heard == [10, 5, 0]
    assert state.fired == (10, 5, 0)


def test_a_warning_is_due_exactly_at_its_mark() -> None:
    state = started()
    assert timer.due_warnings(state, at(20 * MIN - 1)) == ()
    assert timer.due_warnings(state, at(20 * MIN)) == (10,)
    recorded = timer.record_warnings(state, at(20 * MIN))
    assert timer.due_warnings(recorded, at(20 * MIN + 30)) == ()


def test_custom_marks_and_times_up_always_included() -> None:
    state = started()
    assert timer.all_marks((15, 2, 15, -3)) == (15, 2, 0)
    assert timer.due_warnings(state, at(15 * MIN), (15, 2)) == (15,)
    assert timer.due_warnings(state, at(30 * MIN), ()) == (0,)


def test_a_restart_long_after_several_marks_fires_only_the_latest() -> None:
    state = started()
    # The app was closed at minute 3 and reopened at minute 31: 10, 5 and 0 all passed.
    state, due = timer.check_warnings(state, at(31 * MIN))
    assert due == (0,)
    assert state.fired == (10, 5, 0)
    assert timer.due_warnings(state, at(45 * MIN)) == ()


def test_a_laptop_waking_mid_interview_fires_the_mark_just_passed() -> None:
    state, _ = timer.check_warnings(started(), at(MIN))
    state, due = timer.check_warnings(state, at(26 * MIN))  # slept from minute 1 to 26
    assert due == (5,)
    assert timer.due_warnings(state, at(28 * MIN)) == ()
    assert timer.due_warnings(state, at(30 * MIN)) == (0,)


def test_pausing_past_no_mark_fires_nothing_on_resume() -> None:
    state, _ = timer.check_warnings(started(), at(18 * MIN))
    assert state.fired == ()
    state = timer.resume(timer.pause(state, at(18 * MIN)), at(3 * 60 * MIN))
    assert timer.due_warnings(state, at(3 * 60 * MIN)) == ()
    assert timer.due_warnings(state, at(3 * 60 * MIN + 2 * MIN)) == (10,)


def test_a_short_interview_does_not_warn_at_its_start() -> None:
    state = timer.start(TimerState(planned_seconds=10 * MIN), START)
    assert state.fired == (10,)
    assert timer.due_warnings(state, START) == ()
    five = timer.start(TimerState(planned_seconds=5 * MIN), START)
    assert timer.due_warnings(five, at(1)) == ()
    assert timer.due_warnings(five, at(5 * MIN)) == (0,)


def test_plus_five_re_arms_a_warning_that_is_ahead_again() -> None:
    state, due = timer.check_warnings(started(), at(26 * MIN))
    assert due == (5,)
    state = timer.adjust_minutes(state, 5, at(26 * MIN))  # 9 minutes left now
    assert timer.due_warnings(state, at(26 * MIN)) == ()
    assert timer.due_warnings(state, at(31 * MIN)) == (5,)


def test_minus_five_does_not_ring_for_the_marks_it_jumped_over() -> None:
    state, _ = timer.check_warnings(started(), at(18 * MIN))
    state = timer.adjust_minutes(state, -10, at(18 * MIN))  # 2 minutes left
    assert timer.due_warnings(state, at(18 * MIN)) == ()
    assert timer.due_warnings(state, at(20 * MIN)) == (0,)


def test_no_warnings_before_start_or_after_end() -> None:
    assert timer.due_warnings(TimerState(), at(40 * MIN)) == ()
    ended = timer.end(started(), at(MIN))
    assert timer.due_warnings(ended, at(40 * MIN)) == ()


@pytest.mark.parametrize(
    ("mark", "text"), [(0, "Time's up"), (1, "1 minute left"), (5, "5 minutes left")]
)
def test_warning_text(mark: int, text: str) -> None:
    assert timer.warning_text(mark) == text


# -- clock jumps ----------------------------------------------------------------------
def test_a_clock_set_back_before_the_start_gives_zero_not_negative() -> None:
    state = started()
    assert timer.elapsed(state, at(-3600)) == 0
    assert timer.remaining(state, at(-3600)) == 30 * MIN
    assert timer.progress(state, at(-3600)) == 0.0
    assert timer.due_warnings(state, at(-3600)) == ()


def test_pausing_or_ending_on_a_clock_set_back_keeps_time_non_negative() -> None:
    paused = timer.pause(started(), at(-600))
    assert paused.paused_at == START
    assert timer.elapsed(paused, at(100)) == 0
    resumed = timer.resume(paused, at(-300))  # still behind: no negative pause
    assert resumed.paused_seconds == 0
    ended = timer.end(started(), at(-600))
    assert ended.ended_at == START
    assert timer.elapsed(ended, at(0)) == 0


def test_ending_a_pause_on_a_clock_set_back_keeps_the_time_already_run() -> None:
    paused = timer.pause(started(), at(20 * MIN))
    ended = timer.end(paused, at(10 * MIN))
    assert ended.ended_at == at(20 * MIN)
    assert timer.elapsed(ended, at(0)) == 20 * MIN


def test_a_jump_forward_while_running_counts_as_time_passed() -> None:
    state = started()
    assert timer.remaining(state, at(2 * 3600)) == 30 * MIN - 2 * 3600
    assert timer.clock_text(state, at(2 * 3600)) == "+1:30:00"


def test_timestamps_are_recorded_to_the_second() -> None:
    state = timer.start(TimerState(), START + timedelta(microseconds=700_000))
    assert state.started_at == START
    paused = timer.pause(state, at(10.9))
    assert paused.paused_at == at(10)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        timer.start(TimerState(), datetime(2026, 11, 26, 9, 30))


def test_other_time_zones_are_recorded_in_utc() -> None:
    paris = START.astimezone(timezone(timedelta(hours=1)))
    state = timer.start(TimerState(), paris)
    assert state.started_at == START
    assert state.started_at is not None and state.started_at.tzinfo is UTC


# -- forgotten timers -------------------------------------------------------------------
def test_stale_after_three_hours_without_activity() -> None:
    state = started()
    assert not timer.is_stale(state, at(3 * 3600), last_seen=START)
    assert timer.is_stale(state, at(3 * 3600 + 1), last_seen=START)
    assert not timer.is_stale(state, at(3 * 3600 + 1), last_seen=at(10 * MIN))
    assert timer.is_stale(state, at(2 * 3600), START, stale_after=timedelta(hours=1))


def test_only_open_timers_can_be_stale() -> None:
    far = at(48 * 3600)
    assert not timer.is_stale(TimerState(), far, START)
    assert not timer.is_stale(timer.end(started(), at(MIN)), far, START)
    assert timer.is_stale(timer.pause(started(), at(MIN)), far, at(MIN))


def test_a_clock_set_back_never_makes_a_timer_stale() -> None:
    assert not timer.is_stale(started(), at(-48 * 3600), last_seen=START)


def test_a_stale_timer_ends_at_its_planned_end_not_hours_later() -> None:
    state = started()
    ended = timer.end_stale(state, at(10 * 3600), last_seen=at(12 * MIN))
    assert ended.status is Status.ENDED
    assert ended.ended_at == at(30 * MIN)
    assert timer.elapsed(ended, at(10 * 3600)) == 30 * MIN


def test_a_stale_timer_with_activity_in_overtime_ends_at_that_activity() -> None:
    ended = timer.end_stale(started(), at(10 * 3600), last_seen=at(44 * MIN))
    assert ended.ended_at == at(44 * MIN)


def test_a_stale_timer_planned_end_counts_its_pauses() -> None:
    state = timer.resume(timer.pause(started(), at(5 * MIN)), at(15 * MIN))
    ended = timer.end_stale(state, at(10 * 3600), last_seen=at(15 * MIN))
    assert ended.ended_at == at(40 * MIN)
    assert timer.elapsed(ended, at(10 * 3600)) == 30 * MIN


def test_a_stale_paused_timer_ends_where_it_was_paused() -> None:
    paused = timer.pause(started(), at(22 * MIN))
    ended = timer.end_stale(paused, at(30 * 3600), last_seen=at(22 * MIN))
    assert ended.ended_at == at(22 * MIN)
    assert ended.paused_at is None
    assert timer.elapsed(ended, at(30 * 3600)) == 22 * MIN


def test_ending_stale_never_goes_past_now() -> None:
    ended = timer.end_stale(started(), at(10 * MIN), last_seen=START)
    assert ended.ended_at == at(10 * MIN)


def test_end_stale_leaves_ready_and_ended_timers_alone() -> None:
    ready = TimerState()
    assert timer.end_stale(ready, at(9999), START) is ready
    ended = timer.end(started(), at(MIN))
    assert timer.end_stale(ended, at(9999), START) is ended
