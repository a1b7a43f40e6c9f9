"""``infoint import | network | promote | export``: the network and exports from the shell.

Imports parse the whole file first; a malformed file stops before the data
folder is touched. The plan is then computed and written in one batch under
the data lock, so an import lands whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.contacts.model import Stage
from ..core.documents import Store
from ..core.exchange import (
    EXPORT_FORMATS,
    CsvLayout,
    ExportFormat,
    ImportFormatError,
    ImportPlan,
    LetterLike,
    ParsedFile,
    Person,
    apply_plan,
    export_contacts,
    filter_people,
    inspect_csv,
    parse_csv,
    parse_linkedin,
    parse_vcards,
    plan_import,
    select_contacts,
)
from ..core.exchange.exports import inside_folder
from ..core.exchange.identity import search
from ..core.fields import ValidationError
from ..core.flows import promote_person
from ..core.store.atomic import WriteFailed, atomic_write
from ..core.store.docfile import DocumentFile
from ..core.store.errors import NotFound
from .common import CommandError, opened, print_json, resolve_data_dir, table

MAX_FILE_BYTES = 200 * 1024 * 1024  # far above LinkedIn's 30,000 rows; refuses a wrong file


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    importing = commands.add_parser(
        "import", parents=[common], help="import people into the network (LinkedIn, CSV, vCard)"
    )
    formats = importing.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    linkedin = formats.add_parser(
        "linkedin", parents=[common], help="LinkedIn's Connections.csv (Get a copy of your data)"
    )
    csv = formats.add_parser(
        "csv",
        parents=[common],
        help="any CSV of people; prints the guessed column mapping first",
        description="Prints how each column will be read, then asks before importing. "
        "Not on a terminal (a script or a pipe) it refuses unless --yes is given.",
    )
    csv.add_argument("--yes", action="store_true", help="import without asking")
    csv.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read column HEADER as FIELD (name, first_name, last_name, company, position, "
        "email, phone, linkedin_url, connected_on, notes, or skip); repeatable",
    )
    vcard = formats.add_parser("vcard", parents=[common], help="a .vcf file of one or many cards")
    for parser, handler in ((linkedin, cmd_import_linkedin), (csv, cmd_import_csv)):
        parser.set_defaults(handler=handler)
    vcard.set_defaults(handler=cmd_import_vcard)
    for parser in (linkedin, csv, vcard):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )

    network = commands.add_parser("network", parents=[common], help="list the people you know")
    network.add_argument("--company", help="only people whose company contains this text")
    network.add_argument("--json", action="store_true", help="JSON for scripts")
    network.set_defaults(handler=cmd_network)

    people = commands.add_parser(
        "people",
        parents=[common],
        help="find someone across the pipeline and the network",
        description="Everyone whose name, company, title or e-mail holds every word "
        "given; a contact and the network people linked to them are one row.",
    )
    people.add_argument("search", nargs="+", metavar="WORD")
    people.add_argument("--json", action="store_true", help="JSON for scripts")
    people.set_defaults(handler=cmd_people)

    promote = commands.add_parser(
        "promote", parents=[common], help="add a person from the network to the pipeline (Target)"
    )
    promote.add_argument("id", type=int, help="the person's id, as `infoint network` lists it")
    promote.add_argument(
        "--referred-by", default="", metavar="NAME", help="who is introducing them"
    )
    promote.set_defaults(handler=cmd_promote)

    export = commands.add_parser(
        "export", parents=[common], help="export contacts (csv, json, vcard, markdown, ics)"
    )
    export.add_argument("format", choices=EXPORT_FORMATS)
    export.add_argument("--stage", help="only this stage (slug)")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never a data file)"
    )
    export.set_defaults(handler=cmd_export)


# -- the network file ------------------------------------------------------------
def open_network(
    args: argparse.Namespace, *, writes: bool = True
) -> tuple[Store, DocumentFile[Person]]:
    store = Store(resolve_data_dir(args))
    network = store.network
    opened(store, writes=writes)
    return store, network


# -- import ----------------------------------------------------------------------
def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CommandError(f"{path} is {size:,} bytes: too large for a contacts export")
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from error


def _parse(path: Path, parse: Callable[[bytes], ParsedFile]) -> ParsedFile:
    raw = _read(path)
    try:
        return parse(raw)
    except ImportFormatError as error:
        raise CommandError(f"{path}: {error}. Nothing was imported.") from error


def cmd_import_linkedin(args: argparse.Namespace) -> int:
    return _import(args, _parse(args.file, parse_linkedin))


def cmd_import_vcard(args: argparse.Namespace) -> int:
    return _import(args, _parse(args.file, parse_vcards))


def cmd_import_csv(args: argparse.Namespace) -> int:
    overrides = _overrides(args.map)
    raw = _read(args.file)
    try:
        layout = inspect_csv(raw, overrides)
    except ImportFormatError as error:
        raise CommandError(f"{args.file}: {error}. Nothing was imported.") from error
    print(describe_layout(layout))
    if not args.dry_run and not args.yes and not _confirmed("Import with this mapping?"):
        print("Nothing was imported.")
        return 0
    try:
        parsed = parse_csv(raw, overrides)
    except ImportFormatError as error:
        raise CommandError(f"{args.file}: {error}. Nothing was imported.") from error
    return _import(args, parsed)


def _overrides(items: list[str]) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for item in items:
        header, equals, field = item.rpartition("=")
        if not equals or not header.strip() or not field.strip():
            raise CommandError(f"--map {item!r}: write it as HEADER=FIELD, e.g. 'Full Name=name'")
        overrides[header.strip()] = field.strip().lower()
    return overrides


def _confirmed(question: str) -> bool:
    """Ask on a terminal; anywhere else refuse, since nobody saw the mapping."""
    if not sys.stdin.isatty():
        raise CommandError(
            "not a terminal, so nothing was imported: check the mapping above, "
            "then run again with --yes (or --map HEADER=FIELD to change it)"
        )
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def describe_layout(layout: CsvLayout) -> str:
    delimiter = {"\t": "tab", ",": "comma", ";": "semicolon"}.get(
        layout.delimiter, layout.delimiter
    )
    lines = [
        f"Header on line {layout.header_line}; {layout.encoding}, {delimiter}-separated. Columns:"
    ]
    lines.extend(f"  {line}" for line in layout.describe())
    return "\n".join(lines)


def _import(args: argparse.Namespace, parsed: ParsedFile) -> int:
    store, network = open_network(args, writes=not args.dry_run)
    with store.locked():
        network.refresh()
        store.contacts.refresh()
        plan = plan_import(
            parsed, network, now=store.clock(), contacts=store.contacts.all().values()
        )
        if not args.dry_run:
            apply_plan(plan, network)
    print(report(plan, dry_run=args.dry_run))
    return 0


def report(plan: ImportPlan, *, dry_run: bool = False) -> str:
    lines = [("Dry run, nothing written: " if dry_run else "") + plan.summary()]
    lines.extend(f"  line {note.line}: skipped, {note.reason}" for note in plan.skipped)
    lines.extend(f"  line {note.line}: {note.reason}" for note in plan.warnings)
    return "\n".join(lines)


# -- network and promote -----------------------------------------------------------
def cmd_network(args: argparse.Namespace) -> int:
    store, network = open_network(args, writes=False)
    people = filter_people(network.all().values(), company=args.company)
    contacts = store.contacts.all()

    def stage_of(person: Person) -> Stage | None:
        contact = contacts.get(person.contact_id) if person.contact_id else None
        return contact.stage if contact else None

    def in_pipeline(person: Person) -> str:
        """``Target #57``: the stage, and the contact's id for ``infoint show``."""
        stage = stage_of(person)
        return f"{stage.label} #{person.contact_id}" if stage else ""

    if args.json:
        print_json(
            [
                {
                    **person.public_dict(),
                    "stage": (stage.value if (stage := stage_of(person)) else None),
                }
                for person in people
            ]
        )
        return 0
    rows = [
        [
            str(person.id),
            person.name,
            person.company,
            person.position,
            in_pipeline(person),
        ]
        for person in people
    ]
    print(table(rows, ["ID", "NAME", "COMPANY", "POSITION", "PIPELINE"]))
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    store, network = open_network(args, writes=False)
    found = search(" ".join(args.search), store.contacts.all().values(), network.all().values())
    if args.json:
        print_json(
            [
                {
                    "contact": known.contact.public_dict() if known.contact else None,
                    "network": [person.public_dict() for person in known.people],
                }
                for known in found
            ]
        )
        return 0
    if not found:
        print(f"nobody matches {' '.join(args.search)!r}", file=sys.stderr)
        return 1
    rows = [
        [
            f"contact {known.contact.id}" if known.contact else "",
            known.name,
            known.company,
            known.contact.stage.label if known.contact else "",
            ", ".join(f"person {person.id}" for person in known.people),
        ]
        for known in found
    ]
    print(table(rows, ["PIPELINE", "NAME", "COMPANY", "STAGE", "NETWORK"]))
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    store, network = open_network(args)
    try:
        result = promote_person(store, network, args.id, referrer=args.referred_by)
    except NotFound as error:
        raise CommandError(f"no person with id {args.id} in the network") from error
    contact = result.contact
    if result.created:
        print(f"Added {contact.name} to {contact.stage.label} as contact {contact.id}")
    else:
        where = f"contact {contact.id} ({contact.stage.label})"
        print(f"{contact.name} is already in the pipeline: {where}")
    return 0


# -- export ------------------------------------------------------------------------
def _letters_by_contact(store: Store) -> dict[int, list[LetterLike]]:
    """The letters for the dossiers, once a letters file is registered in the store."""
    grouped: dict[int, list[LetterLike]] = {}
    for file in store.files:
        if file.kind.name == "letters":
            for letter in file:
                grouped.setdefault(letter.contact_id, []).append(letter)
    return grouped


def check_output(path: Path, data_dir: Path, *, force: bool) -> None:
    """An export goes outside the data folder, and replaces a file only when asked."""
    if inside_folder(path, data_dir):
        raise CommandError(
            f"{path} is inside the data folder {data_dir}, where an export could replace "
            "infoint's own files; nothing was written. Choose a file outside that folder."
        )
    if os.path.lexists(path) and not force:
        raise CommandError(
            f"{path} already exists and was left as it is; "
            "pass --force to replace it, or choose another file name."
        )


def cmd_export(args: argparse.Namespace) -> int:
    kind: ExportFormat = args.format
    stage = None
    if args.stage:
        try:
            stage = Stage.parse(args.stage)
        except ValidationError as error:
            raise CommandError(error.message) from error
    data_dir = resolve_data_dir(args)
    if args.output is not None:
        check_output(args.output, data_dir, force=args.force)
    store = opened(Store(data_dir))
    contacts = select_contacts(store.contacts.all().values(), stage)
    text = export_contacts(
        kind,
        contacts,
        now=store.clock(),
        interview_minutes=store.profile.interview_minutes,
        letters=_letters_by_contact(store) if kind == "markdown" else None,
        # A file is for a spreadsheet (Excel needs the BOM); stdout is for programs.
        bom=args.output is not None,
    )
    data = text.encode("utf-8")
    if args.output is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)  # bytes: keep vCard's and iCalendar's CRLF exactly
            buffer.flush()
        else:
            sys.stdout.write(text)
        return 0
    try:
        atomic_write(args.output, data)
    except WriteFailed as error:
        raise CommandError(str(error)) from error
    noun = "contact" if len(contacts) == 1 else "contacts"
    print(f"Exported {len(contacts)} {noun} to {args.output}")
    return 0
