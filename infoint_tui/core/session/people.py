"""The session's flows between people: who introduces the user to a contact,
telling a referrer how the meeting went, and filling contacts in from the
network; each one undoable change (``core/contacts/referrals.py`` says how a
name links to a person, ``core/exchange/promotion.py`` what an import offers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from ..contacts import agenda, referrals
from ..contacts.changes import ChangeSet, ContactChange
from ..contacts.model import Contact
from ..text import plain
from .meetings import Host as MeetingsHost

if TYPE_CHECKING:
    from ..exchange.promotion import DetailOffer


class Host(MeetingsHost, Protocol):
    def log_interaction(
        self, contact_id: int, kind: str, text: str, *, stop_waiting: bool = False
    ) -> str: ...


class People:
    def __init__(self, session: Host) -> None:
        self.session = session

    def set_referrer(self, contact_id: int, name: str) -> str:
        """``name`` (a contact, a network person, or only a name) is introducing
        the user to the contact: a referral from them. Returns what to tell."""
        session = self.session
        contact = session.contacts.get(contact_id)
        if contact is None:
            return "That contact is gone"
        name = name.strip()
        if not name or plain(name) == plain(contact.name):
            return f"{contact.name} cannot refer themselves"
        if plain(contact.referrer) == plain(name) and contact.source == "referral":
            return f"{name} already refers you to {contact.name}"
        if session.refuse_if_read_only():
            return session.read_only_message()

        def change(current: Contact) -> Contact:
            return referrals.referred_by(current, name, now=session.now())

        text = f"{name} refers you to {contact.name}"
        session.perform(
            ChangeSet(text, (ContactChange(contact, change(contact), change),)),
            select=contact_id,
        )
        return text

    def told(self, referrer_id: int, met_id: int) -> str:
        """Done on Today's "tell your referrer": said on the referrer's timeline."""
        met = self.session.contacts.get(met_id)
        if met is None:
            return "That contact is gone"
        said = f"{agenda.THANKED_FOR}{met.name}"
        return self.session.log_interaction(referrer_id, "note", said)

    def fill_in(self, offers: Sequence[DetailOffer]) -> str:
        """Add what an import knew of linked contacts to the fields they leave
        empty (never over what the user typed): one change, one undo."""
        from ..exchange.promotion import filled_in  # the importer's, loaded with it

        session = self.session
        if session.refuse_if_read_only():
            return session.read_only_message()
        now = session.now()
        changes: list[ContactChange] = []
        for offer in offers:
            contact = session.contacts.get(offer.contact_id)
            if contact is None:
                continue

            def again(fresh: Contact, values: Mapping[str, str] = offer.values) -> Contact:
                return filled_in(fresh, values, now=now)

            after = again(contact)
            if after != contact:
                changes.append(ContactChange(contact, after, again))
        if not changes:
            return "Nothing to fill in: those fields are no longer empty"
        many = "contact" if len(changes) == 1 else "contacts"
        text = f"Filled in {len(changes)} {many} from the network"
        session.perform(ChangeSet(text, tuple(changes)))
        return text
