"""Cleaning text that came from a user, a file or another program.

Everything stored passes through here on the way in, so nothing stored can
move the cursor, retitle the terminal or reverse the text direction when shown.
"""

from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ ... ST),
# then any other two-character escape. 8-bit C1 forms (0x9b CSI, 0x9d OSC) too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?            # CSI
    | \x9b[0-?]*[ -/]*[@-~]?            # 8-bit CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)   # OSC
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]?                  # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 and C1 controls, DEL, and Unicode bidi overrides/isolates, which can make
# a name read backwards; newline and tab are handled separately.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_controls(value: str, *, multiline: bool = False, keep_tabs: bool = False) -> str:
    """Remove escape sequences and control characters.

    With ``multiline`` newlines survive (CRLF and CR become LF) and tabs become
    spaces, or stay with ``keep_tabs``; without it every line break and tab
    becomes one space.
    """
    text = _ESCAPE_SEQUENCE.sub("", value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = re.sub(r"[\n\t]+", " ", text)
    elif not keep_tabs:
        text = text.replace("\t", "    ")
    return _CONTROL.sub("", text)


def show_controls(value: str) -> str:
    """``value`` with each control character written out (``\\x1b``, ``\\u202e``):
    seen, not obeyed, for showing a file as it is. Newlines (CRLF too) and tabs stay."""
    return _CONTROL.sub(_written_out, value.replace("\r\n", "\n"))


def _written_out(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# Anything that would make a value need cleaning; most stored values have none,
# and loading 10,000 contacts should not run three substitutions per field.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\t]")


def unsafe_line(value: str) -> bool:
    """True if a one-line value holds anything cleaning would change (controls, breaks)."""
    # isprintable (in C) is False for every character the pattern finds: most
    # values, being printable, skip the regular expression.
    return not value.isprintable() and bool(_UNSAFE.search(value))


def unsafe_text(value: str) -> bool:
    """True if a multi-line value holds controls (newlines are fine)."""
    return not value.isprintable() and bool(_UNSAFE_TEXT.search(value))


def clean_line(value: object, max_len: int) -> str:
    """A single-line field: controls removed, whitespace trimmed, length capped."""
    if (
        type(value) is str
        and len(value) <= max_len
        and not _UNSAFE.search(value)
        and "  " not in value
        and value.strip() == value
    ):
        return value
    text = strip_controls(str(value), multiline=False).strip()
    text = re.sub(r" {2,}", " ", text)
    return text[:max_len]


def clean_text(value: object, max_len: int) -> str:
    """A multi-line field (notes): controls removed, trailing space trimmed, capped."""
    if (
        type(value) is str
        and len(value) <= max_len
        and not _UNSAFE_TEXT.search(value)
        and " \n" not in value
        and value.rstrip() == value
        and not value.startswith("\n")
    ):
        return value
    text = strip_controls(str(value), multiline=True)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return text[:max_len]


def fold(value: str) -> str:
    """A case-insensitive key for filtering as you type (cheap: every key, every row)."""
    return value.casefold()


_PUNCTUATION = re.compile(r"[^\w\s]")


def plain(value: str) -> str:
    """Case, accents, punctuation and spacing folded away, for telling whether two
    names are the same: "Chloé  O'Brien" → "chloe o brien"."""
    letters = value.casefold()
    if not letters.isascii():  # most names are: no accents to take off
        decomposed = unicodedata.normalize("NFKD", letters)
        letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_PUNCTUATION.sub(" ", letters).split())
