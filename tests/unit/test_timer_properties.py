"""Properties of the countdown over any sequence of presses and clock movements."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.interviews import timer
from infoint_tui.core.interviews.timer import Status, TimerState
from tests.conftest import START

Step = tuple[str, int]

steps = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["start", "pause", "resume", "end"]), st.just(0)),
        st.tuples(st.just("advance"), st.integers(min_value=0, max_value=4 * 3600)),
        st.tuples(st.just("adjust"), st.sampled_from([-5, 5, -30, 60])),
        st.tuples(st.just("tick"), st.just(0)),
    ),
    max_size=40,
)


def apply(state: TimerState, step: Step, now_seconds: int) -> tuple[TimerState, int]:
    name, value = step
    now = START + timedelta(seconds=now_seconds)
    if name == "start":
        return timer.start(state, now), now_seconds
    if name == "pause":
        return timer.pause(state, now), now_seconds
    if name == "resume":
        return timer.resume(state, now), now_seconds
    if name == "end":
        return timer.end(state, now), now_seconds
    if name == "adjust":
        return timer.adjust_minutes(state, value, now), now_seconds
    if name == "tick":
        return timer.record_warnings(state, now), now_seconds
    return state, now_seconds + value


@given(steps)
def test_elapsed_is_the_total_running_time(sequence: list[Step]) -> None:
    state = TimerState()
    now_seconds = 0
    running_time = 0
    for step in sequence:
        before = state.status
        state, later = apply(state, step, now_seconds)
        if before is Status.RUNNING and later > now_seconds:
            running_time += later - now_seconds
        now_seconds = later
        now = START + timedelta(seconds=now_seconds)
        assert timer.elapsed(state, now) == running_time
        assert timer.remaining(state, now) + timer.elapsed(state, now) == state.planned_seconds
        assert 0.0 <= timer.progress(state, now) <= 1.0
        assert 5 * 60 <= state.planned_seconds <= 180 * 60


@given(steps)
def test_warnings_ring_at_most_once_between_adjustments(sequence: list[Step]) -> None:
    state = TimerState()
    now_seconds = 0
    heard: list[int] = []
    for step in sequence:
        state, now_seconds = apply(state, step, now_seconds)
        if step[0] == "adjust":
            heard.clear()  # an adjustment re-arms the marks still ahead
        now = START + timedelta(seconds=now_seconds)
        state, due = timer.check_warnings(state, now)
        assert len(due) <= 1
        assert not set(due) & set(heard)
        heard.extend(due)
        if state.status in (Status.RUNNING, Status.PAUSED):
            # After a check, no mark behind the clock is left to ring later.
            left = timer.remaining(state, now)
            assert all(mark in state.fired for mark in timer.all_marks() if left <= mark * 60)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["start", "pause", "resume", "end", "jump"]),
            st.integers(min_value=-6 * 3600, max_value=6 * 3600),
        ),
        max_size=40,
    )
)
def test_clock_jumps_either_way_never_make_time_negative(
    sequence: list[tuple[str, int]],
) -> None:
    state = TimerState()
    now_seconds = 0
    for name, value in sequence:
        if name == "jump":
            now_seconds += value
            continue
        state, _ = apply(state, (name, 0), now_seconds)
        now = START + timedelta(seconds=now_seconds)
        assert timer.elapsed(state, now) >= 0
        assert state.paused_seconds >= 0
        assert timer.remaining(state, now) <= state.planned_seconds
        assert timer.remaining(state, now) + timer.elapsed(state, now) == state.planned_seconds


@given(st.integers(min_value=-200 * 3600, max_value=200 * 3600))
def test_format_clock_reads_back(seconds: int) -> None:
    text = timer.format_clock(seconds)
    sign = -1 if text.startswith("+") else 1
    parts = [int(part) for part in text.lstrip("+").split(":")]
    total = 0
    for part in parts:
        total = total * 60 + part
    assert sign * total == seconds
    assert all(len(part) == 2 for part in text.lstrip("+").split(":")[1:])
