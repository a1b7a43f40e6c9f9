"""Contacts as vCard 4.0 (RFC 6350), one card per contact, for a phone or mail app."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from ..contacts.model import Contact
from ..dates import format_timestamp

_NAMESPACE = uuid.UUID("5d3c5a0e-3b7e-4a43-9a55-6f0a1f2c9b11")  # infoint's, fixed forever


def escape(text: str) -> str:
    r"""TEXT value escaping: backslash, comma, semicolon, and newlines as ``\n``."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold_line(line: str) -> str:
    """Fold at 75 octets (CRLF + space), never inside a UTF-8 character."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def contact_card(contact: Contact) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{escape(contact.name)}"]
    if contact.company:
        lines.append(f"ORG:{escape(contact.company)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;VALUE=text:{escape(contact.phone)}")
    if contact.linkedin_url:
        # A URI, not TEXT: commas and semicolons in it are not escaped.
        lines.append(f"URL:{contact.linkedin_url}")
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags))
    if contact.notes:
        lines.append(f"NOTE:{escape(contact.notes)}")
    lines.append(f"UID:urn:uuid:{uuid.uuid5(_NAMESPACE, f'contact-{contact.id}')}")
    if contact.updated:
        lines.append("REV:" + format_timestamp(contact.updated).replace("-", "").replace(":", ""))
    lines.append("END:VCARD")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def export_vcard(contacts: Iterable[Contact]) -> str:
    return "".join(contact_card(contact) for contact in contacts)
