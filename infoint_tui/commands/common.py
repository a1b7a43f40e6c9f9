"""What every subcommand shares: the data folder option, opening the store, output."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..core.store import Store
from ..paths import default_data_dir


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


def open_store(args: argparse.Namespace) -> Store:
    return Store(resolve_data_dir(args)).open()


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
