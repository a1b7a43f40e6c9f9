"""``infoint add | list | move | show``: the pipeline from the shell."""

from __future__ import annotations

import argparse

from ..core.contacts import pipeline
from ..core.contacts.adding import insert_on_top, new_contact
from ..core.contacts.model import CONTACT_FIELDS, Contact, Stage
from ..core.fields import ValidationError, display_value
from ..core.settings import load_settings
from ..core.store.errors import SaveFailed
from .common import CommandError, open_store, print_json, table


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    add = commands.add_parser("add", parents=[common], help="add a contact; prints its id")
    add.add_argument("--name", required=True)
    add.add_argument("--company", default="")
    add.add_argument("--title", default="")
    add.add_argument("--email", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--stage", default="target", help="a stage slug (default: target)")
    add.add_argument("--source", default="cold", help="referral or cold")
    add.add_argument("--referrer", default="")
    add.set_defaults(handler=cmd_add)

    listing = commands.add_parser("list", parents=[common], help="list contacts")
    listing.add_argument("--stage", help="only this stage (slug)")
    listing.add_argument("--json", action="store_true", help="JSON for scripts")
    listing.set_defaults(handler=cmd_list)

    move = commands.add_parser("move", parents=[common], help="move a contact to a stage")
    move.add_argument("id", type=int)
    move.add_argument("stage", help="target, requested, follow-up, scheduled, met, nurture, closed")
    move.set_defaults(handler=cmd_move)

    show = commands.add_parser("show", parents=[common], help="every field of a contact")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="JSON for scripts")
    show.set_defaults(handler=cmd_show)


def _stage(text: str) -> Stage:
    try:
        return Stage.parse(text)
    except ValidationError as error:
        raise CommandError(error.message) from error


def cmd_add(args: argparse.Namespace) -> int:
    stage = _stage(args.stage)
    values = {
        "name": args.name,
        "company": args.company,
        "title": args.title,
        "email": args.email,
        "phone": args.phone,
        "source": args.source,
        "referrer": args.referrer,
    }
    store = open_store(args, writes=True)
    # The contact as it enters its stage (history, next step), built as the
    # app's form builds it and before anything is written: the command is then
    # one insert, one write, stored whole or not at all.
    rules = load_settings(store.data_dir).rules
    try:
        contact = new_contact(values, stage, now=store.clock(), rules=rules)
    except ValidationError as error:
        raise CommandError(error.message) from error
    try:
        stored = insert_on_top(store.contacts, contact)
    except SaveFailed as error:
        raise CommandError(f"{error} {contact.name} was not added.") from error
    print(stored.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    stage = _stage(args.stage) if args.stage else None
    store = open_store(args)
    contacts = sorted(store.contacts.all().values(), key=lambda c: (c.stage.index, c.rank, c.id))
    if stage is not None:
        contacts = [contact for contact in contacts if contact.stage is stage]
    if args.json:
        print_json([contact.public_dict() for contact in contacts])
        return 0
    rows = [
        [
            str(contact.id),
            contact.stage.value,
            contact.name,
            contact.company,
            contact.follow_up.isoformat() if contact.follow_up else "",
        ]
        for contact in contacts
    ]
    print(table(rows, ["ID", "STAGE", "NAME", "COMPANY", "FOLLOW-UP"]))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    stage = _stage(args.stage)
    store = open_store(args, writes=True)
    contact = store.contacts.get(args.id)
    if contact is None:
        raise CommandError(f"no contact with id {args.id}")
    if contact.stage is stage:
        print(f"{contact.name} is already in {stage.label}")
        return 0
    rules = load_settings(store.data_dir).rules
    change = pipeline.move_change(
        contact, stage, store.contacts.all(), now=store.clock(), rules=rules
    )
    if pipeline.apply(store.contacts, change).dropped:
        raise CommandError(
            f"{contact.name} (contact {args.id}) was deleted in another infoint "
            "just now; nothing was moved"
        )
    moved = store.contacts.require(args.id)
    due = f"; next follow-up {moved.follow_up.isoformat()}" if moved.follow_up else ""
    print(f"Moved {moved.name} to {stage.label}{due}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    contact = store.contacts.get(args.id)
    if contact is None:
        raise CommandError(f"no contact with id {args.id}")
    if args.json:
        print_json(contact.public_dict())
        return 0
    print(describe(contact))
    return 0


# Every label padded to the longest one plus a space, so values line up after it.
_LABEL_WIDTH = max(len(spec.label) for spec in CONTACT_FIELDS[1:]) + 2


def describe(contact: Contact) -> str:
    lines = [f"#{contact.id}  {contact.name}  [{contact.stage.label}]"]
    indent = "\n" + " " * (2 + _LABEL_WIDTH)
    for spec in CONTACT_FIELDS[1:]:
        value = display_value(getattr(contact, spec.name))
        if value:
            lines.append(f"  {spec.label + ':':<{_LABEL_WIDTH}}{value.replace(chr(10), indent)}")
    lines.append("  Timeline:")
    for when, kind, text in pipeline.timeline(contact):
        lines.append(f"    {when.astimezone():%Y-%m-%d %H:%M}  {kind:<9} {text}")
    return "\n".join(lines)
