"""Contacts as CSV for a spreadsheet, safe to open: no cell runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from ..contacts.model import Contact
from ..dates import format_local_datetime

# Header names the CSV import maps back (Name, Company, Job Title, Email, Phone,
# LinkedIn, Notes), so export -> import round-trips the people.
CSV_COLUMNS: tuple[tuple[str, Callable[[Contact], str]], ...] = (
    ("ID", lambda c: str(c.id)),
    ("Name", lambda c: c.name),
    ("Company", lambda c: c.company),
    ("Job Title", lambda c: c.title),
    ("Industry", lambda c: c.industry),
    ("Email", lambda c: c.email),
    ("Phone", lambda c: c.phone),
    ("LinkedIn", lambda c: c.linkedin_url),
    ("Stage", lambda c: c.stage.label),
    ("Source", lambda c: c.source),
    ("Referrer", lambda c: c.referrer),
    ("Tags", lambda c: ", ".join(c.tags)),
    ("Interview", lambda c: format_local_datetime(c.interview_at) if c.interview_at else ""),
    ("Follow-up", lambda c: c.follow_up.isoformat() if c.follow_up else ""),
    ("Next Action", lambda c: c.next_action),
    ("Hook", lambda c: c.hook),
    ("Background", lambda c: c.background),
    ("Notes", lambda c: c.notes),
)

# A leading quote is guarded too, so the import can tell our quote from the user's.
_GUARDED_START = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made plain text with a leading '.

    Excel, LibreOffice and Google Sheets treat a cell starting with = + - @ (or a
    tab or CR before one) as a formula: a name like ``=HYPERLINK(...)`` must not
    run. The CSV import removes the quote again.
    """
    return "'" + cell if cell.startswith(_GUARDED_START) else cell


def export_csv(contacts: Iterable[Contact], *, bom: bool = False) -> str:
    """One row per contact, RFC 4180 (CRLF, quoted when needed).

    ``bom``: start with a UTF-8 byte order mark, which Excel needs to read
    non-ASCII names correctly; leave it off for programs reading a pipe.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for header, _ in CSV_COLUMNS])
    for contact in contacts:
        writer.writerow([guard(value(contact)) for _, value in CSV_COLUMNS])
    return ("\ufeff" if bom else "") + out.getvalue()
