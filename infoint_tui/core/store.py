"""The data folder: one TinyDB JSON file per kind of document, under one lock."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from .atomic import FILE_MODE, ensure_private_dir, remove_stale_temps
from .backups import backup_dir
from .dates import Clock, utc_now
from .docfile import DocumentFile, FileKind
from .errors import StoreError
from .exchange.people import NETWORK, Person
from .fastload import contact_from_clean
from .interviews import INTERVIEWS, Interview
from .letters import LETTERS, Letter
from .lock import DataLock
from .migrations import CONTACT_MIGRATIONS, plain_migrations
from .models import Company, Contact, Profile
from .question_bank import QUESTIONS, BankQuestion

CONTACTS: FileKind[Contact] = FileKind(
    "contacts", 1, Contact.from_dict, CONTACT_MIGRATIONS, load_clean=contact_from_clean
)
COMPANIES: FileKind[Company] = FileKind(
    "companies", 1, Company.from_dict, plain_migrations("companies")
)
PROFILE: FileKind[Profile] = FileKind("profile", 1, Profile.from_dict, plain_migrations("profile"))

# What the app reads after painting the board (the board shows only contacts).
READ_AFTER_PAINT = ("companies", "interviews", "questions", "letters")


class Store:
    """Every document of one user, loaded from and saved to ``data_dir``.

    Opening reads and checks every file first, so a broken file stops the app
    before anything could be written.
    """

    def __init__(
        self, data_dir: Path, *, clock: Clock = utc_now, lock_timeout: float = 5.0
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.lock = DataLock(data_dir, timeout=lock_timeout, clock=clock)
        self.contacts = DocumentFile(data_dir, CONTACTS, self.lock, clock)
        self.companies = DocumentFile(data_dir, COMPANIES, self.lock, clock)
        self.profiles = DocumentFile(data_dir, PROFILE, self.lock, clock)
        self.interviews: DocumentFile[Interview] = DocumentFile(
            data_dir, INTERVIEWS, self.lock, clock
        )
        self.questions: DocumentFile[BankQuestion] = DocumentFile(
            data_dir, QUESTIONS, self.lock, clock
        )
        self.letters: DocumentFile[Letter] = DocumentFile(data_dir, LETTERS, self.lock, clock)
        self.network: DocumentFile[Person] = DocumentFile(
            data_dir, NETWORK, self.lock, clock, lazy=True
        )
        self.files: list[DocumentFile[Any]] = [
            self.contacts,
            self.companies,
            self.profiles,
            self.interviews,
            self.questions,
            self.letters,
            self.network,
        ]
        self.opened = False

    def register(self, file: DocumentFile[Any]) -> None:
        """Later features add their own files (letters, interviews, network)."""
        self.files.append(file)

    def open(self, *, defer: Collection[str] = ()) -> Store:
        """Read and check the files. ``defer``: files the caller reads later with
        ``load_deferred`` (the app paints the board first); the network file is
        always read on first use."""
        ensure_private_dir(self.data_dir)
        with self.lock.hold():
            remove_stale_temps(self.data_dir)
            remove_stale_temps(backup_dir(self.data_dir))
            self._tighten_modes()
            for file in self.files:
                if not file.lazy and file.kind.name not in defer:
                    file.load()
        self.opened = True
        return self

    def load_deferred(self) -> None:
        """Read what ``open`` left for later (raises CorruptFileError like open)."""
        for file in self.files:
            if not file.lazy:
                file.ensure_loaded()

    def refresh(self) -> list[str]:
        """Pick up other processes' changes; returns the names of files that changed."""
        return [file.kind.name for file in self.files if file.refresh()]

    def refresh_each(self) -> list[str]:
        """Refresh every file even when one of them is broken; returns the errors.

        (What changed shows in ``outside_changes``.) One unreadable file must not
        hide another process's changes to the others.
        """
        errors: list[str] = []
        for file in self.files:
            try:
                file.refresh()
            except StoreError as error:
                errors.append(str(error))
        return errors

    def outside_changes(self) -> dict[str, int]:
        """Per file, how many times another process's version was read in."""
        return {file.kind.name: file.outside_changes for file in self.files}

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data lock across changes to several files."""
        with self.lock.hold():
            yield

    @property
    def profile(self) -> Profile:
        return self.profiles.get(1) or Profile()

    def save_profile(self, profile: Profile) -> Profile:
        return self.profiles.put(profile)

    def _tighten_modes(self) -> None:
        """Files made by an older version or by hand get the private mode too."""
        for folder in (self.data_dir, backup_dir(self.data_dir)):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if entry.is_file() and entry.suffix in (".json", ".lock", ".holder"):
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mode & 0o777 != FILE_MODE:
                            os.chmod(entry, FILE_MODE)
