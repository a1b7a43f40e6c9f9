"""One kind of document in one TinyDB file: versioned, migrated, locked, backed up."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import Field, dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from tinydb import TinyDB
from tinydb.table import Table

from ..dates import Clock
from .atomic import WriteFailed
from .backups import copy_file, newest_good_backup, take_daily_backup, take_named_backup
from .errors import CorruptFileError, NewerSchemaError, NotFound, SaveFailed, StoreError
from .issued import raise_issued, read_issued
from .lock import DataLock, LockTimeout, LockUnavailable
from .storage import MAX_ID, AtomicJSONStorage, FileShapeError, Tables, parse_tables

META_TABLE = "_meta"
_UNREADABLE = (-1, -1, -1)  # a storage signature no file on disk has
Migration = Callable[[Tables], Tables]


class _NotOneDocument(Exception):
    """A line of a file read line by line that does not parse as a document."""


class DocumentTable(Table):
    """TinyDB's table, plus one operation: replace and remove documents in one pass.

    Table.update would change the stored dicts in place (so a failed save would
    leave memory unlike the disk) and remove-then-insert converts every id of a
    10,000-document table twice; this keeps TinyDB's file layout and storage
    contract and touches only the documents it is given.
    """

    def write_documents(
        self, documents: Mapping[int, dict[str, Any]], removed: Iterable[int] = ()
    ) -> None:
        def change(tables: Tables) -> None:
            table = dict(tables.get(self.name, {}))
            for doc_id in removed:
                table.pop(str(doc_id), None)
            table.update((str(doc_id), document) for doc_id, document in documents.items())
            tables[self.name] = table

        tables = self.storage.read() or {}
        change(tables)
        self.storage.write(tables)
        self.clear_cache()


@contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Database(TinyDB):
    table_class = DocumentTable


class Model(Protocol):
    # a dataclass: the store gives a new model its id with dataclasses.replace
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def id(self) -> int: ...

    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class FileKind(Generic[M]):
    """What one data file holds and how to read it."""

    name: str
    version: int
    load: Callable[[Mapping[str, Any], int], M]
    migrations: Mapping[int, Migration]  # from version N to N + 1

    @property
    def filename(self) -> str:
        return f"{self.name}.json"


class DocumentFile(Generic[M]):
    """The documents of one kind, in memory and on disk.

    Reads come from memory; ``refresh`` picks up another process's changes.
    Every write re-reads the file under the data lock if it changed, applies the
    change, and replaces the file atomically, so concurrent writers never lose
    each other's documents.
    """

    def __init__(
        self,
        data_dir: Path,
        kind: FileKind[M],
        lock: DataLock,
        clock: Clock,
        *,
        lazy: bool = False,
    ) -> None:
        self.kind = kind
        # A lazy file (the network: maybe 30,000 people) is read when first
        # used, so opening the board never waits for it.
        self.lazy = lazy
        self.loaded = False
        self.path = data_dir / kind.filename
        self._lock = lock
        self._clock = clock
        self._mutex = threading.RLock()
        self._db = _Database(self.path, storage=AtomicJSONStorage)
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)
        self._storage = storage
        self._models: dict[int, M] = {}
        self._sources: dict[int, dict[str, Any]] = {}
        self._next_id = 1
        self._depth = 0
        self._written: dict[int, M] = {}
        self._touched: set[int] = set()
        # The highest id ever issued for this kind (read in a write, when needed),
        # and whether this write raised it.
        self._issued: int | None = None
        self._issued_raised = False
        self.generation = 0  # bumps on every change seen, ours or another process's
        # Bumps when a file written by someone else is read: the app then
        # reloads its view, even when it noticed only while writing its own change.
        self.outside_changes = 0

    # -- reading ---------------------------------------------------------------
    def load(self) -> None:
        """Read (and if needed migrate) the file. Raises CorruptFileError / NewerSchemaError."""
        with self._mutex, self._lock.hold():
            self._read_disk(allow_migration=True)
            self.loaded = True

    def ensure_loaded(self) -> None:
        if not self.loaded:
            with self._mutex:  # two threads asking at once read the file once
                if not self.loaded:
                    self.load()

    def refresh(self) -> bool:
        """Reload if another process changed the file. Returns True when it did."""
        with self._mutex:
            if not self.loaded or not self._storage.changed_on_disk():
                return False
            self._read_disk(allow_migration=False)
            self.outside_changes += 1
            return True

    def all(self) -> Mapping[int, M]:
        self.ensure_loaded()
        return self._models

    def disk_signature(self) -> tuple[int, int, int] | None:
        """The file on disk now (inode, size, modification time); None if there is none."""
        return self._storage.disk_signature()

    def get(self, doc_id: int) -> M | None:
        self.ensure_loaded()
        return self._models.get(doc_id)

    def require(self, doc_id: int) -> M:
        self.ensure_loaded()
        found = self._models.get(doc_id)
        if found is None:
            raise NotFound(f"no {self.kind.name[:-1]} with id {doc_id}")
        return found

    def __len__(self) -> int:
        self.ensure_loaded()
        return len(self._models)

    def __iter__(self) -> Iterator[M]:
        self.ensure_loaded()
        return iter(self._models.values())

    # -- writing ---------------------------------------------------------------
    def insert(self, model: M) -> M:
        return self.insert_many([model])[0]

    def insert_many(self, models: Iterable[M]) -> list[M]:
        models = list(models)
        with self._writing() as table:
            first = self._reserve(len(models)) if models else self._next_id
            stored = [replace(model, id=first + offset) for offset, model in enumerate(models)]
            if stored:
                table.write_documents({model.id: model.to_dict() for model in stored})
                self._written.update((model.id, model) for model in stored)
                self._touch(model.id for model in stored)
                self._set_next_id(first + len(stored))
        return stored

    def put(self, model: M) -> M:
        """Replace the stored document with the same id (restoring it if deleted)."""
        return self.put_many([model])[0]

    def put_many(self, models: Iterable[M]) -> list[M]:
        models = list(models)
        with self._writing() as table:
            ids = [model.id for model in models]
            if any(not 1 <= doc_id <= MAX_ID for doc_id in ids):
                raise ValueError(f"put needs stored documents (id 1 to {MAX_ID}); use insert")
            table.write_documents({model.id: model.to_dict() for model in models})
            self._written.update((model.id, model) for model in models)
            self._touch(ids)
            if ids and max(ids) >= self._next_id:
                self._note_issued(max(ids))
                self._set_next_id(max(ids) + 1)
        return models

    def update(self, doc_id: int, change: Callable[[M], M]) -> M:
        """Apply ``change`` to the freshest stored version (read under the lock)."""
        with self._writing():
            return self.put(change(self._current(doc_id)))

    def delete(self, doc_id: int) -> M:
        with self._writing() as table:
            current = self._current(doc_id)
            table.write_documents({}, removed=[doc_id])
            self._touch([doc_id])
        return current

    def delete_many(self, doc_ids: Iterable[int]) -> None:
        with self._writing() as table:
            present = self._pending_documents()
            wanted = [doc_id for doc_id in doc_ids if str(doc_id) in present]
            if wanted:
                table.write_documents({}, removed=wanted)
                self._touch(wanted)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes, one lock acquisition and one file write."""
        with self._writing():
            yield

    # -- internals -------------------------------------------------------------
    def _current(self, doc_id: int) -> M:
        """The document as it stands inside the running write (pending changes included)."""
        if doc_id in self._written:
            return self._written[doc_id]
        if str(doc_id) not in self._pending_documents():
            raise NotFound(f"no {self.kind.name.rstrip('s')} with id {doc_id}")
        return self.require(doc_id)

    def _pending_documents(self) -> dict[str, dict[str, Any]]:
        return (self._storage.read() or {}).get(self.kind.name, {})

    @contextmanager
    def _writing(self) -> Iterator[DocumentTable]:
        table = self._db.table(self.kind.name, cache_size=0)
        assert isinstance(table, DocumentTable)
        self.ensure_loaded()
        self._lock.check_writable()  # a read-only store: refused before anything
        with self._mutex:
            if self._depth > 0:
                yield table
                return
            try:
                with self._lock.hold():
                    if self._storage.changed_on_disk():
                        self._read_disk(allow_migration=False)
                        self.outside_changes += 1
                    self._depth = 1
                    try:
                        with self._storage.transaction():
                            yield table
                            self._backup_before_write()
                            self._record_issued()
                    finally:
                        self._depth = 0
                    self._sync_models(self._touched)
            except WriteFailed as error:
                raise SaveFailed(
                    f"{error.strerror}. The file on disk still holds the previous state."
                ) from error
            except (LockTimeout, LockUnavailable) as error:
                raise SaveFailed(str(error)) from error
            finally:
                self._written.clear()
                self._touched = set()
                self._issued, self._issued_raised = None, False

    def _backup_before_write(self) -> None:
        # A backup that cannot be written must not block the user's save;
        # the save itself will report a full disk if that is the cause.
        with contextlib.suppress(OSError):
            take_daily_backup(self.path, self._clock().date())

    # -- ids: never issued twice ------------------------------------------------
    def _reserve(self, count: int) -> int:
        """The first of ``count`` new ids (call inside a write): above every id in
        the file and above every id ever issued, which a restored older file
        does not know about (see ``issued.py``)."""
        first = max(self._next_id, self._issued_mark() + 1)
        self._note_issued(first + count - 1)
        return first

    def _issued_mark(self) -> int:
        if self._issued is None:  # read once per write, under the lock
            self._issued = read_issued(self.path.parent).get(self.kind.name, 0)
        return self._issued

    def _note_issued(self, highest: int) -> None:
        if highest > MAX_ID:
            raise SaveFailed(f"{self.path} has used every id up to {MAX_ID}; nothing was written")
        if highest > self._issued_mark():
            self._issued, self._issued_raised = highest, True

    def _record_issued(self) -> None:
        """Write the raised mark before the data file: a crash between the two
        skips an id, never issues one twice. Like the daily backup, a mark that
        cannot be written does not block the save (which reports a full disk
        itself): the file's own ``next_id`` still holds it, and a restore
        records the replaced file's ids first (``restore_from``)."""
        if self._issued_raised and self._issued is not None:
            with contextlib.suppress(OSError):
                raise_issued(self.path.parent, self.kind.name, self._issued)

    def _raise_issued_from_disk(self) -> None:
        """Record the ids the file on disk holds (a folder from before the mark
        existed has them nowhere else). An unreadable file holds none."""
        try:
            tables = parse_tables(self.path.read_bytes())
        except (OSError, FileShapeError):
            return
        ids = [int(key) for name in (self.kind.name, "_default") for key in tables.get(name, {})]
        next_id = tables.get(META_TABLE, {}).get("1", {}).get("next_id")
        if type(next_id) is int and 1 <= next_id <= MAX_ID + 1:
            ids.append(next_id - 1)
        highest = max(ids, default=0)
        if 0 < highest <= MAX_ID:
            raise_issued(self.path.parent, self.kind.name, highest)

    def _touch(self, doc_ids: Iterable[int]) -> None:
        """Record what this write changes, so saving re-encodes only that."""
        ids = set(doc_ids)
        self._touched |= ids
        self._storage.touch(self.kind.name, (str(doc_id) for doc_id in ids))

    def _set_next_id(self, next_id: int) -> None:
        self._next_id = next_id
        self._storage.touch(META_TABLE, ["1"])
        meta = self._db.table(META_TABLE, cache_size=0)
        assert isinstance(meta, DocumentTable)
        meta.write_documents({1: self._meta()})

    def _meta(self) -> dict[str, Any]:
        return {
            "kind": self.kind.name,
            "schema_version": self.kind.version,
            "next_id": self._next_id,
        }

    def _read_disk(self, *, allow_migration: bool) -> None:
        # Reading 10,000 documents makes a million objects; the cyclic garbage
        # collector would walk them again and again while they are being made.
        with _no_gc():
            self._read_disk_now(allow_migration=allow_migration)

    def _read_disk_now(self, *, allow_migration: bool) -> None:
        try:
            # fstat the open file, not the path: refresh() reads without the lock,
            # and a signature taken after another process replaced the file would
            # make the next write skip the re-read and overwrite that process's change.
            fd = os.open(self.path, os.O_RDONLY)
            try:
                stat = os.fstat(fd)
                with os.fdopen(os.dup(fd), "rb") as handle:
                    raw = handle.read()
            except BaseException:
                os.close(fd)
                raise
            self._storage.pin(fd)
        except FileNotFoundError:
            self._storage.adopt({})
            self._storage.signature = None
            self._sync_models()
            return
        except OSError as error:
            raise CorruptFileError(self.path, f"cannot be read ({error.strerror})", None) from error
        previous = self._storage.data
        try:
            self._adopt_disk(raw, stat, allow_migration=allow_migration)
        except StoreError:
            # Never keep a refused file's contents (or its signature): the next
            # write would take it as the current state and overwrite the file.
            # The impossible signature makes every write re-read it, and refuse.
            self._storage.adopt(previous)
            self._storage.signature = _UNREADABLE
            raise

    def _adopt_disk(self, raw: bytes, stat: os.stat_result, *, allow_migration: bool) -> None:
        if not raw.strip():
            backup = self._good_backup()
            if backup is not None:
                raise CorruptFileError(self.path, "is empty although backups of it exist", backup)
        try:
            self._storage.load_bytes(raw, stat)
            tables = self._storage.data
            version = self._version_of(tables)
            if version > self.kind.version:
                raise NewerSchemaError(self.path, version, self.kind.version)
            if version < self.kind.version and not allow_migration:
                raise CorruptFileError(
                    self.path,
                    f"was replaced by an older version (schema {version}) while open",
                    self._good_backup(),
                )
            migrated = (
                self._migrated(self._storage.materialize(), version)
                if version < self.kind.version
                else None
            )
        except FileShapeError as error:
            raise CorruptFileError(self.path, str(error), self._good_backup()) from error
        if migrated is not None:
            # Every document is read before the backup and the rewrite: a file
            # that cannot be opened is left exactly as it was, with no
            # "pre-migration" copy of it to be mistaken for a good backup.
            for key, document in migrated.get(self.kind.name, {}).items():
                self._load(document, int(key))
            self._save_migration(migrated, version)
        try:
            self._sync_models()
        except _NotOneDocument:
            # A line holds more or less than one document (a file edited by
            # hand): read the file whole; its parser reads it or says why not.
            try:
                self._storage.load_bytes(raw, stat, whole=True)
            except FileShapeError as error:
                raise CorruptFileError(self.path, str(error), self._good_backup()) from error
            self._sync_models()

    def _good_backup(self) -> Path | None:
        """The newest backup that would open: parsed, migrated, every document read."""
        return newest_good_backup(self.path, opens=self.opens)

    def opens(self, path: Path) -> bool:
        """True when the file at ``path`` (a backup) holds documents of this kind
        that open: it parses, its version is known, it migrates, each document loads."""
        try:
            raw = path.read_bytes()
            if not raw.strip():
                return False
            tables = parse_tables(raw)
            version = self._version_of(tables)
            if version > self.kind.version:
                return False
            if version < self.kind.version:
                tables = self._migrated(tables, version)
            for key, document in tables.get(self.kind.name, {}).items():
                self.kind.load(document, int(key))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return False  # FileShapeError and DateError are ValueErrors
        return True

    def restore_from(self, source: Path) -> Path | None:
        """Replace the file with the backup ``source``; returns the copy kept of
        the file it replaces. Call ``opens(source)`` first.

        The ids issued so far stay issued: a restored older file never makes a
        new document take the id of one that letters, interviews or the network
        still refer to.
        """
        self._lock.check_writable()
        with self._mutex, self._lock.hold():
            try:
                self._raise_issued_from_disk()
                saved = take_named_backup(self.path, "pre-restore", self._clock())
                copy_file(source, self.path)
            except WriteFailed as error:
                raise SaveFailed(
                    f"could not restore {self.path}: {error.strerror}. Nothing was changed."
                ) from error
        return saved

    def _version_of(self, tables: Tables) -> int:
        if not tables:
            return self.kind.version
        meta = tables.get(META_TABLE, {}).get("1")
        if meta is None:
            return 0
        version = meta.get("schema_version")
        if not isinstance(version, int) or version < 0:
            raise FileShapeError(f"has a schema version that is not a number: {version!r}")
        kind = meta.get("kind")
        if kind != self.kind.name:
            raise FileShapeError(f"holds {kind!r} documents, expected {self.kind.name!r}")
        next_id = meta.get("next_id", 1)
        if type(next_id) is not int or not 1 <= next_id <= MAX_ID + 1:
            raise FileShapeError(
                f"has a next id that is not a whole number from 1 to {MAX_ID + 1}: {next_id!r}"
            )
        return version

    def _migrated(self, tables: Tables, version: int) -> Tables:
        """The tables brought to the current version, in memory (nothing is written).
        Raises FileShapeError when they cannot be."""
        migrated = tables
        start = version
        while version < self.kind.version:
            step = self.kind.migrations.get(version)
            if step is None:
                raise FileShapeError(f"has schema version {version}, which cannot be migrated")
            try:
                migrated = step(migrated)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
                raise FileShapeError(
                    f"cannot be migrated from schema version {start}: {error!r}"
                ) from error
            version += 1
        documents = migrated.get(self.kind.name, {})
        ids = [int(doc_id) for doc_id in documents]
        next_id = max(ids, default=0) + 1
        migrated[META_TABLE] = {
            "1": {"kind": self.kind.name, "schema_version": self.kind.version, "next_id": next_id}
        }
        return migrated

    def _save_migration(self, migrated: Tables, version: int) -> None:
        """Back up the old file, then write the migrated (and checked) tables."""
        if self._lock.read_only:  # a read-only store migrates in memory only
            self._storage.adopt(migrated)
            return
        take_named_backup(self.path, f"pre-migration-v{version}", self._clock())
        try:
            self._storage.commit(migrated)
        except WriteFailed as error:
            raise SaveFailed(
                f"could not save the migrated {self.path}: {error.strerror}"
            ) from error

    def _sync_models(self, touched: set[int] | None = None) -> None:
        """Rebuild model objects for documents whose stored dict changed.

        After our own write only the ``touched`` documents can have changed, so
        a card move among 10,000 contacts does not walk all of them.
        """
        tables = self._storage.data
        documents = tables.get(self.kind.name, {})
        if touched is not None:
            self._sync_touched(documents, touched, tables)
            return
        models: dict[int, M] = {}
        sources: dict[int, dict[str, Any]] = {}
        renewed = False
        storage = self._storage
        name = self.kind.name
        for key, document in documents.items():
            doc_id = int(key)
            previous = self._sources.get(doc_id)
            if previous is document:
                models[doc_id] = self._models[doc_id]
            else:
                renewed = True
                written = self._written.get(doc_id)
                if written is not None:
                    models[doc_id] = written
                else:
                    if document is storage.unread:
                        document = self._parse(key)
                    models[doc_id] = self._load(document, doc_id)
            sources[doc_id] = storage.let_go(name, key, document)  # one document at a time
        meta = tables.get(META_TABLE, {}).get("1", {})
        raw_next = meta.get("next_id")
        stored_next = raw_next if isinstance(raw_next, int) else 1
        self._next_id = max(stored_next, max(models, default=0) + 1)
        changed = renewed or models.keys() != self._models.keys()
        self._models = models
        self._sources = sources
        if changed:
            self.generation += 1

    def _sync_touched(
        self, documents: dict[str, dict[str, Any]], touched: set[int], tables: Tables
    ) -> None:
        models = dict(self._models)
        sources = dict(self._sources)
        for doc_id in touched:
            document = documents.get(str(doc_id))
            if document is None:
                models.pop(doc_id, None)
                sources.pop(doc_id, None)
            elif sources.get(doc_id) is not document:
                written = self._written.get(doc_id)
                models[doc_id] = written if written is not None else self._load(document, doc_id)
                sources[doc_id] = self._storage.let_go(self.kind.name, str(doc_id), document)
        raw_next = tables.get(META_TABLE, {}).get("1", {}).get("next_id")
        stored_next = raw_next if isinstance(raw_next, int) else 1
        self._next_id = max(stored_next, self._next_id)
        self._models = models
        self._sources = sources
        if touched:
            self.generation += 1

    def _parse(self, key: str) -> dict[str, Any]:
        """A document of a file read line by line (see storage.split_layout)."""
        try:
            return self._storage.document(self.kind.name, key)
        except FileShapeError as error:
            raise _NotOneDocument from error

    def _load(self, document: dict[str, Any], doc_id: int) -> M:
        try:
            return self.kind.load(document, doc_id)
        except (ValueError, KeyError, TypeError) as error:
            raise CorruptFileError(
                self.path, f"has a bad document {doc_id}: {error}", self._good_backup()
            ) from error
