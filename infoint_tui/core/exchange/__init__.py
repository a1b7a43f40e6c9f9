"""Import and export: the network (LinkedIn, CSV, vCard) and the pipeline's contacts
(CSV, JSON, vCard, Markdown dossiers, iCalendar).

Importing is two steps: parse the file and ``plan_import`` against the network
(nothing written; the user sees the counts and reasons), then ``apply_plan``
writes it in one batch. No textual import here: the UI runs these in workers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .csv_export import export_csv
    from .csv_import import CsvLayout, guess_mapping, inspect_csv, parse_csv
    from .exports import EXPORT_FORMATS, EXTENSIONS, ExportFormat, export_contacts, select_contacts
    from .ics_export import export_ics
    from .importing import guess_source, parse_file
    from .json_export import export_json
    from .linkedin import parse_connected_on, parse_linkedin
    from .markdown_export import LetterLike, contact_dossier, export_markdown
    from .merge import (
        ImportPlan,
        ImportResult,
        LineNote,
        StalePlanError,
        apply_plan,
        plan_import,
    )
    from .parsed import ImportFormatError, ParsedFile, ParsedRow, Progress
    from .people import (
        NETWORK,
        Person,
        Source,
        company_key,
        email_key,
        filter_people,
        linkedin_key,
    )
    from .promotion import Promoted, find_promoted, promote
    from .vcard import parse_vcards
    from .vcard_export import export_vcard

# Loaded on first use: the store needs only the Person model, and opening the
# board must not wait for the CSV, vCard and iCalendar (icalendar) machinery.
_WHERE = {
    "CsvLayout": "csv_import",
    "EXPORT_FORMATS": "exports",
    "EXTENSIONS": "exports",
    "ExportFormat": "exports",
    "ImportFormatError": "parsed",
    "ImportPlan": "merge",
    "ImportResult": "merge",
    "LetterLike": "markdown_export",
    "LineNote": "merge",
    "NETWORK": "people",
    "ParsedFile": "parsed",
    "ParsedRow": "parsed",
    "Person": "people",
    "Progress": "parsed",
    "Promoted": "promotion",
    "Source": "people",
    "StalePlanError": "merge",
    "apply_plan": "merge",
    "company_key": "people",
    "contact_dossier": "markdown_export",
    "email_key": "people",
    "export_contacts": "exports",
    "export_csv": "csv_export",
    "export_ics": "ics_export",
    "export_json": "json_export",
    "export_markdown": "markdown_export",
    "export_vcard": "vcard_export",
    "filter_people": "people",
    "find_promoted": "promotion",
    "guess_mapping": "csv_import",
    "guess_source": "importing",
    "inspect_csv": "csv_import",
    "linkedin_key": "people",
    "parse_connected_on": "linkedin",
    "parse_csv": "csv_import",
    "parse_file": "importing",
    "parse_linkedin": "linkedin",
    "parse_vcards": "vcard",
    "plan_import": "merge",
    "promote": "promotion",
    "select_contacts": "exports",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "NETWORK",
    "CsvLayout",
    "ExportFormat",
    "ImportFormatError",
    "ImportPlan",
    "ImportResult",
    "LetterLike",
    "LineNote",
    "ParsedFile",
    "ParsedRow",
    "Person",
    "Progress",
    "Promoted",
    "Source",
    "StalePlanError",
    "apply_plan",
    "company_key",
    "contact_dossier",
    "email_key",
    "export_contacts",
    "export_csv",
    "export_ics",
    "export_json",
    "export_markdown",
    "export_vcard",
    "filter_people",
    "find_promoted",
    "guess_mapping",
    "guess_source",
    "inspect_csv",
    "linkedin_key",
    "parse_connected_on",
    "parse_csv",
    "parse_file",
    "parse_linkedin",
    "parse_vcards",
    "plan_import",
    "promote",
    "select_contacts",
]
