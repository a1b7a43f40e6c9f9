"""vCard import: one file holding many cards, versions 2.1, 3.0 and 4.0.

Hand-written rather than a dependency: the part of RFC 6350 / 2426 that matters
for a list of people (folding, parameters, escapes, quoted-printable from 2.1)
is small, and errors must name the line that is wrong.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .parsed import ImportFormatError, ParsedFile, ParsedRow, Progress
from .people import is_linkedin_url
from .textfile import decode


@dataclass
class Property:
    name: str  # upper case, group prefix removed ("item1.URL" -> "URL")
    params: dict[str, list[str]]  # upper-case keys; values as written
    value: str  # raw: still escaped
    line: int

    def types(self) -> set[str]:
        return {
            item.casefold() for value in self.params.get("TYPE", []) for item in value.split(",")
        }

    @property
    def preferred(self) -> bool:
        return "pref" in self.types() or "PREF" in self.params


@dataclass
class Card:
    line: int  # where BEGIN:VCARD is
    properties: list[Property] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [prop for prop in self.properties if prop.name == name]

    def first(self, name: str) -> Property | None:
        return next((prop for prop in self.properties if prop.name == name), None)


def parse_vcards(raw: bytes, *, progress: Progress | None = None) -> ParsedFile:
    """Every card in the file as a row, or ImportFormatError naming the line at fault."""
    decoded = decode(raw)
    rows: list[ParsedRow] = []
    cards = list(read_cards(decoded.text))
    for number, card in enumerate(cards, start=1):
        values = card_values(card)
        if values:
            rows.append(ParsedRow(card.line, values))
        if progress is not None and number % 2000 == 0:
            progress(number, len(cards))
    return ParsedFile("vcard", tuple(rows), decoded.encoding)


# -- lines and cards -------------------------------------------------------------
def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the physical line each starts on.

    A line starting with a space or tab continues the previous one (RFC 6350
    folding). A quoted-printable value ending in "=" continues on the next line
    (vCard 2.1 soft line breaks).
    """
    current: list[str] = []
    start = 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if current and line[:1] in (" ", "\t"):
            current.append(line[1:])
            continue
        if current and current[-1].endswith("=") and _is_quoted_printable(current[0]):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if current:
            yield start, "".join(current)
        current, start = [line], number
    if current:
        yield start, "".join(current)


def _is_quoted_printable(first_part: str) -> bool:
    head = first_part.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def read_cards(text: str) -> Iterator[Card]:
    card: Card | None = None
    seen_any = False
    for line, content in logical_lines(text):
        if not content.strip():
            continue
        upper = content.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                raise ImportFormatError(
                    line,
                    f"BEGIN:VCARD inside the card that begins on line {card.line} "
                    "(its END:VCARD is missing)",
                )
            card, seen_any = Card(line), True
        elif upper == "END:VCARD":
            if card is None:
                raise ImportFormatError(line, "END:VCARD without a BEGIN:VCARD before it")
            yield card
            card = None
        elif card is None:
            if not seen_any:
                raise ImportFormatError(
                    line, "not a vCard file: expected BEGIN:VCARD, found " + _shorten(content)
                )
            raise ImportFormatError(line, f"text outside any card: {_shorten(content)}")
        else:
            card.properties.append(parse_property(content, line))
    if card is not None:
        raise ImportFormatError(
            card.line, "the card that begins here has no END:VCARD (the file looks truncated)"
        )
    if not seen_any:
        raise ImportFormatError(None, "not a vCard file: no BEGIN:VCARD found")


def _shorten(content: str) -> str:
    text = content.strip()
    return repr(text if len(text) <= 40 else text[:40] + "…")


def parse_property(content: str, line: int) -> Property:
    """``group.NAME;PARAM=a,"b;c";BARE:value`` -> Property (value still escaped)."""
    colon = _unquoted_index(content, ":")
    if colon < 0:
        raise ImportFormatError(line, f"not a vCard property (no ':'): {_shorten(content)}")
    head, value = content[:colon], content[colon + 1 :]
    parts = _split_unquoted(head, ";")
    name = parts[0].strip().upper().rsplit(".", 1)[-1]
    if not name:
        raise ImportFormatError(line, f"a property without a name: {_shorten(content)}")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, raw = part.partition("=")
        if equals:
            params.setdefault(key.strip().upper(), []).append(raw.strip().strip('"'))
        elif key.strip().upper() in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"):
            params.setdefault("ENCODING", []).append(key.strip())
        elif key.strip():
            params.setdefault("TYPE", []).append(key.strip())  # vCard 2.1: TEL;WORK;VOICE
    return Property(name, params, value, line)


def _unquoted_index(text: str, char: str) -> int:
    quoted = False
    for index, current in enumerate(text):
        if current == '"':
            quoted = not quoted
        elif current == char and not quoted:
            return index
    return -1


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    quoted = False
    start = 0
    for index, current in enumerate(text):
        if current == '"':
            quoted = not quoted
        elif current == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


# -- values ----------------------------------------------------------------------
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def unescape(value: str) -> str:
    r"""``\,`` ``\;`` ``\\`` ``\:`` and ``\n`` (or ``\N``) back to what they stand for."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def components(value: str, separator: str = ";") -> list[str]:
    """Split a structured value (N, ORG) on unescaped separators, then unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append(unescape("".join(current)))
    return parts


def text_value(prop: Property) -> str:
    """The property's text: quoted-printable decoded (in its CHARSET), unescaped."""
    raw = prop.value
    if any(item.upper() == "QUOTED-PRINTABLE" for item in prop.params.get("ENCODING", [])):
        data = quopri.decodestring(raw.encode("utf-8", "replace"))
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        try:
            raw = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raw = data.decode("utf-8", "replace")
    return raw


def _pick(props: list[Property]) -> Property | None:
    """The preferred one (TYPE=pref, PREF=1), else the first."""
    return next((prop for prop in props if prop.preferred), props[0] if props else None)


def card_values(card: Card) -> dict[str, str]:
    """The fields a Person takes from a card (empty ones left out)."""
    values: dict[str, str] = {}
    if fn := card.first("FN"):
        values["name"] = unescape(text_value(fn))
    if n := card.first("N"):
        parts = components(text_value(n)) + [""] * 5
        family, given = parts[0], parts[1]
        values["last_name"], values["first_name"] = family, given
        if not values.get("name", "").strip():
            values["name"] = " ".join(p for p in (parts[3], given, parts[2], family) if p.strip())
    if org := card.first("ORG"):
        values["company"] = components(text_value(org))[0]
    if title := card.first("TITLE") or card.first("ROLE"):
        values["position"] = unescape(text_value(title))
    if email := _pick(card.all("EMAIL")):
        values["email"] = re.sub(r"(?i)^mailto:", "", unescape(text_value(email)))
    if tel := _pick(card.all("TEL")):
        values["phone"] = re.sub(r"(?i)^tel:", "", unescape(text_value(tel)))
    links = card.all("URL") + card.all("X-SOCIALPROFILE") + card.all("SOCIALPROFILE")
    for link in links:
        url = unescape(text_value(link)).strip()
        if is_linkedin_url(url):
            values["linkedin_url"] = url
            break
    notes = [unescape(text_value(note)) for note in card.all("NOTE")]
    if any(notes):
        values["notes"] = "\n".join(note for note in notes if note)
    return {key: value for key, value in values.items() if value.strip()}
