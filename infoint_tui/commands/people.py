"""``infoint merge``: two records of one person joined from the shell."""

from __future__ import annotations

import argparse

from ..core.contacts.merging import MergeRefused, merge_in_files
from .common import CommandError, confirm, open_store
from .contacts import _contact, who


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    merge = commands.add_parser(
        "merge",
        parents=[common],
        help="join two contacts of the same person (asks first)",
        description="Merge contact OTHER_ID into KEEP_ID, as the app's M does: KEEP_ID's "
        "fields win, an empty one takes OTHER_ID's; the timeline, stage history, questions "
        "and tags of both are kept; OTHER_ID's letters, interviews and network people move "
        "to KEEP_ID, and OTHER_ID is deleted. Asks y/N on stdin first; no answer (end of "
        "input) is no.",
    )
    merge.add_argument("keep", type=int, metavar="KEEP_ID", help="the contact that stays")
    merge.add_argument("other", type=int, metavar="OTHER_ID", help="the contact merged into it")
    merge.add_argument("--yes", "-y", action="store_true", help="merge without asking")
    merge.set_defaults(handler=cmd_merge)


def cmd_merge(args: argparse.Namespace) -> int:
    if args.keep == args.other:
        raise CommandError(f"contact {args.keep} cannot be merged with itself: give two ids")
    store = open_store(args, writes=True)
    keep, other = _contact(store, args.keep), _contact(store, args.other)
    if not args.yes:
        confirm(
            f"Merge {who(other)} into {who(keep)}?",
            what=f"{who(other)} was not merged",
            verb="merge",
        )
    try:
        merged = merge_in_files(store, keep.id, other.id, now=store.clock())
    except MergeRefused as error:  # another infoint deleted one of them just now
        raise CommandError(f"{error}; nothing was merged") from error
    kept, removed = merged.contact, merged.removed
    print(
        f"merged {removed.id} {removed.name} into {kept.id} {kept.name}: "
        f"{merged.moved.describe()} moved"
    )
    return 0
