"""``infoint schedule``: agree, move or cancel a meeting from the shell, in the
same words and through the same core flows as the app's ``m`` and ``x``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..core.contacts import meetings, pipeline
from ..core.contacts.changes import ChangeSet, ContactChange
from ..core.contacts.model import Contact
from ..core.contacts.when import MeetingError, describe, parse_meeting
from ..core.dates import DateError, parse_date
from ..core.documents import Store
from ..core.settings import load_settings
from .common import CommandError, open_store


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    schedule = commands.add_parser(
        "schedule",
        parents=[common],
        help="agree or move a meeting in words (wed 10am at Café Nero), or cancel it",
    )
    schedule.add_argument("id", type=int)
    schedule.add_argument(
        "when", nargs="*", help='e.g. "wed 10am", "tomorrow 14:30", "3 dec 9:00 at Café Nero"'
    )
    schedule.add_argument("--place", default=None, help="where, or a video link")
    schedule.add_argument("--cancel", action="store_true", help="call the booked meeting off")
    schedule.add_argument(
        "--follow-up",
        metavar="YYYY-MM-DD",
        help="with --cancel: follow up on this day to agree a new time (without it: closed)",
    )
    schedule.set_defaults(handler=cmd_schedule)


def cmd_schedule(args: argparse.Namespace) -> int:
    if args.cancel and args.when:
        raise CommandError("give a time to schedule, or --cancel, not both")
    if not args.cancel and not args.when:
        raise CommandError('say when, e.g. infoint schedule 12 "wed 10am" --place "Café Nero"')
    if args.follow_up and not args.cancel:
        raise CommandError("--follow-up goes with --cancel")
    store = open_store(args, writes=True)
    contact = store.contacts.get(args.id)
    if contact is None:
        raise CommandError(f"no contact with id {args.id}")
    rules = load_settings(store.data_dir).rules
    now = store.clock()
    board = store.contacts.all().values()
    if args.cancel:
        if contact.interview_at is None:
            raise CommandError(f"no meeting is booked with {contact.name}")
        follow_up = None
        if args.follow_up:
            try:
                follow_up = parse_date(args.follow_up)
            except DateError as error:
                raise CommandError(str(error)) from error

        def cancel(current: Contact) -> Contact:
            return meetings.called_off(
                current, now=now, rules=rules, board=board, follow_up_on=follow_up
            )

        after = _store(store, contact, cancel, f"Cancelled the meeting with {contact.name}")
        then = f"follow up on {follow_up.isoformat()}" if follow_up else "closed"
        print(f"Cancelled the meeting with {after.name}; {then}")
        return 0
    try:
        meeting = parse_meeting(" ".join(args.when), now)
    except MeetingError as error:
        raise CommandError(error.message) from error
    place = meeting.place if args.place is None else args.place

    def book(current: Contact) -> Contact:
        return meetings.booked(current, meeting.at, place, now=now, rules=rules, board=board)

    moving = contact.interview_at is not None
    after = _store(store, contact, book, f"Scheduled a meeting with {contact.name}")
    verb = "Moved the meeting with" if moving else "Meeting with"
    print(f"{verb} {after.name}: {describe(meeting.at, after.meeting_place)}")
    return 0


def _store(
    store: Store, contact: Contact, change: Callable[[Contact], Contact], description: str
) -> Contact:
    change_set = ChangeSet(description, (ContactChange(contact, change(contact), change),))
    if pipeline.apply(store.contacts, change_set).dropped:
        raise CommandError(
            f"{contact.name} (contact {contact.id}) was deleted in another infoint "
            "just now; nothing was changed"
        )
    return store.contacts.require(contact.id)
