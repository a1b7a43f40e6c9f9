"""Match imported people against the network, then write the result in one batch.

``plan_import`` computes everything (added, updated, skipped with reasons)
without writing; the user sees the counts; ``apply_plan`` writes the plan in
one locked batch, so an import lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from operator import attrgetter

from ..contacts.model import Contact
from ..fields import FieldSpec, ValidationError, clean_value
from ..store.docfile import DocumentFile
from ..store.errors import StoreError
from ..text import clean_text
from .identity import ContactIndex
from .linkedin import parse_connected_on
from .parsed import ParsedFile, Progress
from .people import (
    COMPANY_LEN,
    EMAIL_LEN,
    NAME_LEN,
    NOTES_LEN,
    PART_LEN,
    PAST_COMPANIES,
    PHONE_LEN,
    POSITION_LEN,
    URL_LEN,
    Person,
    Source,
    company_words,
    email_key,
    full_name,
    identity_keys,
    is_linkedin_url,
    is_plain_profile_url,
    quick_line,
)

# The same rules as a Contact's fields, so a promoted person always passes them.
_EMAIL = FieldSpec("email", "E-mail", "email", max_len=EMAIL_LEN)
_PHONE = FieldSpec("phone", "Phone", "phone", max_len=PHONE_LEN)
_URL = FieldSpec("linkedin_url", "LinkedIn URL", "url", max_len=URL_LEN)


@dataclass(frozen=True)
class LineNote:
    """A line of the file and what happened to it (skipped, or a value left out)."""

    line: int
    reason: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, computed without writing anything."""

    source: Source
    added: tuple[Person, ...] = ()
    updated: tuple[tuple[Person, Person], ...] = ()  # (as stored, as it would become)
    skipped: tuple[LineNote, ...] = ()
    warnings: tuple[LineNote, ...] = ()  # imported, but a value was left out
    unchanged: int = 0  # already in the network exactly as in the file
    # The network file and its generation the plan was computed from, when it was
    # computed from a DocumentFile: applying then skips re-checking 30,000 people.
    basis: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "skipped": len(self.skipped),
            "unchanged": self.unchanged,
        }

    def summary(self) -> str:
        """``added N, updated M, skipped K`` (and how many were already up to date)."""
        text = f"added {len(self.added)}, updated {len(self.updated)}, skipped {len(self.skipped)}"
        return f"{text}, unchanged {self.unchanged}" if self.unchanged else text

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.updated)


@dataclass
class _Slot:
    line: int
    person: Person
    old: Person | None


def plan_import(
    parsed: ParsedFile,
    existing: DocumentFile[Person] | Iterable[Person],
    *,
    now: datetime,
    progress: Progress | None = None,
    contacts: Iterable[Contact] = (),
) -> ImportPlan:
    """Match every row against ``existing`` (by LinkedIn URL, then e-mail).

    A person who is certainly a pipeline contact among ``contacts`` (the same
    profile or e-mail) is linked to them, so the network shows their stage and
    promoting them opens that contact instead of copying it.

    A row matching someone already present updates them; a row matching an
    earlier row of the same file is skipped as its duplicate (its non-empty
    values fill the earlier row's blanks); a row without a name is skipped.
    Pass the network's DocumentFile itself (rather than its people) so that
    ``apply_plan`` can tell cheaply whether it changed in between.
    """
    basis = (id(existing), existing.generation) if isinstance(existing, DocumentFile) else None
    index = person_index(existing)
    slots: list[_Slot] = []
    by_key: dict[str, int] = {}
    claimed: dict[int, int] = {}  # existing person id -> slot
    skipped: list[LineNote] = []
    warnings: list[LineNote] = []
    total = len(parsed.rows)
    for number, row in enumerate(parsed.rows, start=1):
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        person, problems = person_from_values(row.values, parsed.source, now)
        if person is None:
            skipped.append(LineNote(row.line, "no name"))
            continue
        keys = identity_keys(person)
        earlier: int | None = None
        old: Person | None = None
        for key in keys:
            if earlier is None:
                earlier = by_key.get(key)
            if old is None:
                old = index.get(key)
        if earlier is None and old is not None:
            earlier = claimed.get(old.id)
        if earlier is not None:
            slot = slots[earlier]
            slot.person = fill_blanks(slot.person, person)
            for key in identity_keys(slot.person):
                by_key.setdefault(key, earlier)
            skipped.append(LineNote(row.line, f"duplicate of line {slot.line}"))
            continue
        warnings.extend(LineNote(row.line, problem) for problem in problems)
        slot_number = len(slots)
        slots.append(_Slot(row.line, person, old))
        for key in keys:
            by_key[key] = slot_number
        if old is not None:
            claimed[old.id] = slot_number
    added: list[Person] = []
    updated: list[tuple[Person, Person]] = []
    unchanged = 0
    pipeline = ContactIndex(contacts)
    for slot in slots:
        if slot.old is None:
            added.append(_linked(slot.person, pipeline))
            continue
        merged = _linked(merge_into(slot.old, slot.person, now), pipeline)
        if merged is slot.old:
            unchanged += 1
        else:
            updated.append((slot.old, merged))
    if progress is not None:
        progress(total, total)
    return ImportPlan(
        parsed.source,
        tuple(added),
        tuple(updated),
        tuple(skipped),
        tuple(warnings),
        unchanged,
        basis,
    )


def _linked(person: Person, pipeline: ContactIndex) -> Person:
    if person.contact_id is not None:
        return person
    contact_id = pipeline.contact_id(person)
    return person if contact_id is None else replace(person, contact_id=contact_id)


def person_index(people: Iterable[Person]) -> dict[str, Person]:
    """Identity key -> person; the first person holding a key keeps it."""
    index: dict[str, Person] = {}
    for person in people:
        for key in identity_keys(person):
            index.setdefault(key, person)
    return index


def person_from_values(
    values: Mapping[str, str], source: Source, now: datetime
) -> tuple[Person | None, list[str]]:
    """A new Person from a row's raw values, and what had to be left out (or None: no name)."""
    problems: list[str] = []
    first = quick_line(values.get("first_name"), PART_LEN)
    last = quick_line(values.get("last_name"), PART_LEN)
    name = quick_line(values.get("name"), NAME_LEN) or full_name(first, last)
    if not name:
        return None, problems
    email = _checked(_EMAIL, values.get("email", ""), problems)
    phone = _checked(_PHONE, values.get("phone", ""), problems)
    url = quick_line(values.get("linkedin_url"), URL_LEN)
    if url and not is_plain_profile_url(url):  # the usual shape needs no checks
        if "://" not in url:
            url = "https://" + url
        if is_linkedin_url(url):
            url = _checked(_URL, url, problems)
        else:
            problems.append(f"{url!r} is not a LinkedIn profile address; left out")
            url = ""
    connected_text = quick_line(values.get("connected_on"), 40)
    connected = parse_connected_on(connected_text) if connected_text else None
    if connected_text and connected is None:
        problems.append(f"{connected_text!r} is not a date like 15 Mar 2024; left out")
    person = Person(
        name=name,
        first_name=first,
        last_name=last,
        company=quick_line(values.get("company"), COMPANY_LEN),
        position=quick_line(values.get("position"), POSITION_LEN),
        email=email,
        phone=phone,
        linkedin_url=url,
        connected_on=connected,
        source=source,
        notes=clean_text(notes, NOTES_LEN) if (notes := values.get("notes")) else "",
        created=now,
        updated=now,
    )
    return person, problems


def _checked(spec: FieldSpec, raw: str, problems: list[str]) -> str:
    if not raw:
        return ""  # most LinkedIn rows have no e-mail: skip the rules
    try:
        value = clean_value(spec, raw)
    except ValidationError as error:
        problems.append(f"{error.message}; left out")
        return ""
    return value if isinstance(value, str) else ""


# Fields an import may change; id, source, contact_id and created stay as stored.
_IMPORTED = tuple(
    f.name
    for f in fields(Person)
    if f.name not in ("id", "source", "contact_id", "created", "updated", "notes", "past_companies")
)


def fill_blanks(first: Person, later: Person) -> Person:
    """``first`` with its empty fields taken from ``later`` (a duplicate row)."""
    changes = {
        name: getattr(later, name)
        for name in (*_IMPORTED, "notes")
        if not getattr(first, name) and getattr(later, name)
    }
    return replace(first, **changes) if changes else first


_imported_values = attrgetter(*_IMPORTED)


def merge_into(old: Person, new: Person, now: datetime) -> Person:
    """The stored person updated from the file: the file's non-empty values win,
    empty ones never erase; notes already written are kept. Returns ``old``
    itself when nothing changes."""
    new_values, old_values = _imported_values(new), _imported_values(old)
    if new_values == old_values and (old.notes or not new.notes):
        return old  # re-importing the same export: the common case, decided in C
    changes = {
        name: value
        for name, value, stored in zip(_IMPORTED, new_values, old_values, strict=True)
        if value and value != stored
    }
    if "linkedin_url" in changes and old.linkedin_url:
        # Same profile written differently, or a conflicting one: keep the stored address.
        del changes["linkedin_url"]
    if "email" in changes and email_key(old.email) == email_key(new.email):
        del changes["email"]  # e-mail addresses are case-insensitive in practice
    if new.notes and not old.notes:
        changes["notes"] = new.notes
    now_at = company_words(new.company)
    if "company" in changes and old.company and company_words(old.company) != now_at:
        # They moved on: who used to work where is worth knowing (who to ask there).
        past = (old.company, *old.past_companies)
        changes["past_companies"] = tuple(
            company for company in past if company_words(company) != now_at
        )[:PAST_COMPANIES]
    return replace(old, **changes, updated=now) if changes else old


class StalePlanError(StoreError):
    """The network changed between planning and applying; plan again."""


@dataclass(frozen=True)
class ImportResult:
    added: tuple[Person, ...]  # as stored, with their new ids
    updated: tuple[Person, ...]


def apply_plan(plan: ImportPlan, network: DocumentFile[Person]) -> ImportResult:
    """Write the plan in one locked batch (one file write), or nothing at all.

    Raises StalePlanError, writing nothing, when another process changed a
    person the plan updates or added someone the plan would add again.
    """
    if not plan.changes_anything:
        return ImportResult((), ())
    with network.batch():  # re-reads the file first if another process changed it
        if plan.basis != (id(network), network.generation):
            _check_still_valid(plan, network)
        added = network.insert_many(plan.added)
        updated = network.put_many(new for _, new in plan.updated)
    return ImportResult(tuple(added), tuple(updated))


def _check_still_valid(plan: ImportPlan, network: DocumentFile[Person]) -> None:
    current = network.all()
    stale = [old for old, _ in plan.updated if current.get(old.id) != old]
    index = person_index(current.values())
    clash = [p for p in plan.added if any(key in index for key in identity_keys(p))]
    if stale or clash:
        raise StalePlanError(
            "the network changed while the import was being prepared "
            f"({len(stale) + len(clash)} people differ); nothing was written, "
            "run the import again"
        )
