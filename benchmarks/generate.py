"""Realistic data folders for the benchmarks, written through the app's own store.

    python benchmarks/generate.py --data-dir DIR --contacts 1000 [--network 30000] [--seed 1]

Contacts are spread over every stage (with thousands of them, ~90% sit in
Target, as after a LinkedIn import), with varied names, companies, titles,
hooks and tags, and follow-up dates around today. The same seed and day give
the same data. Each kind of document is one function in ``PARTS``; a part
reads what earlier parts made (companies, contacts) from the context, and a
part whose file the store does not have yet is skipped with a note.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: import ``benchmarks`` as a package from the checkout, not from this folder.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import csv  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import unicodedata  # noqa: E402
from collections.abc import Callable, Mapping, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import UTC, date, datetime, time, timedelta  # noqa: E402
from typing import Any  # noqa: E402

from benchmarks.pools import (  # noqa: E402
    CITIES,
    COMPANY_KINDS,
    COMPANY_WORDS,
    FIRST_NAMES,
    HOOK_FORMS,
    LAST_NAMES,
    QUESTIONS,
    TAGS,
    TITLES,
    TOPICS,
)
from infoint_tui.core.companies import Company
from infoint_tui.core.contacts.model import Contact, Event, Question, Stage, StageChange
from infoint_tui.core.dates import format_timestamp  # noqa: E402
from infoint_tui.core.documents import Store
from infoint_tui.core.profile import Profile
from infoint_tui.core.store.docfile import DocumentFile

ACTIONS = {
    Stage.REQUESTED: "Follow up on request",
    Stage.FOLLOW_UP: "Follow up once more",
    Stage.SCHEDULED: "Interview",
    Stage.MET: "Send thank-you note",
    Stage.NURTURE: "Share an article",
}

NETWORK_MODULE = "infoint_tui.core.exchange"  # where the network's file kind lives

# Share of contacts per stage in a hand-built pipeline ...
SMALL_SHARES = {
    Stage.TARGET: 0.30,
    Stage.REQUESTED: 0.18,
    Stage.FOLLOW_UP: 0.12,
    Stage.SCHEDULED: 0.10,
    Stage.MET: 0.08,
    Stage.NURTURE: 0.14,
    Stage.CLOSED: 0.08,
}
# ... and from this many contacts on, the shape a LinkedIn import leaves: ~90% in Target.
IMPORT_SCALE = 5000
IMPORT_TARGET_SHARE = 0.9


@dataclass
class Context:
    """What the parts share: the store, the randomness, "now", and what earlier parts made."""

    store: Store
    rng: random.Random
    now: datetime
    contacts_wanted: int
    network_wanted: int
    companies: list[Company] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    network: int | None = 0
    notes: list[str] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.now.date()


@dataclass(frozen=True)
class Summary:
    """What was written; the runner waits for ``first_target`` on the board."""

    data_dir: str
    contacts: int
    companies: int
    network: int | None  # None: the app has no network to fill yet
    stages: dict[str, int]
    first_target: str
    notes: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_dir": self.data_dir,
            "contacts": self.contacts,
            "companies": self.companies,
            "network": self.network,
            "stages": self.stages,
            "first_target": self.first_target,
            "notes": self.notes,
        }


# -- helpers --------------------------------------------------------------------------
def stage_counts(total: int) -> dict[Stage, int]:
    """How many contacts each stage gets (largest remainder, every stage at least one)."""
    shares = dict(SMALL_SHARES)
    if total >= IMPORT_SCALE:
        rest = sum(share for stage, share in shares.items() if stage is not Stage.TARGET)
        shares = {
            stage: IMPORT_TARGET_SHARE
            if stage is Stage.TARGET
            else share * (1 - IMPORT_TARGET_SHARE) / rest
            for stage, share in shares.items()
        }
    exact = {stage: total * share for stage, share in shares.items()}
    counts = {stage: int(value) for stage, value in exact.items()}
    by_remainder = sorted(shares, key=lambda stage: exact[stage] - counts[stage], reverse=True)
    for stage in by_remainder[: total - sum(counts.values())]:
        counts[stage] += 1
    if total >= len(Stage):
        for stage in Stage:
            if counts[stage] == 0:
                richest = max(counts, key=lambda key: counts[key])
                counts[richest] -= 1
                counts[stage] = 1
    return counts


def ascii_slug(text: str, separator: str = ".") -> str:
    """E-mail and URL parts: accents dropped, non-Latin names fall back to 'x'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in plain.lower()).split()
    return separator.join(words) or "x"


def _history(stage: Stage, entered: datetime) -> tuple[StageChange, ...]:
    path: list[Stage] = [step for step in Stage if step is not Stage.CLOSED]
    steps: list[Stage]
    if stage is Stage.CLOSED:
        steps = [Stage.TARGET, Stage.REQUESTED, Stage.CLOSED]
    else:
        steps = path[: path.index(stage) + 1]
    last = len(steps) - 1
    return tuple(
        StageChange(step, entered - timedelta(days=3 * (last - position)))
        for position, step in enumerate(steps)
    )


# -- the parts ----------------------------------------------------------------------------
def add_profile(context: Context) -> None:
    context.store.save_profile(
        Profile(
            name="Jordan Avery",
            email="jordan.avery@example.com",
            city="Manchester",
            background="Eight years as a science teacher, now learning data analysis",
            goal="how analysts in health and energy spend their week",
            signature="Jordan Avery",
        )
    )


def add_companies(context: Context) -> None:
    rng = context.rng
    wanted = max(8, min(600, context.contacts_wanted // 15))
    names: list[tuple[str, str]] = []
    for word in COMPANY_WORDS:
        for kind, industry in COMPANY_KINDS:
            names.append((f"{word} {kind}", industry))
    rng.shuffle(names)
    companies = [
        Company(
            name=name,
            industry=industry,
            website=f"https://{ascii_slug(name, '')}.example",
            location=rng.choice(CITIES),
            notes="" if rng.random() < 0.7 else f"Hiring for {rng.choice(TITLES).lower()}s.",
            advocacy=rng.choice(("yes", "no")),
            motivation=rng.randint(0, 3),
            posting=rng.randint(1, 3),
            created=context.now,
            updated=context.now,
        )
        for name, industry in names[:wanted]
    ]
    context.companies = context.store.companies.insert_many(companies)


def _person_name(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if rng.random() < 0.9:
        return f"{first} {last}"
    return f"{first} {chr(rng.randint(65, 90))}. {last}"


def _contact(context: Context, stage: Stage, rank: int, name: str) -> Contact:
    rng, now, today = context.rng, context.now, context.today
    company = rng.choice(context.companies)
    title = rng.choice(TITLES)
    referral = rng.random() < 0.35
    entered = now - timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 23))
    history = _history(stage, entered)
    follow_up: date | None = None
    if stage in ACTIONS or (stage is Stage.TARGET and rng.random() < 0.15):
        follow_up = today + timedelta(days=rng.randint(-10, 14))
    interview_at: datetime | None = None
    if stage in (Stage.SCHEDULED, Stage.MET):
        day = today + timedelta(days=rng.randint(1, 10) * (1 if stage is Stage.SCHEDULED else -1))
        interview_at = datetime.combine(day, time(10, 0), tzinfo=UTC)
    events: tuple[Event, ...] = ()
    if stage in (Stage.MET, Stage.NURTURE):
        events = (Event("meeting", entered - timedelta(hours=2), "30-minute call"),)
    questions: tuple[Question, ...] = ()
    if stage in (Stage.SCHEDULED, Stage.MET):
        questions = tuple(Question(text, kind) for kind, text in rng.sample(QUESTIONS, 4))
    slug = ascii_slug(name)
    return Contact(
        name=name,
        title=title,
        company=company.name,
        industry=company.industry,
        email=f"{slug}@{ascii_slug(company.name, '')}.example",
        phone=f"+44 20 7946 {rng.randint(0, 9999):04d}",
        linkedin_url=f"https://www.linkedin.com/in/{ascii_slug(name, '-')}-{rank}",
        source="referral" if referral else "cold",
        referrer=_person_name(rng) if referral else "",
        hook="" if referral else rng.choice(HOOK_FORMS).format(rng.choice(TOPICS)),
        notes="" if rng.random() < 0.6 else f"Ask about {rng.choice(TOPICS)}.",
        tags=tuple(sorted(set(rng.sample(TAGS, rng.randint(0, 3))))),
        stage=stage,
        rank=float(rank),
        stage_history=history,
        events=events,
        questions=questions,
        interview_at=interview_at,
        follow_up=follow_up,
        next_action=ACTIONS.get(stage, ""),
        created=history[0].at,
        updated=history[-1].at,
    )


def add_contacts(context: Context) -> None:
    rng = context.rng
    contacts = [
        _contact(context, stage, rank, _person_name(rng))
        for stage, count in stage_counts(context.contacts_wanted).items()
        for rank in range(count)
    ]
    # Ids in no particular stage order, as after years of adding people.
    rng.shuffle(contacts)
    context.contacts = context.store.contacts.insert_many(contacts)


def _file(context: Context, name: str) -> Any:
    """A store file found by name, or None (and a note) while the app has no such file."""
    found = getattr(context.store, name, None)
    if found is None:
        context.notes.append(f"{name} skipped: the store has no {name} file yet")
    return found


def _write_dicts(file: Any, documents: Sequence[Mapping[str, Any]]) -> int:
    # Built as the file would hold them and read by the file's own kind, so the
    # generator does not depend on the model's constructor while it is changing.
    load: Callable[[Mapping[str, Any], int], Any] = file.kind.load
    return len(file.insert_many([load(document, 0) for document in documents]))


def add_letters(context: Context) -> None:
    """A sent request for everyone past Target, one more for follow-ups, a few drafts."""
    letters = _file(context, "letters")
    if letters is None:
        return
    documents: list[dict[str, Any]] = []
    for contact in context.contacts:
        template = "referral-request" if contact.source == "referral" else "cold-request"
        first = contact.name.split()[0]
        body = (
            f"Dear {first},\n\n"
            + (f"I came across your work ({contact.hook}). " if contact.hook else "")
            + "Could I ask you a few questions about your work, for 30 minutes?\n\nJordan"
        )
        base = {"contact_id": contact.id, "template": template, "body": body}
        sent = [change.at for change in contact.stage_history if change.stage is Stage.REQUESTED]
        if sent:
            stamp = format_timestamp(sent[0])
            documents.append(
                base
                | {
                    "subject": "A question about your work",
                    "status": "sent",
                    "created": stamp,
                    "updated": stamp,
                    "sent_at": stamp,
                    "promised_follow_up": (sent[0].date() + timedelta(days=5)).isoformat(),
                }
            )
        if contact.stage is Stage.FOLLOW_UP:
            stamp = format_timestamp(contact.stage_history[-1].at)
            documents.append(
                base
                | {
                    "template": "follow-up",
                    "subject": "Following up",
                    "status": "sent",
                    "created": stamp,
                    "updated": stamp,
                    "sent_at": stamp,
                }
            )
        elif contact.stage is Stage.TARGET and context.rng.random() < 0.05:
            stamp = format_timestamp(context.now)
            documents.append(base | {"subject": "Draft", "created": stamp, "updated": stamp})
    _write_dicts(letters, documents)


def add_interviews(context: Context) -> None:
    """Planned interviews for Scheduled, finished ones for Met and Nurture; none running,
    since a running interview would open its own screen at start."""
    interviews = _file(context, "interviews")
    if interviews is None:
        return
    documents: list[dict[str, Any]] = []
    for contact in context.contacts:
        if contact.stage not in (Stage.SCHEDULED, Stage.MET, Stage.NURTURE):
            continue
        questions: list[dict[str, Any]] = [
            {"text": question.text, "category": question.category} for question in contact.questions
        ] or [{"text": text, "category": kind} for kind, text in QUESTIONS[:4]]
        created = format_timestamp(contact.stage_history[-1].at)
        document: dict[str, Any] = {
            "contact_id": contact.id,
            "planned_minutes": 30,
            "questions": questions,
            "created": created,
            "updated": created,
        }
        if contact.stage is not Stage.SCHEDULED:
            start = contact.interview_at or contact.stage_history[-1].at - timedelta(hours=2)
            for question in questions[:3]:
                question.update(asked=True, answer="Useful: " + context.rng.choice(TOPICS))
            document |= {
                "started_at": format_timestamp(start),
                "ended_at": format_timestamp(start + timedelta(minutes=31)),
                "notes": f"Talked about {context.rng.choice(TOPICS)}.",
                "updated": format_timestamp(start + timedelta(minutes=31)),
            }
        documents.append(document)
    _write_dicts(interviews, documents)


def network_row(rng: random.Random, companies: Sequence[Company], today: date) -> dict[str, Any]:
    """One person as LinkedIn's connections export describes them (also used for import CSVs)."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    company = rng.choice(companies).name if companies and rng.random() < 0.3 else None
    slug = ascii_slug(f"{first} {last}", "-")
    number = rng.randint(1000, 9999999)  # keeps URLs and e-mails unique, as real ones are
    return {
        "first_name": first,
        "last_name": last,
        "name": f"{first} {last}",
        "linkedin_url": f"https://www.linkedin.com/in/{slug}-{number}",
        "email": "" if rng.random() < 0.8 else f"{slug}.{number}@mail.example",
        "company": company or f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)[0]}",
        "position": rng.choice(TITLES),
        "connected_on": (today - timedelta(days=rng.randint(0, 4000))).isoformat(),
        "source": "linkedin",
    }


def network_file(store: Store) -> Any:
    """The store's network file; before the store has one, the same file made by hand.

    Found by name, not imported, so this keeps working while the network's code moves.
    """
    found = getattr(store, "network", None)
    if found is not None:
        return found
    try:
        kind = importlib.import_module(NETWORK_MODULE).NETWORK
    except (ImportError, AttributeError):
        return None
    made = DocumentFile(store.data_dir, kind, store.lock, store.clock)
    made.load()
    return made


def add_network(context: Context) -> None:
    if not context.network_wanted:
        return
    network = network_file(context.store)
    if network is None:
        context.network = None
        context.notes.append("network skipped: the app has no network yet")
        return
    # The network's model is read from plain dicts by its file kind, as from the file.
    load: Callable[[Mapping[str, Any], int], Any] = network.kind.load
    stamp = format_timestamp(context.now)
    # Some of the network are already in the pipeline (promoted), as in real use.
    promoted = context.contacts[: context.network_wanted // 10]
    people = []
    for index in range(context.network_wanted):
        row = network_row(context.rng, context.companies, context.today)
        row["created"] = row["updated"] = stamp
        if index < len(promoted):
            contact = promoted[index]
            first, _, last = contact.name.partition(" ")
            row.update(
                name=contact.name,
                first_name=first,
                last_name=last,
                company=contact.company,
                position=contact.title,
                linkedin_url=contact.linkedin_url,
                contact_id=contact.id,
            )
        people.append(load(row, 0))
    context.network = len(network.insert_many(people))


def write_linkedin_csv(path: Path, rows: int, *, seed: int = 1, today: date | None = None) -> Path:
    """A connections export as LinkedIn writes it (notes first, then the header), for imports."""
    rng = random.Random(seed)
    day = today or date.today()
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("Notes:\n")
        handle.write(
            '"When exporting your connection data, you may notice that some of the '
            'email addresses are missing."\n\n'
        )
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"]
        )  # fmt: skip
        for _ in range(rows):
            row = network_row(rng, (), day)
            connected = date.fromisoformat(row["connected_on"])
            writer.writerow(
                [row["first_name"], row["last_name"], row["linkedin_url"], row["email"],
                 row["company"], row["position"], connected.strftime("%d %b %Y")]
            )  # fmt: skip
    return path


# One function per kind of document, in an order where each can use the ones before it.
PARTS: tuple[Callable[[Context], None], ...] = (
    add_profile,
    add_companies,
    add_contacts,
    add_letters,
    add_interviews,
    add_network,
)


def generate(
    data_dir: Path,
    *,
    contacts: int,
    network: int = 0,
    seed: int = 1,
    now: datetime | None = None,
) -> Summary:
    """Fill an empty data folder; the same seed and day give the same documents."""
    moment = now or datetime.now(UTC).replace(microsecond=0)
    store = Store(data_dir, clock=lambda: moment).open()
    if len(store.contacts) or len(store.companies):
        raise SystemExit(f"{data_dir} already holds data; give an empty or new folder")
    context = Context(store, random.Random(seed), moment, contacts, network)
    with store.locked():
        for part in PARTS:
            part(context)
    first = [contact for contact in context.contacts if contact.stage is Stage.TARGET]
    first.sort(key=lambda contact: (contact.rank, contact.id))
    stages: dict[str, int] = {stage.value: 0 for stage in Stage}
    for contact in context.contacts:
        stages[contact.stage.value] += 1
    return Summary(
        data_dir=str(data_dir),
        contacts=len(context.contacts),
        companies=len(context.companies),
        network=context.network,
        stages=stages,
        first_target=first[0].name if first else "",
        notes=context.notes,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, required=True, help="folder to fill (new/empty)")
    parser.add_argument("--contacts", type=int, required=True, help="pipeline contacts")
    parser.add_argument("--network", type=int, default=0, help="people in the network")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--now", type=datetime.fromisoformat, help="the moment dates are built around (ISO)"
    )
    args = parser.parse_args(argv)
    summary = generate(
        args.data_dir, contacts=args.contacts, network=args.network, seed=args.seed, now=args.now
    )
    json.dump(summary.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
