"""``infoint profile show | set``: who the letters are from."""

from __future__ import annotations

import argparse
import sys

from ..core.fields import ValidationError, display_value
from ..core.profile import PROFILE_FIELDS, Profile
from .common import CommandError, open_store, print_json

_STDIN = "-"
_STDIN_LIMIT = 100_000  # a signature, not a novel: read no more than this


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    names = ", ".join(spec.name for spec in PROFILE_FIELDS)
    profile = commands.add_parser(
        "profile", parents=[common], help="show or set your profile (what letters are signed with)"
    )
    profile.add_argument("--json", action="store_true", help="JSON for scripts")
    profile.set_defaults(handler=cmd_profile_show)
    actions = profile.add_subparsers(dest="profile_action", metavar="ACTION")
    show = actions.add_parser("show", parents=[common], help="every profile field")
    show.add_argument("--json", action="store_true", help="JSON for scripts")
    show.set_defaults(handler=cmd_profile_show)
    setter = actions.add_parser(
        "set",
        parents=[common],
        help="set one profile field",
        description=f"Set one profile field: {names}. An empty VALUE clears it.",
    )
    setter.add_argument("field", help=names)
    setter.add_argument("value", help="the new value; - reads it from stdin (for a signature)")
    setter.set_defaults(handler=cmd_profile_set)


def cmd_profile_show(args: argparse.Namespace) -> int:
    profile = open_store(args).profile
    if args.json:
        print_json(profile.to_dict())
        return 0
    print(describe(profile))
    return 0


def describe(profile: Profile) -> str:
    width = max(len(spec.label) for spec in PROFILE_FIELDS) + 2
    lines = []
    for spec in PROFILE_FIELDS:
        value = display_value(getattr(profile, spec.name)) or "(empty)"
        value = value.replace("\n", "\n" + " " * width)
        lines.append(f"{spec.label + ':':<{width}}{value}")
    return "\n".join(lines)


def cmd_profile_set(args: argparse.Namespace) -> int:
    raw: str = args.value
    if raw == _STDIN:
        raw = sys.stdin.read(_STDIN_LIMIT)
    store = open_store(args, writes=True)
    with store.locked():
        store.profiles.refresh()  # another session may have set a different field
        try:
            profile = store.profile.with_value(args.field, raw)
        except ValidationError as error:
            raise CommandError(str(error)) from error
        store.save_profile(profile)
    value = display_value(getattr(profile, args.field)) or "(empty)"
    print(f"{args.field}: {value}")
    return 0
