"""Rotating daily backups of each data file, and restoring one."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .atomic import atomic_write, ensure_private_dir
from .errors import LinkRefused
from .storage import FileShapeError, parse_tables

BACKUP_DIR = "backups"
KEEP_DAILY = 7
COPY_BLOCK = 1 << 16
_DAILY = re.compile(r"^(?P<stem>[a-z_-]+)\.(?P<day>\d{4}-\d{2}-\d{2})\.json$")


@dataclass(frozen=True)
class Backup:
    path: Path
    file: str  # the data file it copies, e.g. "contacts.json"
    taken: datetime
    size: int
    readable: bool


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def daily_backup_path(data_path: Path, day: date) -> Path:
    return backup_dir(data_path.parent) / f"{data_path.stem}.{day.isoformat()}.json"


def take_daily_backup(data_path: Path, day: date) -> Path | None:
    """Copy the current file once per day (call under the lock, before a write).

    Returns the backup written, or None when today's exists or there is nothing yet.
    Raises LinkRefused (not an OSError: the save stops) when today's backup is a
    symbolic link, which ``exists()`` would follow.
    """
    target = daily_backup_path(data_path, day)
    if target.is_symlink():
        raise LinkRefused(target)
    if target.exists() or not data_path.exists():
        return None
    with data_path.open("rb") as source:
        head = source.read(COPY_BLOCK)
    if not head.strip() and len(head) < COPY_BLOCK:
        return None
    ensure_private_dir(target.parent)
    # Make room first: a crash between the two steps then leaves six, never eight.
    prune(data_path, keep=KEEP_DAILY - 1)
    atomic_write(target, _blocks(data_path))
    return target


def _blocks(path: Path) -> Iterator[bytes]:
    """The file a block at a time: a 7 MB copy read whole would stay in the
    process (the allocator keeps the space) for the rest of the session."""
    with path.open("rb") as source:
        while block := source.read(COPY_BLOCK):
            yield block


def copy_file(source: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``source``, atomically (a restore)."""
    atomic_write(target, _blocks(source))


def take_named_backup(data_path: Path, label: str, moment: datetime) -> Path | None:
    """A one-off backup before a migration or a restore; never rotated away."""
    if not data_path.exists():
        return None
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir(data_path.parent) / f"{data_path.stem}.{label}-{stamp}.json"
    # Two restores within one second must not overwrite the first one's copy.
    counter = 1
    while target.exists():
        counter += 1
        target = target.with_name(f"{data_path.stem}.{label}-{stamp}-{counter}.json")
    ensure_private_dir(target.parent)
    atomic_write(target, _blocks(data_path))
    return target


def prune(data_path: Path, keep: int = KEEP_DAILY) -> None:
    dailies = sorted(
        (entry for entry in _entries(data_path.parent) if _daily_stem(entry) == data_path.stem),
        key=lambda entry: entry.name,
        reverse=True,
    )
    for stale in dailies[keep:]:
        stale.unlink(missing_ok=True)


def _entries(data_dir: Path) -> list[Path]:
    folder = backup_dir(data_dir)
    return [entry for entry in folder.iterdir() if entry.is_file()] if folder.is_dir() else []


def _daily_stem(entry: Path) -> str | None:
    match = _DAILY.match(entry.name)
    return match.group("stem") if match else None


def readable(path: Path) -> bool:
    try:
        raw = path.read_bytes()
        parse_tables(raw)
    except (OSError, FileShapeError):
        return False
    return bool(raw.strip())  # an empty file is nothing to restore


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup, newest first within each data file."""
    found: list[Backup] = []
    for entry in _entries(data_dir):
        if not entry.name.endswith(".json"):
            continue
        stat = entry.stat()
        file = entry.name.split(".", 1)[0] + ".json"
        found.append(
            Backup(
                path=entry,
                file=file,
                taken=datetime.fromtimestamp(stat.st_mtime).astimezone(),
                size=stat.st_size,
                readable=readable(entry),
            )
        )
    return sorted(found, key=lambda backup: (backup.file, -backup.taken.timestamp()))


def newest_good_backup(data_path: Path, opens: Callable[[Path], bool] | None = None) -> Path | None:
    """The newest backup of ``data_path`` that parses and, given ``opens``, that
    ``opens`` accepts (``DocumentFile.opens``: every document reads), so the
    backup a message offers is one that restores."""
    for backup in list_backups(data_path.parent):
        if (
            backup.file == data_path.name
            and backup.readable
            and (opens is None or opens(backup.path))
        ):
            return backup.path
    return None


def find_backup(data_dir: Path, name: str) -> Path:
    """A backup by its file name (or a path to one)."""
    direct = Path(name)
    if direct.is_file():
        return direct
    candidate = backup_dir(data_dir) / os.path.basename(name)
    if candidate.is_file():
        return candidate
    raise FileNotFoundError(f"no backup named {name!r} in {backup_dir(data_dir)}")
