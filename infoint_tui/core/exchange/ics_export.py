"""Interviews and follow-ups as iCalendar (RFC 5545), for any calendar app.

A VEVENT with a display alarm per interview, a VTODO per follow-up. UIDs are
stable (``contact-12-interview@infoint``), so importing the file again updates
the entries instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, Todo

from ..contacts.model import Contact, Stage

PRODID = "-//infoint//Informational interviews//EN"
UID_DOMAIN = "infoint"


def interview_uid(contact: Contact) -> str:
    return f"contact-{contact.id}-interview@{UID_DOMAIN}"


def follow_up_uid(contact: Contact) -> str:
    return f"contact-{contact.id}-follow-up@{UID_DOMAIN}"


def interview_summary(contact: Contact) -> str:
    company = f" ({contact.company})" if contact.company else ""
    return f"Informational interview: {contact.name}{company}"


def export_ics(
    contacts: Iterable[Contact],
    *,
    now: datetime,
    minutes: int = 30,
    alarm_before: timedelta = timedelta(hours=1),
) -> str:
    """The calendar as text (CRLF lines, folded and escaped by ``icalendar``).

    ``now`` is the DTSTAMP of every entry; ``minutes`` the interview length.
    Closed contacts' interviews are left out: a cancelled meeting must not
    stay in the calendar.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for contact in contacts:
        if contact.interview_at is not None and contact.stage is not Stage.CLOSED:
            calendar.add_component(_interview(contact, now, minutes, alarm_before))
        if contact.follow_up is not None and contact.next_action:
            calendar.add_component(_follow_up(contact, now))
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")


def _interview(contact: Contact, now: datetime, minutes: int, alarm_before: timedelta) -> Event:
    assert contact.interview_at is not None
    event = Event()
    event.add("uid", interview_uid(contact))
    event.add("dtstamp", now)
    event.add("dtstart", contact.interview_at)
    event.add("dtend", contact.interview_at + timedelta(minutes=minutes))
    event.add("summary", interview_summary(contact))
    event.add("description", _description(contact))
    if contact.meeting_place:
        event.add("location", contact.meeting_place)
    if contact.updated is not None:
        event.add("last-modified", contact.updated)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -alarm_before)
    alarm.add("description", interview_summary(contact))
    event.add_component(alarm)
    return event


def _description(contact: Contact) -> str:
    """What to glance at before the call: the hook, the connection, the questions."""
    parts: list[str] = []
    if contact.title:
        parts.append(contact.title)
    if contact.hook:
        parts.append(f"Hook: {contact.hook}")
    if contact.background:
        parts.append(f"Background: {contact.background}")
    if contact.questions:
        parts.append(
            "Questions:\n"
            + "\n".join(f"{n}. {q.text}" for n, q in enumerate(contact.questions, start=1))
        )
    return "\n\n".join(parts)


def _follow_up(contact: Contact, now: datetime) -> Todo:
    assert contact.follow_up is not None
    todo = Todo()
    todo.add("uid", follow_up_uid(contact))
    todo.add("dtstamp", now)
    todo.add("due", contact.follow_up)
    todo.add("summary", f"{contact.next_action}: {contact.name}")
    todo.add("status", "NEEDS-ACTION")
    if contact.company:
        todo.add("description", f"{contact.name}, {contact.company} ({contact.stage.label})")
    return todo
