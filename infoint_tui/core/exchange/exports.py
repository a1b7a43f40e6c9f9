"""Choosing the contacts to export and running one exporter by name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Literal, get_args

from ..models import Contact, Stage
from .csv_export import export_csv
from .ics_export import export_ics
from .json_export import export_json
from .markdown_export import LetterLike, export_markdown
from .vcard_export import export_vcard

ExportFormat = Literal["csv", "json", "vcard", "markdown", "ics"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
EXTENSIONS: dict[ExportFormat, str] = {
    "csv": ".csv",
    "json": ".json",
    "vcard": ".vcf",
    "markdown": ".md",
    "ics": ".ics",
}


def select_contacts(contacts: Iterable[Contact], stage: Stage | None = None) -> list[Contact]:
    """Board order (stage, then rank, then id), optionally one stage only."""
    chosen = [c for c in contacts if stage is None or c.stage is stage]
    return sorted(chosen, key=lambda c: (c.stage.index, c.rank, c.id))


def export_contacts(
    kind: ExportFormat,
    contacts: Sequence[Contact],
    *,
    now: datetime,
    interview_minutes: int = 30,
    letters: Mapping[int, Sequence[LetterLike]] | None = None,
    bom: bool = False,
) -> str:
    """The export as text; write it with ``.encode("utf-8")``."""
    if kind == "csv":
        return export_csv(contacts, bom=bom)
    if kind == "json":
        return export_json(contacts)
    if kind == "vcard":
        return export_vcard(contacts)
    if kind == "markdown":
        return export_markdown(contacts, letters)
    return export_ics(contacts, now=now, minutes=interview_minutes)
