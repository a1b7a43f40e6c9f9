"""Any CSV of people (Google, Outlook, Excel, a CRM): a header -> field mapping guessed
from common column names, shown to the user before anything is written.

Excel-style files are expected: a BOM, ``;`` as delimiter (or an Excel ``sep=;``
first line), Windows-1252 when not UTF-8, quoted cells spanning lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..text import clean_line
from .parsed import ROW_FIELDS, ImportFormatError, ParsedFile, ParsedRow, Progress
from .textfile import (
    decode,
    delimiter_candidates,
    head_records,
    records,
    split_sep_hint,
    unguard,
)

HEADER_SEARCH_LINES = 50
NAME_FIELDS = ("name", "first_name", "last_name")
SKIP = "skip"  # a mapping override that leaves a column out

# Header spellings, compared with case, spaces and punctuation removed, in order
# of preference: "Job Title" beats Outlook's "Title" (which means Mr/Ms there).
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "fullname",
        "name",
        "displayname",
        "contactname",
        "contact",
        "person",
        "fn",
        "nomcomplet",
        "vollständigername",
        "nombrecompleto",
    ),
    "first_name": (
        "firstname",
        "first",
        "givenname",
        "given",
        "forename",
        "vorname",
        "prénom",
        "prenom",
        "nombre",
    ),
    "last_name": (
        "lastname",
        "last",
        "surname",
        "familyname",
        "family",
        "nachname",
        "nom",
        "apellido",
        "apellidos",
    ),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "organizationname",
        "organization1name",
        "employer",
        "org",
        "currentcompany",
        "business",
        "firma",
        "unternehmen",
        "société",
        "societe",
        "entreprise",
        "empresa",
    ),
    "position": (
        "jobtitle",
        "position",
        "title",
        "role",
        "organizationtitle",
        "organization1title",
        "occupation",
        "headline",
        "job",
        "funktion",
        "fonction",
        "poste",
        "cargo",
        "puesto",
    ),
    "email": (
        "email",
        "emailaddress",
        "email1value",
        "email1",
        "mail",
        "primaryemail",
        "workemail",
        "businessemail",
        "personalemail",
        "emailaddresses",
        "emailadresse",
        "adresseemail",
        "correo",
        "correoelectrónico",
    ),
    "phone": (
        "phone",
        "mobilephone",
        "mobile",
        "cellphone",
        "cell",
        "phonenumber",
        "phone1value",
        "telephone",
        "tel",
        "businessphone",
        "workphone",
        "primaryphone",
        "homephone",
        "telefon",
        "mobiltelefon",
        "téléphone",
        "telefono",
        "teléfono",
    ),
    "linkedin_url": (
        "linkedin",
        "linkedinurl",
        "linkedinprofile",
        "linkedinprofileurl",
        "profileurl",
        "url",
    ),
    "connected_on": ("connectedon", "connected", "dateconnected", "connectiondate"),
    "notes": ("notes", "note", "comments", "comment", "description", "notizen", "remarques"),
}
# When no alias matches exactly: a header containing one of these words.
_CONTAINS: tuple[tuple[str, str], ...] = (
    ("linkedin", "linkedin_url"),
    ("mail", "email"),
    ("mobile", "phone"),
    ("phone", "phone"),
    ("jobtitle", "position"),
    ("position", "position"),
    ("company", "company"),
    ("organi", "company"),
    ("employer", "company"),
)


def normalise_header(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index -> field, each field taken by at most one column (the likeliest)."""
    keys = [normalise_header(header) for header in headers]
    mapping: dict[int, str] = {}
    for field, aliases in _ALIASES.items():
        for alias in aliases:
            index = next((i for i, key in enumerate(keys) if key == alias), None)
            if index is not None and index not in mapping:
                mapping[index] = field
                break
    taken = set(mapping.values())
    for index, key in enumerate(keys):
        if index in mapping or not key:
            continue
        found = next((f for word, f in _CONTAINS if word in key and f not in taken), None)
        if found is not None:
            mapping[index] = found
            taken.add(found)
    return dict(sorted(mapping.items()))


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV will be read: shown to the user before the import is applied."""

    delimiter: str
    encoding: str
    header_line: int
    headers: tuple[str, ...]
    mapping: Mapping[int, str]  # column index -> Person field

    @property
    def unmapped(self) -> tuple[str, ...]:
        return tuple(h for i, h in enumerate(self.headers) if i not in self.mapping and h)

    def describe(self) -> list[str]:
        """One line per column, e.g. ``"Full Name" -> name`` or ``"Stage" (not imported)``."""
        lines = []
        for index, header in enumerate(self.headers):
            field = self.mapping.get(index)
            shown = f'"{header}"'
            lines.append(f"{shown} -> {field}" if field else f"{shown} (not imported)")
        return lines


def inspect_csv(raw: bytes, mapping: Mapping[str, str] | None = None) -> CsvLayout:
    """Find the header row and guess the mapping; ``mapping`` overrides the guess.

    ``mapping`` is header text -> field (or "skip"), headers matched case-insensitively.
    Raises ImportFormatError when no header row names a person.
    """
    overrides = _check_overrides(mapping or {})
    decoded = decode(raw)
    hint, text, dropped = split_sep_hint(decoded.text)
    best: tuple[int, str, int, list[str], dict[int, str]] | None = None
    candidates = [hint] if hint is not None else delimiter_candidates(text)
    for delimiter in candidates:
        for line, cells in head_records(text, delimiter, HEADER_SEARCH_LINES):
            columns = _columns(cells, overrides)
            if any(field in NAME_FIELDS for field in columns.values()):
                if best is None or len(columns) > best[0]:
                    best = (len(columns), delimiter, line, cells, columns)
                break
    if best is None:
        searched = min(HEADER_SEARCH_LINES, text.count("\n") + 1)
        found = clean_line(text.split("\n", 1)[0], 60)
        raise ImportFormatError(
            1 + dropped,
            f"no header row in lines 1-{searched + dropped} names a person (the first reads "
            f"{found!r}): expected a column such as Name, Full Name, First Name or Last Name",
        )
    _, delimiter, line, cells, columns = best
    # Headers are shown to the user: cleaned like any text from a file.
    headers = tuple(clean_line(cell, 80) for cell in cells)
    lowered = {cell.strip().casefold() for cell in cells}
    missing = [header for header in overrides if header not in lowered]
    if missing:
        raise ImportFormatError(
            line + dropped,
            f"the header has no column {clean_line(missing[0], 80)!r} "
            f"(columns: {', '.join(headers)})",
        )
    return CsvLayout(delimiter, decoded.encoding, line + dropped, headers, columns)


def _check_overrides(mapping: Mapping[str, str]) -> dict[str, str]:
    checked: dict[str, str] = {}
    for header, field in mapping.items():
        if field not in ROW_FIELDS and field != SKIP:
            raise ImportFormatError(
                None, f"{field!r} is not a field (one of: {', '.join(ROW_FIELDS)}, {SKIP})"
            )
        checked[header.strip().casefold()] = field
    return checked


def _columns(cells: list[str], overrides: Mapping[str, str]) -> dict[int, str]:
    mapping = guess_mapping([cell.lstrip("\ufeff") for cell in cells])
    if not overrides:
        return mapping
    chosen = {
        index: overrides[key]
        for index, cell in enumerate(cells)
        if (key := cell.strip().lstrip("\ufeff").casefold()) in overrides
    }
    taken = set(chosen.values())
    for index, field in mapping.items():
        if index not in chosen and field not in taken:
            chosen[index] = field
    return {index: field for index, field in sorted(chosen.items()) if field != SKIP}


def parse_csv(
    raw: bytes,
    mapping: Mapping[str, str] | None = None,
    *,
    progress: Progress | None = None,
) -> ParsedFile:
    """Every person in the file under the layout ``inspect_csv`` shows."""
    layout = inspect_csv(raw, mapping)
    decoded = decode(raw)
    _, text, dropped = split_sep_hint(decoded.text)
    rows: list[ParsedRow] = []
    total_lines = text.count("\n") + 1
    for line, cells in records(text, layout.delimiter, first_line=1 + dropped):
        if line <= layout.header_line:
            continue
        values = {
            field: unguard(cells[index])
            for index, field in layout.mapping.items()
            if index < len(cells) and cells[index].strip()
        }
        if values:
            rows.append(ParsedRow(line, values))
            if progress is not None and len(rows) % 2000 == 0:
                progress(line - dropped, total_lines)
    return ParsedFile("csv", tuple(rows), decoded.encoding)
