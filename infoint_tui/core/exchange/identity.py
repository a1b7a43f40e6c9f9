"""Whether two records are one person: a network person and a pipeline
contact, or two contacts.

Certain: the same LinkedIn profile or the same e-mail; such records are linked
without asking. Likely: the same name and the same company, tolerant of case,
accents, spacing, word order and company suffixes ("Northwind" and "Northwind
Analytics Ltd"); a likely match is only ever proposed (a warning, a choice),
never acted on, because two different "Alex Kim"s exist. Names are compared
with rapidfuzz rather than a hand-written similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..contacts.model import Contact, Stage
from ..text import plain
from .people import Person, company_key, company_words, email_key, linkedin_key

NAME_SCORE = 92  # rapidfuzz token_sort_ratio: "Lee Park" / "Park, Lee" / "Lée  Park"
COMPANY_SCORE = 90  # token_set_ratio: one name's words within the other's


def same_name(first: str, second: str) -> bool:
    a, b = plain(first), plain(second)
    return bool(a and b) and fuzz.token_sort_ratio(a, b) >= NAME_SCORE


def same_company(first: str, second: str) -> bool:
    a, b = company_words(first), company_words(second)
    return bool(a and b) and fuzz.token_set_ratio(a, b) >= COMPANY_SCORE


@dataclass(frozen=True)
class Candidate:
    """What is known of someone being added, promoted or imported."""

    name: str
    company: str = ""
    email: str = ""
    linkedin_url: str = ""

    @classmethod
    def of_person(cls, person: Person) -> Candidate:
        return cls(person.name, person.company, person.email, person.linkedin_url)

    @classmethod
    def of_contact(cls, contact: Contact) -> Candidate:
        return cls(contact.name, contact.company, contact.email, contact.linkedin_url)


@dataclass(frozen=True)
class Match:
    contact: Contact
    why: str  # "same LinkedIn profile", "same e-mail", "same name and company"
    certain: bool

    def describe(self) -> str:
        """``12 Lee Park, Acme (Target)``: how a warning names the contact."""
        contact = self.contact
        company = f", {contact.company}" if contact.company else ""
        return f"{contact.id} {contact.name}{company} ({contact.stage.label})"


def matches(
    candidate: Candidate,
    contacts: Iterable[Contact],
    *,
    besides: int | None = None,
    any_company: bool = False,
) -> list[Match]:
    """The contacts ``candidate`` already is (certain) or may be (likely), certain
    ones first; ``besides``: a contact id to leave out (the one being edited).
    ``any_company``: the same name is enough (for offering a merge, where the
    user chooses; adding and promoting also want the same company)."""
    url = linkedin_key(candidate.linkedin_url) if candidate.linkedin_url else ""
    email = email_key(candidate.email) if candidate.email else ""
    certain: list[Match] = []
    likely: list[Match] = []
    for contact in contacts:
        if contact.id == besides:
            continue
        if url and contact.linkedin_url and linkedin_key(contact.linkedin_url) == url:
            certain.append(Match(contact, "same LinkedIn profile", True))
        elif email and contact.email and email_key(contact.email) == email:
            certain.append(Match(contact, "same e-mail", True))
        elif same_name(candidate.name, contact.name):
            if same_company(candidate.company, contact.company):
                likely.append(Match(contact, "same name and company", False))
            elif any_company or not (candidate.company or contact.company):
                likely.append(Match(contact, "same name", False))
    certain.sort(key=lambda match: match.why != "same LinkedIn profile")  # the profile first
    return certain + likely


def duplicate_warning(found: list[Match]) -> str:
    """One line naming each contact this one may already be."""
    listed = "; ".join(f"{match.describe()}, {match.why}" for match in found)
    return f"already in the pipeline: {listed}"


class ContactIndex:
    """Contacts by LinkedIn profile and e-mail, for linking thousands of imported
    people at once (a 30,000-row import) without comparing every pair."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._ids: dict[str, int] = {}
        for contact in contacts:
            if contact.linkedin_url:
                self._ids.setdefault("u:" + linkedin_key(contact.linkedin_url), contact.id)
            if contact.email:
                self._ids.setdefault("e:" + email_key(contact.email), contact.id)

    def contact_id(self, person: Person) -> int | None:
        """The contact this person certainly is (same profile, else same e-mail)."""
        if person.linkedin_url:
            found = self._ids.get("u:" + linkedin_key(person.linkedin_url))
            if found is not None:
                return found
        if person.email:
            return self._ids.get("e:" + email_key(person.email))
        return None


@dataclass(frozen=True)
class Known:
    """Someone the user knows: a contact with the network people linked to them,
    or a network person not (yet) in the pipeline."""

    contact: Contact | None
    people: tuple[Person, ...] = ()
    former: bool = False  # a network person who used to work there, now elsewhere

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else self.people[0].name

    @property
    def company(self) -> str:
        return self.contact.company if self.contact else self.people[0].company


def _grouped(
    contacts: Iterable[Contact], people: Iterable[Person], wanted: Callable[[Person], bool]
) -> tuple[dict[int, Contact], dict[int, list[Person]], list[Person]]:
    """(contacts by id, the network people linked to each, the ``wanted`` people
    linked to no contact): a person and their contact are one, never two rows."""
    by_id = {contact.id: contact for contact in contacts}
    linked: dict[int, list[Person]] = {}
    loose: list[Person] = []
    for person in people:
        if person.contact_id is not None and person.contact_id in by_id:
            linked.setdefault(person.contact_id, []).append(person)
        elif wanted(person):
            loose.append(person)
    return by_id, linked, loose


def search(query: str, contacts: Iterable[Contact], people: Iterable[Person]) -> list[Known]:
    """Everyone whose name, company, title or e-mail holds every word of
    ``query`` (case and accents aside), each person once: a contact and the
    network people linked to it are one row. By name."""
    words = plain(query).split()

    def hit(*texts: str) -> bool:
        haystack = plain(" ".join(texts))
        return all(word in haystack for word in words)

    by_id, linked, loose = _grouped(
        contacts, people, lambda p: hit(p.name, p.company, p.position, p.email)
    )
    found = [
        Known(contact, tuple(linked.get(contact.id, ())))
        for contact in by_id.values()
        if hit(contact.name, contact.company, contact.title, contact.email)
        or any(
            hit(person.name, person.company, person.position, person.email)
            for person in linked.get(contact.id, ())
        )
    ]
    found.extend(Known(None, (person,)) for person in loose)
    return sorted(found, key=lambda known: (plain(known.name), known.company))


def known_at(
    company: str,
    contacts: Iterable[Contact],
    people: Iterable[Person],
    *,
    besides: int | None = None,
) -> list[Known]:
    """Everyone the user knows at ``company`` (suffixes and case aside), each
    person once: pipeline contacts first (by stage), then the network by name,
    then the network people who used to work there; ``besides``: a contact to
    leave out (the one being looked at)."""
    words = company_words(company).split()
    if not words:
        return []
    longest = max(words, key=len)

    def is_this(other: str) -> bool:
        # A substring test first: 30,000 fuzzy comparisons would take a frame
        # several times over, and a company sharing no word is not this one.
        folded = other.casefold()
        if folded.isascii() and longest not in folded:
            return False
        return same_company(other, company)

    def worked_there(person: Person) -> bool:
        return any(is_this(past) for past in person.past_companies)

    by_id, linked, loose = _grouped(
        contacts, people, lambda person: is_this(person.company) or worked_there(person)
    )
    here = [
        Known(contact, tuple(linked.get(contact.id, ())))
        for contact in by_id.values()
        if contact.id != besides and same_company(contact.company, company)
    ]
    here.sort(key=lambda known: (known.contact.stage.index if known.contact else 0, known.name))
    loose.sort(key=lambda person: plain(person.name))
    now_there = [person for person in loose if is_this(person.company)]
    before = [person for person in loose if not is_this(person.company)]
    return (
        here
        + [Known(None, (person,)) for person in now_there]
        + [Known(None, (person,), former=True) for person in before]
    )


# Contacts at these stages have answered: they know the user and could speak for them.
ANSWERED = frozenset({Stage.SCHEDULED, Stage.MET, Stage.NURTURE})


def known_counts(
    companies: Iterable[str], contacts: Iterable[Contact], people: Iterable[Person]
) -> dict[str, int]:
    """How many people the user knows at each of ``companies`` (keys:
    ``company_key(name)``), for LAMP's Advocacy: the network people there and
    the contacts who answered or are in the network, each person once, with
    the company matched as ``known_at`` matches it (suffixes and case aside)."""
    by_id, linked, loose = _grouped(contacts, people, lambda person: True)
    at: dict[str, int] = {}  # company as written -> people known there
    for person in loose:
        at[person.company] = at.get(person.company, 0) + 1
    for contact in by_id.values():
        if contact.stage in ANSWERED or contact.id in linked:
            at[contact.company] = at.get(contact.company, 0) + 1
    # Thousands of people share a few hundred companies: fold each name once.
    per_words: dict[str, int] = {}
    for written, count in at.items():
        words = company_words(written)
        if words:
            per_words[words] = per_words.get(words, 0) + count
    by_word: dict[str, list[str]] = {}
    for words in per_words:
        for word in set(words.split()):
            by_word.setdefault(word, []).append(words)
    counts: dict[str, int] = {}
    for name in companies:
        words = company_words(name)
        if not words:
            continue
        # A company sharing no word with this one is not this one (as in known_at).
        longest = max(words.split(), key=len)
        counts[company_key(name)] = sum(
            per_words[other]
            for other in by_word.get(longest, ())
            if other == words or fuzz.token_set_ratio(other, words) >= COMPANY_SCORE
        )
    return counts


def known_line(known: Known) -> str:
    """``Raj Patel (Analyst, network)`` or ``Lee Park (Scheduled)``."""
    if known.contact is not None:
        return f"{known.contact.name} ({known.contact.stage.label})"
    person = known.people[0]
    if known.former:
        now = ", ".join(part for part in (person.position, person.company) if part)
        return f"{person.name} (used to work there; now {now or 'elsewhere'})"
    role = f"{person.position}, " if person.position else ""
    return f"{person.name} ({role}network)"
