"""Two records of one person joined: the questions ``M`` on a contact asks.

Which contact to merge into this one (the likely duplicates first, or an id or
a name typed), then a yes; the merge itself is one call on the session
(``Session.merge_contacts``, undoable with ``u``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .core.contacts.merging import MergeRefused, find_other
from .core.contacts.model import Contact
from .shell import Shell

Say = Callable[[str], None]
SOMEONE_ELSE = "-"  # the choice that asks for an id or a name instead


def likely_duplicates(contact: Contact, contacts: Iterable[Contact]) -> list[tuple[Contact, str]]:
    """The other contacts that are likely the same person, with why: the same
    LinkedIn profile, then the same e-mail, then the same name (ignoring case,
    accents and spacing) at any company (``identity.matches``)."""
    # Here, not at the top: rapidfuzz would add 20 ms to every start.
    from .core.exchange.identity import Candidate, matches

    found = matches(Candidate.of_contact(contact), contacts, besides=contact.id, any_company=True)
    return [(match.contact, match.why) for match in found]


def described(contact: Contact) -> str:
    """``#12 Lee Park (Acme, Target)``: how the merge questions name a contact."""
    where = f"{contact.company}, " if contact.company else ""
    return f"#{contact.id} {contact.name} ({where}{contact.stage.label})"


class MergeFlows(Shell):
    def merge_contact(self, contact_id: int, say: Say | None = None) -> None:
        """Ask which contact to merge into this one, then whether to; merge."""
        from .modals.choice import ChoiceModal
        from .modals.prompt import PromptModal

        keep = self.session.contacts.get(contact_id)
        if keep is None:
            return
        tell = say or self.notify
        if self.session.read_only:
            tell(self.session.read_only_message())
            return

        def problem(text: str) -> str | None:
            try:
                find_other(text, self.session.contacts.values(), besides=contact_id)
            except MergeRefused as error:
                return str(error)
            return None

        def typed(text: str | None) -> None:
            if text:
                other = find_other(text, self.session.contacts.values(), besides=contact_id)
                self._confirm_merge(keep, other, tell)

        def ask_for_one() -> None:
            self.navigator.ask(
                PromptModal(
                    f"Merge which contact into {described(keep)}?",
                    placeholder="its id (12) or its name",
                    check=problem,
                ),
                typed,
            )

        def chosen(value: str | None) -> None:
            if value == SOMEONE_ELSE:
                ask_for_one()
            elif value is not None and value.isdigit():
                other = self.session.contacts.get(int(value))
                if other is not None:
                    self._confirm_merge(keep, other, tell)

        duplicates = likely_duplicates(keep, self.session.contacts.values())
        if not duplicates:
            ask_for_one()
            return
        choices = [(f"{described(other)} · {why}", str(other.id)) for other, why in duplicates]
        choices.append(("Someone else: type an id or a name…", SOMEONE_ELSE))
        self.navigator.ask(
            ChoiceModal(f"Merge which contact into {described(keep)}?", choices), chosen
        )

    def _confirm_merge(self, keep: Contact, other: Contact, tell: Say) -> None:
        from .modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                tell(self.session.merge_contacts(keep.id, other.id))

        question = f"Merge {described(other)} into {described(keep)}?"
        self.navigator.ask(ConfirmModal(question, self._what_moves(other.id)), answered)

    def _what_moves(self, other_id: int) -> str:
        """``Its 2 letters and 1 interview move here; u undoes.``"""
        session = self.session
        counts = [
            (len(session.letters.for_contact(other_id)), "letter", "letters"),
            (
                sum(1 for iv in session.interviews.all().values() if iv.contact_id == other_id),
                "interview",
                "interviews",
            ),
        ]
        if session.network.loaded:  # 30,000 people are not read just to count them
            people = sum(1 for p in session.network.all().values() if p.contact_id == other_id)
            counts.append((people, "network person", "network people"))
        parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        if not parts:
            return "Its timeline, questions and tags join this one's; u undoes."
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return f"Its {listed} move here; u undoes."
