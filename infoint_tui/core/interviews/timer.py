"""The interview countdown: pure arithmetic over stored timestamps.

Nothing here counts down in memory. A timer is a few timestamps (started,
paused, ended), the seconds spent paused and the warnings already given; what
is left is computed from them and an injected ``now``. So after a dropped SSH
session, a sleeping laptop or a restart, reopening shows the right time left
(or the overtime).

Moments are recorded to the whole second, as the files store them, so a timer
read back from disk gives exactly the numbers it gave before it was saved.

Every transition that does not apply (pausing a timer that is not running,
resuming one that is not paused ...) returns the state unchanged, the same
object, so a caller can tell "nothing happened" with ``is``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from ..dates import to_utc

DEFAULT_MINUTES = 30
MIN_MINUTES = 5
MAX_MINUTES = 180
STEP_MINUTES = 5
DEFAULT_MARKS: tuple[int, ...] = (10, 5)
"""Minutes left when a warning is given; time's up (0) is always added."""
STALE_AFTER = timedelta(hours=3)


class Status(Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class TimerState:
    """Everything the countdown is computed from."""

    planned_seconds: int = DEFAULT_MINUTES * 60
    started_at: datetime | None = None
    paused_seconds: int = 0
    paused_at: datetime | None = None
    ended_at: datetime | None = None
    fired: tuple[int, ...] = ()  # warning marks (minutes left) already given

    @property
    def status(self) -> Status:
        if self.ended_at is not None:
            return Status.ENDED
        if self.started_at is None:
            return Status.READY
        if self.paused_at is not None:
            return Status.PAUSED
        return Status.RUNNING


def instant(moment: datetime) -> datetime:
    """``moment`` in UTC to the whole second: what a file can hold exactly."""
    return to_utc(moment).replace(microsecond=0)


def clamp_minutes(minutes: int) -> int:
    return max(MIN_MINUTES, min(MAX_MINUTES, minutes))


def all_marks(marks: Iterable[int] = DEFAULT_MARKS) -> tuple[int, ...]:
    """The configured marks plus time's up (0), largest first."""
    return tuple(sorted({mark for mark in marks if mark > 0} | {0}, reverse=True))


# -- reading the clock ----------------------------------------------------------
def elapsed(state: TimerState, now: datetime) -> int:
    """Whole seconds the clock has run (pauses excluded), never negative.

    A clock set back before the start gives 0; a jump forward while running
    (a laptop waking up) counts as time that really passed.
    """
    if state.started_at is None:
        return 0
    until = state.ended_at or state.paused_at or now
    seconds = (until - state.started_at).total_seconds() - state.paused_seconds
    return max(0, math.floor(seconds))


def remaining(state: TimerState, now: datetime) -> int:
    """Seconds left of the planned length; negative in overtime."""
    return state.planned_seconds - elapsed(state, now)


def overtime(state: TimerState, now: datetime) -> int:
    return max(0, -remaining(state, now))


def progress(state: TimerState, now: datetime) -> float:
    """Share of the planned length used: 0.0 to 1.0 (1.0 at and beyond the end)."""
    if state.planned_seconds <= 0:
        return 1.0
    return min(1.0, elapsed(state, now) / state.planned_seconds)


def format_clock(seconds: int) -> str:
    """``mm:ss``, ``h:mm:ss`` past an hour; negative (overtime) as ``+mm:ss``."""
    sign = "+" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def clock_text(state: TimerState, now: datetime) -> str:
    return format_clock(remaining(state, now))


# -- changing the clock ---------------------------------------------------------
def start(state: TimerState, now: datetime, marks: Iterable[int] = DEFAULT_MARKS) -> TimerState:
    if state.status is not Status.READY:
        return state
    # Marks at or beyond the planned length would ring at the first tick:
    # a 10-minute interview starts without a "10 minutes left".
    return replace(
        state,
        started_at=instant(now),
        paused_seconds=0,
        paused_at=None,
        fired=_passed(state.planned_seconds, marks),
    )


def pause(state: TimerState, now: datetime) -> TimerState:
    if state.status is not Status.RUNNING:
        return state
    return replace(state, paused_at=_not_before_start(state, now))


def resume(state: TimerState, now: datetime) -> TimerState:
    if state.status is not Status.PAUSED or state.paused_at is None:
        return state
    return replace(
        state,
        paused_seconds=state.paused_seconds + _seconds_since(state.paused_at, now),
        paused_at=None,
    )


def end(state: TimerState, now: datetime) -> TimerState:
    """Stop for good. A paused timer's pause counts as paused time up to ``now``."""
    status = state.status
    if status is Status.ENDED:
        return state
    if status is Status.READY:
        return replace(state, ended_at=instant(now))
    if state.paused_at is not None:
        # Fold the pause in; a clock set back must not end it before it paused.
        moment = max(instant(now), state.paused_at)
        return replace(
            state,
            paused_seconds=state.paused_seconds + _seconds_since(state.paused_at, moment),
            paused_at=None,
            ended_at=moment,
        )
    return replace(state, ended_at=_not_before_start(state, now))


def set_planned_minutes(
    state: TimerState, minutes: int, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> TimerState:
    """A new planned length, kept within 5 to 180 minutes.

    Warnings are re-armed from the new remaining time: marks still ahead ring
    again (after +5 the "5 minutes left" is worth hearing a second time), and
    marks the change jumped over stay silent, since the user just saw the clock.
    """
    if state.status is Status.ENDED:
        return state
    planned = clamp_minutes(minutes) * 60
    if planned == state.planned_seconds:
        return state
    changed = replace(state, planned_seconds=planned)
    if state.status is Status.READY:
        return changed
    return replace(changed, fired=_passed(remaining(changed, now), marks))


def adjust_minutes(
    state: TimerState, delta: int, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> TimerState:
    """+5 / -5 minutes (any delta), before or during the interview."""
    return set_planned_minutes(state, state.planned_seconds // 60 + delta, now, marks)


# -- warnings ---------------------------------------------------------------------
def crossed_marks(
    state: TimerState, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> tuple[int, ...]:
    """Marks the clock has reached that were not given yet, largest first."""
    if state.status in (Status.READY, Status.ENDED):
        return ()
    left = remaining(state, now)
    return tuple(mark for mark in all_marks(marks) if mark not in state.fired and left <= mark * 60)


def due_warnings(
    state: TimerState, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> tuple[int, ...]:
    """The warning to give now: at most one mark, the most recent one crossed.

    After a restart or a long sleep several marks may have passed unseen; only
    the latest still says something true ("time's up", not "10 minutes left"
    followed by "5 minutes left" in the same second).
    """
    crossed = crossed_marks(state, now, marks)
    return crossed[-1:]


def record_warnings(
    state: TimerState, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> TimerState:
    """Every crossed mark recorded as given, announced or skipped, so none rings later."""
    crossed = crossed_marks(state, now, marks)
    if not crossed:
        return state
    return replace(state, fired=_sorted_marks((*state.fired, *crossed)))


def check_warnings(
    state: TimerState, now: datetime, marks: Iterable[int] = DEFAULT_MARKS
) -> tuple[TimerState, tuple[int, ...]]:
    """``due_warnings`` and ``record_warnings`` in one step, for a ticking display."""
    marks = tuple(marks)
    return record_warnings(state, now, marks), due_warnings(state, now, marks)


def warning_text(mark: int) -> str:
    if mark <= 0:
        return "Time's up"
    return "1 minute left" if mark == 1 else f"{mark} minutes left"


# -- forgotten timers -------------------------------------------------------------
def is_stale(
    state: TimerState, now: datetime, last_seen: datetime, stale_after: timedelta = STALE_AFTER
) -> bool:
    """A started, unfinished timer nobody has touched for ``stale_after``.

    The app asks whether to end it rather than showing hours of overtime.
    A clock set back (``now`` before ``last_seen``) never makes a timer stale.
    """
    if state.status not in (Status.RUNNING, Status.PAUSED):
        return False
    return now - last_seen > stale_after


def end_stale(state: TimerState, now: datetime, last_seen: datetime) -> TimerState:
    """End a forgotten timer at the moment the interview most likely ended.

    Not at ``now``, which would record hours of overtime that never happened.
    A paused one ends where it was paused. A running one ends at the later of
    its planned end and the last activity (a note typed in overtime proves the
    talk went on that long), but never after ``now``.
    """
    status = state.status
    if status is Status.PAUSED and state.paused_at is not None:
        return replace(state, ended_at=state.paused_at, paused_at=None)
    if status is not Status.RUNNING or state.started_at is None:
        return state
    planned_end = state.started_at + timedelta(seconds=state.planned_seconds + state.paused_seconds)
    moment = min(max(instant(last_seen), planned_end), instant(now))
    return replace(state, ended_at=max(moment, state.started_at))


# -- helpers ----------------------------------------------------------------------
def _passed(left: int, marks: Iterable[int]) -> tuple[int, ...]:
    """Marks at or above ``left`` seconds: already behind the clock."""
    return tuple(mark for mark in all_marks(marks) if left <= mark * 60)


def _sorted_marks(marks: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(marks), reverse=True))


def _not_before_start(state: TimerState, now: datetime) -> datetime:
    """``now`` to the second, but not before the start (a clock set back)."""
    moment = instant(now)
    if state.started_at is not None and moment < state.started_at:
        return state.started_at
    return moment


def _seconds_since(moment: datetime, now: datetime) -> int:
    return max(0, math.floor((instant(now) - moment).total_seconds()))
