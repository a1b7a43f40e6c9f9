"""A TinyDB storage that never overwrites in place.

TinyDB's stock JSONStorage truncates and rewrites the file, so a kill mid-write
leaves half a file. This storage:

- keeps the parsed file in memory and hands TinyDB shallow copies, so a write
  that fails leaves memory matching the disk;
- inside a transaction, collects TinyDB's writes and commits once, atomically;
- writes one document per line and re-serialises only the documents whose
  dict object changed (TinyDB builds a new dict for every inserted document),
  so saving one card among 10,000 does not re-encode the other 9,999;
- refuses to parse anything that is not a well-formed infoint file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write

Tables = dict[str, dict[str, dict[str, Any]]]


class FileShapeError(ValueError):
    """The file parsed as JSON (or did not) but is not a TinyDB document file."""


def parse_tables(raw: bytes) -> Tables:
    """Parse file bytes into TinyDB tables, with a precise reason when impossible."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise FileShapeError(
            f"contains NUL bytes (first at byte {offset}); the file was damaged, "
            "probably by a crash or a disk fault"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileShapeError(f"is not UTF-8 text (byte {error.start})") from error
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileShapeError(
            f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error
    if not isinstance(data, dict):
        raise FileShapeError(f"holds a JSON {type(data).__name__}, not an object of tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise FileShapeError(f"table {table_name!r} is a {type(table).__name__}, not an object")
        for doc_id, doc in table.items():
            # isascii: "²".isdigit() is True, but int("²") fails.
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise FileShapeError(f"table {table_name!r} has a non-numeric id {doc_id!r}")
            if not isinstance(doc, dict):
                raise FileShapeError(
                    f"document {doc_id} in table {table_name!r} is a {type(doc).__name__}"
                )
    return data


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic replace, transactions and a serialisation cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: Tables = {}
        self._pending: Tables | None = None
        self._depth = 0
        self._encoded: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        self.signature: tuple[int, int, int] | None = None

    # -- TinyDB's interface -------------------------------------------------
    def read(self) -> Tables | None:
        source = self._pending if self._pending is not None else self._data
        return dict(source)

    def write(self, data: Tables) -> None:
        if self._depth == 0:
            raise RuntimeError("writes go through a transaction (DocumentFile)")
        self._pending = data

    def close(self) -> None:
        pass

    # -- ours ---------------------------------------------------------------
    @property
    def data(self) -> Tables:
        return self._data

    def load_bytes(self, raw: bytes, stat: os.stat_result | None) -> None:
        """Adopt a freshly read file (already known to be on disk)."""
        self._data = parse_tables(raw)
        self._encoded.clear()
        self.signature = _signature(stat) if stat else None

    def adopt(self, data: Tables) -> None:
        """Take tables that are about to be written (a migration)."""
        self._data = data
        self._encoded.clear()

    def disk_signature(self) -> tuple[int, int, int] | None:
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def changed_on_disk(self) -> bool:
        return self.disk_signature() != self.signature

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group TinyDB writes; the outermost exit commits them in one atomic write."""
        self._depth += 1
        try:
            yield
        except BaseException:
            if self._depth == 1:
                self._pending = None
            raise
        finally:
            self._depth -= 1
        if self._depth == 0 and self._pending is not None:
            pending, self._pending = self._pending, None
            self.commit(pending)

    def commit(self, data: Tables) -> None:
        encoded = self.encode(data)
        stat = atomic_write(self.path, encoded)
        self._data = data
        self.signature = _signature(stat)

    def encode(self, data: Tables) -> bytes:
        chunks: list[str] = []
        fresh: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for table_name in sorted(data, key=lambda name: (name != "_meta", name)):
            table = data[table_name]
            lines: list[str] = []
            for doc_id in sorted(table, key=int):
                doc = table[doc_id]
                key = (table_name, doc_id)
                cached = self._encoded.get(key)
                text = cached[1] if cached is not None and cached[0] is doc else _dump(doc)
                fresh[key] = (doc, text)
                lines.append(f'"{doc_id}": {text}')  # ids are digits (checked on load)
            body = ",\n".join(lines)
            chunks.append(
                f"{_dump(table_name)}: {{\n{body}\n}}" if lines else f"{_dump(table_name)}: {{}}"
            )
        self._encoded = fresh
        return ("{\n" + ",\n".join(chunks) + "\n}\n").encode("utf-8")


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)
