"""The board's state without a terminal: lanes, filter, cursor per lane.

The board screen draws this; tests drive it directly. Changing a contact
re-sorts only the lanes it left and entered.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime

from ..text import fold
from .changes import ChangeSet
from .followups import local_day
from .model import Contact, Stage

ALL_STAGES = tuple(Stage)


def haystack(contact: Contact) -> str:
    """What the filter searches: name, company, title, tags and notes."""
    return fold(
        "\n".join(
            (contact.name, contact.company, contact.title, " ".join(contact.tags), contact.notes)
        )
    )


def due_state(contact: Contact, today: date) -> str:
    """'overdue', 'today', 'upcoming' or '' for the card's marker: the booked
    meeting's day when there is one, else the follow-up's."""
    meeting = booked_meeting(contact)
    day = local_day(meeting) if meeting is not None else contact.follow_up
    if day is None:
        return ""
    if day < today:
        return "overdue"
    if day == today:
        return "today"
    return "upcoming"


def booked_meeting(contact: Contact) -> datetime | None:
    """When the contact's meeting is, while it is still to be held."""
    return contact.interview_at if contact.stage is Stage.SCHEDULED else None


class BoardState:
    def __init__(
        self,
        contacts: Mapping[int, Contact],
        *,
        show_closed: bool = False,
    ) -> None:
        self.contacts: dict[int, Contact] = dict(contacts)
        self.show_closed = show_closed
        self.filter_text = ""
        self._folded_filter = ""
        self._haystacks: dict[int, tuple[Contact, str]] = {}
        self.lanes: dict[Stage, list[Contact]] = {}
        self._totals: dict[Stage, int] = {}
        self.cursor: dict[Stage, int] = {stage: 0 for stage in ALL_STAGES}
        self.stage: Stage = Stage.TARGET
        self._rebuild(ALL_STAGES)

    # -- what is shown ------------------------------------------------------------
    @property
    def stages(self) -> tuple[Stage, ...]:
        return ALL_STAGES if self.show_closed else ALL_STAGES[:-1]

    def lane(self, stage: Stage) -> list[Contact]:
        return self.lanes[stage]

    def selected(self) -> Contact | None:
        lane = self.lanes[self.stage]
        if not lane:
            return None
        return lane[min(self.cursor[self.stage], len(lane) - 1)]

    def selected_index(self, stage: Stage) -> int:
        lane = self.lanes[stage]
        return min(self.cursor[stage], max(len(lane) - 1, 0))

    def total(self, stage: Stage) -> int:
        """Cards in the lane before filtering (the header shows it beside the matches)."""
        return self._totals.get(stage, 0)

    def shown(self, stage: Stage) -> int:
        """Cards the lane shows: the matches, or all of them without a filter."""
        return len(self.lanes[stage])

    # -- navigation ---------------------------------------------------------------
    def move_cursor(self, delta: int) -> bool:
        lane = self.lanes[self.stage]
        if not lane:
            return False
        current = self.selected_index(self.stage)
        target = max(0, min(len(lane) - 1, current + delta))
        self.cursor[self.stage] = target
        return target != current

    def cursor_to(self, index: int) -> None:
        lane = self.lanes[self.stage]
        self.cursor[self.stage] = max(0, min(len(lane) - 1, index)) if lane else 0

    def move_stage(self, delta: int) -> bool:
        stages = self.stages
        position = stages.index(self.stage) if self.stage in stages else 0
        target = max(0, min(len(stages) - 1, position + delta))
        changed = stages[target] is not self.stage
        self.stage = stages[target]
        return changed

    def jump(self, number: int) -> bool:
        """Stage N, counting from 1 as the number keys do."""
        stages = self.stages
        if not 1 <= number <= len(stages):
            return False
        self.stage = stages[number - 1]
        return True

    def select_contact(self, contact_id: int) -> bool:
        """Put the cursor on a contact (the selection follows a moved card)."""
        contact = self.contacts.get(contact_id)
        if contact is None:
            return False
        if contact.stage is Stage.CLOSED and not self.show_closed:
            self.show_closed = True
        lane = self.lanes[contact.stage]
        for index, candidate in enumerate(lane):
            if candidate.id == contact_id:
                self.stage = contact.stage
                self.cursor[contact.stage] = index
                return True
        return False

    def set_show_closed(self, show: bool) -> None:
        self.show_closed = show
        if not show and self.stage is Stage.CLOSED:
            self.stage = ALL_STAGES[-2]

    # -- filtering ----------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._folded_filter = fold(text.strip())
        self._rebuild(ALL_STAGES)

    def matches(self, contact: Contact) -> bool:
        if not self._folded_filter:
            return True
        cached = self._haystacks.get(contact.id)
        if cached is None or cached[0] is not contact:
            cached = (contact, haystack(contact))
            self._haystacks[contact.id] = cached
        return all(word in cached[1] for word in self._folded_filter.split())

    # -- changes ------------------------------------------------------------------
    def apply(self, change_set: ChangeSet) -> None:
        """Show a change at once, before it reaches the disk.

        Only the cards involved leave and enter their lanes: a move in a lane of
        9,000 does not regroup the other 9,999 contacts.
        """
        # Each lane's selected card stays selected when cards come and go around it.
        touched = {
            contact.stage
            for change in change_set.changes
            for contact in (self.contacts.get(change.contact_id), change.after)
            if contact is not None
        }
        kept = {stage: self._card_at_cursor(stage) for stage in touched}
        for change in change_set.changes:
            current = self.contacts.get(change.contact_id)
            if current is not None:
                self._take_out(current)
            if change.after is None:
                self.contacts.pop(change.contact_id, None)
            else:
                self.contacts[change.after.id] = change.after
                self._put_in(change.after)
        for stage, card_id in kept.items():
            lane = self.lanes[stage]
            index = next((i for i, card in enumerate(lane) if card.id == card_id), None)
            if index is not None:
                self.cursor[stage] = index
            self.cursor[stage] = min(self.cursor[stage], max(len(lane) - 1, 0))

    def _card_at_cursor(self, stage: Stage) -> int | None:
        lane = self.lanes[stage]
        return lane[self.selected_index(stage)].id if lane else None

    def _take_out(self, contact: Contact) -> None:
        self._totals[contact.stage] = self._totals.get(contact.stage, 1) - 1
        lane = self.lanes[contact.stage]
        index = self._find(lane, contact)
        if index is not None:
            del lane[index]
            if self.cursor[contact.stage] > index:
                self.cursor[contact.stage] -= 1

    def _put_in(self, contact: Contact) -> None:
        self._totals[contact.stage] = self._totals.get(contact.stage, 0) + 1
        if not self.matches(contact):
            return
        lane = self.lanes[contact.stage]
        lane.insert(bisect.bisect_left(lane, (contact.rank, contact.id), key=_order), contact)

    @staticmethod
    def _find(lane: list[Contact], contact: Contact) -> int | None:
        """The card's place: by its sort key first, then a scan if the key moved."""
        index = bisect.bisect_left(lane, (contact.rank, contact.id), key=_order)
        if index < len(lane) and lane[index].id == contact.id:
            return index
        return next((i for i, card in enumerate(lane) if card.id == contact.id), None)

    def sync(self, contacts: Mapping[int, Contact]) -> bool:
        """Adopt the stored contacts (another process changed them). True if anything differs."""
        touched: set[Stage] = set()
        for contact_id, contact in contacts.items():
            mine = self.contacts.get(contact_id)
            if mine is not contact and mine != contact:
                touched.add(contact.stage)
                if mine is not None:
                    touched.add(mine.stage)
        for contact_id, mine in self.contacts.items():
            if contact_id not in contacts:
                touched.add(mine.stage)
        if not touched and len(contacts) == len(self.contacts):
            return False
        selected = self.selected()
        self.contacts = dict(contacts)
        self._rebuild(touched or set(ALL_STAGES))
        if selected is not None:
            self.select_contact(selected.id)
        return True

    def _rebuild(self, stages: Iterable[Stage]) -> None:
        wanted = set(stages)
        if not wanted:
            return
        grouped: dict[Stage, list[Contact]] = {stage: [] for stage in wanted}
        totals = dict.fromkeys(wanted, 0)
        for contact in self.contacts.values():
            lane = grouped.get(contact.stage)
            if lane is not None:
                totals[contact.stage] += 1
                if self.matches(contact):
                    lane.append(contact)
        self._totals.update(totals)
        for stage, lane in grouped.items():
            lane.sort(key=_order)
            self.lanes[stage] = lane
            self.cursor[stage] = min(self.cursor.get(stage, 0), max(len(lane) - 1, 0))

    def ids_in(self, stage: Stage) -> list[int]:
        return [contact.id for contact in self.lanes[stage]]


def _order(contact: Contact) -> tuple[float, int]:
    return (contact.rank, contact.id)


def neighbours(lane: list[Contact], index: int, delta: int) -> tuple[Contact, Contact] | None:
    """The selected card and the one it would swap with, for J/K."""
    other = index + delta
    if not 0 <= index < len(lane) or not 0 <= other < len(lane):
        return None
    return lane[index], lane[other]


def counts(contacts: Iterable[Contact]) -> dict[Stage, int]:
    result = {stage: 0 for stage in ALL_STAGES}
    for contact in contacts:
        result[contact.stage] += 1
    return result


def recently_changed(contacts: Iterable[Contact], count: int = 10) -> list[Contact]:
    """The ``count`` contacts changed last, newest first (the palette offers them).

    A contact without dates (made by hand, or by an older version) comes after
    every dated one; ties go to the newer id.
    """
    return heapq.nlargest(count, contacts, key=_last_changed)


def _last_changed(contact: Contact) -> tuple[bool, datetime, int]:
    when = contact.updated or contact.created
    return (when is not None, when or _NO_DATE, contact.id)


_NO_DATE = datetime.min.replace(tzinfo=UTC)
