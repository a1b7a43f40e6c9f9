"""What is due: the Today screen and ``infoint today`` share this."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from .followups import (
    Action,
    FollowUpRules,
    due_reason,
    last_interaction,
    local_day,
    parse_action,
)
from .meetings import is_past
from .model import Contact, Stage
from .referrals import Referrers
from .when import describe, short

SECTIONS: dict[str, str] = {
    "held": "Did the meeting happen?",
    "interviews": "Interviews today",
    "overdue": "Overdue",
    "today": "Due today",
    "thank-you": "Thank-you notes owed",
    "referrers": "Tell your referrer",
    "quiet": "Going quiet",
}


@dataclass(frozen=True)
class AgendaItem:
    contact_id: int
    name: str
    company: str
    section: str
    label: str
    due: date | None
    action: Action | None
    detail: str = ""
    about: int | None = None  # the contact the step is about, when not this one

    @property
    def template(self) -> str | None:
        return self.action.template if self.action else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "company": self.company,
            "section": self.section,
            "label": self.label,
            "due": self.due.isoformat() if self.due else None,
            "action": self.action.value if self.action else None,
            "template": self.template,
            "detail": self.detail,
            "about": self.about,
        }


def agenda(
    contacts: Iterable[Contact], today: date, rules: FollowUpRules, *, now: datetime | None = None
) -> dict[str, list[AgendaItem]]:
    """Every section, in display order; a contact's own step appears once, in its
    most urgent section ("Tell your referrer" is a step about someone else).

    ``now``: a booked meeting whose time is over asks whether it happened (without
    it, only meetings of days before today do).
    """
    found: dict[str, list[AgendaItem]] = {section: [] for section in SECTIONS}
    quiet_before = today - timedelta(weeks=rules.keep_in_touch_weeks)
    contacts = list(contacts)
    found["referrers"] = referrers_to_thank(contacts, today)
    for contact in contacts:
        if contact.stage is Stage.CLOSED:
            continue
        item = _item(contact, today, quiet_before, now)
        if item is not None and item.section in ("overdue", "today"):
            reason = due_reason(contact, rules.calendar)  # "after Boxing Day"
            if reason:
                item = replace(item, detail=f"{item.detail}, {reason}")
        if item is not None:
            found[item.section].append(item)
    for section, items in found.items():
        items.sort(key=lambda item: (item.due or today, item.name.casefold()))
        if section == "quiet":
            items.sort(key=lambda item: item.detail)
    return found


THANKED_FOR = "Told them about meeting "


REFERRER_WINDOW = timedelta(days=14)  # news is worth telling while it is news


def referrers_to_thank(contacts: list[Contact], today: date) -> list[AgendaItem]:
    """The method's courtesy: once someone a referrer introduced has been met,
    tell the referrer (and thank them). Due from the day of the meeting for two
    weeks, until the referrer's timeline says so (``THANKED_FOR``, which ``d``
    on Today logs)."""
    items: list[AgendaItem] = []
    referrers = Referrers(contacts)
    for contact in contacts:
        met = next((c.at for c in contact.stage_history if c.stage is Stage.MET), None)
        if met is None or contact.stage is Stage.CLOSED or not contact.referrer:
            continue
        if not today - REFERRER_WINDOW <= local_day(met) <= today:
            continue
        referrer = referrers.of(contact)
        if referrer is None or referrer.stage is Stage.CLOSED:
            continue
        said = f"{THANKED_FOR}{contact.name}"
        if any(event.text.startswith(said) for event in referrer.events):
            continue
        items.append(
            AgendaItem(
                referrer.id,
                referrer.name,
                referrer.company,
                "referrers",
                f"Tell them you met {contact.name}, and thank them",
                local_day(met),
                None,
                "d when done",
                about=contact.id,
            )
        )
    return items


def _item(
    contact: Contact, today: date, quiet_before: date, now: datetime | None
) -> AgendaItem | None:
    action = parse_action(contact.action)
    label = contact.next_action or (action.label if action else "Follow up")

    def make(section: str, detail: str = "") -> AgendaItem:
        return AgendaItem(
            contact.id,
            contact.name,
            contact.company,
            section,
            label,
            contact.follow_up,
            action,
            detail,
        )

    booked = contact.interview_at if contact.stage is Stage.SCHEDULED else None
    if booked is not None and (
        is_past(contact, now) if now is not None else local_day(booked) < today
    ):
        when = describe(booked, contact.meeting_place)
        return AgendaItem(
            contact.id,
            contact.name,
            contact.company,
            "held",
            f"Meeting {when}",
            local_day(booked),
            Action.INTERVIEW,
            "d: held, moved or missed?",
        )
    if booked is not None and local_day(booked) == today:
        at = booked.astimezone()
        place = f" · {contact.meeting_place}" if contact.meeting_place else ""
        return AgendaItem(
            contact.id,
            contact.name,
            contact.company,
            "interviews",
            f"Interview {at:%H:%M}{place}",
            today,
            Action.INTERVIEW,
        )
    if booked is not None and action is Action.PREPARE:
        place = f" · {contact.meeting_place}" if contact.meeting_place else ""
        label = f"{label} for {short(booked)}{place}"
    due = contact.follow_up
    if action is Action.THANK_YOU and due is not None and due <= today + timedelta(days=1):
        return make("thank-you", _lateness(due, today))
    if due is not None and due < today:
        return make("overdue", _lateness(due, today))
    if due is not None and due == today:
        return make("today", "today")
    if contact.stage in (Stage.MET, Stage.NURTURE) and (due is None or due > today):
        last = last_interaction(contact)
        if last is not None and local_day(last) < quiet_before:
            weeks = (today - local_day(last)).days // 7
            return make("quiet", f"last contact {weeks} weeks ago")
    return None


def _lateness(due: date, today: date) -> str:
    days = (today - due).days
    if days <= 0:
        return "today" if days == 0 else "tomorrow"
    return f"{days} day{'s' if days != 1 else ''} late"


def due_count(sections: dict[str, list[AgendaItem]]) -> int:
    """Items that want attention today (going quiet is a suggestion, not a deadline)."""
    return sum(len(items) for section, items in sections.items() if section != "quiet")


def as_text(sections: dict[str, list[AgendaItem]], today: date) -> str:
    """The agenda for a login script or a mail digest."""
    lines = [f"infoint · today, {today:%A %d %B %Y}"]
    if not any(sections.values()):
        lines.append("Nothing due. A good day to find a new target.")
    for section, items in sections.items():
        if not items:
            continue
        lines.append("")
        lines.append(f"{SECTIONS[section]} ({len(items)})")
        for item in items:
            company = f" ({item.company})" if item.company else ""
            detail = f" — {item.detail}" if item.detail else ""
            lines.append(f"  #{item.contact_id} {item.name}{company}: {item.label}{detail}")
    return "\n".join(lines)
