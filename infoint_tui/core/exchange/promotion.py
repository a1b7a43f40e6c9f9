"""From the network into the pipeline: a Person becomes a Target contact, once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..contacts.model import CONTACT_FIELDS, Contact, Stage
from ..fields import ValidationError
from .people import Person, email_key, linkedin_key

# A network person's field, and the contact field it becomes (promoted) or fills in.
DETAIL_FIELDS = (
    ("company", "company"),
    ("position", "title"),
    ("email", "email"),
    ("phone", "phone"),
    ("linkedin_url", "linkedin_url"),
)


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


def promote(
    person: Person, contacts: Iterable[Contact], *, now: datetime, referrer: str = ""
) -> Contact | None:
    """A new, unsaved Target contact for ``person``; None when they are already in
    the pipeline (``find_promoted`` gives that contact), so promoting twice never
    duplicates. ``referrer``: who is introducing them (the source is then a referral)."""
    if find_promoted(person, contacts) is not None:
        return None
    values: dict[str, object] = {
        "name": person.name,
        **{field: getattr(person, attribute) for attribute, field in DETAIL_FIELDS},
        "source": "referral" if referrer.strip() else "cold",
        "referrer": referrer,
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


@dataclass(frozen=True)
class DetailOffer:
    """What an import knows of a contact that the contact leaves empty."""

    contact_id: int
    name: str
    values: Mapping[str, str]  # contact field -> the file's value

    def describe(self) -> str:
        """``Lee Park: E-mail, Phone``."""
        labels = {spec.name: spec.label for spec in CONTACT_FIELDS}
        return f"{self.name}: " + ", ".join(labels[name] for name in self.values)


def new_details(person: Person, contact: Contact) -> dict[str, str]:
    """The fields ``person`` has and ``contact`` leaves empty: offered, never
    written over what the user typed."""
    return {
        field: str(getattr(person, attribute))
        for attribute, field in DETAIL_FIELDS
        if getattr(person, attribute) and not getattr(contact, field)
    }


def details_offered(people: Iterable[Person], contacts: Mapping[int, Contact]) -> list[DetailOffer]:
    """For each contact ``people`` are linked to, what they would add; by name."""
    offers: dict[int, dict[str, str]] = {}
    for person in people:
        contact = contacts.get(person.contact_id) if person.contact_id is not None else None
        if contact is None:
            continue
        found = new_details(person, contact)
        found.update(offers.get(contact.id, {}))  # two linked people: the first one's value
        if found:
            offers[contact.id] = found
    return sorted(
        (DetailOffer(cid, contacts[cid].name, values) for cid, values in offers.items()),
        key=lambda offer: (offer.name.casefold(), offer.contact_id),
    )


def filled_in(contact: Contact, values: Mapping[str, str], *, now: datetime) -> Contact:
    """``contact`` with the offered ``values`` in the fields that are still
    empty; a value the contact rules refuse is left out."""
    left = {name: value for name, value in values.items() if not getattr(contact, name)}
    while left:
        try:
            return contact.with_values(left, now=now)
        except ValidationError as error:
            if left.pop(error.field, None) is None:
                return contact
    return contact
