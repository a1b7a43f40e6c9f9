"""From the network into the pipeline: a Person becomes a Target contact, once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..docfile import DocumentFile
from ..errors import SaveFailed, StoreError
from ..fields import ValidationError
from ..models import Contact, Stage
from .people import Person, email_key, linkedin_key

if TYPE_CHECKING:
    # Not at run time: store.py imports exchange.people (the NETWORK kind), and
    # store -> exchange -> store would be a cycle.
    from ..store import Store


def find_promoted(person: Person, contacts: Iterable[Contact]) -> Contact | None:
    """The pipeline contact this person already is: by the id recorded when they
    were promoted, else the same LinkedIn profile, else the same e-mail."""
    contacts = list(contacts)
    if person.contact_id is not None:
        for contact in contacts:
            if contact.id == person.contact_id:
                return contact
    url = linkedin_key(person.linkedin_url) if person.linkedin_url else ""
    email = email_key(person.email) if person.email else ""
    for contact in contacts:
        if url and contact.linkedin_url and linkedin_key(contact.linkedin_url) == url:
            return contact
    for contact in contacts:
        if email and contact.email and email_key(contact.email) == email:
            return contact
    return None


def promote(person: Person, contacts: Iterable[Contact], *, now: datetime) -> Contact | None:
    """A new, unsaved Target contact for ``person``; None when they are already in
    the pipeline (``find_promoted`` gives that contact), so promoting twice never
    duplicates."""
    if find_promoted(person, contacts) is not None:
        return None
    values: dict[str, object] = {
        "name": person.name,
        "company": person.company,
        "title": person.position,
        "email": person.email,
        "phone": person.phone,
        "linkedin_url": person.linkedin_url,
        "source": "cold",
        "notes": person.notes,
    }
    # Imported values were checked on import, but the file may have been edited
    # by hand since: a value the contact rules refuse is left out, not fatal.
    for _ in range(len(values)):
        try:
            return Contact.create(values, now=now, stage=Stage.TARGET)
        except ValidationError as error:
            if error.field == "name":
                values["name"] = "?"
            else:
                values[error.field] = ""
    return Contact.create({"name": person.name or "?"}, now=now, stage=Stage.TARGET)


@dataclass(frozen=True)
class Promoted:
    contact: Contact  # as stored
    person: Person  # as stored, contact_id set
    created: bool  # False: they were already in the pipeline


def promote_person(store: Store, network: DocumentFile[Person], person_id: int) -> Promoted:
    """Promote one person: add the contact (top of Target) and link the person to it.

    Both files are written under one hold of the data lock. Raises NotFound for
    an unknown id.
    """
    from ..pipeline import top_rank  # pipeline imports store: see above

    with store.locked():
        store.contacts.refresh()
        network.refresh()
        person = network.require(person_id)
        now = store.clock()
        contacts = store.contacts.all()
        contact = find_promoted(person, contacts.values())
        created = contact is None
        if contact is None:
            fresh = promote(person, (), now=now)
            assert fresh is not None
            rank = top_rank(contacts.values(), Stage.TARGET)
            contact = store.contacts.insert(replace(fresh, rank=rank))
        if person.contact_id != contact.id:
            try:
                person = network.put(replace(person, contact_id=contact.id, updated=now))
            except StoreError as error:
                if created:
                    _take_back(store, contact, error)
                raise
    return Promoted(contact, person, created)


def _take_back(store: Store, contact: Contact, error: StoreError) -> None:
    """The person could not be linked to the contact just added (two files, two
    writes): remove the contact, so promoting again (the app's saver retries on
    its own) does not add the same person twice. Raises SaveFailed either way."""
    try:
        store.contacts.delete(contact.id)
    except StoreError as also:
        raise SaveFailed(
            f"{error} {contact.name} was added to the pipeline as contact {contact.id} but "
            f"not linked to the network ({also}); delete contact {contact.id} before "
            "promoting again."
        ) from error
    raise SaveFailed(f"{error} {contact.name} was not added to the pipeline.") from error
