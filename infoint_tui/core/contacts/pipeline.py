"""Stage moves, ordering within a stage, and applying change sets to the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime

from ..store.docfile import DocumentFile
from .changes import ChangeSet, ContactChange, merge_onto
from .followups import (
    HELD_ON_TODAY,
    Action,
    FollowUpRules,
    held,
    held_at,
    local_day,
    parse_action,
    schedule_for_stage,
    step_after_done,
    with_step,
)
from .model import Contact, Event, Stage, StageChange

BOARD_STAGES = tuple(stage for stage in Stage if stage is not Stage.CLOSED)


def column(contacts: Iterable[Contact], stage: Stage) -> list[Contact]:
    """The contacts of one stage in board order (rank, then id for ties)."""
    return sorted(
        (contact for contact in contacts if contact.stage is stage),
        key=lambda contact: (contact.rank, contact.id),
    )


def rank_on_top(contacts: Iterable[Contact], stage: Stage) -> float:
    """Where a card entering ``stage`` goes: on top of that lane.

    The one rule for a card that enters a lane (a move, a letter sent, an
    interview ended, a step done, a new or promoted contact): it goes above
    every card already there. ``contacts`` is everyone on the board; the rank
    is computed in the lane entered, never the one left.
    """
    ranks = [contact.rank for contact in contacts if contact.stage is stage]
    return (min(ranks) - 1.0) if ranks else 0.0


def moved(
    contact: Contact,
    stage: Stage,
    *,
    now: datetime,
    rank: float,
    rules: FollowUpRules | None = None,
    promised: date | None = None,
) -> Contact:
    """The contact in a new stage: history entry, rank and next step set by the rules.

    ``rank`` is where it lands in the new lane: ``rank_on_top`` of that lane.
    """
    if stage is contact.stage:
        return contact
    step = schedule_for_stage(
        stage, now, rules or FollowUpRules(), interview_at=contact.interview_at, promised=promised
    )
    entered = replace(
        contact,
        stage=stage,
        rank=rank,
        stage_history=(*contact.stage_history, StageChange(stage, now)),
    )
    return with_step(entered, step, now)


def mark_done(
    contact: Contact, now: datetime, rules: FollowUpRules, *, board: Iterable[Contact] = ()
) -> Contact:
    """The contact with its step done: a timeline entry, and the next step set.

    A step that moves the contact to another stage records that move too, the
    card on top of the lane it enters among ``board`` (everyone on the board).
    The interview done means it was held (``held``): its timeline entry is the
    interview's, not another "Done:" line.
    """
    if parse_action(contact.action) is Action.INTERVIEW:
        return meeting_held(contact, now=now, rules=rules, board=board)
    label = contact.next_action or "Follow-up"
    event = Event("follow-up", now, f"Done: {label}")
    done = replace(contact, events=(*contact.events, event), updated=now)
    stage, step = step_after_done(contact, local_day(now), rules)
    if stage is not contact.stage:
        done = moved(done, stage, now=now, rank=rank_on_top(board, stage), rules=rules)
    return with_step(done, step, now)


def meeting_held(
    contact: Contact, *, now: datetime, rules: FollowUpRules, board: Iterable[Contact] = ()
) -> Contact:
    """The booked interview took place without the interview clock (done on
    Today, or "held" when Today asked): a past meeting on the timeline, the
    contact in Met on top of that lane, the thank-you due."""
    done = held(contact, held_at(contact, now), HELD_ON_TODAY, now=now)
    if done.stage is Stage.MET:
        return with_step(done, schedule_for_stage(Stage.MET, now, rules), now)
    return moved(done, Stage.MET, now=now, rank=rank_on_top(board, Stage.MET), rules=rules)


HELD_BY_MOVE = "Interview held (moved to Met)"


def moved_by_hand(
    contact: Contact,
    stage: Stage,
    *,
    now: datetime,
    rank: float,
    rules: FollowUpRules | None = None,
) -> Contact:
    """A move the user made (a card on the board, the form, ``infoint move``).

    Scheduled to Met says the interview was held (``followups.held``): entering
    Met already owes the thank-you, so the booking becomes a past meeting too.
    """
    if stage is Stage.MET and contact.stage is Stage.SCHEDULED:
        contact = held(contact, held_at(contact, now), HELD_BY_MOVE, now=now)
    return moved(contact, stage, now=now, rank=rank, rules=rules)


def move_change(
    contact: Contact,
    stage: Stage,
    everyone: Mapping[int, Contact],
    *,
    now: datetime,
    rules: FollowUpRules | None = None,
) -> ChangeSet:
    rank = rank_on_top(everyone.values(), stage)
    after = moved_by_hand(contact, stage, now=now, rank=rank, rules=rules)

    def again(fresh: Contact) -> Contact:
        return moved_by_hand(fresh, stage, now=now, rank=rank, rules=rules)

    return ChangeSet(
        f"Moved {contact.name} to {stage.label}",
        (ContactChange(contact, after, again),),
    )


def swap_change(first: Contact, second: Contact, *, now: datetime) -> ChangeSet:
    """Reorder: two neighbours in a column exchange places."""
    first_after = replace(first, rank=second.rank, updated=now)
    second_after = replace(second, rank=first.rank, updated=now)
    if first.rank == second.rank:
        # Equal ranks sort by id; nudge so the swap is visible and stable.
        first_after = replace(
            first_after, rank=second.rank + (0.5 if first.id < second.id else -0.5)
        )
    return ChangeSet(
        f"Reordered {first.name}",
        (ContactChange(first, first_after), ContactChange(second, second_after)),
    )


def add_event(contact: Contact, kind: str, text: str, *, now: datetime) -> Contact:
    return replace(contact, events=(*contact.events, Event(kind, now, text)), updated=now)


class Applied(list[Contact]):
    """What ``apply`` wrote: the contacts as stored (a list, as it always was),
    and ``dropped``, the ids of contacts whose change was not written because
    another process deleted them after the change was computed."""

    def __init__(self, stored: Iterable[Contact] = (), dropped: Iterable[int] = ()) -> None:
        super().__init__(stored)
        self.dropped: tuple[int, ...] = tuple(dropped)


def apply(contacts: DocumentFile[Contact], change_set: ChangeSet) -> Applied:
    """Write a change set in one locked batch; returns the contacts as stored.

    When the stored contact is no longer the ``before`` we computed from
    (another process changed it), the change's transform is applied to the
    stored version instead of overwriting it.

    A delete stays deleted: a change to an existing contact (``before`` set)
    whose contact is no longer stored was computed before another process
    deleted it, and is dropped (its id is in ``dropped``), never written back.
    Only a change with no ``before`` (an insert, or undoing a delete made in
    this process) brings a contact into the file.
    """
    results: list[Contact] = []
    dropped: list[int] = []
    with contacts.batch():
        for change in change_set.changes:
            current = contacts.get(change.contact_id)
            if change.after is None:
                if current is not None:
                    contacts.delete(change.contact_id)
                continue
            if current is None and change.before is not None:
                dropped.append(change.contact_id)
                continue
            target = change.after
            if current is not None and change.before is not None and current != change.before:
                target = (
                    change.transform(current)
                    if change.transform is not None
                    else merge_onto(change.before, change.after, current)
                )
            results.append(contacts.put(target))
    return Applied(results, dropped)


def timeline(contact: Contact) -> list[tuple[datetime, str, str]]:
    """Stage changes and events, oldest first: (when, kind, text)."""
    entries: list[tuple[datetime, str, str]] = [
        (change.at, "stage", f"{'Added in' if index == 0 else 'Moved to'} {change.stage.label}")
        for index, change in enumerate(contact.stage_history)
    ]
    entries.extend((event.at, event.kind, event.text) for event in contact.events)
    return sorted(entries, key=lambda entry: entry[0])
