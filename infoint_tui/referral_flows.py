"""Who introduces you: the questions ``A`` (ask for a referral) and ``R`` (open
the referrer) ask on a contact.

``A`` lists the people you know at the contact's company (pipeline and
network); choosing a contact makes them the referrer, choosing a network
person promotes them to Target first (one person, once) and then makes them
the referrer. ``R`` opens the referrer: their contact, or, for someone only in
the network, offers to promote them. Every change is a call on the session
(``session.people``, ``session.network.promote``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .shell import Shell

if TYPE_CHECKING:
    from .core.exchange.identity import Known
    from .core.exchange.people import Person
    from .core.exchange.promotion import Promoted

Say = Callable[[str], None]


class ReferralFlows(Shell):
    def read_network(self, then: Callable[[], None] | None = None) -> None:
        """Read the network off the UI thread if it is not read yet; then every
        open screen that shows people reads them again, and ``then`` runs."""
        network = self.session.network
        if network.loaded:
            if then is not None:
                then()
            return

        def read() -> None:
            problem = network.ensure_loaded()
            if problem is not None:
                self.call_from_thread(self.notify, problem, severity="error")
                return
            self.call_from_thread(self.network_changed)
            if then is not None:
                self.call_from_thread(then)

        self.run_worker(read, thread=True, group="read-network")

    def ask_for_referral(self, contact_id: int, say: Say | None = None) -> None:
        """Choose who, among the people you know at their company, refers you."""
        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return
        tell = say or self.notify
        if not contact.company.strip():
            tell(f"{contact.name} has no company yet (e adds it): A asks who you know there")
            return
        if self.session.read_only:
            tell(self.session.read_only_message())
            return
        self.read_network(lambda: self._choose_referrer(contact_id, tell))

    def ask_who_you_know(
        self,
        company: str,
        title: str,
        then: Callable[[Known], None],
        say: Say,
        *,
        besides: int | None = None,
    ) -> None:
        """A choice of everyone you know at ``company`` (pipeline, then the
        network, then who used to work there); ``then`` gets the one chosen."""
        # Here, not at the top: rapidfuzz would add 20 ms to every start.
        from .core.exchange.identity import known_at, known_line
        from .modals.choice import ChoiceModal

        session = self.session
        people = session.network.all().values() if session.network.loaded else ()
        known = known_at(company, session.contacts.values(), people, besides=besides)
        if not known:
            anyone = "anyone else" if besides is not None else "anyone"
            say(f"You don't know {anyone} at {company} yet (N imports your network)")
            return
        by_key = {(f"c{k.contact.id}" if k.contact else f"p{k.people[0].id}"): k for k in known}

        def chosen(key: str | None) -> None:
            picked = by_key.get(key or "")
            if picked is not None:
                then(picked)

        choices = [(known_line(k), key) for key, k in by_key.items()]
        self.navigator.ask(ChoiceModal(title, choices), chosen)

    def _choose_referrer(self, contact_id: int, tell: Say) -> None:
        session = self.session
        contact = session.contacts.get(contact_id)
        if contact is None:
            return

        def chosen(picked: Known) -> None:
            if picked.contact is not None:
                tell(session.people.set_referrer(contact_id, picked.contact.name))
                return
            self._promote_then(
                picked.people[0],
                lambda done: tell(
                    f"{done.contact.name} is a contact now (Target); "
                    + session.people.set_referrer(contact_id, done.contact.name)
                ),
            )

        now = f" (now: {contact.referrer})" if contact.referrer else ""
        title = f"Who at {contact.company} could refer you to {contact.name}?{now}"
        self.ask_who_you_know(contact.company, title, chosen, tell, besides=contact_id)

    def open_referrer(self, contact_id: int, say: Say | None = None) -> None:
        """Open the contact who referred them; a referrer only in the network is
        offered for promotion first."""
        from .core.contacts.referrals import referrer_of

        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return
        tell = say or self.notify
        referrer = referrer_of(contact, self.session.contacts.values())
        if referrer is not None:
            self.open_contact(referrer.id)
        elif not contact.referrer:
            tell(f"No referrer for {contact.name} (A asks who you know at their company)")
        else:
            self.read_network(lambda: self._offer_promotion(contact.referrer, tell))

    def _offer_promotion(self, name: str, tell: Say) -> None:
        from .core.exchange.people import person_named
        from .modals.confirm import ConfirmModal

        person = person_named(name, self.session.network.all().values())
        if person is None:
            tell(f"{name} is not a contact (n on the board adds them)")
            return
        where = ", ".join(part for part in (person.position, person.company) if part)

        def answered(yes: bool | None) -> None:
            if yes:
                self._promote_then(person, lambda done: self.open_contact(done.contact.id))

        self.navigator.ask(
            ConfirmModal(
                f"{person.name} is in your network ({where or 'no company'}), not the pipeline.",
                "Add them as a contact (Target) and open them?",
            ),
            answered,
        )

    def _promote_then(self, person: Person, then: Callable[[Promoted], None]) -> None:
        """Promote (or find, when they already are a contact), then ``then``."""
        self.session.network.promote(person, then)
