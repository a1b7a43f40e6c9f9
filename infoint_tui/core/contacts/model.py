"""Contacts in a pipeline of stages: the stored contact and its parts.

Models are frozen dataclasses: a change makes a new value (``dataclasses.replace``),
so undo can keep the old one and the store can tell what changed by identity.
Every constructor from outside data goes through ``from_dict`` or the field
rules in ``fields.py``, which clean and cap the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..dates import format_date, format_timestamp, parse_timestamp, timestamp_or_none
from ..fields import FieldSpec, ValidationError, clean_value, load_value
from ..store.docfile import FileKind
from ..text import clean_line, clean_text
from .migrations import CONTACT_MIGRATIONS


class Stage(Enum):
    TARGET = "target"
    REQUESTED = "requested"
    FOLLOW_UP = "follow-up"
    SCHEDULED = "scheduled"
    MET = "met"
    NURTURE = "nurture"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def index(self) -> int:
        return list(Stage).index(self)

    @classmethod
    def parse(cls, text: str) -> Stage:
        """A stage from its slug or label, case-insensitive."""
        exact = _STAGE_BY_SLUG.get(text)
        if exact is not None:
            return exact
        key = text.strip().lower()
        for stage in cls:
            if key in (stage.value, stage.label.lower(), stage.name.lower()):
                return stage
        slugs = ", ".join(stage.value for stage in cls)
        raise ValidationError("stage", f"{text!r} is not a stage (one of: {slugs})")


_STAGE_LABELS = {
    Stage.TARGET: "Target",
    Stage.REQUESTED: "Request sent",
    Stage.FOLLOW_UP: "Follow-up",
    Stage.SCHEDULED: "Scheduled",
    Stage.MET: "Met",
    Stage.NURTURE: "Nurture",
    Stage.CLOSED: "Closed",
}

_STAGE_BY_SLUG = {stage.value: stage for stage in Stage}
SOURCES = ("referral", "cold")


@dataclass(frozen=True, slots=True)
class StageChange:
    stage: Stage
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage.value, "at": format_timestamp(self.at)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StageChange:
        return cls(Stage.parse(str(data["stage"])), parse_timestamp(str(data["at"])))


TIARA = ("trends", "insights", "advice", "resources", "assignments")


@dataclass(frozen=True, slots=True)
class Question:
    """A question for an interview, in one of the TIARA categories."""

    text: str
    category: str = "insights"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "category": self.category}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Question:
        category = clean_line(data.get("category", "insights"), 20).lower()
        return cls(
            text=clean_text(data.get("text", ""), 500),
            category=category if category in TIARA else "insights",
        )


EVENT_KINDS = (
    "note",
    "reply",
    "call",
    "meeting",
    "letter",
    "interview",
    "email",
    "follow-up",
    "schedule",  # a meeting agreed, moved or cancelled
)


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened with a contact, shown on their timeline."""

    kind: str
    at: datetime
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "at": format_timestamp(self.at), "text": self.text}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            kind=clean_line(data.get("kind", "note"), 20) or "note",
            at=parse_timestamp(str(data["at"])),
            text=clean_text(data.get("text", ""), 4000),
        )


CONTACT_FIELDS: tuple[FieldSpec, ...] = (
    # Name, then company: tab from the name goes to where they work.
    FieldSpec("name", "Name", required=True, max_len=120),
    FieldSpec("company", "Company", max_len=120),
    FieldSpec("title", "Title", max_len=120),
    FieldSpec("industry", "Industry", max_len=80),
    FieldSpec("email", "E-mail", "email", max_len=254),
    FieldSpec("phone", "Phone", "phone", max_len=40),
    FieldSpec("linkedin_url", "LinkedIn URL", "url", max_len=300),
    FieldSpec("source", "Source", "choice", max_len=20, choices=SOURCES),
    FieldSpec("referrer", "Referrer", max_len=120),
    # Letters say "I enjoyed {hook}", so it is written to follow those words.
    FieldSpec(
        "hook",
        "Hook (article or post)",
        "text",
        max_len=1000,
        placeholder="your post on supply-chain data (letters say “I enjoyed …”)",
    ),
    FieldSpec("background", "Background connection", "text", max_len=1000),
    FieldSpec("notes", "Research notes", "text", max_len=20000),
    FieldSpec("tags", "Tags", "tags"),
    FieldSpec("interview_at", "Interview (date time)", "datetime"),
    FieldSpec("meeting_place", "Meeting place or link", max_len=300),
    FieldSpec("follow_up", "Next follow-up", "date"),
    FieldSpec("next_action", "Next action", max_len=120),
)
CONTACT_FIELD_BY_NAME = {spec.name: spec for spec in CONTACT_FIELDS}


@dataclass(frozen=True, slots=True)
class Contact:
    """A person in the pipeline."""

    name: str
    id: int = 0
    title: str = ""
    company: str = ""
    industry: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    source: str = "cold"
    referrer: str = ""
    hook: str = ""
    background: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    stage: Stage = Stage.TARGET
    rank: float = 0.0
    stage_history: tuple[StageChange, ...] = ()
    events: tuple[Event, ...] = ()
    questions: tuple[Question, ...] = ()
    interview_at: datetime | None = None
    meeting_place: str = ""  # where the booked interview is: a café, an office, a link
    follow_up: date | None = None
    next_action: str = ""
    action: str = ""  # the kind of next step (followups.Action), set by the date rules
    created: datetime | None = None
    updated: datetime | None = None

    @classmethod
    def create(cls, values: Mapping[str, object], *, now: datetime, **extra: Any) -> Contact:
        """A new contact from raw input, every field validated and cleaned.

        Raises ValidationError for the first field that is wrong.
        """
        cleaned = clean_contact_values(values)
        stage = extra.pop("stage", Stage.TARGET)
        return cls(
            **cleaned,  # type: ignore[arg-type]
            stage=stage,
            stage_history=(StageChange(stage, now),),
            created=now,
            updated=now,
            **extra,
        )

    def with_values(self, values: Mapping[str, object], *, now: datetime) -> Contact:
        """This contact with some fields changed from raw input (validated)."""
        cleaned = clean_contact_values(values, partial=True)
        if not cleaned:
            return self
        return replace(self, **cleaned, updated=now)  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "industry": self.industry,
            "email": self.email,
            "phone": self.phone,
            "linkedin_url": self.linkedin_url,
            "source": self.source,
            "referrer": self.referrer,
            "hook": self.hook,
            "background": self.background,
            "notes": self.notes,
            "tags": list(self.tags),
            "stage": self.stage.value,
            "rank": self.rank,
            "stage_history": [change.to_dict() for change in self.stage_history],
            "events": [event.to_dict() for event in self.events],
            "questions": [question.to_dict() for question in self.questions],
            "interview_at": format_timestamp(self.interview_at) if self.interview_at else None,
            "meeting_place": self.meeting_place,
            "follow_up": format_date(self.follow_up) if self.follow_up else None,
            "next_action": self.next_action,
            "action": self.action,
            "created": format_timestamp(self.created) if self.created else None,
            "updated": format_timestamp(self.updated) if self.updated else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Contact:
        """A contact read from a file: cleaned again, since files can be edited by hand."""
        cleaned = {spec.name: load_value(spec, data.get(spec.name)) for spec in CONTACT_FIELDS}
        return cls(
            **cleaned,  # type: ignore[arg-type]
            id=id,
            stage=Stage.parse(str(data.get("stage", "target"))),
            rank=float(data.get("rank") or 0.0),
            stage_history=tuple(
                StageChange.from_dict(item) for item in data.get("stage_history") or ()
            ),
            events=tuple(Event.from_dict(item) for item in data.get("events") or ()),
            questions=tuple(Question.from_dict(item) for item in data.get("questions") or ()),
            action=clean_line(data.get("action") or "", 20),
            created=timestamp_or_none(data.get("created")),
            updated=timestamp_or_none(data.get("updated")),
        )

    def public_dict(self) -> dict[str, Any]:
        """Every field, for ``infoint show --json`` and exports."""
        return {"id": self.id, **self.to_dict(), "stage_label": self.stage.label}


def clean_contact_values(
    values: Mapping[str, object], *, partial: bool = False
) -> dict[str, object]:
    """Validate and clean contact fields typed or imported (raises ValidationError).

    ``partial``: only the fields present are returned (an edit).
    """
    cleaned: dict[str, object] = {}
    for spec in CONTACT_FIELDS:
        if spec.name not in values:
            if partial:
                continue
            raw: object = None
        else:
            raw = values[spec.name]
        if raw is None and spec.name == "source":
            raw = "cold"
        cleaned[spec.name] = clean_value(spec, raw)
    return cleaned


CONTACTS: FileKind[Contact] = FileKind("contacts", 1, Contact.from_dict, CONTACT_MIGRATIONS)
