"""What a letter does to its contact: which template fits now, and what sending it changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..contacts.followups import Action, FollowUpRules, parse_action
from ..contacts.model import Contact, Event, Stage
from ..contacts.pipeline import mark_done, moved, rank_on_top
from .letter import Letter

if TYPE_CHECKING:  # the renderer brings Jinja2: not imported when the app starts
    from .render import MissingField


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
    board: Iterable[Contact],
    promised: date | None = None,
) -> Contact:
    """The contact once the letter is sent: on the timeline, in the right stage, next date set.

    A request moves a target to "Request sent" and a follow-up moves it on to
    "Follow-up", each with the follow-up date the letter promised (or the
    rule's); a thank-you moves a met contact to Nurture; the LinkedIn note
    sent does that step; an article restarts
    the keep-in-touch clock. Other letters only go on the timeline. A contact
    that changes stage goes on top of its new lane among ``board`` (everyone).
    """
    sent = replace(
        contact,
        events=(*contact.events, Event("letter", now, f"Sent “{subject}” ({template})")),
        updated=now,
    )
    stage = contact.stage
    action = parse_action(contact.action)

    def entering(new: Stage, promise: date | None = None) -> Contact:
        rank = rank_on_top(board, new)
        return moved(sent, new, now=now, rank=rank, rules=rules, promised=promise)

    if kind == "request":
        if stage is Stage.TARGET:
            return entering(Stage.REQUESTED, promised)
        if stage is Stage.REQUESTED:
            return entering(Stage.FOLLOW_UP, promised)
        if stage is Stage.FOLLOW_UP and action is Action.LAST_FOLLOW_UP:
            return mark_done(sent, now, rules, board=board)
        return sent
    if kind == "thanks" and stage is Stage.MET:
        return entering(Stage.NURTURE)
    if kind == "article" and action in (Action.ARTICLE, Action.KEEP_IN_TOUCH):
        return mark_done(sent, now, rules, board=board)
    if kind == "note" and action is Action.LINKEDIN:
        return mark_done(sent, now, rules, board=board)
    return sent


def letter_sent(
    letter: Letter,
    contact: Contact | None,
    *,
    kind: str,
    now: datetime,
    rules: FollowUpRules,
    board: Iterable[Contact],
) -> tuple[Letter, Contact | None]:
    """Marking ``letter`` sent: (the letter to store, its contact to store).

    The letter becomes sent now, keeping the follow-up day it promised; the
    contact (None when it is gone: then only the letter changes) moves on as
    ``after_sending`` says, by the letter's ``kind`` (the template's: request,
    thanks, article…), with that promised day. The one rule for the app's
    "mark sent" and ``infoint letter --mark-sent``; the caller writes both.
    """
    sent = letter.mark_sent(now=now)
    if contact is None:
        return sent, None
    after = after_sending(
        contact,
        template=sent.template,
        kind=kind,
        subject=sent.subject,
        now=now,
        rules=rules,
        board=board,
        promised=sent.promised_follow_up,
    )
    return sent, after


def latest_draft(letters: Iterable[Letter], contact_id: int) -> Letter | None:
    """The draft last saved for ``contact_id`` (the letter editor reopens it)."""
    drafts = [
        letter for letter in letters if letter.contact_id == contact_id and letter.status == "draft"
    ]
    return max(drafts, key=lambda letter: letter.id, default=None)


def still_missing(
    missing: Iterable[MissingField], subject: str, body: str
) -> tuple[MissingField, ...]:
    """The fields a letter still lacks: of those its template left empty
    (``missing``), the ones whose placeholder is still in its text (a draft
    edited by hand may have filled some in)."""
    text = f"{subject}\n{body}"
    return tuple(field for field in missing if field.placeholder in text)
