"""What an interview leaves behind: the advice given, the topics to follow up
on, and the people the interviewee offered to introduce.

While taking notes the user marks a line by starting it with ``advice:``,
``topic:`` or ``intro:`` (any case; no one-letter forms, which would catch a
"Q: … A: …" note). Plain prefixes rather than keys: they survive a slow link, a paste, and
an edit in ``$EDITOR``, and the notes read the same in a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..contacts.model import Contact
from ..text import clean_line, fold

MARKS = {
    "advice": "advice",
    "topic": "topic",
    "intro": "intro",
    "introduction": "intro",
}
_MARKED = re.compile(r"^\s*(?:[-*•]\s*)?([A-Za-z]+)\s*:\s*(.+)$")
# "Raj Patel at Heron Cloud", "Raj Patel (Heron Cloud)", "Raj Patel, Heron Cloud", "Raj from Heron"
_PERSON_AT = re.compile(r"^(.+?)\s*(?:\((.+)\)|,\s*(.+)|\s+(?:at|from|of)\s+(.+))$")

HOW_TO_MARK = "start a line with advice:, topic: or intro: (Name at Company) to mark it"


@dataclass(frozen=True)
class Introduction:
    name: str
    company: str = ""


@dataclass(frozen=True)
class Fruits:
    advice: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    introductions: tuple[Introduction, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.advice or self.topics or self.introductions)


def marked_lines(notes: str) -> list[tuple[str, str]]:
    """(mark, text) for every marked line, in order."""
    found: list[tuple[str, str]] = []
    for line in notes.splitlines():
        match = _MARKED.match(line)
        if match is None:
            continue
        mark = MARKS.get(match.group(1).lower())
        text = clean_line(match.group(2), 300).rstrip(".")
        if mark is not None and text:
            found.append((mark, text))
    return found


def introduction(text: str) -> Introduction:
    match = _PERSON_AT.match(text)
    if match is None:
        return Introduction(clean_line(text, 120))
    company = next(part for part in match.groups()[1:] if part is not None)
    return Introduction(clean_line(match.group(1), 120), clean_line(company, 120))


def fruits(notes: Iterable[str]) -> Fruits:
    """The marked lines of every note given (an interview's notes, its answers)."""
    advice: list[str] = []
    topics: list[str] = []
    introductions: list[Introduction] = []
    for text in notes:
        for mark, line in marked_lines(text):
            if mark == "advice":
                advice.append(line)
            elif mark == "topic":
                topics.append(line)
            else:
                introductions.append(introduction(line))
    return Fruits(tuple(advice), tuple(topics), tuple(introductions))


def new_introductions(
    offered: Iterable[Introduction], interviewee: Contact, pipeline: Iterable[Contact]
) -> list[dict[str, str]]:
    """The form values of a Target contact for each person offered who is not in
    the pipeline yet (same name, any case or spacing): source referral, the
    interviewee as referrer."""
    known = {fold(" ".join(contact.name.split())) for contact in pipeline}
    values: list[dict[str, str]] = []
    for person in offered:
        key = fold(" ".join(person.name.split()))
        if not key or key in known:
            continue
        known.add(key)
        values.append(
            {
                "name": person.name,
                "company": person.company,
                "source": "referral",
                "referrer": interviewee.name,
                "notes": f"Introduction offered by {interviewee.name} in your interview.",
            }
        )
    return values


def letter_values(held: Iterable[Fruits]) -> dict[str, str]:
    """The letter fields the interviews already answer (newest first given): the
    advice a thank-you thanks them for (``letter.advice``) and the topic an
    article relates to (``letter.topic``)."""
    values: dict[str, str] = {}
    for found in held:
        if found.advice:
            values.setdefault("advice", found.advice[0])
        if found.topics:
            values.setdefault("topic", found.topics[0])
    return values
