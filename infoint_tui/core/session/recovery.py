"""Changes that could not be saved when the app had to stop, kept for the next start.

When the terminal goes away (or the app is told to stop) while a save keeps
failing (a full disk, a folder gone read-only), the changes still waiting are
written here instead of being dropped: beside the data when that works, else
in the user's state folder, else in the temporary folder. The next start
offers them: apply, discard, or show.

What is kept is data, not code: a contact change as its before and after, a
document as the document. A change of another kind (an import, a promotion)
is kept as its description only, so the user at least learns it was lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from ..contacts.changes import ChangeSet, ContactChange
from ..contacts.model import Contact
from ..dates import format_timestamp, parse_timestamp
from ..store.atomic import atomic_write

RECOVERY_NAME = "unsaved-changes.json"
VERSION = 1


@dataclass(frozen=True)
class Pending:
    """One change the saver had not written: what to show, and how to apply it.

    ``kind`` is "contacts" (``data`` holds the change set), "document" (``data``
    holds the file's name, the document and its id) or "lost" (nothing to apply).
    """

    description: str
    kind: str
    data: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"description": self.description, "kind": self.kind, "data": dict(self.data)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Pending:
        kind = str(raw.get("kind", "lost"))
        data = raw.get("data")
        return cls(
            str(raw.get("description", "a change")),
            kind if kind in ("contacts", "document") else "lost",
            data if isinstance(data, dict) else {},
        )


def contact_changes(change_set: ChangeSet) -> Pending:
    changes = [
        {
            "id": change.contact_id,
            "before": change.before.to_dict() if change.before else None,
            "after": change.after.to_dict() if change.after else None,
        }
        for change in change_set.changes
    ]
    return Pending(change_set.description, "contacts", {"changes": changes})


def document(description: str, file: str, value: Any) -> Pending:
    return Pending(
        description, "document", {"file": file, "id": value.id, "document": value.to_dict()}
    )


def lost(description: str) -> Pending:
    return Pending(description, "lost", {})


def change_set_of(pending: Pending) -> ChangeSet:
    """The contact change set a kept "contacts" change stands for."""

    def contact(raw: object, contact_id: int) -> Contact | None:
        return Contact.from_dict(raw, contact_id) if isinstance(raw, dict) else None

    changes = []
    for raw in pending.data.get("changes", ()):
        contact_id = int(raw.get("id", 0))
        before, after = (
            contact(raw.get("before"), contact_id),
            contact(raw.get("after"), contact_id),
        )
        if before is not None or after is not None:
            changes.append(ContactChange(before, after))
    return ChangeSet(pending.description, tuple(changes))


@dataclass(frozen=True)
class Recovery:
    """What a session that ended left unsaved, and where it is kept."""

    ended_at: datetime
    changes: tuple[Pending, ...]
    path: Path

    @property
    def applicable(self) -> tuple[Pending, ...]:
        return tuple(change for change in self.changes if change.kind != "lost")


def places(data_dir: Path) -> Iterator[Path]:
    """Where a recovery file may be, the first choice first."""
    yield data_dir / RECOVERY_NAME
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    name = f"infoint-unsaved-{key}.json"
    yield Path(platformdirs.user_state_dir("infoint", appauthor=False)) / name
    yield Path(tempfile.gettempdir()) / f"{os.getuid()}-{name}"


def keep(data_dir: Path, changes: Sequence[Pending], ended_at: datetime) -> Path | None:
    """Write ``changes`` where they can be written; the path, or None if nowhere."""
    if not changes:
        return None
    found = find(data_dir)  # an earlier session's changes are kept too
    earlier = found.changes if found is not None else ()
    body = {
        "version": VERSION,
        "ended_at": format_timestamp(ended_at),
        "data_dir": str(data_dir),
        "changes": [change.to_dict() for change in (*earlier, *changes)],
    }
    raw = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    for path in places(data_dir):
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write(path, raw)
        except Exception:  # a full disk, a read-only folder: try the next place
            continue
        if found is not None and found.path != path:
            discard(found)
        return path
    return None


def find(data_dir: Path) -> Recovery | None:
    """The changes an earlier session left unsaved, if any (a damaged file is skipped)."""
    for path in places(data_dir):
        try:
            raw = json.loads(path.read_bytes())
            changes = tuple(Pending.from_dict(item) for item in raw["changes"])
            ended = parse_timestamp(str(raw["ended_at"]))
        except FileNotFoundError:
            continue
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue
        if changes:
            return Recovery(ended, changes, path)
    return None


def discard(recovery: Recovery) -> None:
    with contextlib.suppress(FileNotFoundError):
        recovery.path.unlink()
