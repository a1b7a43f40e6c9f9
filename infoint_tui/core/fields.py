"""Field rules shared by the models, the add/edit form and the command line.

One description per field (label, kind, cap) so the form, the CLI and the
stored data agree on what a valid value is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeVar

from .dates import (
    DateError,
    format_local_datetime,
    parse_date,
    parse_local_datetime,
    parse_timestamp,
)
from .text import clean_line, clean_text, unsafe_line, unsafe_text

T = TypeVar("T")
FieldKind = Literal[
    "line", "text", "email", "phone", "url", "date", "datetime", "choice", "tags", "int"
]


class ValidationError(ValueError):
    """A value that cannot be stored, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind = "line"
    max_len: int = 200
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0
    placeholder: str = ""


MAX_TAGS = 30
TAG_LEN = 40
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()./\- ]{3,}(?:\s*(?:x|ext\.?)\s*\d+)?$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def clean_tags(raw: object) -> tuple[str, ...]:
    """Tags from a comma-separated string or a list: trimmed, unique, capped."""
    items: list[object]
    if isinstance(raw, str):
        items = list(raw.split(","))
    elif isinstance(raw, Iterable):
        items = list(raw)
    else:
        items = []
    tags: list[str] = []
    for item in items:
        tag = clean_line(item, TAG_LEN).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def clean_value(spec: FieldSpec, raw: object) -> object:
    """Turn user or file input into a stored value, or raise ValidationError.

    Empty input gives the field's empty value ("" , None, () or the minimum).
    """
    if spec.kind == "tags":
        return clean_tags(raw)
    if spec.kind == "int":
        return _clean_int(spec, raw)
    if spec.kind == "datetime":
        return _clean_datetime(spec, raw)
    if spec.kind == "date":
        return raw if isinstance(raw, date) else _typed_moment(spec, raw, parse_date)
    text = (
        clean_text(raw or "", spec.max_len)
        if spec.kind == "text"
        else clean_line(raw or "", spec.max_len)
    )
    if not text:
        if spec.required:
            raise ValidationError(spec.name, f"{spec.label} is required")
        return ""
    if spec.kind == "email" and not _EMAIL.match(text):
        raise ValidationError(spec.name, f"{text!r} is not an e-mail address (name@example.com)")
    if spec.kind == "phone" and not _PHONE.match(text):
        raise ValidationError(
            spec.name, f"{text!r} is not a phone number (digits, spaces, + - ( ) and ext)"
        )
    if spec.kind == "url" and not _URL.match(text):
        raise ValidationError(spec.name, f"{text!r} is not a web address (https://…)")
    if spec.kind == "choice":
        return _choice(spec, text)
    return text


def _choice(spec: FieldSpec, text: str) -> str:
    """One of the choices, typed in full or by the start that names only it
    (``y`` for yes, ``r`` for referral)."""
    folded = text.lower()
    if folded in spec.choices:
        return folded
    starting = [choice for choice in spec.choices if choice.startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    raise ValidationError(spec.name, f"{text!r} is not one of: {', '.join(spec.choices)}")


def _clean_datetime(spec: FieldSpec, raw: object) -> datetime | None:
    """A local "YYYY-MM-DD HH:MM" typed by the user (or a stored UTC timestamp)."""
    return raw if isinstance(raw, datetime) else _typed_moment(spec, raw, parse_local_datetime)


def _typed_moment(spec: FieldSpec, raw: object, parse: Callable[[str], T]) -> T | None:
    """A typed date or time: empty is None (unless required), nonsense a clear message."""
    text = clean_line(raw or "", 40)
    if not text:
        if spec.required:
            raise ValidationError(spec.name, f"{spec.label} is required")
        return None
    try:
        return parse(text)
    except DateError as error:
        raise ValidationError(spec.name, str(error)) from error


def _clean_int(spec: FieldSpec, raw: object) -> int:
    if raw is None or raw == "":
        return spec.minimum
    if isinstance(raw, bool):
        raise ValidationError(spec.name, f"{spec.label} must be a whole number")
    try:
        number = int(str(raw).strip())
    except ValueError as error:
        raise ValidationError(spec.name, f"{spec.label} must be a whole number") from error
    if not spec.minimum <= number <= spec.maximum:
        raise ValidationError(
            spec.name, f"{spec.label} must be between {spec.minimum} and {spec.maximum}"
        )
    return number


_TEXT_KINDS = frozenset({"line", "email", "phone", "url"})


def load_value(spec: FieldSpec, raw: object) -> object:
    """A value read back from a data file: cleaned, never refused.

    Files can be edited by hand, so text is cleaned again; but a value that
    breaks a format rule (an odd phone number) is kept rather than lost. Clean
    strings, which is nearly all of them, take a fast path: loading 10,000
    contacts is on the way to the first screen.
    """
    kind = spec.kind
    if kind in _TEXT_KINDS or kind == "choice":
        if type(raw) is str and len(raw) <= spec.max_len and not unsafe_line(raw):
            text = raw
        else:
            text = clean_line(raw if raw is not None else "", spec.max_len)
        if kind == "choice" and text not in spec.choices:
            return spec.choices[-1] if spec.choices else ""
        return text or ("?" if spec.required else "")
    if kind == "text":
        if type(raw) is str and len(raw) <= spec.max_len and not unsafe_text(raw):
            return raw
        return clean_text(raw if raw is not None else "", spec.max_len)
    if kind == "tags":
        if type(raw) is list and all(
            type(t) is str and len(t) <= TAG_LEN and not unsafe_line(t) for t in raw
        ):
            return tuple(raw[:MAX_TAGS])
        return clean_tags(raw)
    try:
        if kind == "date":
            return parse_date(raw) if isinstance(raw, str) and raw else None
        if kind == "datetime":
            return parse_timestamp(raw) if isinstance(raw, str) and raw else None
        return _clean_int(spec, raw)
    except (DateError, ValidationError):
        return spec.minimum if kind == "int" else None


def display_value(value: object) -> str:
    """How a stored value reads in a form field or a plain-text listing."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime):
        return format_local_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
