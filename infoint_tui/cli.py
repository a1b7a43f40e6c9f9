"""The ``infoint`` command: the terminal app, or a scripting subcommand."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import contacts, data, letters, network, profile, timer, today
from .commands.common import CommandError, data_dir_option, resolve_data_dir
from .core.errors import StoreError
from .core.lock import LockTimeout

SUBCOMMANDS = (contacts, data, letters, network, profile, timer, today)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="infoint",
        description="A keyboard-first workspace for informational interviews. "
        "With no subcommand, opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"infoint {__version__}")
    data_dir_option(parser, suppress_default=False)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open on a throwaway copy of sample data (your own data is not touched)",
    )
    common = argparse.ArgumentParser(add_help=False)
    data_dir_option(common, suppress_default=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        status: int = args.handler(args)
        return status
    except (CommandError, StoreError, LockTimeout) as error:
        print(f"infoint: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `infoint list | head` closes the pipe early: not an error.
        return 0
    except KeyboardInterrupt:
        return 130


def run_app(args: argparse.Namespace) -> int:
    from .core.store import Store

    if args.demo:
        from .core.demo import populate

        folder = Path(tempfile.mkdtemp(prefix="infoint-demo-"))
        try:
            store = Store(folder).open()
            populate(store)
            return _launch(store, demo=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    store = Store(resolve_data_dir(args)).open()
    return _launch(store, demo=False)


def _launch(store: object, *, demo: bool) -> int:
    from .app import InfointApp
    from .core.store import Store

    assert isinstance(store, Store)
    app = InfointApp(store, demo=demo)
    app.run()
    return app.return_code or 0
