"""Target employers: the stored company, scored the LAMP way (Advocacy,
Motivation, Posting), and the rows of the Companies screen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .contacts.model import Contact, Stage
from .dates import format_timestamp, timestamp_or_none
from .fields import FieldSpec, clean_value, load_value
from .store.docfile import FileKind
from .store.migrations import plain_migrations
from .text import fold

COMPANY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", required=True, max_len=120),
    FieldSpec("industry", "Industry", max_len=80),
    FieldSpec("website", "Website", "url", max_len=300),
    FieldSpec("location", "Location", max_len=120),
    FieldSpec("notes", "Notes", "text", max_len=10000),
    FieldSpec("advocacy", "Advocacy (yes/no)", "choice", max_len=3, choices=("yes", "no")),
    FieldSpec("motivation", "Motivation (0-3)", "int", minimum=0, maximum=3),
    FieldSpec("posting", "Posting (1-3)", "int", minimum=1, maximum=3),
)


@dataclass(frozen=True, slots=True)
class Company:
    """A target employer, scored the LAMP way (Advocacy, Motivation, Posting)."""

    name: str
    id: int = 0
    industry: str = ""
    website: str = ""
    location: str = ""
    notes: str = ""
    advocacy: str = "no"
    motivation: int = 0
    posting: int = 1
    created: datetime | None = None
    updated: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {spec.name: getattr(self, spec.name) for spec in COMPANY_FIELDS}
        data["created"] = format_timestamp(self.created) if self.created else None
        data["updated"] = format_timestamp(self.updated) if self.updated else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Company:
        values = {spec.name: load_value(spec, data.get(spec.name)) for spec in COMPANY_FIELDS}
        return cls(
            **values,  # type: ignore[arg-type]
            id=id,
            created=timestamp_or_none(data.get("created")),
            updated=timestamp_or_none(data.get("updated")),
        )

    @classmethod
    def create(cls, values: Mapping[str, object], *, now: datetime) -> Company:
        cleaned: dict[str, object] = {}
        for spec in COMPANY_FIELDS:
            cleaned[spec.name] = clean_value(spec, values.get(spec.name))
        if cleaned["advocacy"] == "":
            cleaned["advocacy"] = "no"
        return cls(**cleaned, created=now, updated=now)  # type: ignore[arg-type]


COMPANIES: FileKind[Company] = FileKind(
    "companies", 1, Company.from_dict, plain_migrations("companies")
)

TOP_WORKED = 5  # the method works on the top five employers at a time


def company_key(name: str) -> str:
    return " ".join(fold(name).split())


@dataclass(frozen=True)
class CompanyRow:
    """One line of the companies screen: a record, or a name only contacts mention."""

    name: str
    company: Company | None
    stages: Mapping[Stage, int] = field(default_factory=dict)
    known: int = 0  # people in the network who work there (Advocacy)
    top: bool = False

    @property
    def contacts(self) -> int:
        return sum(self.stages.values())

    @property
    def advocacy(self) -> bool:
        """Advocacy: someone there would speak for you; a known person counts."""
        return (self.company is not None and self.company.advocacy == "yes") or self.known > 0

    @property
    def motivation(self) -> int:
        return self.company.motivation if self.company else 0

    @property
    def posting(self) -> int:
        return self.company.posting if self.company else 1


def lamp_order(row: CompanyRow) -> tuple[int, int, int, str]:
    """Motivation, then posting, then advocacy (all descending), then name."""
    return (-row.motivation, -row.posting, 0 if row.advocacy else 1, fold(row.name))


def company_rows(
    companies: Iterable[Company],
    contacts: Iterable[Contact],
    known: Mapping[str, int] | None = None,
) -> list[CompanyRow]:
    """Every company with a record or a contact, sorted the LAMP way, top five marked."""
    known = known or {}
    by_key: dict[str, tuple[str, Company | None]] = {}
    for company in companies:
        by_key[company_key(company.name)] = (company.name, company)
    stages: dict[str, dict[Stage, int]] = {}
    for contact in contacts:
        if not contact.company.strip():
            continue
        key = company_key(contact.company)
        by_key.setdefault(key, (contact.company, None))
        counts = stages.setdefault(key, {})
        counts[contact.stage] = counts.get(contact.stage, 0) + 1
    rows = [
        CompanyRow(name, company, stages.get(key, {}), known.get(key, 0))
        for key, (name, company) in by_key.items()
    ]
    rows.sort(key=lamp_order)
    ranked = [row for row in rows if row.company is not None]
    top = {id(row) for row in ranked[:TOP_WORKED]}
    return [
        CompanyRow(row.name, row.company, row.stages, row.known, id(row) in top) for row in rows
    ]


def find(companies: Iterable[Company], name: str) -> Company | None:
    key = company_key(name)
    return next((company for company in companies if company_key(company.name) == key), None)
