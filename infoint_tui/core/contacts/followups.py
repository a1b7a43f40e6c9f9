"""Date rules: what each stage asks of the user next, and when, in business days.

A contact carries one next step at a time (``action``, ``next_action``,
``follow_up``). Entering a stage sets it; marking it done sets the one that
follows (a follow-up sent, then one more; questions prepared, then the
interview; the thank-you, then asking to connect on LinkedIn, then an article,
then a nudge every few weeks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from ..dates import WEEKENDS_ONLY, BusinessDays
from ..text import clean_text
from .model import Contact, Event, Stage


@dataclass(frozen=True)
class FollowUpRules:
    """The numbers behind every rule; the settings file can change each one."""

    requested_business_days: int = 3
    follow_up_business_days: int = 7
    thank_you_days: int = 1
    linkedin_days: int = 2  # after the thank-you: ask to connect on LinkedIn
    article_days: int = 21
    keep_in_touch_weeks: int = 6
    calendar: BusinessDays = WEEKENDS_ONLY  # which days are business days ([holidays])


class Action(StrEnum):
    FOLLOW_UP = "follow-up"  # no reply to the request yet
    LAST_FOLLOW_UP = "last-follow-up"  # no reply to the follow-up either
    PREPARE = "prepare"  # the day before the interview
    INTERVIEW = "interview"  # the interview's day
    THANK_YOU = "thank-you"  # by the day after the interview
    LINKEDIN = "linkedin"  # a couple of days after thanking: ask to connect
    ARTICLE = "article"  # a few weeks after thanking
    KEEP_IN_TOUCH = "keep-in-touch"  # every few weeks after that
    REPLY = "reply"  # they answered: reply and agree a time
    CUSTOM = "custom"  # typed by the user

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def template(self) -> str | None:
        """The letter template that does this step, if a letter does it."""
        return _TEMPLATES.get(self)

    @property
    def awaits_reply(self) -> bool:
        return self in (Action.FOLLOW_UP, Action.LAST_FOLLOW_UP)


_LABELS = {
    Action.FOLLOW_UP: "Follow up on request",
    Action.LAST_FOLLOW_UP: "Follow up once more",
    Action.PREPARE: "Prepare questions",
    Action.INTERVIEW: "Interview",
    Action.THANK_YOU: "Send thank-you note",
    Action.LINKEDIN: "Ask to connect on LinkedIn",
    Action.ARTICLE: "Share an article",
    Action.KEEP_IN_TOUCH: "Keep in touch",
    Action.REPLY: "Reply and agree a time",
    Action.CUSTOM: "Follow up",
}
_TEMPLATES = {
    Action.FOLLOW_UP: "follow-up",
    Action.LAST_FOLLOW_UP: "follow-up",
    Action.THANK_YOU: "thank-you",
    Action.LINKEDIN: "linkedin-note",
    Action.ARTICLE: "article",
    Action.KEEP_IN_TOUCH: "article",
}


def parse_action(text: str) -> Action | None:
    try:
        return Action(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class NextStep:
    action: Action | None
    due: date | None

    @property
    def label(self) -> str:
        return self.action.label if self.action else ""


NOTHING = NextStep(None, None)


def local_day(moment: datetime) -> date:
    """The user's calendar day at ``moment`` (their machine's time zone)."""
    return moment.astimezone().date()


def schedule_for_stage(
    stage: Stage,
    now: datetime,
    rules: FollowUpRules,
    *,
    interview_at: datetime | None = None,
    promised: date | None = None,
) -> NextStep:
    """The next step on entering ``stage``.

    ``promised``: the follow-up date a letter promised, which wins over the rule.
    """
    today = local_day(now)
    if stage is Stage.REQUESTED:
        due = promised or rules.calendar.add(today, rules.requested_business_days)
        return NextStep(Action.FOLLOW_UP, due)
    if stage is Stage.FOLLOW_UP:
        due = promised or rules.calendar.add(today, rules.follow_up_business_days)
        return NextStep(Action.LAST_FOLLOW_UP, due)
    if stage is Stage.SCHEDULED:
        return prepare_step(today, interview_at, rules.calendar)
    if stage is Stage.MET:
        return NextStep(Action.THANK_YOU, today + timedelta(days=rules.thank_you_days))
    if stage is Stage.NURTURE:
        return NextStep(Action.LINKEDIN, today + timedelta(days=rules.linkedin_days))
    return NOTHING


def prepare_step(
    today: date, interview_at: datetime | None, calendar: BusinessDays = WEEKENDS_ONLY
) -> NextStep:
    """Prepare the day before the interview (today when that has passed)."""
    if interview_at is None:
        return NextStep(Action.PREPARE, calendar.on_or_after(today))
    interview_day = local_day(interview_at)
    if interview_day <= today:
        return NextStep(Action.INTERVIEW, interview_day)
    return NextStep(Action.PREPARE, max(today, interview_day - timedelta(days=1)))


def with_step(contact: Contact, step: NextStep, now: datetime) -> Contact:
    return replace(
        contact,
        action=step.action.value if step.action else "",
        next_action=step.label,
        follow_up=step.due,
        updated=now,
    )


def step_after_done(contact: Contact, today: date, rules: FollowUpRules) -> tuple[Stage, NextStep]:
    """What marking the contact's current step done leads to: (stage, next step).

    A follow-up sent moves a request into the Follow-up stage; a thank-you sent
    moves a met contact into Nurture; the rest only schedule the next step.
    """
    action = parse_action(contact.action)
    stage = contact.stage
    if action is Action.FOLLOW_UP:
        return Stage.FOLLOW_UP, NextStep(
            Action.LAST_FOLLOW_UP, rules.calendar.add(today, rules.follow_up_business_days)
        )
    if action is Action.PREPARE:
        if contact.interview_at is not None:
            return stage, NextStep(Action.INTERVIEW, local_day(contact.interview_at))
        return stage, NOTHING
    if action is Action.INTERVIEW:
        # Held (without the timer): met, and the thank-you is owed.
        return Stage.MET, NextStep(Action.THANK_YOU, today + timedelta(days=rules.thank_you_days))
    if action is Action.THANK_YOU:
        return Stage.NURTURE, NextStep(Action.LINKEDIN, today + timedelta(days=rules.linkedin_days))
    if action is Action.LINKEDIN:
        return stage, NextStep(Action.ARTICLE, today + timedelta(days=rules.article_days))
    if action in (Action.ARTICLE, Action.KEEP_IN_TOUCH):
        return stage, keep_in_touch_step(today, rules)
    return stage, NOTHING


HELD_ON_TODAY = "Interview held (marked done on Today)"


def held(contact: Contact, at: datetime, text: str, *, now: datetime) -> Contact:
    """The contact once its interview was held: a past meeting, no longer a booked one.

    The one rule for every way an interview is held (ended on the interview
    clock, marked done on Today, a card moved from Scheduled to Met):
    ``interview_at`` is cleared, so no calendar export, agenda or contact field
    shows it as still to come, and one "interview" event at ``at`` says on the
    timeline that it happened. The stage and next step are the caller's.
    """
    event = Event("interview", at, clean_text(text, 4000))
    return replace(
        contact,
        interview_at=None,
        meeting_place="",
        events=(*contact.events, event),
        updated=now,
    )


def held_at(contact: Contact, now: datetime) -> datetime:
    """When an interview said to be held took place: at the booked time if that
    has come, else now (it happened early, or no time was booked)."""
    booked = contact.interview_at
    return booked if booked is not None and booked <= now else now


def keep_in_touch_step(today: date, rules: FollowUpRules) -> NextStep:
    return NextStep(Action.KEEP_IN_TOUCH, today + timedelta(weeks=rules.keep_in_touch_weeks))


def snooze(contact: Contact, until: date, now: datetime) -> Contact:
    """Put the current step off until ``until`` (recorded on the timeline)."""
    label = contact.next_action or "Follow-up"
    event = Event("follow-up", now, f"Snoozed: {label} until {until.isoformat()}")
    return replace(contact, follow_up=until, events=(*contact.events, event), updated=now)


INTERACTIONS = ("reply", "call", "meeting", "email", "note")


def log_interaction(
    contact: Contact, kind: str, text: str, now: datetime, rules: FollowUpRules
) -> Contact:
    """An interaction on the timeline; it restarts the keep-in-touch clock.

    A reply also ends the contact's own wait for a reply: the next step becomes
    replying and agreeing a time, due today.
    """
    event = Event(kind if kind in INTERACTIONS else "note", now, clean_text(text, 4000))
    logged = replace(contact, events=(*contact.events, event), updated=now)
    action = parse_action(contact.action)
    today = local_day(now)
    if kind == "reply" and (action is None or action.awaits_reply):
        return with_step(logged, NextStep(Action.REPLY, today), now)
    if action is Action.KEEP_IN_TOUCH or (
        contact.stage is Stage.NURTURE and action in (None, Action.ARTICLE)
    ):
        if action is Action.ARTICLE and kind == "note":
            return logged  # a note to self is not contact; the article is still owed
        return with_step(logged, keep_in_touch_step(today, rules), now)
    return logged


def waiting_at_company(contacts: Iterable[Contact], replied: Contact) -> list[Contact]:
    """The others at ``replied``'s company still waiting for a reply (a follow-up
    promised on a date): a reply from one of them is news for these."""
    company = replied.company.casefold().strip()
    if not company:
        return []
    return [
        contact
        for contact in contacts
        if contact.id != replied.id
        and contact.company.casefold().strip() == company
        and (action := parse_action(contact.action)) is not None
        and action.awaits_reply
    ]


def after_reply_at_company(
    contact: Contact, replied: Contact, *, keep: bool, now: datetime
) -> Contact:
    """What was decided for ``contact`` when someone else at their company
    replied: the promised follow-up kept (the default) or dropped, said on the
    timeline either way."""
    promised = f"on {contact.follow_up:%a %-d %b}" if contact.follow_up else "without a date"
    who = f"{replied.name} at {replied.company} replied"
    if keep:
        note = Event("follow-up", now, f"Kept the follow-up promised {promised} ({who})")
        return replace(contact, events=(*contact.events, note), updated=now)
    note = Event(
        "follow-up", now, f"Stopped waiting for a reply, follow-up {promised} dropped ({who})"
    )
    return replace(
        contact,
        action="",
        next_action="",
        follow_up=None,
        events=(*contact.events, note),
        updated=now,
    )


def due_reason(contact: Contact, calendar: BusinessDays) -> str:
    """Why the next step's date is later than weekends alone would make it
    ("after Christmas Day"), counting from when the step was last set (the
    latest thing that happened with the contact); "" when nothing moved it."""
    last = last_interaction(contact)
    if contact.follow_up is None or last is None:
        return ""
    return calendar.why_moved(local_day(last), contact.follow_up)


def last_interaction(contact: Contact) -> datetime | None:
    moments = [event.at for event in contact.events] + [c.at for c in contact.stage_history]
    return max(moments, default=contact.created)
