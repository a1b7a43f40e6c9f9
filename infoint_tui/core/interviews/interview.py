"""An interview: its countdown, the questions checked off, the notes, and finishing it.

The document stores the timer as timestamps (see ``timer.py``), so whatever
process reads it, whenever, computes the same time left. Every change here is
a pure function returning a new ``Interview``; the caller saves it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from ..contacts.followups import FollowUpRules, held, local_day, schedule_for_stage, with_step
from ..contacts.model import TIARA, Contact, Stage
from ..contacts.pipeline import moved
from ..dates import format_timestamp, parse_timestamp
from ..store.docfile import FileKind
from ..store.migrations import plain_migrations
from ..text import clean_line, clean_text
from . import timer
from .fruits import Fruits, fruits
from .timer import DEFAULT_MINUTES, Status, TimerState

MAX_QUESTIONS = 100
QUESTION_LEN = 500
ANSWER_LEN = 2000
NOTES_LEN = 20000
EVENT_NOTES_LEN = 300  # the timeline shows a taste; the interview keeps everything
EVENT_QUESTION_LEN = 80


@dataclass(frozen=True)
class InterviewQuestion:
    """A question as asked in one interview, with the short answer noted."""

    text: str
    category: str = "insights"
    asked: bool = False
    answer: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "asked": self.asked,
            "answer": self.answer,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InterviewQuestion:
        category = clean_line(data.get("category", "insights"), 20).lower()
        return cls(
            text=clean_text(data.get("text", ""), QUESTION_LEN),
            category=category if category in TIARA else "insights",
            # Only a real true: a hand-edited "false" string must not count as asked.
            asked=data.get("asked") is True,
            answer=clean_text(data.get("answer", ""), ANSWER_LEN),
        )


@dataclass(frozen=True)
class Interview:
    """One informational interview with a contact."""

    contact_id: int
    id: int = 0
    planned_minutes: int = DEFAULT_MINUTES  # before the ``timer`` property shadows the module
    started_at: datetime | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    ended_at: datetime | None = None
    fired_marks: tuple[int, ...] = ()
    questions: tuple[InterviewQuestion, ...] = ()
    notes: str = ""
    created: datetime | None = None
    updated: datetime | None = None

    @property
    def timer(self) -> TimerState:
        return TimerState(
            planned_seconds=self.planned_minutes * 60,
            started_at=self.started_at,
            paused_seconds=self.paused_seconds,
            paused_at=self.paused_at,
            ended_at=self.ended_at,
            fired=self.fired_marks,
        )

    @property
    def status(self) -> Status:
        return self.timer.status

    @property
    def is_open(self) -> bool:
        """Started and not ended: the clock is running or paused."""
        return self.status in (Status.RUNNING, Status.PAUSED)

    @property
    def last_activity(self) -> datetime | None:
        """The latest moment someone did something with this interview."""
        moments = [
            moment
            for moment in (self.updated, self.started_at, self.paused_at, self.created)
            if moment is not None
        ]
        return max(moments, default=None)

    @property
    def fruits(self) -> Fruits:
        """What the notes marked: advice, topics, introductions offered."""
        return fruits([self.notes, *(question.answer for question in self.questions)])

    @property
    def asked_count(self) -> int:
        return sum(1 for question in self.questions if question.asked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "planned_minutes": self.planned_minutes,
            "started_at": _stamp(self.started_at),
            "paused_at": _stamp(self.paused_at),
            "paused_seconds": self.paused_seconds,
            "ended_at": _stamp(self.ended_at),
            "fired_marks": list(self.fired_marks),
            "questions": [question.to_dict() for question in self.questions],
            "notes": self.notes,
            "created": _stamp(self.created),
            "updated": _stamp(self.updated),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Interview:
        """An interview read from a file: cleaned and bounded, since files can be edited."""
        started_at = _moment(data.get("started_at"))
        ended_at = _moment(data.get("ended_at"))
        paused_at = _moment(data.get("paused_at"))
        if started_at is None or ended_at is not None:
            paused_at = None  # only a running clock can be paused
        return cls(
            contact_id=max(0, _whole(data.get("contact_id"), 0)),
            id=id,
            planned_minutes=timer.clamp_minutes(
                _whole(data.get("planned_minutes"), DEFAULT_MINUTES)
            ),
            started_at=started_at,
            paused_at=paused_at,
            paused_seconds=max(0, _whole(data.get("paused_seconds"), 0)),
            ended_at=ended_at,
            fired_marks=_marks(data.get("fired_marks")),
            questions=tuple(
                InterviewQuestion.from_dict(item)
                for item in (data.get("questions") or ())[:MAX_QUESTIONS]
                if isinstance(item, Mapping)
            ),
            notes=clean_text(data.get("notes", ""), NOTES_LEN),
            created=_moment(data.get("created")),
            updated=_moment(data.get("updated")),
        )


INTERVIEWS: FileKind[Interview] = FileKind(
    "interviews", 1, Interview.from_dict, plain_migrations("interviews")
)


def _stamp(moment: datetime | None) -> str | None:
    return format_timestamp(moment) if moment else None


def _moment(value: object) -> datetime | None:
    return parse_timestamp(str(value)) if value else None


def _marks(value: object) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        return ()
    valid = {
        mark
        for mark in value
        if isinstance(mark, int) and not isinstance(mark, bool) and 0 <= mark <= timer.MAX_MINUTES
    }
    return tuple(sorted(valid, reverse=True))


def _whole(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


# -- creating ---------------------------------------------------------------------
def new_interview(contact: Contact, now: datetime, *, minutes: int = DEFAULT_MINUTES) -> Interview:
    """A ready interview with the contact's questions, most important first.

    ``minutes`` is the profile's ``interview_minutes``; it stays adjustable.
    """
    moment = timer.instant(now)
    return Interview(
        contact_id=contact.id,
        planned_minutes=timer.clamp_minutes(minutes),
        questions=tuple(
            InterviewQuestion(question.text, question.category)
            for question in contact.questions[:MAX_QUESTIONS]
        ),
        created=moment,
        updated=moment,
    )


# -- the clock --------------------------------------------------------------------
def _with_timer(interview: Interview, state: TimerState, now: datetime) -> Interview:
    if state is interview.timer or state == interview.timer:
        return interview
    return replace(
        interview,
        planned_minutes=state.planned_seconds // 60,
        started_at=state.started_at,
        paused_at=state.paused_at,
        paused_seconds=state.paused_seconds,
        ended_at=state.ended_at,
        fired_marks=state.fired,
        updated=timer.instant(now),
    )


def start(
    interview: Interview, now: datetime, marks: Iterable[int] = timer.DEFAULT_MARKS
) -> Interview:
    return _with_timer(interview, timer.start(interview.timer, now, marks), now)


def pause(interview: Interview, now: datetime) -> Interview:
    return _with_timer(interview, timer.pause(interview.timer, now), now)


def resume(interview: Interview, now: datetime) -> Interview:
    return _with_timer(interview, timer.resume(interview.timer, now), now)


def toggle_pause(
    interview: Interview, now: datetime, marks: Iterable[int] = timer.DEFAULT_MARKS
) -> Interview:
    """One key for pause and resume (and start, before the interview begins)."""
    if interview.status is Status.READY:
        return start(interview, now, marks)
    if interview.status is Status.PAUSED:
        return resume(interview, now)
    return pause(interview, now)


def end(interview: Interview, now: datetime) -> Interview:
    return _with_timer(interview, timer.end(interview.timer, now), now)


def set_planned_minutes(
    interview: Interview,
    minutes: int,
    now: datetime,
    marks: Iterable[int] = timer.DEFAULT_MARKS,
) -> Interview:
    """A new planned length, clamped to 5..180 minutes (ignored once ended)."""
    return _with_timer(
        interview, timer.set_planned_minutes(interview.timer, minutes, now, marks), now
    )


def adjust_minutes(
    interview: Interview,
    delta: int,
    now: datetime,
    marks: Iterable[int] = timer.DEFAULT_MARKS,
) -> Interview:
    """+5 / -5 minutes, before or during; never below 5 nor above 180 planned."""
    return _with_timer(interview, timer.adjust_minutes(interview.timer, delta, now, marks), now)


def check_warnings(
    interview: Interview, now: datetime, marks: Iterable[int] = timer.DEFAULT_MARKS
) -> tuple[Interview, tuple[int, ...]]:
    """The warning to give now (at most one) and the interview with it recorded.

    Returns the same interview object when nothing was due, so a ticking
    display only saves when a warning actually fired.
    """
    state, due = timer.check_warnings(interview.timer, now, marks)
    if state is interview.timer or state == interview.timer:
        return interview, due
    # Recording a warning is bookkeeping, not user activity: ``updated`` stays,
    # so an interview left running still becomes stale.
    return replace(interview, fired_marks=state.fired), due


def remaining(interview: Interview, now: datetime) -> int:
    return timer.remaining(interview.timer, now)


def elapsed(interview: Interview, now: datetime) -> int:
    return timer.elapsed(interview.timer, now)


def is_stale(
    interview: Interview, now: datetime, stale_after: timedelta = timer.STALE_AFTER
) -> bool:
    """Running or paused, and untouched for ``stale_after`` (default 3 hours)."""
    last_seen = interview.last_activity
    if last_seen is None:
        return False
    return timer.is_stale(interview.timer, now, last_seen, stale_after)


def end_stale(interview: Interview, now: datetime) -> Interview:
    """End a forgotten interview where it most likely ended (see ``timer.end_stale``)."""
    last_seen = interview.last_activity or now
    return _with_timer(interview, timer.end_stale(interview.timer, now, last_seen), now)


# -- questions and notes ----------------------------------------------------------
def mark_asked(interview: Interview, index: int, now: datetime, asked: bool = True) -> Interview:
    """Check a question off (or back on). Raises IndexError for a bad index."""
    question = interview.questions[index]
    if question.asked == asked:
        return interview
    return _with_question(interview, index, replace(question, asked=asked), now)


def toggle_asked(interview: Interview, index: int, now: datetime) -> Interview:
    return mark_asked(interview, index, now, not interview.questions[index].asked)


def set_answer(interview: Interview, index: int, text: str, now: datetime) -> Interview:
    """Note a short answer; noting one marks the question asked."""
    question = interview.questions[index]
    answer = clean_text(text, ANSWER_LEN)
    asked = question.asked or bool(answer)
    if answer == question.answer and asked == question.asked:
        return interview
    return _with_question(interview, index, replace(question, answer=answer, asked=asked), now)


def set_notes(interview: Interview, text: str, now: datetime) -> Interview:
    notes = clean_text(text, NOTES_LEN)
    if notes == interview.notes:
        return interview
    return replace(interview, notes=notes, updated=timer.instant(now))


def _with_question(
    interview: Interview, index: int, question: InterviewQuestion, now: datetime
) -> Interview:
    questions = list(interview.questions)
    questions[index] = question
    return replace(interview, questions=tuple(questions), updated=timer.instant(now))


# -- finding ----------------------------------------------------------------------
def for_contact(interviews: Iterable[Interview], contact_id: int) -> list[Interview]:
    """A contact's interviews, newest first."""
    found = [interview for interview in interviews if interview.contact_id == contact_id]
    return sorted(found, key=_recency, reverse=True)


def open_interviews(interviews: Iterable[Interview]) -> list[Interview]:
    """Running or paused interviews, most recently active first (stale ones included)."""
    return sorted(
        (interview for interview in interviews if interview.is_open), key=_recency, reverse=True
    )


def current(
    interviews: Iterable[Interview],
    now: datetime,
    stale_after: timedelta = timer.STALE_AFTER,
) -> Interview | None:
    """The interview in progress: open and not stale, the most recently active."""
    for interview in open_interviews(interviews):
        if not is_stale(interview, now, stale_after):
            return interview
    return None


def _recency(interview: Interview) -> tuple[datetime, int]:
    return interview.last_activity or _NEVER, interview.id


_NEVER = datetime.min.replace(tzinfo=UTC)


# -- showing ----------------------------------------------------------------------
RUNNING_MARK = "●"
PAUSED_MARK = "⏸"


def one_line(interview: Interview, name: str, now: datetime) -> str:
    """The interview in one line, for a status bar.

    ``● Ada Okafor 12:34 left``, ``⏸ Ada Okafor 12:34 left (paused)``,
    ``● Ada Okafor +02:10 over``.
    """
    left = remaining(interview, now)
    clock = f"{timer.format_clock(left)} over" if left < 0 else f"{timer.format_clock(left)} left"
    status = interview.status
    if status is Status.PAUSED:
        return f"{PAUSED_MARK} {name} {clock} (paused)"
    if status is Status.RUNNING:
        return f"{RUNNING_MARK} {name} {clock}"
    if status is Status.READY:
        return f"{name} {timer.format_clock(left)} planned"
    return f"{name} ended"


def summary(interview: Interview) -> str:
    """The timeline text: date, planned and actual length, questions asked, notes."""
    parts = [length_text(interview)]
    total = len(interview.questions)
    asked = [question for question in interview.questions if question.asked]
    if total:
        listed = "; ".join(_shorten(question.text, EVENT_QUESTION_LEN) for question in asked)
        parts.append(f"Asked {len(asked)} of {total}" + (f": {listed}" if listed else ""))
    if interview.notes:
        parts.append("Notes: " + _shorten(" ".join(interview.notes.split()), EVENT_NOTES_LEN))
    return _sentences(parts)


def length_text(interview: Interview) -> str:
    moment = interview.started_at or interview.ended_at or interview.created
    day = f" {local_day(moment).isoformat()}" if moment else ""
    planned = f"{interview.planned_minutes} min planned"
    if interview.started_at is None:
        return f"Interview{day}: {planned}, not timed"
    actual_seconds = timer.elapsed(interview.timer, interview.ended_at or interview.started_at)
    actual = round(actual_seconds / 60)
    over = actual - interview.planned_minutes
    extra = f" ({over} min over)" if over > 0 else ""
    return f"Interview{day}: {planned}, {actual} min actual{extra}"


def _sentences(parts: list[str]) -> str:
    """Parts joined as sentences, without a full stop after a question mark."""
    return " ".join(part if part.endswith((".", "?", "!", "…")) else part + "." for part in parts)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- finishing --------------------------------------------------------------------
def finish(
    interview: Interview,
    contact: Contact,
    now: datetime,
    rules: FollowUpRules | None = None,
    *,
    rank: float | None = None,
) -> tuple[Interview, Contact]:
    """The ended interview, and the contact moved to Met, its interview held.

    ``followups.held`` clears the booked time and puts the interview's summary
    on the timeline, at when it ended.

    Entering Met schedules the thank-you note for the day after the interview.
    The date rules count from when the interview ended, so finishing a stale one
    the next morning still asks for the thank-you by the day after it happened.
    ``rank`` places the card in the Met lane: ``pipeline.rank_on_top`` of Met
    (``Session.end_interview`` passes it); by default the contact keeps its rank.
    """
    ended = interview if interview.status is Status.ENDED else end(interview, now)
    at = ended.ended_at or timer.instant(now)
    rules = rules or FollowUpRules()
    after = moved(
        contact, Stage.MET, now=at, rank=contact.rank if rank is None else rank, rules=rules
    )
    if after is contact:
        # Already in Met (a second conversation): the thank-you is owed again.
        after = with_step(after, schedule_for_stage(Stage.MET, at, rules), at)
    # Held: no longer a booked meeting; its one timeline entry is the summary.
    return ended, held(after, at, summary(ended), now=timer.instant(now))
