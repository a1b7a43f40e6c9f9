"""The palette's "recently changed" contacts: newest first, undated ones last."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from infoint_tui.core.contacts.board import recently_changed
from infoint_tui.core.contacts.model import Contact
from tests.conftest import START


def dated(contact_id: int, minutes: int, *, edited: int | None = None) -> Contact:
    made = Contact.create({"name": f"Dated {contact_id}"}, now=START + timedelta(minutes=minutes))
    if edited is not None:
        made = replace(made, updated=START + timedelta(minutes=edited))
    return replace(made, id=contact_id)


def undated(contact_id: int) -> Contact:
    return Contact(name=f"Undated {contact_id}", id=contact_id)


def test_newest_change_first_and_contacts_without_dates_last() -> None:
    contacts = [undated(1), dated(2, 5), undated(3), dated(4, 1, edited=30), dated(5, 10)]
    names = [contact.name for contact in recently_changed(contacts)]
    assert names == ["Dated 4", "Dated 5", "Dated 2", "Undated 3", "Undated 1"]


def test_only_the_creation_date_counts_when_never_edited() -> None:
    only_created = replace(dated(1, 20), updated=None)
    assert [c.id for c in recently_changed([dated(2, 10), only_created])] == [1, 2]


def test_at_most_count_contacts() -> None:
    contacts = [undated(99), *(dated(contact_id, contact_id) for contact_id in range(1, 16))]
    assert [c.id for c in recently_changed(contacts, 10)] == list(range(15, 5, -1))
    assert recently_changed([], 10) == []
