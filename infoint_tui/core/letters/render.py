"""Rendering a letter template for a contact, and finding what it lacks.

A template sees four namespaces: ``contact`` (every Contact field), ``company``
(the contact's Company record, or an empty one), ``me`` (the Profile) and
``letter`` (what the user types in the editor: ``letter.visit_dates`` …, plus
``letter.follow_up_day``). An empty field is never silently blank: it is a
``Missing`` marker, false in ``{% if %}``, and if it reaches the output the
render reports it and the preview shows ``[contact.hook]`` in its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from difflib import get_close_matches
from enum import Enum

from jinja2 import Environment, TemplateSyntaxError, nodes

from ..companies import COMPANY_FIELDS, Company
from ..contacts.model import CONTACT_FIELD_BY_NAME, Contact, Stage
from ..dates import WEEKENDS_ONLY, BusinessDays, DateError, parse_date
from ..profile import PROFILE_FIELD_BY_NAME, Profile
from ..text import clean_line, clean_text, strip_controls
from .letter import SUBJECT_LEN
from .sandbox import DEFAULT_TIME_LIMIT, TemplateNamespace, TemplateProblem, render_sandboxed
from .sandbox_limits import MAX_SOURCE, LimitExceeded
from .sandbox_values import Missing
from .templates import template_kind


@dataclass(frozen=True)
class MissingField:
    """A field the letter needs that is empty, e.g. ``contact.hook``."""

    path: str
    label: str  # for people: "Contact: Hook (article or post)"

    @property
    def placeholder(self) -> str:
        return f"[{self.path}]"


# Private-use characters never typed by anyone; stripped from data on the way in.
_OPEN, _CLOSE, _PROMISE = "\ue000", "\ue001", "\ue002"
_INDEX_BASE, _MAX_MARKS = 0xE100, 0x400
_MARKER = re.compile("\ue000([\ue100-\ue4ff])\ue001")
_MARKER_CHARS = re.compile("[\ue000-\ue002\ue100-\ue4ff]")

_NAMESPACE_TITLES = {
    "contact": "Contact",
    "company": "Company",
    "me": "Your profile",
    "letter": "This letter",
}
LETTER_FIELD_LABELS = {
    "visit_dates": "Dates you will be in town",
    "follow_up_day": "Day you promise to follow up",
    "article_title": "Article title",
    "article_url": "Article link",
    "advice": "Advice they gave you",
    "topic": "A topic you talked about",
    "next_step": "What you will do next",
}


class _Marks:
    """The missing fields of one render, each with a marker to find in the output."""

    def __init__(self) -> None:
        self.fields: list[MissingField] = []
        self._index: dict[str, int] = {}

    def missing(self, path: str, label: str) -> Missing:
        # A name the template invents (letter["…"]) is shown in the list and the letter.
        path, label = strip_controls(path), strip_controls(label)
        index = self._index.get(path)
        if index is None:
            if len(self.fields) >= _MAX_MARKS:
                raise LimitExceeded("too-large", f"more than {_MAX_MARKS} different empty fields")
            index = self._index[path] = len(self.fields)
            self.fields.append(MissingField(path, label))
        return Missing(f"{_OPEN}{chr(_INDEX_BASE + index)}{_CLOSE}")

    def resolve(self, output: str) -> tuple[str, tuple[MissingField, ...], bool]:
        """The output with placeholders, the fields that reached it, and the promise seen."""
        used: dict[int, None] = {}

        def placeholder(match: re.Match[str]) -> str:
            index = ord(match.group(1)) - _INDEX_BASE
            if index >= len(self.fields):
                return ""
            used[index] = None
            return self.fields[index].placeholder

        text = _MARKER.sub(placeholder, output)
        promised = _PROMISE in text
        text = _MARKER_CHARS.sub("", text)
        return text, tuple(self.fields[index] for index in used), promised


def _scrub(value: object) -> object:
    if isinstance(value, str):
        return _MARKER_CHARS.sub("", value)
    if isinstance(value, Enum):
        return value.label if isinstance(value, Stage) else value.value
    if isinstance(value, datetime):
        return value.astimezone()  # the user's own clock, as they would write it
    return value


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str | tuple | list) and len(value) == 0)


def _field_label(name: str) -> str:
    spec = CONTACT_FIELD_BY_NAME.get(name) or PROFILE_FIELD_BY_NAME.get(name)
    return spec.label if spec else name.replace("_", " ").capitalize()


class _Fields(TemplateNamespace):
    """``contact``, ``company``, ``me`` or ``letter`` as a template sees it."""

    def __init__(
        self,
        name: str,
        values: Mapping[str, object],
        labels: Mapping[str, str],
        marks: _Marks,
        *,
        open_ended: bool = False,
    ) -> None:
        self._name = name
        self._values = values
        self._labels = labels
        self._marks = marks
        self._open_ended = open_ended  # letter.*: any name the template invents

    def resolve(self, name: str) -> object:
        if name in self._values and not _is_empty(self._values[name]):
            return self._values[name]
        if name in self._values or self._open_ended:
            label = self._labels.get(name) or _field_label(name)
            title = _NAMESPACE_TITLES[self._name]
            return self._marks.missing(f"{self._name}.{name}", f"{title}: {label}")
        close = get_close_matches(name, list(self._values), n=1)
        hint = f" (did you mean {self._name}.{close[0]}?)" if close else ""
        raise KeyError(f"{self._name} has no field {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.resolve("name")) if "name" in self._values else ""


def _record_values(
    record: Contact | Profile | Company, skip: tuple[str, ...] = ()
) -> dict[str, object]:
    """A dataclass's fields as a template sees them (no marker characters, local times)."""
    return {f.name: _scrub(getattr(record, f.name)) for f in fields(record) if f.name not in skip}


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else ""


# -- rendering --------------------------------------------------------------------------
@dataclass(frozen=True)
class RenderedLetter:
    """A rendered template: the letter, what it lacks, or why it failed."""

    subject: str
    body: str
    missing: tuple[MissingField, ...] = ()
    problem: TemplateProblem | None = None
    promised: date | None = None  # letter.follow_up_day's date, if the letter says it
    kind: str = "letter"

    @property
    def complete(self) -> bool:
        return self.problem is None and not self.missing

    @property
    def text(self) -> str:
        """The letter as a plain-text file or the CLI prints it."""
        return f"Subject: {self.subject}\n\n{self.body}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def human_date(day: date, today: date | None = None) -> str:
    """ "Tuesday 1 December" (with the year when it is not this year's), in English."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if today is not None and today.year == day.year else f"{text} {day.year}"


def _letter_values(
    typed: Mapping[str, str], *, today: date, follow_up_days: int, calendar: BusinessDays
) -> tuple[dict[str, str], date | None]:
    """The ``letter.*`` values, with ``follow_up_day`` filled in: (values, its date).

    A typed follow-up day in YYYY-MM-DD becomes that date; other text is used
    as written, and then there is no date to promise.
    """
    values: dict[str, str] = {}
    for key, value in typed.items():
        if not key.isidentifier() or key.startswith("_") or len(key) > 40:
            raise ValueError(f"{key!r} is not a letter field name (letters, digits, _)")
        values[key] = _MARKER_CHARS.sub("", clean_text(value, 1000))
    day: date | None
    typed_day = values.get("follow_up_day", "").strip()
    if typed_day:
        try:
            day = parse_date(typed_day)
        except DateError:
            return values, None
    else:
        day = calendar.add(today, follow_up_days)
    values["follow_up_day"] = _PROMISE + human_date(day, today)
    return values, day


def render_letter(
    source: str,
    *,
    contact: Contact,
    profile: Profile,
    company: Company | None = None,
    values: Mapping[str, str] | None = None,
    today: date,
    follow_up_days: int = 3,
    calendar: BusinessDays = WEEKENDS_ONLY,
    name: str = "",
    seconds: float = DEFAULT_TIME_LIMIT,
) -> RenderedLetter:
    """Render a letter template for ``contact``. Never raises for a template's fault.

    ``follow_up_days`` business days on ``calendar`` (``rules.calendar``) from
    ``today`` is the follow-up day the letter promises, unless one is typed.
    """
    kind = template_kind(source, name)
    marks = _Marks()
    typed, day = _letter_values(
        values or {}, today=today, follow_up_days=follow_up_days, calendar=calendar
    )
    company_labels = {spec.name: spec.label for spec in COMPANY_FIELDS}
    contact_values = _record_values(contact)
    contact_values["first_name"] = _first_name(contact.name)
    profile_values = _record_values(profile, skip=("id",))
    profile_values["first_name"] = _first_name(profile.name)
    variables = {
        "contact": _Fields("contact", contact_values, {}, marks),
        "company": _Fields(
            "company", _record_values(company or Company(name="")), company_labels, marks
        ),
        "me": _Fields("me", profile_values, {}, marks),
        "letter": _Fields("letter", typed, LETTER_FIELD_LABELS, marks, open_ended=True),
    }
    output = render_sandboxed(source, variables, seconds=seconds)
    # The one place a template's output is cleaned: every copy of the letter (the
    # screen, stdout, files, the clipboard, .eml) is made from what this returns, and
    # a shared template must not reach the terminal with escape sequences.
    if isinstance(output, TemplateProblem):
        problem = replace(
            output,
            message=strip_controls(output.message),
            line_text=strip_controls(output.line_text),
        )
        return RenderedLetter("", "", problem=problem, kind=kind)
    text, missing, promised = marks.resolve(strip_controls(output, multiline=True, keep_tabs=True))
    subject, body = split_subject(text)
    return RenderedLetter(subject, body, missing, None, day if promised else None, kind)


def split_subject(text: str) -> tuple[str, str]:
    """A rendered template's ``Subject:`` line and body (tidied: no runs of blank lines)."""
    lines = text.strip("\n").split("\n")
    subject = ""
    match = re.match(r"\s*subject:(.*)$", lines[0], re.IGNORECASE)
    if match:
        subject = clean_line(match.group(1), SUBJECT_LEN)
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines)
    return subject, re.sub(r"\n{3,}", "\n\n", body).strip("\n")


def letter_fields(source: str) -> tuple[str, ...]:
    """The ``letter.*`` names a template uses, in order: the inputs an editor should offer."""
    if len(source) > MAX_SOURCE:
        return ()
    try:
        tree = Environment(trim_blocks=True, lstrip_blocks=True).parse(source)
    except (TemplateSyntaxError, RecursionError):
        return ()
    found: dict[str, None] = {}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        target = getattr(node, "node", None)
        if not (isinstance(target, nodes.Name) and target.name == "letter"):
            continue
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node, "arg", None)
        if isinstance(key, nodes.Const):
            key = key.value
        if isinstance(key, str) and key.isidentifier():  # nothing else can be given a value
            found[key] = None
    return tuple(key for key in found if not key.startswith("_"))


def settable_letter_fields(source: str) -> tuple[str, ...]:
    """The ``letter.*`` names a value can be given for with this template.

    The ones the template uses (in order), then the editor's standard ones; any
    other name would fill nothing, so it is most likely a typo.
    """
    return tuple(dict.fromkeys((*letter_fields(source), *LETTER_FIELD_LABELS)))


def find_company(contact: Contact, companies: Iterable[Company]) -> Company | None:
    """The Company record named like the contact's company, if any."""
    wanted = contact.company.strip().casefold()
    if not wanted:
        return None
    return next((c for c in companies if c.name.strip().casefold() == wanted), None)
