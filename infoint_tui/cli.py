"""The ``infoint`` command: the terminal app, or a scripting subcommand."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from . import __version__
from .commands.common import CommandError, data_dir_option, data_dir_problem, resolve_data_dir
from .core.store.atomic import check_folder_path
from .core.store.errors import DataDirError, StoreError
from .core.store.lock import LockTimeout
from .failure_log import LOG_NAME, Failure, FailureLog

if TYPE_CHECKING:
    from .core.documents import Store


def subcommand_modules() -> tuple[ModuleType, ...]:
    # Imported only when a subcommand (or --help) is asked for: opening the app
    # should not wait for the importers, Jinja2 and icalendar.
    from .commands import contacts, data, letters, meetings, network, people, profile, timer, today

    return (contacts, data, letters, meetings, network, people, profile, timer, today)


def opens_the_app(argv: Sequence[str]) -> bool:
    """True when the arguments are only the app's own options (no subcommand)."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--data-dir":
            index += 2
        elif arg == "--demo" or arg.startswith("--data-dir="):
            index += 1
        else:
            return False
    return True


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
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
    if with_commands:
        for module in subcommand_modules():
            module.register(commands, common)
    return parser


NOT_ON_WINDOWS = "infoint runs on Linux and macOS; on Windows, run it in WSL"


def native_windows() -> bool:
    """True on Windows itself (not WSL, which is Linux): the data folder's
    locks, file modes and hang-up handling are POSIX's."""
    return sys.platform == "win32" or os.name == "nt"


def main(argv: Sequence[str] | None = None) -> int:
    # First, before any command or the app is imported: one line, not a traceback.
    # (What this module imports above must stay importable everywhere.)
    if native_windows():
        print(NOT_ON_WINDOWS, file=sys.stderr)
        return 1
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=not opens_the_app(arguments))
    args = parser.parse_args(arguments)
    try:
        if not args.demo:  # a bad --data-dir stops here, before the app starts
            check_folder_path(resolve_data_dir(args))
        if args.command is None:
            return run_app(args)
        if args.demo:
            return run_on_demo(args)
        status: int = args.handler(args)
        return status
    except DataDirError as error:
        print(f"infoint: {data_dir_problem(args, error)}", file=sys.stderr)
        return 1
    except (CommandError, StoreError, LockTimeout) as error:
        print(f"infoint: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `infoint list | head` closes the pipe early: not an error.
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A bug: one line and the log, never a traceback over the terminal.
        path = log_path(args)
        logged = FailureLog(path).write(Failure(f"infoint {args.command or 'app'}", error))
        where = f"; details in {path}" if logged else ""
        print(f"infoint: stopped after an error ({type(error).__name__}){where}", file=sys.stderr)
        return 1


def log_path(args: argparse.Namespace) -> Path:
    """Where failures are logged: the data folder, or for the demo (whose folder
    is deleted on quit) a file of this user's in the temporary folder."""
    if getattr(args, "demo", False):
        return Path(tempfile.gettempdir()) / f"infoint-demo-{os.getuid()}.log"
    return resolve_data_dir(args) / LOG_NAME


@contextlib.contextmanager
def demo_store() -> Iterator[Store]:
    """A throwaway copy of the sample data, deleted afterwards (``--demo``)."""
    from .core.demo import populate
    from .core.documents import Store

    folder = Path(tempfile.mkdtemp(prefix="infoint-demo-"))
    try:
        store = Store(folder).open()
        populate(store)
        yield store
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_app(args: argparse.Namespace) -> int:
    # Starting makes about a million objects that live until quit (Textual's
    # modules and styles, the contacts): collecting garbage while they are made
    # walks them again and again, 35 to 100 ms before the first paint. The app
    # turns collection back on once the board is painted (InfointApp.on_mount).
    gc.disable()
    try:
        return _open_and_launch(args)
    finally:
        gc.enable()


def _open_and_launch(args: argparse.Namespace) -> int:
    from .core.documents import READ_AFTER_PAINT, Store

    if args.demo:
        with demo_store() as store:
            return _launch(store, demo=True, log=log_path(args))
    # The board needs only the contacts: the rest is read, and checked, after
    # the first paint.
    store = Store(resolve_data_dir(args)).open(defer=READ_AFTER_PAINT)
    return _launch(store, demo=False, log=log_path(args))


def run_on_demo(args: argparse.Namespace) -> int:
    """A command with --demo runs on its own throwaway copy of the sample data
    (``infoint --demo people chen``): the user's data is never read or touched."""
    with demo_store() as store:
        args.data_dir = store.data_dir
        status: int = args.handler(args)
    print("infoint: --demo ran this on a throwaway copy of the sample data", file=sys.stderr)
    return status


def _launch(store: Store, *, demo: bool, log: Path) -> int:
    from .app import InfointApp

    app = InfointApp(store, demo=demo, log_path=log)
    try:
        app.run()
    finally:
        # However the app ended (a quit, a hang-up, a crash), write what is queued.
        app.session.close(10)
    return app.return_code or 0
