"""Two contact records of one person joined into one, keeping everything of both.

``merge`` is the rule (pure): which value of each field the joined contact
keeps. ``merge_in_files`` is the whole merge as one write under one hold of the
data lock (``infoint merge``); the app makes the same merge one undoable change
(``merge_change``, written by ``Session.merge_contacts``), whose letters,
interviews and network people move with ``MergedAway.write``.

The rules, field by field (the kept record is ``keep``, the one merged into it
``other``):

- Every plain field (title, company, e-mail, phone, LinkedIn, referrer, hook…):
  the kept one's, or the other's when the kept one is empty.
- Source: "referral" when either came by referral ("cold" is the default,
  i.e. nothing known).
- Notes and background: both, the kept one's first, a blank line between, when
  both have text and neither already holds the other; capped as the field is.
- Tags: the kept one's, then the other's it lacks (capped as ``clean_tags`` caps).
- Stage: the one further along (``Stage`` order); Closed is behind every open
  stage, so a live record beats a closed one: Closed only when both are. A tie
  is the kept one's. The next step (action, next action, follow-up date) and
  the rank in the lane go with the stage chosen; on a tie, the kept one's step
  unless it has none.
- The meeting (``interview_at`` with ``meeting_place``): the one booked, the
  kept one's when both are.
- Events and stage history: every entry of both, in time order (the kept one's
  first at the same moment), plus a note "Merged with #ID Name". When the last
  entry of the history is not the stage chosen, an entry for it is added now,
  so the history still ends in the contact's stage.
- Questions: the kept one's, then the other's not already there (by text,
  ignoring case).
- Created: the earlier; updated: now; the id: the kept one's.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from ..fields import clean_tags
from ..store.docfile import DocumentFile
from ..text import clean_text, plain
from .changes import ChangeSet, ContactChange
from .model import CONTACT_FIELD_BY_NAME, Contact, Event, Question, Stage, StageChange

# Fields taken from the kept record, or from the other one when the kept one's is empty.
_FIRST_NON_EMPTY = (
    "title",
    "company",
    "industry",
    "email",
    "phone",
    "linkedin_url",
    "referrer",
    "hook",
)
_JOINED = ("background", "notes")


class MergeRefused(ValueError):
    """A merge that cannot be made (the same contact twice, no such contact); its
    text is the reason, to show as it is."""


# -- the rule ----------------------------------------------------------------------------
def merge(keep: Contact, other: Contact, *, now: datetime) -> Contact:
    """``keep`` with ``other`` joined into it (see the module's rules). Nothing is
    stored. Raises MergeRefused for a contact merged with itself."""
    if keep.id == other.id:
        raise MergeRefused(f"{keep.name} (#{keep.id}) cannot be merged with itself")
    values: dict[str, Any] = {
        name: getattr(keep, name) or getattr(other, name) for name in _FIRST_NON_EMPTY
    }
    for name in _JOINED:
        values[name] = _joined(getattr(keep, name), getattr(other, name), name)
    values["source"] = "referral" if "referral" in (keep.source, other.source) else keep.source
    values["tags"] = clean_tags((*keep.tags, *other.tags))
    leader = keep if stage_order(keep.stage) >= stage_order(other.stage) else other
    stepper = leader
    if leader is keep and keep.stage is other.stage and not _has_step(keep):
        stepper = other
    booked = next((c for c in (keep, other) if c.interview_at is not None), None)
    note = Event("note", now, f"Merged with #{other.id} {other.name}")
    events = sorted((*keep.events, *other.events, note), key=lambda event: event.at)
    history = sorted((*keep.stage_history, *other.stage_history), key=lambda change: change.at)
    if not history or history[-1].stage is not leader.stage:
        history.append(StageChange(leader.stage, now))
    return replace(
        keep,
        **values,
        stage=leader.stage,
        rank=leader.rank,
        action=stepper.action,
        next_action=stepper.next_action,
        follow_up=stepper.follow_up,
        # The booked meeting's time and place go together; with none booked, a place noted.
        interview_at=booked.interview_at if booked else None,
        meeting_place=booked.meeting_place if booked else keep.meeting_place or other.meeting_place,
        events=tuple(events),
        stage_history=tuple(history),
        questions=_questions(keep, other),
        created=_earlier(keep.created, other.created),
        updated=now,
    )


def stage_order(stage: Stage) -> int:
    """How far along a stage is, for a merge: Stage order, with Closed behind
    every open stage (a live record beats a closed one)."""
    return -1 if stage is Stage.CLOSED else stage.index


def _has_step(contact: Contact) -> bool:
    return bool(contact.action or contact.next_action or contact.follow_up)


def _joined(kept: str, other: str, name: str) -> str:
    if not other or other in kept:
        return kept
    if not kept or kept in other:
        return other
    return clean_text(f"{kept}\n\n{other}", CONTACT_FIELD_BY_NAME[name].max_len)


def _questions(keep: Contact, other: Contact) -> tuple[Question, ...]:
    seen = {question.text.strip().casefold() for question in keep.questions}
    extra: list[Question] = []
    for question in other.questions:
        key = question.text.strip().casefold()
        if key not in seen:
            seen.add(key)
            extra.append(question)
    return (*keep.questions, *extra)


def _earlier(first: datetime | None, second: datetime | None) -> datetime | None:
    known = [moment for moment in (first, second) if moment is not None]
    return min(known) if known else None


# -- finding the other record ----------------------------------------------------------------
def find_other(text: str, contacts: Iterable[Contact], *, besides: int) -> Contact:
    """The one contact ``text`` names, other than ``besides``: an id ("12" or
    "#12"), else a name (the same name ignoring case, accents and spacing, else
    the only name containing it). Raises MergeRefused saying why not."""
    wanted = text.strip()
    others = [contact for contact in contacts if contact.id != besides]
    if not wanted:
        raise MergeRefused("type the other contact's id or name")
    digits = wanted.removeprefix("#")
    if digits.isdigit():
        found = next((contact for contact in others if contact.id == int(digits)), None)
        if found is None:
            same = " (the contact itself)" if int(digits) == besides else ""
            raise MergeRefused(f"no other contact has the id {digits}{same}")
        return found
    key = plain(wanted)
    named = [contact for contact in others if plain(contact.name) == key] or [
        contact for contact in others if key in plain(contact.name)
    ]
    if not named:
        raise MergeRefused(f"no other contact is called {wanted!r}")
    if len(named) > 1:
        listed = ", ".join(f"#{contact.id} {contact.name}" for contact in named[:4])
        more = ", …" if len(named) > 4 else ""
        raise MergeRefused(f"{len(named)} contacts match: {listed}{more}; type the id")
    return named[0]


# -- the documents that point at a contact ---------------------------------------------------
@dataclass(frozen=True)
class Links:
    """Documents that point at a contact, by id: letters, interviews, network people."""

    letters: tuple[int, ...] = ()
    interviews: tuple[int, ...] = ()
    people: tuple[int, ...] = ()

    def describe(self) -> str:
        """``2 letters, 1 interview, 0 network people``."""
        return links_summary(len(self.letters), len(self.interviews), len(self.people))


def links_summary(letters: int, interviews: int, people: int) -> str:
    return ", ".join(
        (
            _count(letters, "letter", "letters"),
            _count(interviews, "interview", "interviews"),
            _count(people, "network person", "network people"),
        )
    )


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class LinkFiles(Protocol):
    """The files whose documents point at contacts, and the data lock: the Store
    (core/documents.py), named here because contacts cannot import it."""

    @property
    def letters(self) -> DocumentFile[Any]: ...

    @property
    def interviews(self) -> DocumentFile[Any]: ...

    @property
    def network(self) -> DocumentFile[Any]: ...

    def locked(self) -> AbstractContextManager[None]: ...


class MergeFiles(LinkFiles, Protocol):
    @property
    def contacts(self) -> DocumentFile[Contact]: ...


def _linked(files: LinkFiles) -> tuple[tuple[str, DocumentFile[Any]], ...]:
    return (("letters", files.letters), ("interviews", files.interviews), ("people", files.network))


def move_links(files: LinkFiles, source: int, target: int, *, only: Links | None = None) -> Links:
    """Point the letters, interviews and network people of contact ``source`` at
    ``target`` (``only``: just those ids), under one hold of the data lock.
    Every file is read (and checked) before any is written. Returns what moved."""
    with files.locked():
        chosen: dict[str, list[Any]] = {}
        for name, file in _linked(files):
            file.refresh()
            wanted = None if only is None else set(getattr(only, name))
            chosen[name] = [
                document
                for document in file.all().values()
                if document.contact_id == source and (wanted is None or document.id in wanted)
            ]
        for name, file in _linked(files):
            if chosen[name]:
                file.put_many([replace(document, contact_id=target) for document in chosen[name]])
    return Links(**{name: tuple(sorted(doc.id for doc in docs)) for name, docs in chosen.items()})


def links_of(files: LinkFiles, contact_id: int) -> Links:
    """What points at ``contact_id`` now (reads the network if it was not read)."""
    return Links(
        **{
            name: tuple(
                sorted(doc.id for doc in file.all().values() if doc.contact_id == contact_id)
            )
            for name, file in _linked(files)
        }
    )


@dataclass(frozen=True)
class Merged:
    """What ``merge_in_files`` wrote: the kept contact as stored, the one merged
    away (as it was), and the documents that moved from it to the kept one."""

    contact: Contact
    removed: Contact
    moved: Links


def merge_in_files(files: MergeFiles, keep_id: int, other_id: int, *, now: datetime) -> Merged:
    """Merge contact ``other_id`` into ``keep_id`` on disk, all under one hold of
    the data lock: its letters, interviews and network people are pointed at the
    kept contact first, then the joined contact is written and the other deleted
    (in one write). Should a write fail midway, what is on disk still makes
    sense (the documents under the kept contact, both contacts there), and
    merging again finishes it. Raises MergeRefused (the same id twice, an
    unknown id) and StoreError."""
    if keep_id == other_id:
        raise MergeRefused(f"contact {keep_id} cannot be merged with itself")
    with files.locked():
        contacts = files.contacts
        contacts.refresh()
        keep, other = contacts.get(keep_id), contacts.get(other_id)
        for contact_id, found in ((keep_id, keep), (other_id, other)):
            if found is None:
                raise MergeRefused(f"no contact with id {contact_id}")
        assert keep is not None and other is not None
        merged = merge(keep, other, now=now)
        moved = move_links(files, other_id, keep_id)
        with contacts.batch():
            stored = contacts.put(merged)
            contacts.delete(other_id)
    return Merged(stored, other, moved)


# -- the app's merge: one undoable change -----------------------------------------------------
@dataclass
class Ledger:
    """Which documents a merge moved: filled in when the merge is written (on the
    saver's thread, under the lock), read when it is undone (on the same thread,
    later). Shared by the change and its inverse."""

    moved: Links = field(default_factory=Links)


@dataclass(frozen=True)
class MergedAway(ContactChange):
    """The other contact's part of a merge: deleted (``after`` None), and what
    pointed at it now points at ``into``; inverted (undo), it comes back and the
    documents the merge moved (``ledger``) point at it again. ``write`` does the
    moving; the contacts are written as any change is (``pipeline.apply``)."""

    into: int = 0
    ledger: Ledger = field(default_factory=Ledger)

    def inverted(self) -> MergedAway:
        return MergedAway(before=self.after, after=self.before, into=self.into, ledger=self.ledger)

    @property
    def undoing(self) -> bool:
        return self.after is not None

    def describe(self) -> str:
        if self.undoing:
            return f"Moved back the letters, interviews and network people of #{self.contact_id}"
        return (
            f"Moved the letters, interviews and network people of #{self.contact_id} "
            f"to #{self.into}"
        )

    def write(self, files: LinkFiles) -> Links:
        """Move the documents (a job for the saver): merged away, everything that
        points at this contact then (the lock held) moves to ``into``, and is
        recorded; undone, what was recorded moves back."""
        if self.undoing:
            return move_links(files, self.into, self.contact_id, only=self.ledger.moved)
        self.ledger.moved = move_links(files, self.contact_id, self.into)
        return self.ledger.moved


def merge_change(keep: Contact, other: Contact, *, now: datetime) -> ChangeSet:
    """The merge as one change set: the kept contact joined (re-joined onto a
    newer version should another infoint have changed it meanwhile), the other
    deleted with its documents to move (``MergedAway``)."""
    merged = merge(keep, other, now=now)

    def again(fresh: Contact) -> Contact:
        return merge(fresh, other, now=now)

    return ChangeSet(
        f"Merged {other.name} (#{other.id}) into {keep.name} (#{keep.id})",
        (ContactChange(keep, merged, again), MergedAway(other, None, into=keep.id)),
    )
