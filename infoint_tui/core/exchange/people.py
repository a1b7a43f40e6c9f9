"""The network: everyone the user knows or could reach, imported from files.

A Person is not a Contact. The network may hold LinkedIn's cap of 30,000 people
in its own file; the pipeline holds the few dozen being pursued. Promoting a
person (``promote.py``) creates a Contact and records its id on the person, so
the Network screen can show which stage they are in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import unquote

from ..dates import DateError, format_date, format_timestamp, parse_timestamp
from ..store.docfile import FileKind
from ..store.migrations import plain_migrations
from ..text import clean_line, clean_text, fold, plain

Source = Literal["linkedin", "csv", "vcard"]
SOURCES: tuple[Source, ...] = ("linkedin", "csv", "vcard")

# Caps match the Contact fields a person is promoted into (models.CONTACT_FIELDS).
NAME_LEN = 120
PART_LEN = 80
COMPANY_LEN = 120
PAST_COMPANIES = 10  # the most recent first
POSITION_LEN = 200
EMAIL_LEN = 254
PHONE_LEN = 40
URL_LEN = 300
NOTES_LEN = 20000


def quick_line(value: object, max_len: int) -> str:
    """clean_line, faster for what most cells are: empty, or printable text.

    ``str.isprintable`` rejects every control, escape and bidi character in one
    C call, so such a value only needs trimming; 30,000 rows have 200,000 cells.
    """
    if not value:
        return ""
    if type(value) is str and value.isprintable() and "  " not in value:
        return value.strip()[:max_len]
    return clean_line(value, max_len)


@dataclass(frozen=True, slots=True)  # slots: 30,000 of them in memory
class Person:
    """Someone in the network. Every text field is cleaned and capped."""

    id: int = 0
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    connected_on: date | None = None
    source: Source = "csv"
    notes: str = ""
    contact_id: int | None = None  # set once promoted to the pipeline
    # Where they worked before: a later import that changed their company says
    # so (a LinkedIn export has only the company of the day).
    past_companies: tuple[str, ...] = ()
    created: datetime | None = None
    updated: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """What the file holds: empty fields are left out (``from_dict`` reads them
        back as empty). Most people have no e-mail, phone or notes, so a
        30,000-person file is a quarter smaller and about half as long to encode."""
        return {
            key: value
            for key, value in self.full_dict().items()
            if (value is not None and value != "" and value != []) or key == "name"
        }

    def full_dict(self) -> dict[str, Any]:
        """Every field, empty ones included."""
        return {
            "name": self.name,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "company": self.company,
            "position": self.position,
            "email": self.email,
            "phone": self.phone,
            "linkedin_url": self.linkedin_url,
            "connected_on": format_date(self.connected_on) if self.connected_on else None,
            "source": self.source,
            "notes": self.notes,
            "contact_id": self.contact_id,
            "past_companies": list(self.past_companies),
            "created": _stamp(self.created) if self.created else None,
            "updated": _stamp(self.updated) if self.updated else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Person:
        """A person read from the file, cleaned again (files can be edited by hand).

        Lenient: a bad date or id becomes empty rather than refusing a 20 MB
        file over one hand-edited document.
        """
        first = quick_line(data.get("first_name") or "", PART_LEN)
        last = quick_line(data.get("last_name") or "", PART_LEN)
        name = quick_line(data.get("name") or "", NAME_LEN) or full_name(first, last) or "?"
        source = data.get("source")
        contact_id = data.get("contact_id")
        past = data.get("past_companies")
        return cls(
            id=id,
            name=name,
            first_name=first,
            last_name=last,
            company=quick_line(data.get("company") or "", COMPANY_LEN),
            position=quick_line(data.get("position") or "", POSITION_LEN),
            email=quick_line(data.get("email") or "", EMAIL_LEN),
            phone=quick_line(data.get("phone") or "", PHONE_LEN),
            linkedin_url=quick_line(data.get("linkedin_url") or "", URL_LEN),
            connected_on=_date_or_none(data.get("connected_on")),
            source=source if source in SOURCES else "csv",
            notes=clean_text(notes, NOTES_LEN) if (notes := data.get("notes")) else "",
            contact_id=(
                contact_id
                if isinstance(contact_id, int)
                and not isinstance(contact_id, bool)
                and contact_id > 0
                else None
            ),
            past_companies=(
                tuple(
                    quick_line(company, COMPANY_LEN)
                    for company in past[:PAST_COMPANIES]
                    if isinstance(company, str) and company.strip()
                )
                if isinstance(past, list)
                else ()
            ),
            created=_timestamp_or_none(data.get("created")),
            updated=_timestamp_or_none(data.get("updated")),
        )

    def public_dict(self) -> dict[str, Any]:
        """Every field and the id, for ``infoint network --json``."""
        return {"id": self.id, **self.full_dict()}


@lru_cache(maxsize=64)
def _stamp(moment: datetime) -> str:
    # An import stamps thousands of people with the same moment: format it once.
    return format_timestamp(moment)


NETWORK: FileKind[Person] = FileKind("network", 1, Person.from_dict, plain_migrations("network"))


def full_name(first: str, last: str) -> str:
    return (f"{first} {last}" if first and last else first or last)[:NAME_LEN]


def _date_or_none(value: object) -> date | None:
    return _parse_date(value) if isinstance(value, str) and value else None


def _timestamp_or_none(value: object) -> datetime | None:
    return _parse_stamp(value) if isinstance(value, str) and value else None


# People imported together share their stamps and often their dates: parse each once.
@lru_cache(maxsize=4096)
def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_stamp(value: str) -> datetime | None:
    try:
        return parse_timestamp(value)
    except DateError:
        return None


# -- identity ------------------------------------------------------------------
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


_PLAIN_PROFILE = re.compile(r"https?://(?:www\.)?linkedin\.com/([A-Za-z0-9_/-]+?)/?")


def linkedin_key(url: str) -> str:
    """One key for every way a profile address is written.

    ``https://www.LinkedIn.com/in/Jane-Doe/?trk=x``, ``http://linkedin.com/in/jane-doe``
    and ``de.linkedin.com/in/jane-doe`` all give ``linkedin.com/in/jane-doe``:
    scheme, ``www.`` (or a country subdomain), query, fragment, trailing slash,
    percent-encoding and case do not matter.
    """
    text = url.strip()
    if not text:
        return ""
    if plain := _PLAIN_PROFILE.fullmatch(text):
        # The usual shape, 30,000 times per import: one regex instead of the steps below.
        return "linkedin.com/" + plain.group(1).lower()
    text = _SCHEME.sub("", unquote(text).casefold())
    text = text.split("?", 1)[0].split("#", 1)[0]
    host, _, path = text.partition("/")
    host = host.removeprefix("www.")
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = path.rstrip("/")
    return f"{host}/{path}" if path else host


def is_plain_profile_url(url: str) -> bool:
    """``http(s)://[www.]linkedin.com/in/name``: valid as it stands, no further checks needed."""
    return _PLAIN_PROFILE.fullmatch(url) is not None


def is_linkedin_url(url: str) -> bool:
    key = linkedin_key(url)
    return key.startswith("linkedin.com/") and len(key) > len("linkedin.com/")


def email_key(email: str) -> str:
    return email.strip().casefold()


def identity_keys(person: Person) -> list[str]:
    """The keys that say two records are the same person.

    LinkedIn URL and e-mail. A record with neither (a vCard with only a phone)
    falls back to name + company, so importing the same file twice does not
    double everyone; such records only ever match each other.
    """
    keys: list[str] = []
    if person.linkedin_url:
        keys.append("u:" + linkedin_key(person.linkedin_url))
    if person.email:
        keys.append("e:" + email_key(person.email))
    if not keys:
        keys.append("n:" + fold(person.name) + "\x00" + company_key(person.company))
    return keys


# -- the Network screen --------------------------------------------------------
def company_key(company: str) -> str:
    """A company name folded for grouping: case and spacing do not matter."""
    return " ".join(fold(company).split())


# Legal forms and filler that say nothing about which company it is.
COMPANY_NOISE = frozenset(
    {
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "bv",
        "nv",
        "co",
        "corp",
        "corporation",
        "company",
        "group",
        "the",
        "and",
    }
)


def company_words(company: str) -> str:
    """What names the company: case, accents and legal forms ("Ltd") aside."""
    return " ".join(word for word in plain(company).split() if word not in COMPANY_NOISE)


def person_named(name: str, people: Iterable[Person]) -> Person | None:
    """The one network person called ``name`` (case, accents and spacing
    aside), for a Referrer field naming someone only in the network; None
    when nobody or several people have that name."""
    key = plain(name)
    if not key:
        return None
    surname = key.split()[-1]
    found: Person | None = None
    for person in people:
        folded = person.name.casefold()
        if folded.isascii() and surname not in folded:
            continue  # 30,000 names: most are ruled out without folding them fully
        if plain(person.name) == key:
            if found is not None:
                return None
            found = person
    return found


def filter_people(
    people: Iterable[Person], *, company: str | None = None, query: str | None = None
) -> list[Person]:
    """The people whose company contains ``company`` and whose name, company,
    position or e-mail contains ``query`` (both case-insensitive), by name."""
    company_part = fold(company.strip()) if company else ""
    words = fold(query).split() if query else []
    chosen: list[Person] = []
    for person in people:
        if company_part and company_part not in fold(person.company):
            continue
        if words:
            haystack = fold(f"{person.name} {person.company} {person.position} {person.email}")
            if not all(word in haystack for word in words):
                continue
        chosen.append(person)
    chosen.sort(key=lambda person: (fold(person.name), person.id))
    return chosen
