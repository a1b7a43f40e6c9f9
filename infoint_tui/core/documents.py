"""The user's documents: the data folder's files, each a kind of document the
domain defines. The store (core/store/) keeps files; this says which."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .companies import COMPANIES, Company
from .contacts.model import CONTACTS, Contact
from .dates import Clock, utc_now
from .exchange.people import NETWORK, Person
from .interviews.interview import INTERVIEWS, Interview
from .interviews.questions import QUESTIONS, BankQuestion
from .letters.letter import LETTERS, Letter
from .profile import PROFILE, Profile
from .store.docfile import DocumentFile, FileKind
from .store.folder import DataFolder

KINDS: tuple[FileKind[Any], ...] = (
    CONTACTS,
    COMPANIES,
    PROFILE,
    INTERVIEWS,
    QUESTIONS,
    LETTERS,
    NETWORK,
)
# What the app reads after painting the board (the board shows only contacts).
READ_AFTER_PAINT = ("companies", "interviews", "questions", "letters")


class Store(DataFolder):
    """Every document of one user, loaded from and saved to ``data_dir``.

    Opening reads and checks every file first, so a broken file stops the app
    before anything could be written.
    """

    def __init__(
        self, data_dir: Path, *, clock: Clock = utc_now, lock_timeout: float = 5.0
    ) -> None:
        super().__init__(data_dir, KINDS, lazy=("network",), clock=clock, lock_timeout=lock_timeout)
        self.contacts: DocumentFile[Contact] = self.file(CONTACTS)
        self.companies: DocumentFile[Company] = self.file(COMPANIES)
        self.profiles: DocumentFile[Profile] = self.file(PROFILE)
        self.interviews: DocumentFile[Interview] = self.file(INTERVIEWS)
        self.questions: DocumentFile[BankQuestion] = self.file(QUESTIONS)
        self.letters: DocumentFile[Letter] = self.file(LETTERS)
        self.network: DocumentFile[Person] = self.file(NETWORK)

    @property
    def profile(self) -> Profile:
        return self.profiles.get(1) or Profile()

    def save_profile(self, profile: Profile) -> Profile:
        return self.profiles.put(profile)
