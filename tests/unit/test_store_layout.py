"""Reading a data file one document at a time.

A file in the storage's own layout (a table per header line, a document per
line) is valid JSON exactly when each document's line is, so its documents are
parsed one by one, never all alive at once. These tests hold that claim against
the whole-file parser: same documents from both, and every deviation from the
layout read (or refused) by the whole-file parser as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.errors import CorruptFileError
from infoint_tui.core.store.storage import (
    AtomicJSONStorage,
    FileShapeError,
    load_json,
    parse_document,
    parse_tables,
    split_layout,
)

KEYS = st.text(alphabet="abcdefgh_", min_size=1, max_size=6)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)
DOCUMENT = st.dictionaries(KEYS, VALUES, max_size=5)
TABLE = st.dictionaries(st.integers(1, 10**6).map(str), DOCUMENT, max_size=6)
TABLES = st.dictionaries(st.sampled_from(["_meta", "contacts", "letters", "x y"]), TABLE)


def written(tables: dict[str, Any]) -> bytes:
    """The file this storage writes for ``tables``."""
    storage = AtomicJSONStorage(Path("unused"))
    pieces, _ = storage.encode(tables)
    return b"".join(pieces)


@settings(max_examples=200, deadline=None)
@given(TABLES)
def test_what_the_storage_writes_splits_into_the_same_documents(tables: dict[str, Any]) -> None:
    raw = written(tables)
    laid_out = split_layout(raw)
    assert parse_tables(raw) == tables
    if not tables:
        return  # "{}" on its own: parsed whole, no lines to split
    assert laid_out is not None
    parsed = {
        name: {key: json.loads(line.split(b": ", 1)[1]) for key, line in lines.items()}
        for name, lines in laid_out.items()
    }
    assert parsed == tables


@settings(max_examples=300, deadline=None)
@given(TABLES, st.data())
def test_a_damaged_layout_is_never_taken_for_a_good_file(
    tables: dict[str, Any], data: st.DataObject
) -> None:
    """Cut, drop or double a byte anywhere: either the layout is refused (and
    the whole-file parser decides), or each line parses to what the whole
    file holds."""
    raw = bytearray(written(tables))
    if not raw:
        return
    where = data.draw(st.integers(0, len(raw) - 1))
    how = data.draw(st.sampled_from(["cut", "drop", "double"]))
    if how == "cut":
        damaged = bytes(raw[:where])
    elif how == "drop":
        damaged = bytes(raw[:where] + raw[where + 1 :])
    else:
        damaged = bytes(raw[: where + 1] + raw[where:])
    laid_out = split_layout(damaged)
    if laid_out is None:
        return  # not the layout: the whole-file parser decides, as for any file
    try:
        lines = {
            name: {key: parse_document(name, key, line) for key, line in rows.items()}
            for name, rows in laid_out.items()
        }
    except FileShapeError:
        return  # a line that is not one document: the reader falls back to the whole file
    # Every line is one document: the file is exactly what the whole-file parser reads.
    assert lines == parse_tables(damaged)


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_orjson_reads_what_the_standard_parser_reads(value: Any) -> None:
    raw = json.dumps(value).encode()
    assert load_json(raw) == json.loads(raw)


def test_documents_are_parsed_one_by_one_and_then_let_go(store: Store, data_dir: Path) -> None:
    store.contacts.insert_many(Contact(name=f"Person {n}", rank=float(n)) for n in range(5))
    reopened = Store(data_dir).open()
    storage = reopened.contacts._storage  # what the file is held as
    held = storage.data["contacts"]
    assert len(held) == 5 and all(document == {} for document in held.values())
    assert [c.name for c in reopened.contacts.all().values()] == [f"Person {n}" for n in range(5)]
    # Saving after that rewrites one line and keeps the other four as they were.
    before = (data_dir / "contacts.json").read_bytes().split(b"\n")
    first = reopened.contacts.get(1)
    assert first is not None
    reopened.contacts.put(first.with_values({"company": "Acme"}, now=first.created or _now()))
    after = (data_dir / "contacts.json").read_bytes().split(b"\n")
    changed = [line for line in after if line not in before]
    assert len(changed) == 1 and b"Acme" in changed[0]
    assert Store(data_dir).open().contacts.require(1).company == "Acme"


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 11, 26, tzinfo=UTC)


def test_two_documents_on_one_line_are_read_as_the_json_they_are(
    store: Store, data_dir: Path
) -> None:
    """A hand edit joined two lines: still valid JSON, so still read."""
    store.contacts.insert_many(Contact(name=f"Person {n}", rank=float(n)) for n in range(3))
    path = data_dir / "contacts.json"
    raw = path.read_bytes()
    joined = raw.replace(b'},\n"3": {', b'},"3": {', 1)
    assert joined != raw
    path.write_bytes(joined)
    assert [c.name for c in Store(data_dir).open().contacts.all().values()] == [
        "Person 0",
        "Person 1",
        "Person 2",
    ]


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda raw: raw.replace(b'"rank":1.0', b'"rank":NaN', 1), "NaN"),
        (lambda raw: raw.replace(b'"name":"Person 1"', b'"name":"Person 1', 1), "not valid JSON"),
        (lambda raw: raw.replace(b'"2": {', b'"2": [', 1), "not valid JSON"),
        (lambda raw: raw.rstrip(b"\n}"), "not valid JSON"),
    ],
)
def test_a_bad_document_line_stops_the_open_with_the_file_and_reason(
    store: Store, data_dir: Path, damage: Any, reason: str
) -> None:
    store.contacts.insert_many(Contact(name=f"Person {n}", rank=float(n)) for n in range(3))
    path = data_dir / "contacts.json"
    damaged = damage(path.read_bytes())
    assert damaged != path.read_bytes()
    path.write_bytes(damaged)
    with pytest.raises(CorruptFileError) as raised:
        Store(data_dir).open()
    assert "contacts.json" in str(raised.value) and reason in str(raised.value)
