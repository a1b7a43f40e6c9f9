"""The session's meeting flows: book, move, cancel, held, missed, each one
undoable change (``core/contacts/meetings.py`` says what each does to a contact)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Protocol

from ..contacts import meetings, pipeline
from ..contacts.changes import ChangeSet, ContactChange
from ..contacts.followups import FollowUpRules
from ..contacts.model import Contact
from ..contacts.when import Meeting, describe
from ..settings import Settings


class Flow(Protocol):
    def __call__(
        self,
        contact: Contact,
        /,
        *,
        now: datetime,
        rules: FollowUpRules,
        board: Iterable[Contact],
    ) -> Contact: ...


class Host(Protocol):
    """What the meeting flows need of the session."""

    contacts: dict[int, Contact]
    settings: Settings

    def now(self) -> datetime: ...

    def refuse_if_read_only(self) -> bool: ...

    def read_only_message(self) -> str: ...

    def perform(
        self, change_set: ChangeSet, *, record: bool = True, select: int | None = None
    ) -> None: ...


class Meetings:
    def __init__(self, session: Host) -> None:
        self.session = session

    def book(self, contact_id: int, meeting: Meeting) -> str:
        """Agree (or move) the meeting; returns what to tell the user."""
        contact = self.booked(contact_id)
        when = describe(meeting.at, meeting.place or (contact.meeting_place if contact else ""))
        verb = "Meeting moved to" if contact is not None else "Meeting agreed:"
        change = functools.partial(meetings.booked, at=meeting.at, place=meeting.place)
        return self._perform(contact_id, change, lambda name: f"{verb} {when} with {name}")

    def cancel(self, contact_id: int, follow_up_on: date | None) -> str:
        """Call the meeting off: wait until ``follow_up_on`` to agree a new time,
        or close the contact (None)."""
        then = f"follow up on {follow_up_on:%a %-d %b}" if follow_up_on else "closed"
        return self._perform(
            contact_id,
            functools.partial(meetings.called_off, follow_up_on=follow_up_on),
            lambda name: f"Meeting with {name} cancelled; {then}",
        )

    def held(self, contact_id: int) -> str:
        return self._perform(
            contact_id,
            pipeline.meeting_held,
            lambda name: f"Met {name}: the thank-you note is due next",
        )

    def missed(self, contact_id: int) -> str:
        return self._perform(
            contact_id,
            meetings.missed,
            lambda name: f"The meeting with {name} did not take place: follow up next",
        )

    def booked(self, contact_id: int) -> Contact | None:
        """The contact, when a meeting is booked with them."""
        contact = self.session.contacts.get(contact_id)
        return contact if contact is not None and contact.interview_at is not None else None

    def _perform(self, contact_id: int, flow: Flow, description: Callable[[str], str]) -> str:
        """One meeting flow as one undoable change; ``flow`` is one of the core's,
        given the clock, the rules and the board when it runs (again, on a newer
        copy of the contact, if another process changed it)."""
        session = self.session
        contact = session.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        if session.refuse_if_read_only():
            return session.read_only_message()

        def change(current: Contact) -> Contact:
            return flow(
                current,
                now=session.now(),
                rules=session.settings.rules,
                board=session.contacts.values(),
            )

        text = description(contact.name)
        after = change(contact)
        session.perform(
            ChangeSet(text, (ContactChange(contact, after, change),)), select=contact_id
        )
        return text
