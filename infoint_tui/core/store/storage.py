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

import contextlib
import json
import math
import os
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write

Tables = dict[str, dict[str, dict[str, Any]]]


class FileShapeError(ValueError):
    """The file parsed as JSON (or did not) but is not a TinyDB document file."""


# Ids are at most 15 digits: below 2**53, so every JSON reader keeps them exact,
# and never near the 4,300 digits Python refuses to convert.
MAX_ID_DIGITS = 15
MAX_ID = 10**MAX_ID_DIGITS - 1


def load_json(raw: bytes) -> Any:
    """Parse what infoint wrote; anything else raises FileShapeError with the reason.

    orjson reads a good file several times faster than the standard parser and
    without first decoding it to a string (at 10,000 contacts, 70 ms and 14 MB
    less). It refuses NaN, Infinity, numbers too large for a double, nesting
    over 1,024 deep and invalid UTF-8; then the standard parser, set to refuse
    the same, says why in words (it is only ever run on a bad file).
    """
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileShapeError(f"is not UTF-8 text (byte {error.start})") from error
    try:
        # What orjson refuses and this takes (a lone surrogate escape, say) is
        # read as it always was.
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except FileShapeError:
        raise
    except json.JSONDecodeError as error:
        raise FileShapeError(
            f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError:
        raise FileShapeError(
            f"is nested {nesting_depth(text)} deep (lists or objects inside each other); "
            "infoint never writes more than a few levels"
        ) from None
    except ValueError as error:  # only an integer literal too long to convert
        raise FileShapeError(
            f"has a number with more than {sys.get_int_max_str_digits()} digits"
        ) from error


def _refuse_constant(name: str) -> Any:
    raise FileShapeError(f"holds {name}, which is not a number infoint reads")


def _finite_float(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):
        raise FileShapeError(f"has a number too large to hold ({literal[:40]})")
    return value


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?')


def nesting_depth(text: str | bytes) -> int:
    """How deep lists and objects go (brackets inside strings do not count)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", _JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_tables(raw: bytes) -> Tables:
    """Parse file bytes into TinyDB tables, with a precise reason when impossible."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise FileShapeError(
            f"contains NUL bytes (first at byte {offset}); the file was damaged, "
            "probably by a crash or a disk fault"
        )
    if not raw.strip():
        return {}
    data = load_json(raw)
    if not isinstance(data, dict):
        raise FileShapeError(f"holds a JSON {type(data).__name__}, not an object of tables")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise FileShapeError(f"table {table_name!r} is a {type(table).__name__}, not an object")
        for doc_id, doc in table.items():
            _check_id(table_name, doc_id)
            if not isinstance(doc, dict):
                raise FileShapeError(
                    f"document {doc_id} in table {table_name!r} is a {type(doc).__name__}"
                )
    return data


def _check_id(table: str, doc_id: str) -> None:
    if len(doc_id) > MAX_ID_DIGITS and doc_id.isascii() and doc_id.isdigit():
        raise FileShapeError(
            f"table {table!r} has an id of {len(doc_id)} digits (at most {MAX_ID_DIGITS})"
        )
    # isascii: "²".isdigit() is True, but int("²") fails.
    if not (doc_id.isascii() and doc_id.isdigit() and doc_id == str(int(doc_id))):
        raise FileShapeError(f"table {table!r} has a non-numeric id {doc_id!r}")


_dump = orjson.dumps
# The layout this storage writes: a table per header line, a document per line.
_TABLE_LINE = re.compile(rb'^"((?:[^"\\]|\\.)*)": \{(\})?,?$')
_DOC_LINE = re.compile(rb'^"(\d+)": (\{.*\}),?$')


def _line(doc_id: str, doc: dict[str, Any]) -> bytes:
    # Bytes, not str: one name in Chinese would otherwise widen the whole
    # joined file to four bytes a character.
    return b'"' + doc_id.encode() + b'": ' + _dump(doc)  # ids are digits (checked on load)


LINES_PER_CHUNK = 64  # about 45 KB a piece

# A document that was read into its model: the file's line for it (kept) is
# all that is needed of it to write the file again, so its parsed dict goes.
HOLLOW: dict[str, Any] = {}
META = "_meta"  # the table of the file's own version and counter: always parsed


@dataclass
class _TableLines:
    """One table as written: each document's line, kept while its dict is unchanged."""

    table: dict[str, dict[str, Any]]  # the table dict these lines were made from
    docs: dict[str, dict[str, Any]]
    lines: dict[str, bytes]

    def chunks(self) -> Iterator[bytes]:
        """The table's body in pieces of 64 lines, never joined into one 7 MB
        string: the allocator kept such a copy after every save (about 14 MB
        at 10,000 contacts)."""
        lines = list(self.lines.values())
        for start in range(0, len(lines), LINES_PER_CHUNK):
            if start:
                yield b",\n"
            yield b",\n".join(lines[start : start + LINES_PER_CHUNK])

    @classmethod
    def build(
        cls,
        table: dict[str, dict[str, Any]],
        previous: _TableLines | None,
        touched: Collection[str] | None,
    ) -> _TableLines:
        """Lines for ``table``: only ``touched`` documents re-encoded when the rest match."""
        if previous is not None and touched is not None:
            docs, lines = dict(previous.docs), dict(previous.lines)
            for doc_id in touched:
                doc = table.get(doc_id)
                if doc is None:
                    docs.pop(doc_id, None)
                    lines.pop(doc_id, None)
                else:
                    docs[doc_id] = doc
                    lines[doc_id] = _line(doc_id, doc)
            if lines.keys() == table.keys():
                return cls(table, docs, lines)
        # No hint (a migration, a restore) or it did not add up: compare every document.
        old_docs = previous.docs if previous is not None else {}
        old_lines = previous.lines if previous is not None else {}
        docs, lines = {}, {}
        for doc_id, doc in table.items():
            docs[doc_id] = doc
            line = old_lines.get(doc_id)
            lines[doc_id] = (
                line if line is not None and old_docs.get(doc_id) is doc else _line(doc_id, doc)
            )
        return cls(table, docs, lines)


def lines_from_file(raw: bytes, tables: Tables) -> dict[str, _TableLines]:
    """The line of each document in a file this storage wrote, so saving after a
    load does not re-encode 10,000 documents. Tables laid out otherwise are skipped."""
    found: dict[str, dict[str, bytes]] = {}
    current: dict[str, bytes] | None = None
    for line in raw.split(b"\n"):
        match = _DOC_LINE.match(line)
        if match is not None and current is not None:
            doc_id = match.group(1).decode()
            current[doc_id] = b'"' + match.group(1) + b'": ' + match.group(2)
            continue
        header = _TABLE_LINE.match(line)
        if header is not None:
            name = json.loads(b'"' + header.group(1) + b'"')
            current = None if header.group(2) else found.setdefault(name, {})
        else:
            # Anything else (a closing brace, another layout) ends the table:
            # a line must never be filed under a table it does not belong to.
            current = None
    result: dict[str, _TableLines] = {}
    for name, table in tables.items():
        lines = found.get(name, {})
        if lines.keys() == table.keys():
            result[name] = _TableLines(table, dict(table), lines)
    return result


def split_layout(raw: bytes) -> dict[str, dict[str, bytes]] | None:
    """Each document's line, when ``raw`` is laid out exactly as this storage
    writes it (a table per header line, a document per line, commas where JSON
    needs them); None for any other layout. A file laid out so is valid JSON
    exactly when each document's line is, so its documents can be parsed one
    at a time: the whole file's dicts are never all alive at once."""
    rows = raw.split(b"\n")
    while rows and not rows[-1].strip():
        rows.pop()
    if len(rows) < 2 or rows[0] != b"{" or rows[-1] != b"}":
        return None
    tables: dict[str, dict[str, bytes]] = {}
    index, last = 1, len(rows) - 1
    while index < last:
        header = _TABLE_LINE.match(rows[index])
        if header is None:
            return None
        name = json.loads(b'"' + header.group(1) + b'"')
        more = rows[index].endswith(b",")
        if header.group(2):  # an empty table: "name": {}
            tables[name] = {}
            index += 1
        else:
            documents: dict[str, bytes] = {}
            index += 1
            while index < last:
                row = rows[index]
                if row in (b"}", b"},"):
                    more = row == b"},"
                    break
                match = _DOC_LINE.match(row)
                if match is None:
                    return None
                followed = row.endswith(b",")
                following = rows[index + 1] if index + 1 < last else b""
                if followed == (following in (b"}", b"},")):
                    return None  # a comma before the table closes, or none between documents
                documents[match.group(1).decode()] = b'"' + match.group(1) + b'": ' + match.group(2)
                index += 1
            else:
                return None
            if not documents:
                return None
            tables[name] = documents
            index += 1
        if more != (index < last):
            return None  # a comma after the last table, or none between two
    return tables


def parse_document(table: str, doc_id: str, line: bytes) -> dict[str, Any]:
    """One document of a file laid out line by line (``split_layout``), checked
    as ``parse_tables`` checks a whole file."""
    _check_id(table, doc_id)
    document = load_json(line[line.index(b": ") + 2 :])
    if not isinstance(document, dict):
        raise FileShapeError(f"document {doc_id} in table {table!r} is a {type(document).__name__}")
    return document


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic replace, transactions and a serialisation cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: Tables = {}
        self._pending: Tables | None = None
        self._depth = 0
        self._lines: dict[str, _TableLines] = {}
        self._touched: dict[str, set[str]] = {}
        self.unread: dict[str, Any] = {}  # stands for a document whose line is not parsed yet
        self.signature: tuple[int, int, int] | None = None
        self._pinned: int | None = None

    # -- TinyDB's interface -------------------------------------------------
    def read(self) -> Tables | None:
        source = self._pending if self._pending is not None else self._data
        return dict(source)

    def write(self, data: Tables) -> None:
        if self._depth == 0:
            raise RuntimeError("writes go through a transaction (DocumentFile)")
        self._pending = data

    def close(self) -> None:
        self.pin(None)

    def __del__(self) -> None:
        self.pin(None)

    def pin(self, fd: int | None) -> None:
        """Keep the file we last read or wrote open.

        While it is open its inode cannot be reused, so a file another process
        renames into place always has a different (inode, size, mtime) than the
        one we know, even when it is written within one clock tick.
        """
        previous, self._pinned = getattr(self, "_pinned", None), fd
        if previous is not None:
            with contextlib.suppress(OSError):
                os.close(previous)

    # -- ours ---------------------------------------------------------------
    @property
    def data(self) -> Tables:
        return self._data

    def load_bytes(self, raw: bytes, stat: os.stat_result | None, *, whole: bool = False) -> None:
        """Adopt a freshly read file (already known to be on disk).

        A file in this storage's own layout is not parsed here: each document
        stands as ``unread`` until ``document`` parses its line (the metadata
        table is parsed at once). Any other file, and any file when ``whole``,
        is parsed whole (a line that turns out not to hold one document, in a
        file edited by hand, sends the reader back here with ``whole``)."""
        self.signature = _signature(stat) if stat else None
        laid_out = None if whole or b"\x00" in raw else split_layout(raw)
        if laid_out is not None:
            unread: dict[str, Any] = {}  # a new marker each time: identity says "not read yet"
            data: Tables = {}
            lines_of: dict[str, _TableLines] = {}
            try:
                for name, lines in laid_out.items():
                    if name == META:
                        table = {key: parse_document(name, key, row) for key, row in lines.items()}
                    else:
                        table = dict.fromkeys(lines, unread)
                    data[name] = table
                    lines_of[name] = _TableLines(table, dict(table), lines)
            except FileShapeError:
                laid_out = None
            else:
                self.unread, self._data, self._lines = unread, data, lines_of
                return
        self._data = parse_tables(raw)
        self._lines = lines_from_file(raw, self._data)

    def document(self, table: str, doc_id: str) -> dict[str, Any]:
        """The document ``doc_id`` of ``table``, parsed from its line if it was
        not read yet (raises FileShapeError for a line that is not one)."""
        document = self._data[table][doc_id]
        if document is self.unread:
            document = parse_document(table, doc_id, self._lines[table].lines[doc_id])
        return document

    def materialize(self) -> Tables:
        """Every document parsed (a migration rewrites them all)."""
        for name, table in self._data.items():
            for doc_id, document in table.items():
                if document is self.unread:
                    table[doc_id] = self.document(name, doc_id)
            lines = self._lines.get(name)
            if lines is not None:
                lines.docs = dict(table)
        return self._data

    def adopt(self, data: Tables) -> None:
        """Take tables that are about to be written (a migration)."""
        self._data = data
        self._lines = {}

    def let_go(self, table: str, doc_id: str, document: dict[str, Any]) -> dict[str, Any]:
        """Drop the parsed ``document`` once its model is made (about 30 MB at
        10,000 contacts), keeping the line it was read from or written as;
        returns what now stands for it (``HOLLOW``, or the document itself when
        its line is not known: a file laid out by another program)."""
        lines = self._lines.get(table)
        data = self._data.get(table)
        if lines is None or data is None or lines.table is not data:
            return document
        entry = data.get(doc_id)
        if (entry is not document and entry is not self.unread) or doc_id not in lines.lines:
            return document
        data[doc_id] = HOLLOW
        lines.docs[doc_id] = HOLLOW
        return HOLLOW

    def touch(self, table: str, doc_ids: Iterable[str]) -> None:
        """Which documents this transaction changes: only they are re-encoded."""
        self._touched.setdefault(table, set()).update(doc_ids)

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
                self._touched = {}
            raise
        finally:
            self._depth -= 1
        if self._depth == 0:
            touched, self._touched = self._touched, {}
            if self._pending is not None:
                pending, self._pending = self._pending, None
                self.commit(pending, touched)

    def commit(self, data: Tables, touched: Mapping[str, Collection[str]] | None = None) -> None:
        encoded, lines = self.encode(data, touched)
        stat = atomic_write(self.path, encoded)
        # Only now: after a failed write the lines must still describe the disk.
        self._data, self._lines = data, lines
        try:
            fd = os.open(self.path, os.O_RDONLY)
            stat = os.fstat(fd)  # the file we just renamed into place (we hold the lock)
        except OSError:
            fd = None
        self.pin(fd)
        self.signature = _signature(stat)

    def encode(
        self, data: Tables, touched: Mapping[str, Collection[str]] | None = None
    ) -> tuple[list[bytes], dict[str, _TableLines]]:
        """The file as a list of pieces (atomic_write writes them in order)."""
        pieces: list[bytes] = [b"{\n"]
        tables: dict[str, _TableLines] = {}
        for index, name in enumerate(sorted(data, key=lambda key: (key != "_meta", key))):
            table = data[name]
            previous = self._lines.get(name)
            if previous is not None and previous.table is table:
                lines = previous  # untouched table: TinyDB kept its dict
            else:
                hint = touched.get(name, ()) if touched is not None else None
                lines = _TableLines.build(table, previous, hint)
            tables[name] = lines
            if index:
                pieces.append(b",\n")
            pieces.append(_dump(name))
            if table:
                pieces.append(b": {\n")
                pieces.extend(lines.chunks())
                pieces.append(b"\n}")
            else:
                pieces.append(b": {}")
        pieces.append(b"\n}\n")
        return pieces, tables


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)
