"""What every subcommand shares: the data folder option, opening the store, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..core.documents import Store
from ..core.store.errors import DataDirError
from ..paths import DATA_DIR_ENV, default_data_dir


class CommandError(Exception):
    """A failure to report as ``infoint: message`` with exit status 1."""


def data_dir_option(parser: argparse.ArgumentParser, *, suppress_default: bool) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS if suppress_default else None,
        help="data folder (default: $INFOINT_DATA_DIR or the platform's user data folder)",
    )


def resolve_data_dir(args: argparse.Namespace) -> Path:
    chosen: Path | None = getattr(args, "data_dir", None)
    return (chosen or default_data_dir()).expanduser()


def data_dir_problem(args: argparse.Namespace, error: DataDirError) -> str:
    """The error in one line, naming where the data folder came from."""
    if error.path != resolve_data_dir(args):
        return str(error)  # a folder inside it (the backups)
    if getattr(args, "data_dir", None) is not None:
        return f"--data-dir {error.path} {error.problem}"
    if os.environ.get(DATA_DIR_ENV):
        return f"the data folder {error.path} (${DATA_DIR_ENV}) {error.problem}"
    return f"the data folder {error.path} {error.problem}"


def open_store(args: argparse.Namespace, *, writes: bool = False) -> Store:
    return opened(Store(resolve_data_dir(args)), writes=writes)


def opened(store: Store, *, writes: bool = False) -> Store:
    """Open the store. Read-only data (a read-only file system, a folder the user
    cannot write) is shown as usual with a note on stderr; a command that
    ``writes`` is refused at once instead (ReadOnlyData, exit status 1)."""
    store.open()
    if store.read_only:
        if writes:
            store.check_writable()
        print(
            f"infoint: note: the data folder {store.data_dir} is read-only "
            f"({store.read_only_reason}): showing it as it is; nothing can be saved",
            file=sys.stderr,
        )
    return store


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(rows: list[list[str]], headers: list[str]) -> str:
    """Plain aligned columns for a terminal or a pipe."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.extend(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    return "\n".join(lines)


def confirm(question: str, *, what: str, verb: str) -> None:
    """Ask ``question [y/N]`` on stderr; anything but y (or the end of input)
    raises CommandError saying ``what`` was not done and that --yes would
    ``verb`` without asking."""
    print(f"{question} [y/N]", end=" ", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line or not sys.stdin.isatty():
        print(file=sys.stderr)  # what is said next starts on a line of its own
    if not line:
        raise CommandError(f"no answer (end of input): {what}; pass --yes to {verb} without asking")
    if line.strip().lower() not in ("y", "yes"):
        raise CommandError(what)
