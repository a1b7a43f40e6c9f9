"""Target employers scored the LAMP way: Advocacy, Motivation, Posting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .models import Company, Contact, Stage
from .text import fold

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
