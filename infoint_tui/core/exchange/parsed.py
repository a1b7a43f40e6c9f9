"""What every importer produces before anything is matched or written."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .people import Source

Progress = Callable[[int, int], None]
"""Called with (done, total) while a long step runs, for a progress bar."""

# The fields an importer may fill, all raw text (cleaned when a Person is built).
ROW_FIELDS = (
    "name",
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "phone",
    "linkedin_url",
    "connected_on",
    "notes",
)


class ImportFormatError(ValueError):
    """A file that cannot be imported, with the line where it goes wrong.

    Raised before anything is written: an import is applied whole or not at all.
    """

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ParsedRow:
    """One person as a file described them: the line (or card) they start on, raw values."""

    line: int
    values: Mapping[str, str]


@dataclass(frozen=True)
class ParsedFile:
    source: Source
    rows: tuple[ParsedRow, ...]
    encoding: str  # what the bytes were decoded as, e.g. "utf-8" or "cp1252"
