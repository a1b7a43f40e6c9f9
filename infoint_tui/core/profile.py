"""The user's profile: what letters sign with and what the interview clock defaults to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Self

from .fields import FieldSpec, ValidationError, clean_value, load_value
from .store.docfile import FileKind
from .store.migrations import plain_migrations

PROFILE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Your name", max_len=120),
    FieldSpec("email", "E-mail", "email", max_len=254),
    FieldSpec("phone", "Phone", "phone", max_len=40),
    FieldSpec("linkedin_url", "LinkedIn URL", "url", max_len=300),
    FieldSpec("city", "City", max_len=120),
    FieldSpec("background", "Background", "text", max_len=2000),
    FieldSpec("goal", "What you are exploring", "text", max_len=1000),
    FieldSpec("signature", "Signature", "text", max_len=1000),
    FieldSpec("interview_minutes", "Interview length (min)", "int", minimum=5, maximum=180),
)
PROFILE_FIELD_BY_NAME = {spec.name: spec for spec in PROFILE_FIELDS}


@dataclass(frozen=True, slots=True)
class Profile:
    """The user: what letters sign with and what the interview timer defaults to."""

    name: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    city: str = ""
    background: str = ""
    goal: str = ""
    signature: str = ""
    interview_minutes: int = 30
    id: int = 1  # the one profile document

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "id"}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> Profile:
        values: dict[str, object] = {}
        for spec in PROFILE_FIELDS:
            if spec.name in data:
                values[spec.name] = load_value(spec, data[spec.name])
        minutes = data.get("interview_minutes")
        if not (isinstance(minutes, int) and 5 <= minutes <= 180):
            values.pop("interview_minutes", None)  # a broken value falls back to 30
        return cls(**values, id=id or 1)  # type: ignore[arg-type]

    def with_value(self, field_name: str, raw: object) -> Self:
        spec = PROFILE_FIELD_BY_NAME.get(field_name)
        if spec is None:
            names = ", ".join(PROFILE_FIELD_BY_NAME)
            raise ValidationError(field_name, f"no such profile field (one of: {names})")
        value = clean_value(spec, raw)
        if spec.kind == "int" and raw in (None, ""):
            value = 30
        return replace(self, **{field_name: value})  # type: ignore[arg-type]


PROFILE: FileKind[Profile] = FileKind("profile", 1, Profile.from_dict, plain_migrations("profile"))
