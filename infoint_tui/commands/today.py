"""``infoint today``: the agenda for a login script or a mail digest."""

from __future__ import annotations

import argparse

from ..core.contacts.agenda import agenda, as_text
from ..core.contacts.followups import local_day
from ..core.settings import load_settings
from .common import open_store, print_json


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    today = commands.add_parser("today", parents=[common], help="what is due today")
    today.add_argument("--json", action="store_true", help="JSON for scripts")
    today.set_defaults(handler=cmd_today)


def cmd_today(args: argparse.Namespace) -> int:
    store = open_store(args)
    now = store.clock()
    day = local_day(now)
    rules = load_settings(store.data_dir).rules
    sections = agenda(store.contacts.all().values(), day, rules, now=now)
    if args.json:
        print_json(
            {
                "date": day.isoformat(),
                "sections": {
                    name: [item.to_dict() for item in items] for name, items in sections.items()
                },
            }
        )
    else:
        print(as_text(sections, day))
    return 0
