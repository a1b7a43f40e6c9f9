"""``infoint timer``: the interview in progress, in one line, for a tmux status bar.

tmux runs this every few seconds, so it opens only the two files it needs, with
the store's own reader (``DataFolder`` / ``DocumentFile``), read-only: no lock
(saves replace files atomically, so a read sees the old or the new file, never
half of one), no backup, no migration on disk (an older file is migrated in
memory only), and a missing data folder is not created. The contacts are read
only when an interview is running.

    set -g status-right '#(infoint timer --tmux)'
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from ..core.contacts.model import CONTACTS, Contact
from ..core.dates import utc_now
from ..core.interviews import interview as interviews
from ..core.interviews.interview import INTERVIEWS
from ..core.store.folder import DataFolder
from ..core.text import clean_line
from .common import resolve_data_dir

NAME_LEN = 40  # a status bar is narrow


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
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
    """The current interview's line, or "" when none is running or paused.

    Raises CorruptFileError or NewerSchemaError as opening the store does.
    """
    if not data_dir.exists():
        return ""  # nothing saved yet, and a read-only open creates nothing
    folder = DataFolder(data_dir, (INTERVIEWS, CONTACTS), lazy=(CONTACTS.name,))
    folder.open(read_only=True)
    chosen = interviews.current(folder.file(INTERVIEWS), now)
    if chosen is None:
        return ""
    contact = folder.file(CONTACTS).get(chosen.contact_id)
    line = interviews.one_line(chosen, _name(contact), now)
    # tmux reads "#[...]" in a command's output as styling: a name is data, not markup.
    return line.replace("#", "##") if tmux else line


def _name(contact: Contact | None) -> str:
    if contact is None:
        return "Interview"
    name = clean_line(contact.name, NAME_LEN + 1)
    return name if len(name) <= NAME_LEN else name[: NAME_LEN - 1].rstrip() + "…"
