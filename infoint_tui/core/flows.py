"""Flows that change more than one kind of document, each one function.

(Flows within contacts live in contacts/pipeline.py; the session runs these
through its saver, the command line directly.)
"""

from __future__ import annotations

from dataclasses import replace

from .contacts.adding import insert_on_top
from .contacts.model import Contact
from .documents import Store
from .exchange.people import Person
from .exchange.promotion import Promoted, find_promoted, promote
from .store.docfile import DocumentFile
from .store.errors import SaveFailed, StoreError


def promote_person(
    store: Store,
    network: DocumentFile[Person],
    person_id: int,
    *,
    link_to: int | None = None,
    referrer: str = "",
) -> Promoted:
    """Promote one person: add the contact (top of Target) and link the person to it.

    A person who already is a contact (linked, or the same profile or e-mail) is
    linked to that one instead; ``link_to`` names a contact the user said they
    are (a likely match: same name and company); ``referrer``: who introduces a
    new one ("promote as referred by"). Both files are written under
    one hold of the data lock. Raises NotFound for an unknown id.
    """
    with store.locked():
        store.contacts.refresh()
        network.refresh()
        person = network.require(person_id)
        now = store.clock()
        contacts = store.contacts.all()
        contact = contacts.get(link_to) if link_to is not None else None
        contact = contact or find_promoted(person, contacts.values())
        created = contact is None
        if contact is None:
            fresh = promote(person, (), now=now, referrer=referrer)
            assert fresh is not None
            contact = insert_on_top(store.contacts, fresh)
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
