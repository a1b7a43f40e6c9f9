"""What a letter does to its contact: which template fits now, and what sending it changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ..contacts.followups import Action, FollowUpRules, parse_action
from ..contacts.model import Contact, Event, Stage
from ..contacts.pipeline import mark_done, moved


def suggested_template(contact: Contact) -> str:
    """The bundled template the contact's next step calls for."""
    action = parse_action(contact.action)
    if action is not None and action.template:
        return action.template
    return {
        Stage.TARGET: "referral-request" if contact.source == "referral" else "cold-request",
        Stage.REQUESTED: "follow-up",
        Stage.FOLLOW_UP: "follow-up",
        Stage.MET: "thank-you",
        Stage.NURTURE: "article",
    }.get(contact.stage, "cold-request")


def after_sending(
    contact: Contact,
    *,
    template: str,
    kind: str,
    subject: str,
    now: datetime,
    rules: FollowUpRules,
    rank: float,
    promised: date | None = None,
) -> Contact:
    """The contact once the letter is sent: on the timeline, in the right stage, next date set.

    A request moves a target to "Request sent" and a follow-up moves it on to
    "Follow-up", each with the follow-up date the letter promised (or the
    rule's); a thank-you moves a met contact to Nurture; an article restarts
    the keep-in-touch clock. Other letters only go on the timeline.
    """
    sent = replace(
        contact,
        events=(*contact.events, Event("letter", now, f"Sent “{subject}” ({template})")),
        updated=now,
    )
    stage = contact.stage
    action = parse_action(contact.action)
    if kind == "request":
        if stage is Stage.TARGET:
            return moved(sent, Stage.REQUESTED, now=now, rank=rank, rules=rules, promised=promised)
        if stage is Stage.REQUESTED:
            return moved(sent, Stage.FOLLOW_UP, now=now, rank=rank, rules=rules, promised=promised)
        if stage is Stage.FOLLOW_UP and action is Action.LAST_FOLLOW_UP:
            return mark_done(sent, now, rules)
        return sent
    if kind == "thanks" and stage is Stage.MET:
        return moved(sent, Stage.NURTURE, now=now, rank=rank, rules=rules)
    if kind == "article" and action in (Action.ARTICLE, Action.KEEP_IN_TOUCH):
        return mark_done(sent, now, rules)
    return sent
