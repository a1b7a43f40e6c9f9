"""One entry point for the import screen: which kind of file, and parse it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath

from .csv_import import parse_csv
from .linkedin import parse_linkedin
from .parsed import ParsedFile, Progress
from .people import Source
from .vcard import parse_vcards


def guess_source(name: str, raw: bytes) -> Source:
    """vCard by extension or content, LinkedIn by its header, otherwise any CSV.

    A guess for the screen to preselect; the user can still choose another kind.
    """
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if PurePath(name).suffix.lower() in (".vcf", ".vcard") or head.startswith(b"BEGIN:VCARD"):
        return "vcard"
    folded = raw[:8192].decode("utf-8", "replace").casefold()
    if "first name,last name,url" in folded.replace(" ,", ",").replace(", ", ","):
        return "linkedin"
    return "csv"


def parse_file(
    source: Source,
    raw: bytes,
    *,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Parse ``raw`` as ``source``; ``mapping`` overrides the CSV column guess.

    Raises ImportFormatError (with the line) for a file that cannot be imported.
    """
    if source == "linkedin":
        return parse_linkedin(raw, progress=progress)
    if source == "vcard":
        return parse_vcards(raw, progress=progress)
    return parse_csv(raw, mapping, progress=progress)
