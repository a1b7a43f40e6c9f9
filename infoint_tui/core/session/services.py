"""One service per kind of document: every read and write the app makes of
letters, interviews, companies, questions, the profile and the network.

Reads come from the files in memory; writes go through the session's saver,
in order, with the same lock, merge, retry, error report and keeping of
unsaved changes as the contacts (see ``Session``). A screen holds no file and
names none: it asks ``session.letters`` and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..companies import Company, CompanyRow, company_rows
from ..contacts.model import Contact
from ..exchange.people import Person
from ..interviews import interview as interviews
from ..interviews.interview import Interview
from ..interviews.questions import BankQuestion
from ..interviews.questions import full_bank as _full_bank
from ..interviews.timer import Status
from ..letters.flow import latest_draft
from ..letters.letter import Letter
from ..profile import Profile
from ..store.docfile import DocumentFile, Model
from ..store.errors import StoreError
from . import recovery

if TYPE_CHECKING:
    from ..contacts.model import Question
    from ..documents import Store
    from ..exchange.merge import ImportPlan, ImportResult
    from ..exchange.parsed import ParsedFile, Progress
    from ..exchange.promotion import Promoted

M = TypeVar("M", bound=Model)
R = TypeVar("R")
Saved = Callable[[R], None]  # told what was stored, once it is


class Host(Protocol):
    """What a service asks of the session (``session.Session``), named here so
    that the services do not import the session that builds them."""

    @property
    def data_dir(self) -> Path: ...

    def refuse_if_read_only(self) -> bool: ...

    def queue(
        self,
        description: str,
        job: Callable[[Store], Any],
        on_saved: Callable[[Any], None] | None = None,
        *,
        keep: recovery.Pending,
    ) -> int: ...

    def adopt_contact(self, stored: Contact) -> None: ...


class Documents(Generic[M]):
    """One kind of document, as the app sees it."""

    def __init__(self, session: Host, file: DocumentFile[M], noun: str) -> None:
        self._session = session
        self._file = file
        self.noun = noun  # "letter", for what the status line says

    @property
    def kind(self) -> str:
        """The file's name ("letters"), as kept changes name it."""
        return self._file.kind.name

    @property
    def loaded(self) -> bool:
        return self._file.loaded

    def all(self) -> Mapping[int, M]:
        return self._file.all()

    def get(self, doc_id: int) -> M | None:
        return self._file.get(doc_id)

    def save(self, document: M, description: str, on_saved: Saved[M] | None = None) -> None:
        """Queue the write: a document without an id is added (``on_saved`` gets
        it with its id), one with an id replaces the stored one. Refused (and
        the user told) when the data is read-only."""
        if not self._session.refuse_if_read_only():
            self._write(document, description, on_saved)

    def _write(self, document: M, description: str, on_saved: Saved[M] | None) -> None:
        file = self._file

        def job(_: Store) -> M:
            return file.put(document) if document.id else file.insert(document)

        keep = recovery.document(description, self.kind, document)
        self._session.queue(description, job, on_saved, keep=keep)

    def delete(self, document: M, description: str, on_deleted: Saved[M] | None = None) -> None:
        if self._session.refuse_if_read_only():
            return
        file = self._file
        keep = recovery.lost(description)
        self._session.queue(description, lambda _: file.delete(document.id), on_deleted, keep=keep)

    def restore(self, raw: Mapping[str, Any], doc_id: int, description: str) -> None:
        """Save again a document an earlier session kept unsaved (``recovery``)."""
        self.save(self._file.kind.load(raw, doc_id), description)


class Letters(Documents[Letter]):
    @property
    def templates_dir(self) -> Path:
        """The user's own letter templates (beside the data)."""
        from ...paths import user_templates_dir

        return user_templates_dir(self._session.data_dir)

    def for_contact(self, contact_id: int) -> list[Letter]:
        return [letter for letter in self.all().values() if letter.contact_id == contact_id]

    def latest_draft(self, contact_id: int) -> Letter | None:
        """The draft last saved for ``contact_id`` (the letter editor reopens it)."""
        return latest_draft(self.all().values(), contact_id)


class Interviews(Documents[Interview]):
    """Interviews; the first save of a new one learns its id from the store, and
    saves asked for meanwhile wait for it (so one interview is never two)."""

    def __init__(self, session: Host, file: DocumentFile[Interview], noun: str) -> None:
        super().__init__(session, file, noun)
        # contact id -> the newest version asked for while its first save is
        # being written, and what it said (None: nothing asked for since)
        self._inserting: dict[int, tuple[Interview, str] | None] = {}

    def running(self, now: datetime) -> Interview | None:
        return interviews.current(list(self.all().values()), now)

    def open_ones(self) -> list[Interview]:
        return interviews.open_interviews(self.all().values())

    def ended_for(self, contact_id: int) -> list[Interview]:
        """The contact's interviews that were held (ended on the clock), newest first."""
        return [
            iv
            for iv in interviews.for_contact(list(self.all().values()), contact_id)
            if iv.ended_at is not None
        ]

    def not_ended_for(self, contact_id: int) -> Interview | None:
        """The contact's interview still open (running, paused, or prepared)."""
        mine = [
            iv
            for iv in interviews.for_contact(list(self.all().values()), contact_id)
            if iv.ended_at is None
        ]
        return mine[0] if mine else None

    def save(
        self, document: Interview, description: str, on_saved: Saved[Interview] | None = None
    ) -> None:
        """Queue the write. A new interview not started and without notes is not
        stored (nothing worth keeping until the clock starts). The first save of
        a new one adds it; saves of it asked for before its id is known wait,
        and the newest of them is written once it is (with ``on_saved`` of the
        first save, which is told the id): the caller keeps its copy and sets
        the id it is told."""
        if self._session.refuse_if_read_only():
            return
        if document.id:
            self._write(document, description, on_saved)
            return
        contact_id = document.contact_id
        if contact_id in self._inserting:
            self._inserting[contact_id] = (document, description)  # once the id is known
            return
        if document.status is Status.READY and not document.notes:
            return
        self._inserting[contact_id] = None

        def inserted(stored: Interview) -> None:
            later = self._inserting.pop(contact_id, None)
            if on_saved is not None:
                on_saved(stored)
            if later is not None:
                newest, said = later
                if replace(newest, id=stored.id) != stored:
                    self._write(replace(newest, id=stored.id), said, on_saved)

        self._write(document, description, inserted)


class Questions(Documents[BankQuestion]):
    def full_bank(self) -> tuple[Question, ...]:
        """The TIARA bank and the user's own questions."""
        return _full_bank(self.all().values())


class Companies(Documents[Company]):
    def rows(self, contacts: Iterable[Contact], people: Iterable[Person]) -> list[CompanyRow]:
        """The LAMP list; Advocacy counts the ``people`` of the network and the
        contacts who answered at each company."""
        from ..exchange.identity import known_counts  # rapidfuzz: not at start

        contacts = list(contacts)
        companies = self.all().values()
        names = [company.name for company in companies] + [c.company for c in contacts]
        return company_rows(companies, contacts, known_counts(names, contacts, people))

    def find(self, name: str) -> Company | None:
        key = " ".join(name.casefold().split())
        return next(
            (c for c in self.all().values() if " ".join(c.name.casefold().split()) == key), None
        )


class ProfileService(Documents[Profile]):
    def get_profile(self) -> Profile:
        return self.get(1) or Profile()


class Network(Documents[Person]):
    def ensure_loaded(self) -> str | None:
        """Read the network if not read yet (30,000 people take a moment: call it
        off the UI thread). What went wrong, said for the user, or None."""
        try:
            self._file.ensure_loaded()
        except StoreError as error:
            return str(error)
        return None

    def plan_import(
        self,
        parsed: ParsedFile,
        now: datetime,
        progress: Progress | None = None,
        contacts: Iterable[Contact] = (),
    ) -> ImportPlan:
        """What importing ``parsed`` would change, people who are ``contacts``
        linked to them (call it off the UI thread, after ``ensure_loaded`` said
        the network could be read)."""
        from ..exchange.merge import plan_import  # the importers load when first used

        return plan_import(parsed, self._file, now=now, progress=progress, contacts=contacts)

    def apply_import(
        self, plan: ImportPlan, description: str, on_done: Saved[ImportResult] | None = None
    ) -> None:
        """Write the import, all of it or nothing (behind the other saves)."""
        from ..exchange.merge import apply_plan

        if self._session.refuse_if_read_only():
            return
        file = self._file
        self._session.queue(
            description, lambda _: apply_plan(plan, file), on_done, keep=recovery.lost(description)
        )

    def promote(
        self,
        person: Person,
        on_done: Saved[Promoted] | None = None,
        *,
        link_to: int | None = None,
        referrer: str = "",
    ) -> None:
        """Add ``person`` to the pipeline as a Target, linked to them (never twice);
        the contact appears on the board whatever screen is open by then.
        ``link_to``: the contact the user said they already are (nothing is added);
        ``referrer``: who is introducing them."""
        from ..flows import promote_person

        session = self._session
        if session.refuse_if_read_only():
            return
        description = f"Promoted {person.name}"

        def promoted(result: Promoted) -> None:
            session.adopt_contact(result.contact)
            if on_done is not None:
                on_done(result)

        session.queue(
            description,
            lambda store: promote_person(
                store, store.network, person.id, link_to=link_to, referrer=referrer
            ),
            promoted,
            keep=recovery.lost(description),
        )
