"""An interview-prep dossier per contact, in Markdown.

Everything a user typed is escaped, so a name like ``*bold* [x](y)`` or a note
starting with ``#`` reads as written instead of changing the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from ..contacts.model import Contact
from ..dates import format_local_datetime


class LetterLike(Protocol):
    """What the dossier reads from a letter (the letters model provides more)."""

    @property
    def subject(self) -> str: ...

    @property
    def body(self) -> str: ...

    @property
    def status(self) -> object: ...  # a str, or an Enum with .label / .value

    @property
    def sent_at(self) -> datetime | None: ...

    @property
    def created(self) -> datetime | None: ...

    @property
    def updated(self) -> datetime | None: ...


_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """One line of user text as literal Markdown."""
    escaped = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _paragraphs(text: str) -> list[str]:
    """Multi-line user text: each line escaped, line breaks kept (trailing backslash)."""
    lines = [escape_markdown(line) for line in text.split("\n")]
    return [
        line + "\\" if line and index < len(lines) - 1 and lines[index + 1] else line
        for index, line in enumerate(lines)
    ]


def _status(status: object) -> str:
    label = getattr(status, "label", None) or getattr(status, "value", None) or status
    return str(label)


def letter_status_line(letter: LetterLike) -> str:
    """What became of a letter, said once: "sent 2026-11-30 10:00", "draft, saved …"."""
    status = _status(letter.status)
    is_sent = status.casefold() == "sent"
    if letter.sent_at is not None:
        when = f"sent {format_local_datetime(letter.sent_at)}"
        return when if is_sent else f"{status}, {when}"
    saved = letter.updated or letter.created
    if saved is None or is_sent:
        return status
    return f"{status}, saved {format_local_datetime(saved)}"


def contact_dossier(contact: Contact, letters: Sequence[LetterLike] = ()) -> str:
    name = escape_markdown(contact.name)
    company = f" — {escape_markdown(contact.company)}" if contact.company else ""
    out = [f"# {name}{company}", ""]
    facts = [
        ("Stage", contact.stage.label),
        ("Title", contact.title),
        ("Company", contact.company),
        ("Industry", contact.industry),
        ("E-mail", contact.email),
        ("Phone", contact.phone),
        ("LinkedIn", contact.linkedin_url),
        ("Source", contact.source + (f" (via {contact.referrer})" if contact.referrer else "")),
        ("Interview", format_local_datetime(contact.interview_at) if contact.interview_at else ""),
        ("Next follow-up", contact.follow_up.isoformat() if contact.follow_up else ""),
        ("Next action", contact.next_action),
        ("Tags", ", ".join(contact.tags)),
    ]
    out.extend(f"- **{label}:** {escape_markdown(value)}" for label, value in facts if value)
    out.append("")
    for heading, text in (
        ("Hook", contact.hook),
        ("Background connection", contact.background),
        ("Research notes", contact.notes),
    ):
        out.extend([f"## {heading}", ""])
        out.extend(_paragraphs(text) if text else ["_(none yet)_"])
        out.append("")
    out.extend(["## Questions", ""])
    if contact.questions:
        out.extend(
            f"{number}. {escape_markdown(question.text)} _({question.category})_"
            for number, question in enumerate(contact.questions, start=1)
        )
    else:
        out.append("_(none yet)_")
    # Imported here: pipeline imports store, which imports exchange (a cycle at load).
    from ..contacts.pipeline import timeline

    out.extend(["", "## Timeline", ""])
    for when, kind, text in timeline(contact):
        detail = f" {escape_markdown(text)}" if text else ""
        out.append(f"- {format_local_datetime(when)} **{escape_markdown(kind)}**{detail}")
    out.append("")
    if letters:
        out.extend(["## Letters", ""])
        for letter in letters:
            subject = escape_markdown(letter.subject) or "(no subject)"
            status = escape_markdown(letter_status_line(letter))
            out.extend([f"### {subject}", "", f"_{status}_", ""])
            out.extend("> " + line if line else ">" for line in _paragraphs(letter.body))
            out.append("")
    return "\n".join(out)


def export_markdown(
    contacts: Iterable[Contact],
    letters: Mapping[int, Sequence[LetterLike]] | None = None,
) -> str:
    """One dossier per contact, separated by rules. ``letters``: contact id -> letters."""
    letters = letters or {}
    dossiers = [contact_dossier(contact, letters.get(contact.id, ())) for contact in contacts]
    return "\n---\n\n".join(dossiers)
