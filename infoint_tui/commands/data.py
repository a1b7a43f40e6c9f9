"""``infoint backups | restore``: the safety net, from the shell."""

from __future__ import annotations

import argparse

from ..core.documents import Store
from ..core.store.backups import find_backup, list_backups, readable
from .common import CommandError, resolve_data_dir, table


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    backups = commands.add_parser("backups", parents=[common], help="list the backups")
    backups.set_defaults(handler=cmd_backups)
    restore = commands.add_parser(
        "restore", parents=[common], help="restore a backup (the current file is backed up first)"
    )
    restore.add_argument("file", help="a backup's name, as `infoint backups` lists it")
    restore.set_defaults(handler=cmd_restore)


def cmd_backups(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args)
    found = list_backups(data_dir)
    if not found:
        print(f"No backups yet in {data_dir / 'backups'}")
        return 0
    rows = [
        [
            backup.path.name,
            backup.file,
            f"{backup.taken:%Y-%m-%d %H:%M}",
            f"{backup.size:,}",
            "ok" if backup.readable else "UNREADABLE",
        ]
        for backup in found
    ]
    print(table(rows, ["BACKUP", "OF", "TAKEN", "BYTES", "STATE"]))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args)
    try:
        source = find_backup(data_dir, args.file)
    except FileNotFoundError as error:
        raise CommandError(str(error)) from error
    if not readable(source):
        raise CommandError(f"{source} is not a readable infoint file; nothing was changed")
    target = data_dir / (source.name.split(".", 1)[0] + ".json")
    store = Store(data_dir)
    file = next((file for file in store.files if file.kind.filename == target.name), None)
    if file is None:
        raise CommandError(f"{source.name} is not a backup of an infoint data file")
    if not file.opens(source):  # parses, but a document in it would not load
        raise CommandError(f"{source} is not a readable infoint file; nothing was changed")
    # Backs up the current file first, and keeps the ids it issued issued.
    saved = file.restore_from(source)
    # Opening checks the restored file end to end (and migrates an older one);
    # a file read lazily (the network) is read now so the check covers it too.
    reopened = Store(data_dir).open()
    for file in reopened.files:
        if file.kind.filename == target.name:
            file.ensure_loaded()
    kept = f" The previous file was kept as {saved.name}." if saved else ""
    print(f"Restored {target.name} from {source.name}.{kept}")
    return 0
