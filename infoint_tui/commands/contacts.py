"""``infoint add | list | move | show | log | set | delete``: the pipeline from the shell."""

from __future__ import annotations

import argparse

from ..core.contacts import followups, pipeline
from ..core.contacts.adding import insert_on_top, new_contact
from ..core.contacts.changes import ChangeSet, ContactChange
from ..core.contacts.model import CONTACT_FIELD_BY_NAME, CONTACT_FIELDS, Contact, Stage
from ..core.contacts.referrals import renamed_referrals
from ..core.documents import Store
from ..core.exchange.identity import Candidate, duplicate_warning, matches
from ..core.fields import FieldSpec, ValidationError, display_value
from ..core.settings import load_settings
from ..core.store.errors import SaveFailed
from .common import CommandError, confirm, open_store, print_json, table


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    add = commands.add_parser(
        "add",
        parents=[common],
        help="add a contact; prints its id",
        description="Add a contact with any field of the app's form, each checked as the "
        "form checks it.",
    )
    for spec in CONTACT_FIELDS:  # every field of the form, as --linkedin-url and so on
        add.add_argument(
            _option(spec.name),
            dest=spec.name,
            required=spec.required,
            metavar=_metavar(spec),
            help=_field_help(spec),
        )
    add.add_argument("--stage", default="target", help="a stage slug (default: target)")
    add.add_argument(
        "--force", action="store_true", help="add even when they seem to be in the pipeline"
    )
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

    log = commands.add_parser(
        "log",
        parents=[common],
        help="log a reply, call, meeting, e-mail or note on a contact's timeline",
        description="Log an interaction on the contact's timeline, as the app's l key does. "
        "A reply keeps the follow-ups promised to others at the same company (each is listed).",
    )
    log.add_argument("id", type=int)
    log.add_argument("kind", metavar="KIND", help=" | ".join(followups.INTERACTIONS))
    log.add_argument("text", nargs="*", help="what happened (default: the kind)")
    log.set_defaults(handler=cmd_log)

    setter = commands.add_parser(
        "set",
        parents=[common],
        help="change one field of a contact",
        description="Change one field of a contact, checked as the app's form checks it. "
        'An empty VALUE ("") clears an optional field. The stage: `infoint move`.',
    )
    setter.add_argument("id", type=int)
    setter.add_argument("field", metavar="FIELD", help=", ".join(_FIELD_NAMES))
    setter.add_argument("value", metavar="VALUE")
    setter.set_defaults(handler=cmd_set)

    delete = commands.add_parser(
        "delete",
        parents=[common],
        help="delete a contact (asks first)",
        description="Delete a contact, as the app does: its letters and interviews stay. "
        "Asks y/N on stdin first; no answer (end of input) is no.",
    )
    delete.add_argument("id", type=int)
    delete.add_argument("--yes", "-y", action="store_true", help="delete without asking")
    delete.set_defaults(handler=cmd_delete)


_FIELD_NAMES = tuple(spec.name for spec in CONTACT_FIELDS)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _metavar(spec: FieldSpec) -> str:
    return {"date": "YYYY-MM-DD", "datetime": "'YYYY-MM-DD HH:MM'", "tags": "TAG,TAG"}.get(
        spec.kind, spec.name.upper()
    )


def _field_help(spec: FieldSpec) -> str:
    hint = {
        "email": "name@example.com",
        "phone": "digits, spaces, + - ( ) and ext",
        "url": "https://…",
        "datetime": "your local time",
        "tags": "comma-separated",
        "choice": " or ".join(spec.choices),
    }.get(spec.kind)
    if spec.name == "source":
        hint = f"{hint}; default: cold"
    elif spec.name == "follow_up":
        hint = "wins over the date the stage's rule sets"
    return f"{spec.label} ({hint})" if hint else spec.label


def _stage(text: str) -> Stage:
    try:
        return Stage.parse(text)
    except ValidationError as error:
        raise CommandError(error.message) from error


def cmd_add(args: argparse.Namespace) -> int:
    stage = _stage(args.stage)
    values = {
        spec.name: getattr(args, spec.name)
        for spec in CONTACT_FIELDS
        if getattr(args, spec.name) is not None
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
    found = matches(Candidate.of_contact(contact), store.contacts.all().values())
    if found and not args.force:
        raise CommandError(
            f"{duplicate_warning(found)}; not added (--force adds {contact.name} anyway, "
            "infoint merge joins two records)"
        )
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


def _contact(store: Store, contact_id: int) -> Contact:
    contact = store.contacts.get(contact_id)
    if contact is None:
        raise CommandError(f"no contact with id {contact_id}")
    return contact


def who(contact: Contact) -> str:
    """``12 Ada Okafor (Northwind)``: how a command names a contact."""
    company = f" ({contact.company})" if contact.company else ""
    return f"{contact.id} {contact.name}{company}"


def next_step(contact: Contact) -> str:
    """``; next: Follow up on request on 2026-12-03``, or "" with no next step."""
    if not contact.next_action:
        return ""
    due = f" on {contact.follow_up.isoformat()}" if contact.follow_up else ""
    return f"; next: {contact.next_action}{due}"


def _apply(store: Store, change: ChangeSet, contact: Contact, nothing: str) -> None:
    """Write the change set; a contact deleted by another infoint meanwhile stays deleted."""
    if contact.id in pipeline.apply(store.contacts, change).dropped:
        raise CommandError(
            f"{contact.name} (contact {contact.id}) was deleted in another infoint "
            f"just now; {nothing}"
        )


def cmd_log(args: argparse.Namespace) -> int:
    kind = args.kind.strip().lower()
    if kind not in followups.INTERACTIONS:
        raise CommandError(
            f"{args.kind!r} is not something to log (one of: {', '.join(followups.INTERACTIONS)})"
        )
    text = " ".join(args.text).strip() or kind
    store = open_store(args, writes=True)
    contact = _contact(store, args.id)
    rules = load_settings(store.data_dir).rules
    now = store.clock()
    after = followups.log_interaction(contact, kind, text, now, rules)
    # A reply is news for the others at that company still waiting for one: the
    # app asks about them; from the shell their promised follow-ups are kept
    # (said on each timeline, as the app says it) and listed.
    others = (
        followups.waiting_at_company(store.contacts.all().values(), contact)
        if kind == "reply"
        else []
    )
    changes = [ContactChange(contact, after)]
    changes.extend(
        ContactChange(other, followups.after_reply_at_company(other, contact, keep=True, now=now))
        for other in others
    )
    verb = "from" if kind == "reply" else "with"
    _apply(
        store,
        ChangeSet(f"Logged a {kind} {verb} {contact.name}", tuple(changes)),
        contact,
        "nothing was logged",
    )
    logged = store.contacts.require(contact.id)
    print(f"logged {kind}: {logged.id} {logged.name}{next_step(logged)}")
    for other in others:
        kept = store.contacts.get(other.id)
        if kept is None:
            continue
        due = f"on {kept.follow_up.isoformat()}" if kept.follow_up else "(no date)"
        print(f"kept: {who(kept)} follow-up {due}")
    return 0


def _set_field(text: str, contact_id: int, value: str) -> str:
    """The field name typed (``linkedin-url`` is ``linkedin_url``), or a CommandError."""
    name = text.strip().lower().replace("-", "_")
    if name == "stage":
        raise CommandError(f"the stage changes with a move: infoint move {contact_id} {value}")
    if name not in CONTACT_FIELD_BY_NAME:
        raise CommandError(f"no field {text!r}; the fields are: {', '.join(_FIELD_NAMES)}")
    return name


def _shown(value: object) -> str:
    """A field's value on one line (a text of several lines: its first, and how many)."""
    lines = display_value(value).split("\n")
    return lines[0] if len(lines) == 1 else f"{lines[0]} … ({len(lines)} lines)"


def cmd_set(args: argparse.Namespace) -> int:
    field = _set_field(args.field, args.id, args.value)
    store = open_store(args, writes=True)
    contact = _contact(store, args.id)
    now = store.clock()
    values = {field: args.value}
    try:
        after = contact.with_values(values, now=now)  # the form's own check
    except ValidationError as error:
        raise CommandError(error.message) from error
    if getattr(after, field) == getattr(contact, field):
        print(f"{contact.id} {field} is already {_shown(getattr(contact, field)) or 'empty'}")
        return 0

    def again(fresh: Contact) -> Contact:
        # Another infoint changed the contact since: this one field, on its version.
        return fresh.with_values(values, now=now)

    # Renamed: those they referred keep naming them (as in the app).
    referred = renamed_referrals(contact, after, store.contacts.all().values(), now=now)
    change = ChangeSet(
        f"Edited {after.name}",
        (
            ContactChange(contact, after, again),
            *(ContactChange(before, later) for before, later in referred),
        ),
    )
    _apply(store, change, contact, "nothing was changed")
    shown = _shown(getattr(store.contacts.require(contact.id), field))
    print(f"set {contact.id} {field} = {shown}" if shown else f"cleared {contact.id} {field}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    store = open_store(args, writes=True)
    contact = _contact(store, args.id)
    if not args.yes:
        confirm(f"Delete {who(contact)}?", what=f"{who(contact)} was not deleted", verb="delete")
    # As the app deletes (Workflows.confirm_delete): the contact only; its
    # letters and interviews stay in their files.
    pipeline.apply(
        store.contacts, ChangeSet(f"Deleted {contact.name}", (ContactChange(contact, None),))
    )
    print(f"deleted {who(contact)}")
    return 0
