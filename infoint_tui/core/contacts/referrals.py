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


def referrer_of(contact: Contact, contacts: Iterable[Contact]) -> Contact | None:
    """The contact who referred ``contact``, when the name says exactly who."""
    wanted = plain(contact.referrer)
    if not wanted:
        return None
    found = [other for other in contacts if other.id != contact.id and plain(other.name) == wanted]
    return found[0] if len(found) == 1 else None


def introduced(contact: Contact, contacts: Iterable[Contact]) -> list[Contact]:
    """The contacts ``contact`` referred (their Referrer names them), by name."""
    name = plain(contact.name)
    contacts = list(contacts)
    # One pass, not one referrer_of per contact: the contact screen asks this
    # on every change, with thousands of contacts.
    if not name or sum(1 for other in contacts if plain(other.name) == name) != 1:
        return []  # a name two contacts share links to neither
    return sorted(
        (other for other in contacts if other.id != contact.id and plain(other.referrer) == name),
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
