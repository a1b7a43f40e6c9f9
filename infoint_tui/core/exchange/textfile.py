"""Bytes from another program into text and CSV records, with line numbers.

Files come from LinkedIn, Excel, Google and phones: UTF-8 with or without a BOM,
Windows-1252 from older Excel, UTF-16 from Excel's "Unicode text", CRLF line
ends. Anything that is not text is refused with the line where it goes wrong.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .parsed import ImportFormatError

# C0 controls that never appear in a text export (tab, LF, CR and ESC can:
# ESC starts the colour codes a hostile name may carry, removed when cleaned).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(raw: bytes) -> Decoded:
    """The file's text: UTF-8 (BOM optional), UTF-16 with a BOM, else Windows-1252.

    Raises ImportFormatError naming the line of the first byte that makes the
    file binary rather than text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as error:
            raise ImportFormatError(None, f"is not valid UTF-16 text ({error.reason})") from error
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise ImportFormatError(
            _line_of(raw, offset),
            "binary data (a NUL byte): this is not a text export",
        )
    try:
        return _checked(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(raw):
            # Cut off in the middle of a character: keep the rest readable so the
            # error that matters (an unclosed cell or card) names its line.
            return _checked(raw[: error.start].decode("utf-8-sig"), "utf-8")
    try:
        return _checked(raw.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            _line_of(raw, error.start),
            f"byte 0x{raw[error.start]:02x} is neither UTF-8 nor Windows-1252 text",
        ) from error


def _checked(text: str, encoding: str) -> Decoded:
    """Refuse text with many control characters: a binary file that happened to decode."""
    first = _BINARY_CONTROL.search(text)
    if first is None:
        return Decoded(text, encoding)
    # A few stray controls are a hostile or sloppy name (cleaned on import);
    # many are a binary file that happened to decode.
    if len(_BINARY_CONTROL.findall(text)) > max(16, len(text) // 50):
        line = text.count("\n", 0, first.start()) + 1
        raise ImportFormatError(line, "binary data (control bytes): this is not a text export")
    return Decoded(text, encoding)


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


# -- CSV -------------------------------------------------------------------------
_GUARDED = frozenset("=+-@\t\r'")


def unguard(cell: str) -> str:
    """Undo the quote our CSV export puts before a formula-looking cell ('+1 555 ...).

    Only before a formula character or another quote (which the export also
    guards), so a name that really starts with an apostrophe survives.
    """
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _GUARDED:
        return cell[1:]
    return cell


def records(text: str, delimiter: str, *, first_line: int = 1) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on; quoted cells may span lines.

    Strict: a quoted cell still open at the end of the file (a truncated export)
    raises ImportFormatError naming the line its row starts on.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = first_line
    try:
        for row in reader:
            yield start, row
            start = first_line + reader.line_num
    except csv.Error as error:
        raise ImportFormatError(start, _csv_problem(str(error))) from error


def _csv_problem(reason: str) -> str:
    if "unexpected end of data" in reason:
        return (
            "a quoted cell in the row starting here is never closed "
            "(the file looks truncated, or a quote is missing)"
        )
    if "field larger than field limit" in reason:
        return (
            "a cell in the row starting here runs on for over 100,000 characters "
            "(probably a quote that is never closed)"
        )
    if "expected after" in reason:
        return f"text follows a closing quote in the row starting here ({reason})"
    return f"not valid CSV ({reason})"


def head_records(text: str, delimiter: str, limit: int) -> list[tuple[int, list[str]]]:
    """The first ``limit`` lines' records, forgivingly (a probe for the header row)."""
    lines = text.split("\n", limit)[:limit]
    reader = csv.reader(io.StringIO("\n".join(lines), newline=""), delimiter=delimiter)
    found: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            found.append((start, row))
            start = 1 + reader.line_num
    except csv.Error:
        pass
    return found


def delimiter_candidates(text: str) -> list[str]:
    """Comma, semicolon and tab, the most frequent in the first lines first.

    Excel writes ``;`` where the decimal mark is a comma; a ``sep=;`` first line
    (Excel's own hint) is handled by the caller.
    """
    sample = text[:65536]
    counts = {delimiter: sample.count(delimiter) for delimiter in (",", ";", "\t")}
    return sorted(counts, key=lambda delimiter: -counts[delimiter])


_SEP_HINT = re.compile(r"^\ufeff?sep=(.)\r?$", re.IGNORECASE)


def split_sep_hint(text: str) -> tuple[str | None, str, int]:
    """Excel's ``sep=;`` first line: (delimiter or None, the rest of the text, lines dropped)."""
    first, newline, rest = text.partition("\n")
    match = _SEP_HINT.match(first)
    if match and newline:
        return match.group(1), rest, 1
    return None, text, 0
