"""Reading back contacts this app wrote, without re-cleaning every field.

Opening 10,000 contacts is on the way to the first screen. A document whose
JSON line holds no escaped control character, no raw C1 control, DEL, bidi
override or byte-order mark cannot carry anything that cleaning would remove,
so only types and lengths are checked here; anything unusual falls back to
``Contact.from_dict``, which cleans every field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from .fields import MAX_TAGS, TAG_LEN
from .models import CONTACT_FIELDS, SOURCES, Contact, Event, Question, Stage, StageChange
from .text import unsafe_json as unsafe_json

_TEXT = tuple(
    (spec.name, spec.max_len, spec.kind == "text")
    for spec in CONTACT_FIELDS
    if spec.kind in ("line", "text", "email", "phone", "url")
)
_STAGES = {stage.value: stage for stage in Stage}


class NotTrusted(Exception):
    """This document needs the careful path."""


def _moment(value: object) -> datetime:
    if type(value) is not str:
        raise NotTrusted
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise NotTrusted
    return moment.astimezone(UTC)


def contact_from_clean(data: Mapping[str, Any], doc_id: int) -> Contact:
    """A Contact from a document known to hold no control characters."""
    try:
        values: dict[str, str] = {}
        get = data.get
        for name, cap, multiline in _TEXT:  # inlined: this loop runs 120,000 times
            value = get(name)
            if value is None:
                value = ""
            elif type(value) is not str or len(value) > cap or (not multiline and "\n" in value):
                raise NotTrusted
            values[name] = value
        if not values["name"]:
            raise NotTrusted
        source = data.get("source") or "cold"
        stage = _STAGES.get(data.get("stage") or "target")
        tags = data.get("tags") or []
        if source not in SOURCES or stage is None or type(tags) is not list:
            raise NotTrusted
        if len(tags) > MAX_TAGS or not all(
            type(tag) is str and "\n" not in tag and len(tag) <= TAG_LEN for tag in tags
        ):
            raise NotTrusted
        follow_up = data.get("follow_up")
        interview_at = data.get("interview_at")
        rank = data.get("rank") or 0.0
        if type(rank) not in (int, float):
            raise NotTrusted
        return Contact(
            **values,
            id=doc_id,
            source=source,
            tags=tuple(tags),
            stage=stage,
            rank=float(rank),
            stage_history=tuple(
                StageChange(_STAGES[item["stage"]], _moment(item["at"]))
                for item in data.get("stage_history") or ()
            ),
            events=tuple(_event(item) for item in data.get("events") or ()),
            questions=tuple(Question.from_dict(item) for item in data.get("questions") or ()),
            interview_at=_moment(interview_at) if interview_at else None,
            follow_up=_day(follow_up) if follow_up else None,
            action=_text_or(data, "action", 20),
            created=_moment(data["created"]) if data.get("created") else None,
            updated=_moment(data["updated"]) if data.get("updated") else None,
        )
    except (NotTrusted, KeyError, TypeError, ValueError, AttributeError):
        return Contact.from_dict(data, doc_id)


def _day(value: object) -> date:
    # Only the YYYY-MM-DD the app writes: fromisoformat also takes "2024W011".
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise NotTrusted
    return date.fromisoformat(value)


def _event(item: Mapping[str, Any]) -> Event:
    kind, text = item.get("kind") or "note", item.get("text") or ""
    if type(kind) is not str or type(text) is not str or len(kind) > 20 or len(text) > 4000:
        raise NotTrusted
    if "\n" in kind:
        raise NotTrusted
    return Event(kind, _moment(item["at"]), text)


def _text_or(data: Mapping[str, Any], name: str, cap: int) -> str:
    value = data.get(name) or ""
    if type(value) is not str or len(value) > cap or "\n" in value:
        raise NotTrusted
    return value
