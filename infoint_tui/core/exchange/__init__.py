"""Import and export: the network (LinkedIn, CSV, vCard) and the pipeline's contacts
(CSV, JSON, vCard, Markdown dossiers, iCalendar).

Importing is two steps: parse the file and ``plan_import`` against the network
(nothing written; the user sees the counts and reasons), then ``apply_plan``
writes it in one batch. No textual import here: the UI runs these in workers.
"""

from __future__ import annotations

from .csv_import import CsvLayout, guess_mapping, inspect_csv, parse_csv
from .export_csv import export_csv
from .export_ics import export_ics
from .export_json import export_json
from .export_markdown import LetterLike, contact_dossier, export_markdown
from .export_vcard import export_vcard
from .exports import EXPORT_FORMATS, EXTENSIONS, ExportFormat, export_contacts, select_contacts
from .importing import guess_source, parse_file
from .linkedin import parse_connected_on, parse_linkedin
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
    people_at,
    people_per_company,
)
from .promote import Promoted, find_promoted, promote, promote_person
from .vcard import parse_vcards

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
    "people_at",
    "people_per_company",
    "plan_import",
    "promote",
    "promote_person",
    "select_contacts",
]
