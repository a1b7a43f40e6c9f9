"""Who referred whom, among the contacts.

A contact's referrer is the name typed in its Referrer field (completed from
the people the user knows). It links to the contact of that name when exactly
one other contact has it (case, accents and spacing aside): the contact screen
then shows "referred by Maya Chen" with a key to open her, and hers shows
"introduced you to". A name with no contact (or several) stays plain text,
and deleting the referrer leaves the name. Renaming a contact renames it in
the Referrer field of everyone they referred, so the link survives the edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from ..text import plain
from .model import Contact


class Referrers:
    """The contacts by name, for finding many referrers at once (Today asks for
    every met contact's): one pass over the contacts, then a lookup each."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._by_name: dict[str, Contact | None] = {}
        for contact in contacts:
            key = plain(contact.name)
            # A name two contacts share links to neither.
            self._by_name[key] = None if key in self._by_name else contact

    def of(self, contact: Contact) -> Contact | None:
        """The contact who referred ``contact``, when the name says exactly who."""
        found = self._by_name.get(plain(contact.referrer)) if contact.referrer else None
        return found if found is not None and found.id != contact.id else None


def referrer_of(contact: Contact, contacts: Iterable[Contact]) -> Contact | None:
    """The contact who referred ``contact``, when the name says exactly who."""
    return Referrers(contacts).of(contact)


def introduced(contact: Contact, contacts: Iterable[Contact]) -> list[Contact]:
    """The contacts ``contact`` referred (their Referrer names them), by name."""
    contacts = list(contacts)
    referrers = Referrers(contacts)
    return sorted(
        (other for other in contacts if referrers.of(other) == contact),
        key=lambda other: plain(other.name),
    )


def renamed_referrals(
    before: Contact, after: Contact, contacts: Iterable[Contact], *, now: datetime
) -> list[tuple[Contact, Contact]]:
    """When a contact is renamed: (before, after) for everyone whose Referrer
    named them, now naming them by their new name."""
    if plain(before.name) == plain(after.name):
        return []
    return [
        (other, replace(other, referrer=after.name, updated=now))
        for other in introduced(before, contacts)
    ]


def referred_by(contact: Contact, name: str, *, now: datetime) -> Contact:
    """``contact`` as referred by ``name``: a referral, whoever it came from before."""
    return replace(contact, referrer=name, source="referral", updated=now)


def referrer_names(*groups: Iterable[str]) -> list[str]:
    """The names a Referrer field completes from (contacts, then the network),
    each once whatever its case or accents."""
    seen: set[str] = set()
    names: list[str] = []
    for group in groups:
        for name in group:
            key = plain(name)
            if key and key not in seen:
                seen.add(key)
                names.append(name)
    return names
