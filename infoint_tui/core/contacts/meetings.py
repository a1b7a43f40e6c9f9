"""The meeting: agreeing a time and place, moving it, calling it off, and what
happened once its time passed (moved, nobody came; held is
``pipeline.meeting_held``, shared with marking the interview done).

One function per thing that can happen to a booked meeting, each returning the
contact as it is afterwards; the session turns it into one undoable change and
``infoint schedule`` stores it. The words people type ("wed 10am at Café Nero")
are read by ``when.parse_meeting``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..text import clean_line
from .followups import Action, FollowUpRules, NextStep, local_day, prepare_step, with_step
from .model import Contact, Event, Stage
from .pipeline import moved, rank_on_top
from .when import describe

AGREE_A_NEW_TIME = "Agree a new time"
AFTER_NO_SHOW = "Follow up after the missed meeting"
# How long after its start a meeting counts as over, for asking whether it was held.
MEETING_LENGTH = timedelta(minutes=30)


def booked(
    contact: Contact,
    at: datetime,
    place: str,
    *,
    now: datetime,
    rules: FollowUpRules,
    board: Iterable[Contact],
) -> Contact:
    """A meeting agreed (or moved) to ``at`` and ``place``.

    The contact is in Scheduled (on top of that lane when it enters it), its
    next step is preparing the day before, and the timeline says what was
    agreed, or what the meeting moved from. A move that names no place keeps
    the place already agreed.
    """
    # Moving a meeting without naming a place keeps the place it had.
    place = clean_line(place, 300) or contact.meeting_place
    if contact.interview_at is None:
        text = f"Meeting agreed: {describe(at, place)}"
    else:
        was = describe(contact.interview_at, contact.meeting_place)
        text = f"Meeting moved to {describe(at, place)} (was {was})"
    after = replace(
        contact,
        interview_at=at,
        meeting_place=place,
        events=(*contact.events, Event("schedule", now, text)),
        updated=now,
    )
    if after.stage is not Stage.SCHEDULED:
        rank = rank_on_top(board, Stage.SCHEDULED)
        after = moved(after, Stage.SCHEDULED, now=now, rank=rank, rules=rules)
    return with_step(after, prepare_step(local_day(now), at, rules.calendar), now)


def called_off(
    contact: Contact,
    *,
    now: datetime,
    rules: FollowUpRules,
    board: Iterable[Contact],
    follow_up_on: date | None,
) -> Contact:
    """The booked meeting cancelled. With ``follow_up_on``: the contact waits in
    Follow-up with "Agree a new time" due that day. Without: closed."""
    was = describe(contact.interview_at, contact.meeting_place) if contact.interview_at else ""
    text = f"Meeting cancelled ({was})" if was else "Meeting cancelled"
    after = _unbooked(contact, text, now)
    if follow_up_on is None:
        return moved(after, Stage.CLOSED, now=now, rank=rank_on_top(board, Stage.CLOSED))
    return _waiting(after, AGREE_A_NEW_TIME, follow_up_on, now=now, rules=rules, board=board)


def missed(
    contact: Contact, *, now: datetime, rules: FollowUpRules, board: Iterable[Contact]
) -> Contact:
    """Nobody came (or they called it off on the day): the meeting is off the
    calendar, and a follow-up is due the next business day."""
    was = describe(contact.interview_at, contact.meeting_place) if contact.interview_at else ""
    after = _unbooked(contact, f"Did not take place: {was}" if was else "Did not take place", now)
    due = rules.calendar.add(local_day(now), 1)
    return _waiting(after, AFTER_NO_SHOW, due, now=now, rules=rules, board=board)


def is_past(contact: Contact, now: datetime) -> bool:
    """A booked meeting whose time is over, so the user can say what happened."""
    return (
        contact.stage is Stage.SCHEDULED
        and contact.interview_at is not None
        and contact.interview_at + MEETING_LENGTH <= now
    )


def _unbooked(contact: Contact, text: str, now: datetime) -> Contact:
    return replace(
        contact,
        interview_at=None,
        meeting_place="",
        events=(*contact.events, Event("schedule", now, text)),
        updated=now,
    )


def _waiting(
    contact: Contact,
    label: str,
    due: date,
    *,
    now: datetime,
    rules: FollowUpRules,
    board: Iterable[Contact],
) -> Contact:
    if contact.stage is not Stage.FOLLOW_UP:
        rank = rank_on_top(board, Stage.FOLLOW_UP)
        contact = moved(contact, Stage.FOLLOW_UP, now=now, rank=rank, rules=rules)
    waiting = with_step(contact, NextStep(Action.CUSTOM, due), now)
    return replace(waiting, next_action=label)
