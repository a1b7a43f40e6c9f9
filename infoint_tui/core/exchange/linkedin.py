"""LinkedIn's connections export (Connections.csv), as it really comes.

Settings -> Data privacy -> Get a copy of your data -> Connections gives a CSV
with a UTF-8 BOM, a few lines of "Notes:" before the header, and the columns
First Name, Last Name, URL, Email Address, Company, Position, Connected On.
Most e-mail cells are empty (people choose whether to share them). The header
is found by its column names, since the preamble's length has changed over time.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..text import clean_line
from .parsed import ImportFormatError, ParsedFile, ParsedRow, Progress
from .textfile import decode, records, unguard

LINKEDIN_COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}
HEADER_SEARCH_LINES = 50


def parse_linkedin(raw: bytes, *, progress: Progress | None = None) -> ParsedFile:
    """Every connection in the file, or ImportFormatError with the line that is wrong."""
    decoded = decode(raw)
    columns: dict[int, str] | None = None
    rows: list[ParsedRow] = []
    total_lines = decoded.text.count("\n") + 1
    first_cells: list[str] | None = None
    for line, cells in records(decoded.text, ","):
        if columns is None:
            if line > HEADER_SEARCH_LINES:
                break
            first_cells = first_cells or cells
            columns = _header(cells)
            continue
        values = {
            field: unguard(cells[index])
            for index, field in columns.items()
            if index < len(cells) and cells[index]
        }
        if values:
            rows.append(ParsedRow(line, values))
            if progress is not None and len(rows) % 2000 == 0:
                progress(line, total_lines)
    if columns is None:
        searched = min(HEADER_SEARCH_LINES, total_lines)
        found = clean_line(",".join(first_cells or []), 60)
        raise ImportFormatError(
            1,
            f"no header row in lines 1-{searched} (the first reads {found!r}): expected the "
            "columns First Name, Last Name, URL, Email Address, Company, Position, Connected On "
            "(is this LinkedIn's Connections.csv?)",
        )
    return ParsedFile("linkedin", tuple(rows), decoded.encoding)


def _header(cells: list[str]) -> dict[int, str] | None:
    """Column index -> field, when this row is the header (First and Last Name present)."""
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in cells]
    if "first name" not in names or "last name" not in names:
        return None
    columns: dict[int, str] = {}
    for index, name in enumerate(names):
        field = LINKEDIN_COLUMNS.get(name)
        if field is not None and field not in columns.values():
            columns[index] = field
    return columns


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.? (\d{1,2}),? (\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@lru_cache(maxsize=4096)  # 30,000 connections share a few thousand dates
def parse_connected_on(text: str) -> date | None:
    """LinkedIn's "15 Mar 2024" (also "15 March 2024", "Mar 15, 2024", "2024-03-15").

    English month names only, whatever the machine's locale: LinkedIn writes
    them in English. None when the text is not such a date.
    """
    key = " ".join(text.strip().casefold().split())
    if match := _DAY_MONTH_YEAR.match(key):
        day, month_name, year = match.groups()
    elif match := _MONTH_DAY_YEAR.match(key):
        month_name, day, year = match.groups()
    elif match := _ISO.match(key):
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    else:
        return None
    month = _MONTHS.get(month_name)
    return _date(int(year), month, int(day)) if month else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
