"""The highest id ever issued for each kind of document, kept beside the data files.

A file's own ``_meta.next_id`` goes back in time with the file when an older
backup is restored, and TinyDB would take the next id from the highest one in
the table; but letters, interviews, network links and a running timer still
refer to the ids given out since. This small file is no data file's backup and
no restore replaces it, so it only ever grows, and every insert takes an id
above it (``DocumentFile`` reads and raises it under the data lock).
"""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_write
from .storage import MAX_ID, FileShapeError, load_json

FILE_NAME = "issued-ids.json"
VERSION = 1


def issued_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def read_issued(data_dir: Path) -> dict[str, int]:
    """Each kind's highest issued id. A missing or damaged file counts as none:
    the data files' own ids then decide, as before this file existed."""
    try:
        document = load_json(issued_path(data_dir).read_bytes())
    except (OSError, FileShapeError):
        return {}
    issued = document.get("issued") if isinstance(document, dict) else None
    if not isinstance(issued, dict):
        return {}
    return {
        kind: value for kind, value in issued.items() if type(value) is int and 0 <= value <= MAX_ID
    }


def raise_issued(data_dir: Path, kind: str, highest: int) -> None:
    """Record that ids up to ``highest`` were issued for ``kind``; never lowers
    a mark. Call under the data lock. Raises WriteFailed."""
    marks = read_issued(data_dir)
    if marks.get(kind, 0) >= highest:
        return
    marks[kind] = highest
    document = {"version": VERSION, "issued": dict(sorted(marks.items()))}
    atomic_write(issued_path(data_dir), (json.dumps(document, indent=1) + "\n").encode())
