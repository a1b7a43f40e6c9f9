"""A new contact, built and stored one way for the app's form and for ``infoint add``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from ..store.docfile import DocumentFile
from .followups import FollowUpRules
from .model import Contact, Stage
from .pipeline import moved, rank_on_top


def new_contact(
    values: Mapping[str, object],
    stage: Stage,
    *,
    now: datetime,
    rules: FollowUpRules | None = None,
) -> Contact:
    """A contact from raw field values, entering ``stage`` as a move would: its
    stage history and the next step the stage's rule sets.

    A follow-up date among the values wins over the rule's date. Nothing is
    stored: the caller inserts it (at the top of its stage). Raises
    ValidationError for the first field that is wrong.
    """
    contact = Contact.create(values, now=now)
    if stage is Stage.TARGET:
        return contact
    typed_follow_up = contact.follow_up
    contact = moved(contact, stage, now=now, rank=0.0, rules=rules)
    if typed_follow_up is not None:
        contact = replace(contact, follow_up=typed_follow_up)
    return contact


def insert_on_top(contacts: DocumentFile[Contact], contact: Contact) -> Contact:
    """Store a new contact on top of its lane: one write, ranked against the file
    as it is under the lock (another process may have added a card there)."""
    with contacts.batch():
        rank = rank_on_top(contacts.all().values(), contact.stage)
        return contacts.insert(replace(contact, rank=rank))
