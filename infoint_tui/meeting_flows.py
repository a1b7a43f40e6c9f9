"""From a reply to a meeting: the questions the app asks between screens.

When a reply is logged or a card enters Scheduled, one line asks when and
where, in words ("wed 10am at Café Nero"), showing what it understood as you
type; the meeting can be moved (``m``) or called off (``x``, which asks what
next); once its time has passed, Today asks what happened. Every change is one
call on ``session.meetings`` (core).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from .core.contacts.model import Stage
from .core.contacts.when import MeetingError, describe, parse_meeting
from .shell import Shell

PLACEHOLDER = "wed 10am at Café Nero · tomorrow 14:30 · fri 4pm video https://…"
Say = Callable[[str], None]


class MeetingFlows(Shell):
    def move_contact(self, contact_id: int, steps: int, say: Say) -> None:
        """H and L on the board and the contact screen: the move, and when the
        card moves on into Scheduled with no meeting booked, the question when
        and where (moving back into it, from Met, asks nothing)."""
        before = self.session.contacts.get(contact_id)
        say(self.session.move_by(contact_id, steps))
        after = self.session.contacts.get(contact_id)
        if (
            steps > 0
            and before is not None
            and after is not None
            and before.stage is not Stage.SCHEDULED
            and after.stage is Stage.SCHEDULED
            and after.interview_at is None
        ):
            self.schedule_meeting(contact_id, say)

    def schedule_meeting(self, contact_id: int, say: Say | None = None) -> None:
        """Ask when and where (or where to move the meeting) and book it."""
        from .modals.prompt import PromptModal

        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return
        tell = say or self.notify
        if contact.interview_at is not None:
            now = describe(contact.interview_at, contact.meeting_place)
            title = f"Move the meeting with {contact.name} (now {now}) to when, and where?"
        else:
            title = f"When and where do you meet {contact.name}?"

        def problem(text: str) -> str | None:
            try:
                parse_meeting(text, self.session.now())
            except MeetingError as error:
                return error.message
            return None

        def meaning(text: str) -> str:
            try:
                meeting = parse_meeting(text, self.session.now())
            except MeetingError as error:
                return error.message
            return describe(meeting.at, meeting.place)

        def answered(text: str | None) -> None:
            if text:
                meeting = parse_meeting(text, self.session.now())
                tell(self.session.meetings.book(contact_id, meeting))

        self.navigator.ask(
            PromptModal(title, placeholder=PLACEHOLDER, check=problem, preview=meaning), answered
        )

    def cancel_meeting(self, contact_id: int, say: Say | None = None) -> None:
        """Call the booked meeting off, after asking what next."""
        from .modals.choice import ChoiceModal

        tell = say or self.notify
        contact = self.session.meetings.booked(contact_id)
        if contact is None:
            name = self.session.contacts.get(contact_id)
            tell(f"No meeting is booked with {name.name}" if name else "That contact is gone")
            return
        calendar = self.session.settings.rules.calendar
        in_a_week = calendar.on_or_after(self.session.today() + timedelta(days=7))

        def chosen(choice: str | None) -> None:
            if choice == "week":
                tell(self.session.meetings.cancel(contact_id, in_a_week))
            elif choice == "close":
                tell(self.session.meetings.cancel(contact_id, None))
            elif choice == "date":
                self._cancel_until_a_date(contact_id, tell)

        when = describe(contact.interview_at, contact.meeting_place) if contact.interview_at else ""
        self.navigator.ask(
            ChoiceModal(
                f"Cancel the meeting with {contact.name} ({when}). What next?",
                [
                    (f"Follow up to agree a new time, {in_a_week:%a %-d %b}", "week"),
                    ("Follow up on a date…", "date"),
                    ("Close: no meeting after all", "close"),
                ],
            ),
            chosen,
        )

    def _cancel_until_a_date(self, contact_id: int, tell: Say) -> None:
        from .core.dates import DateError, parse_date
        from .modals.prompt import PromptModal

        today = self.session.today()

        def problem(text: str) -> str | None:
            try:
                day = parse_date(text)
            except DateError as error:
                return str(error)
            return "That day has passed" if day < today else None

        def answered(text: str | None) -> None:
            if text:
                tell(self.session.meetings.cancel(contact_id, parse_date(text)))

        self.navigator.ask(
            PromptModal(
                "Follow up to agree a new time on (YYYY-MM-DD)",
                placeholder=f"{today + timedelta(days=7):%Y-%m-%d}",
                check=problem,
            ),
            answered,
        )

    def meeting_outcome(self, contact_id: int, say: Say | None = None) -> None:
        """The meeting's time has passed and the clock did not run: what happened?"""
        from .modals.choice import ChoiceModal

        tell = say or self.notify
        contact = self.session.meetings.booked(contact_id)
        if contact is None or contact.interview_at is None:
            return
        when = describe(contact.interview_at, contact.meeting_place)

        def chosen(choice: str | None) -> None:
            if choice == "held":
                tell(self.session.meetings.held(contact_id))
            elif choice == "moved":
                self.schedule_meeting(contact_id, tell)
            elif choice == "missed":
                tell(self.session.meetings.missed(contact_id))

        self.navigator.ask(
            ChoiceModal(
                f"Did you meet {contact.name}? ({when})",
                [
                    ("Yes, we met: thank-you next", "held"),
                    ("It moved: a new time", "moved"),
                    ("It did not happen: follow up", "missed"),
                ],
            ),
            chosen,
        )
