"""``infoint letter | templates``: render a letter for a contact, manage templates."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from difflib import get_close_matches
from pathlib import Path

from ..core.contacts import pipeline
from ..core.contacts.advice import top_note
from ..core.contacts.changes import ChangeSet, ContactChange
from ..core.contacts.followups import local_day
from ..core.contacts.model import Contact
from ..core.documents import Store
from ..core.exchange.exports import inside_folder
from ..core.letters.flow import latest_draft, letter_sent, still_missing
from ..core.letters.letter import Letter, write_letter_file
from ..core.letters.lint import lint_letter
from ..core.letters.render import (
    MissingField,
    RenderedLetter,
    find_company,
    render_letter,
    settable_letter_fields,
)
from ..core.letters.templates import (
    LetterTemplateError,
    TemplateInfo,
    copy_to_user,
    find_template,
    list_templates,
    read_template,
)
from ..core.profile import Profile
from ..core.settings import Settings, load_settings
from ..core.store.errors import SaveFailed
from ..core.text import show_controls
from ..paths import resource_dir, user_templates_dir
from .common import CommandError, open_store, print_json, resolve_data_dir, table


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    letter = commands.add_parser(
        "letter",
        parents=[common],
        help="render a letter template for a contact and print it",
        description="Render a letter for a contact. Exits 1, listing the empty fields on "
        "stderr, when the letter cannot be filled in completely. With --mark-sent, mark "
        "the contact's latest draft (or, with --template, the letter rendered now) sent "
        "instead, as the app's m key does: the contact moves on and the follow-up is set.",
    )
    letter.add_argument("id", type=int, help="the contact's id (see `infoint list`)")
    letter.add_argument("--template", "-t", help="a template name (required unless --mark-sent)")
    letter.add_argument(
        "--mark-sent",
        action="store_true",
        help="record the letter as sent: the latest draft, or the --template rendered now",
    )
    letter.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a letter.* value the template uses, e.g. --set visit_dates='3-5 Dec' (repeatable)",
    )
    letter.add_argument(
        "--allow-missing",
        action="store_true",
        help="print the letter even with empty fields, shown as [contact.hook]",
    )
    letter.add_argument("--eml", type=Path, metavar="FILE", help="also write an .eml draft")
    letter.set_defaults(handler=cmd_letter)

    templates = commands.add_parser(
        "templates", parents=[common], help="list letter templates (copy, show)"
    )
    templates.add_argument("--json", action="store_true", help="JSON for scripts")
    templates.set_defaults(handler=cmd_templates)
    actions = templates.add_subparsers(dest="templates_action", metavar="ACTION")
    copy = actions.add_parser(
        "copy", parents=[common], help="copy a bundled template to your own to edit"
    )
    copy.add_argument("name")
    copy.add_argument("--as", dest="new_name", metavar="NAME", help="a new name for the copy")
    copy.set_defaults(handler=cmd_templates_copy)
    show = actions.add_parser("show", parents=[common], help="print a template's source")
    show.add_argument("name")
    show.set_defaults(handler=cmd_templates_show)


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    return resource_dir("templates"), user_templates_dir(resolve_data_dir(args))


def parse_letter_values(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` pairs (``letter.`` before KEY is optional) as letter.* values."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().removeprefix("letter.")
        if not sep or not key.isidentifier() or key.startswith("_"):
            raise CommandError(f"--set wants KEY=VALUE, KEY a name like visit_dates, not {pair!r}")
        values[key] = value
    return values


def cmd_letter(args: argparse.Namespace) -> int:
    if args.mark_sent:
        return cmd_mark_sent(args)
    if args.template is None:
        raise CommandError(
            "--template NAME is required (or --mark-sent, to mark the latest draft sent)"
        )
    values = parse_letter_values(args.set)
    if args.eml is not None and inside_folder(args.eml, resolve_data_dir(args)):
        raise CommandError(
            f"{args.eml} is inside the data folder {resolve_data_dir(args)}, where it could "
            "replace infoint's own files; nothing was written. Choose a file outside that folder."
        )
    bundled, user = _folders(args)
    try:
        info = find_template(args.template, bundled, user)
        source = read_template(info.path)
    except LetterTemplateError as error:
        raise CommandError(str(error)) from error
    store = open_store(args)
    contact = store.contacts.get(args.id)
    if contact is None:
        raise CommandError(f"no contact with id {args.id}")
    settings = load_settings(store.data_dir)
    profile = store.profile
    rendered = _render(store, contact, info, source, values, settings)
    _refuse_unknown_values(values, settable_letter_fields(source), info.name)
    if rendered.missing and not args.allow_missing:
        _report_missing(rendered.missing)
        return 1
    if rendered.missing and args.eml is not None:
        raise CommandError("an .eml is only written for a complete letter (no empty fields)")
    print(rendered.text)
    for warning in lint_letter(
        rendered.subject,
        rendered.body,
        kind=rendered.kind,
        word_limit=settings.word_limit,
        note_limit=settings.linkedin_note_limit,
        hook=contact.hook,
        signature=profile.signature,
    ):
        print(f"infoint: note: {warning}", file=sys.stderr)
    top = top_note(contact.name, contact.title, contact.company, settings.top_titles)
    if top:
        print(f"infoint: note: {top}", file=sys.stderr)
    if args.eml is not None:
        _write_eml(args.eml, rendered, contact.name, contact.email, profile, store.clock())
    return 0


def _render(
    store: Store,
    contact: Contact,
    info: TemplateInfo,
    source: str,
    values: dict[str, str],
    settings: Settings,
) -> RenderedLetter:
    """The template rendered for the contact today, as the letter editor renders it."""
    try:
        rendered = render_letter(
            source,
            contact=contact,
            profile=store.profile,
            company=find_company(contact, store.companies.all().values()),
            values=values,
            today=local_day(store.clock()),
            follow_up_days=settings.rules.requested_business_days,
            calendar=settings.rules.calendar,
            name=info.name,
        )
    except ValueError as error:  # a --set name the renderer refuses
        raise CommandError(str(error)) from error
    if rendered.problem is not None:
        raise CommandError(f"template {info.name} ({info.path}), {rendered.problem}")
    return rendered


def cmd_mark_sent(args: argparse.Namespace) -> int:
    """``infoint letter ID --mark-sent``: the app's "mark sent" (m in the letter editor)."""
    values = parse_letter_values(args.set)
    if args.eml is not None:
        raise CommandError(
            "--eml writes a letter to send, --mark-sent records one sent: run them one at a time"
        )
    bundled, user = _folders(args)
    store = open_store(args, writes=True)
    contact = store.contacts.get(args.id)
    if contact is None:
        raise CommandError(f"no contact with id {args.id}")
    draft: Letter | None = None
    if args.template is None:
        draft = latest_draft(store.letters.all().values(), contact.id)
        if draft is None:
            raise CommandError(
                f"{contact.name} (contact {contact.id}) has no draft letter; "
                "pass --template NAME to render one and mark it sent"
            )
        if values:
            raise CommandError(
                "--set fills in a template: a draft is marked sent as it was saved "
                "(or pass --template NAME to render the letter afresh)"
            )
    name = draft.template if draft is not None else args.template
    try:
        info = find_template(name, bundled, user)
        source = read_template(info.path)
    except LetterTemplateError as error:
        whose = f"the draft's template {name!r}: " if draft is not None else ""
        raise CommandError(f"{whose}{error}; nothing was marked sent") from error
    settings = load_settings(store.data_dir)
    rendered = _render(store, contact, info, source, values, settings)
    now = store.clock()
    if draft is None:
        _refuse_unknown_values(values, settable_letter_fields(source), info.name)
        letter = Letter.create(
            contact.id,
            info.name,
            rendered.subject,
            rendered.body,
            now=now,
            promised_follow_up=rendered.promised,
        )
        missing = rendered.missing
    else:
        # The draft goes out as it was saved, with the follow-up day its text
        # promised; its template says what kind of letter it is.
        letter = draft
        missing = still_missing(rendered.missing, draft.subject, draft.body)
    if missing and not args.allow_missing:
        _report_missing(missing)
        return 1
    sent, after = letter_sent(
        letter,
        contact,
        kind=rendered.kind,
        now=now,
        rules=settings.rules,
        board=store.contacts.all().values(),
    )
    assert after is not None  # a contact was given
    # Written as the app writes them: the letter, then the contact.
    if sent.id:
        store.letters.put(sent)
    else:
        store.letters.insert(sent)
    change = ChangeSet(f"Sent a letter to {contact.name}", (ContactChange(contact, after),))
    try:
        dropped = pipeline.apply(store.contacts, change).dropped
    except SaveFailed as error:
        raise CommandError(
            f"{error} The letter was marked sent, but {contact.name} was not moved on."
        ) from error
    if dropped:
        raise CommandError(
            f"the letter was marked sent, but {contact.name} (contact {contact.id}) was "
            "deleted in another infoint just now"
        )
    moved = store.contacts.require(contact.id)
    due = f" on {moved.follow_up.isoformat()}" if moved.follow_up else ""
    following = f"; next: {moved.next_action}{due}" if moved.next_action else ""
    print(f"marked sent: {rendered.kind} to {moved.id} {moved.name}{following}")
    return 0


def _refuse_unknown_values(values: dict[str, str], known: tuple[str, ...], template: str) -> None:
    """A --set name neither the template nor the editor knows fills nothing: say so."""
    for key in values:
        if key not in known:
            close = get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise CommandError(
                f"unknown letter field {key!r} for --set{hint}; "
                f"known for {template}: {', '.join(known)}"
            )


def _report_missing(missing: tuple[MissingField, ...]) -> None:
    lines = ["infoint: the letter needs these empty fields:"]
    width = max(len(field.path) for field in missing)
    lines += [f"  {field.path:<{width}}  {field.label}" for field in missing]
    lines.append(
        "Fill them in (contact fields in the app, `infoint profile set FIELD VALUE`, "
        "--set KEY=VALUE for letter.*) or pass --allow-missing."
    )
    print("\n".join(lines), file=sys.stderr)


def _write_eml(
    path: Path,
    rendered: RenderedLetter,
    to_name: str,
    to_email: str,
    profile: Profile,
    now: datetime,
) -> None:
    try:
        # The letter editor's own writer: the same .eml, the same atomic write.
        write_letter_file(
            path,
            rendered.subject,
            rendered.body,
            to_name=to_name,
            to_email=to_email,
            from_name=profile.name,
            from_email=profile.email,
            now=now,
            as_eml=True,
        )
    except ValueError as error:
        raise CommandError(f"cannot write {path}: {error}") from error
    except OSError as error:
        raise CommandError(str(error)) from error
    print(f"infoint: wrote {path}", file=sys.stderr)


def cmd_templates(args: argparse.Namespace) -> int:
    bundled, user = _folders(args)
    infos = list_templates(bundled, user)
    if args.json:
        print_json(
            [
                {
                    "name": info.name,
                    "origin": info.origin,
                    "overrides_bundled": info.overrides_bundled,
                    "kind": info.kind,
                    "subject": info.subject,
                    "path": str(info.path),
                }
                for info in infos
            ]
        )
        return 0
    rows = [
        [
            info.name,
            "user (overrides bundled)" if info.overrides_bundled else info.origin,
            info.kind,
            info.subject,
        ]
        for info in infos
    ]
    print(table(rows, ["NAME", "SOURCE", "KIND", "SUBJECT"]))
    return 0


def cmd_templates_copy(args: argparse.Namespace) -> int:
    bundled, user = _folders(args)
    try:
        target = copy_to_user(args.name, bundled, user, args.new_name)
    except FileExistsError as error:
        raise CommandError(
            f"{error.filename} already exists; it was left as it is (edit it, or copy with --as)"
        ) from error
    except (LetterTemplateError, OSError) as error:
        raise CommandError(str(error)) from error
    print(target)
    return 0


def cmd_templates_show(args: argparse.Namespace) -> int:
    bundled, user = _folders(args)
    try:
        source = read_template(find_template(args.name, bundled, user).path)
    except LetterTemplateError as error:
        raise CommandError(str(error)) from error
    source = show_controls(source)  # a raw escape byte written out as \x1b, never sent
    print(source, end="" if source.endswith("\n") else "\n")
    return 0
