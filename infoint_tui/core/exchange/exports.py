"""Choosing the contacts to export and running one exporter by name."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Literal, get_args

from ..contacts.model import Contact, Stage
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


def inside_folder(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies anywhere under it, symlinks and
    ``..`` resolved in both (neither needs to exist). An export must never be
    written there: it could replace the data files or a backup of them."""
    target = Path(os.path.abspath(path.expanduser())).resolve()
    home = Path(os.path.abspath(folder.expanduser())).resolve()
    if target.is_relative_to(home):
        return True
    # The same folder by another name (a bind mount, a case-insensitive disk).
    try:
        if not home.is_dir():
            return False
        return any(
            parent.is_dir() and os.path.samefile(parent, home)
            for parent in (target, *target.parents)
        )
    except OSError:
        return False
