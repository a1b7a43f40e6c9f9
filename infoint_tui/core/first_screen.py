"""The cards the board shows first, kept beside the data so the board paints
before every contact is read.

Reading 10,000 contacts takes about 0.4 s; the first screen shows a few dozen
cards and the count of each stage. When the app quits it writes those cards
(whole contacts, so nothing done before the full read can lose a field) and
the counts, naming the contacts file they came from by inode, size and
modification time. Any other write to that file (the CLI, another session, a
restored backup) changes those, so a stale copy is never shown; a missing,
stale or unreadable copy only means the board waits for the full read, as it
always did.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import WriteFailed, atomic_write
from .fastload import contact_from_clean
from .models import Contact, Stage
from .storage import MAX_ID, load_json
from .text import unsafe_json

FILE_NAME = "first-screen.cache.json"
VERSION = 1
# Cards kept per stage when the terminal's height is not known: a lane shows
# fewer than rows / 2 two-line cards, so 40 covers 80 rows. The app keeps as many
# as its terminal shows (``cards_for``); a taller terminal at the next start
# shows the rest of each lane a moment later, when every contact is read.
CARDS_PER_STAGE = 40
MIN_CARDS_PER_STAGE = 12


def cards_for(rows: int) -> int:
    """Cards per stage that fill a lane on a terminal ``rows`` tall."""
    return max(MIN_CARDS_PER_STAGE, rows // 2)


Signature = tuple[int, int, int]


@dataclass(frozen=True)
class FirstScreen:
    """The first cards of each stage and every stage's count."""

    contacts: dict[int, Contact]
    totals: dict[Stage, int]


def cache_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def first_cards(contacts: Iterable[Contact], per_stage: int = CARDS_PER_STAGE) -> FirstScreen:
    """What the board shows first: each lane's top cards, in the board's order."""
    lanes: dict[Stage, list[Contact]] = {stage: [] for stage in Stage}
    for contact in contacts:
        lanes[contact.stage].append(contact)
    kept: dict[int, Contact] = {}
    for lane in lanes.values():
        lane.sort(key=lambda contact: (contact.rank, contact.id))
        kept.update((contact.id, contact) for contact in lane[:per_stage])
    return FirstScreen(kept, {stage: len(lane) for stage, lane in lanes.items()})


def write(
    data_dir: Path,
    signature: Signature,
    contacts: Mapping[int, Contact],
    per_stage: int = CARDS_PER_STAGE,
) -> bool:
    """Keep the first screen of ``contacts``, read or written as ``signature``.

    A failure is not an error: the next start reads every contact instead.
    """
    first = first_cards(contacts.values(), per_stage)
    document = {
        "version": VERSION,
        "signature": list(signature),
        "totals": {stage.value: count for stage, count in first.totals.items()},
        "contacts": [
            {**contact.to_dict(), "id": contact.id} for contact in first.contacts.values()
        ],
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        atomic_write(cache_path(data_dir), data)
    except WriteFailed:
        return False
    return True


def read(data_dir: Path, signature: Signature | None) -> FirstScreen | None:
    """The kept first screen, if it was made from the file ``signature`` names."""
    if signature is None:
        return None
    try:
        raw = cache_path(data_dir).read_bytes()
        document = load_json(raw)  # refuses NaN, deep nesting, huge numbers
        if document.get("version") != VERSION or document.get("signature") != list(signature):
            return None
        return _parse(document, trusted=not unsafe_json(raw))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def forget(data_dir: Path) -> None:
    with contextlib.suppress(OSError):
        cache_path(data_dir).unlink()


def _parse(document: Mapping[str, Any], *, trusted: bool) -> FirstScreen | None:
    totals = {Stage(slug): count for slug, count in document["totals"].items()}
    if set(totals) != set(Stage) or not all(
        type(count) is int and 0 <= count <= MAX_ID for count in totals.values()
    ):
        return None
    contacts: dict[int, Contact] = {}
    for item in document["contacts"]:
        doc_id = item["id"]
        if type(doc_id) is not int or not 1 <= doc_id <= MAX_ID:
            return None
        # A copy with no control character anywhere takes the quick path the
        # contacts file takes; anything else is cleaned field by field.
        contacts[doc_id] = (
            contact_from_clean(item, doc_id) if trusted else Contact.from_dict(item, doc_id)
        )
    return FirstScreen(contacts, totals)
