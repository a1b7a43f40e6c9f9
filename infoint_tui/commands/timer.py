"""``infoint timer``: the interview in progress, in one line, for a tmux status bar.

tmux runs this every few seconds, so it reads the two files it needs straight
from disk and never writes: no lock (saves replace files atomically, so a read
sees the old or the new file, never half of one), no backup, no migration on
disk (an older file is migrated in memory only), and a missing data folder is
not created.

    set -g status-right '#(infoint timer --tmux)'
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.contacts.model import CONTACTS, Contact
from ..core.dates import utc_now
from ..core.interviews import interview as interviews
from ..core.interviews.interview import INTERVIEWS, Interview
from ..core.store.backups import newest_good_backup
from ..core.store.docfile import META_TABLE, FileKind, M
from ..core.store.errors import CorruptFileError, NewerSchemaError
from ..core.store.storage import FileShapeError, Tables, parse_tables
from ..core.text import clean_line
from .common import resolve_data_dir

NAME_LEN = 40  # a status bar is narrow


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    timer = commands.add_parser(
        "timer",
        parents=[common],
        help="the running interview in one line, for a tmux status bar (prints nothing if none)",
    )
    timer.add_argument(
        "--tmux", action="store_true", help="escape '#' so tmux shows names literally"
    )
    timer.set_defaults(handler=cmd_timer)


def cmd_timer(args: argparse.Namespace) -> int:
    line = status_line(resolve_data_dir(args), utc_now(), tmux=args.tmux)
    if line:
        print(line)
    return 0


def status_line(data_dir: Path, now: datetime, *, tmux: bool = False) -> str:
    """The current interview's line, or "" when none is running or paused."""
    path = data_dir / INTERVIEWS.filename
    documents = read_documents(path, INTERVIEWS)
    loaded = [_load(path, INTERVIEWS, document, int(key)) for key, document in documents.items()]
    chosen = interviews.current(loaded, now)
    if chosen is None:
        return ""
    line = interviews.one_line(chosen, _name(data_dir, chosen), now)
    # tmux reads "#[...]" in a command's output as styling: a name is data, not markup.
    return line.replace("#", "##") if tmux else line


def _name(data_dir: Path, interview: Interview) -> str:
    path = data_dir / CONTACTS.filename
    document = read_documents(path, CONTACTS).get(str(interview.contact_id))
    if document is None:
        return "Interview"
    contact: Contact = _load(path, CONTACTS, document, interview.contact_id)
    name = clean_line(contact.name, NAME_LEN + 1)
    return name if len(name) <= NAME_LEN else name[: NAME_LEN - 1].rstrip() + "…"


def _load(path: Path, kind: FileKind[M], document: Mapping[str, Any], doc_id: int) -> M:
    try:
        return kind.load(document, doc_id)
    except (ValueError, KeyError, TypeError) as error:
        raise CorruptFileError(
            path, f"has a bad document {doc_id}: {error}", newest_good_backup(path)
        ) from error


def read_documents(path: Path, kind: FileKind[Any]) -> dict[str, dict[str, Any]]:
    """The raw documents of one data file, read without the lock and never written.

    Raises CorruptFileError or NewerSchemaError like ``DocumentFile.load``.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise CorruptFileError(path, f"cannot be read ({error.strerror})", None) from error
    try:
        tables = parse_tables(raw)
        version = _version(tables, kind)
    except FileShapeError as error:
        raise CorruptFileError(path, str(error), newest_good_backup(path)) from error
    if version > kind.version:
        raise NewerSchemaError(path, version, kind.version)
    while version < kind.version:
        step = kind.migrations.get(version)
        if step is None:
            raise CorruptFileError(
                path, f"has schema version {version}, which cannot be migrated", None
            )
        tables = step(tables)
        version += 1
    return tables.get(kind.name, {})


def _version(tables: Tables, kind: FileKind[Any]) -> int:
    """The file's schema version, checked as ``DocumentFile`` checks it."""
    if not tables:
        return kind.version
    meta = tables.get(META_TABLE, {}).get("1")
    if meta is None:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or version < 0:
        raise FileShapeError(f"has a schema version that is not a number: {version!r}")
    if meta.get("kind") != kind.name:
        raise FileShapeError(f"holds {meta.get('kind')!r} documents, expected {kind.name!r}")
    return version
