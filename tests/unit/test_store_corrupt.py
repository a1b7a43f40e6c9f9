"""A file that cannot be parsed is never overwritten: opening it raises CorruptFileError
naming the file, what is wrong, and the newest good backup; the CLI exits non-zero with
that message before anything (the app included) starts; and a file that goes bad while a
store is open is refused by every later write."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from infoint_tui import cli
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.backups import backup_dir, daily_backup_path
from infoint_tui.core.store.errors import CorruptFileError, NewerSchemaError, StoreError
from tests.conftest import START, FakeClock


def tables(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_bytes())
    return data


def edited(change: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        data = json.loads(good)
        change(data)
        return json.dumps(data).encode()

    return damage


def _set(path: tuple[str, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


def _rename_id(data: dict[str, Any], new: str) -> None:
    data["contacts"][new] = data["contacts"].pop("1")


# name -> (how the good bytes are damaged, words the reason must contain)
BROKEN: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda good: good[: len(good) // 2], "is not valid JSON"),
    "trailing garbage": (lambda good: good + b"}\ngarbage", "is not valid JSON (Extra data"),
    "NUL bytes inside": (
        lambda good: good[:40] + b"\0" * 16 + good[56:],
        "contains NUL bytes (first at byte 40)",
    ),
    "all NUL bytes": (lambda good: b"\0" * len(good), "contains NUL bytes (first at byte 0)"),
    "empty while a backup exists": (lambda good: b"", "is empty although backups of it exist"),
    "blank while a backup exists": (lambda good: b"  \n\n", "is empty although backups"),
    "not UTF-8": (lambda good: good.replace(b"Ada", b"\xff\xfeA"), "is not UTF-8 text"),
    "a list at the top": (lambda good: b"[]", "holds a JSON list, not an object of tables"),
    "a table that is a list": (
        edited(_set(("contacts",), [])),
        "table 'contacts' is a list, not an object",
    ),
    "a document that is a string": (
        edited(_set(("contacts", "1"), "Ada")),
        "document 1 in table 'contacts' is a str",
    ),
    "a non-numeric id": (
        edited(lambda data: _rename_id(data, "one")),
        "table 'contacts' has a non-numeric id 'one'",
    ),
    "a superscript digit id": (
        edited(lambda data: _rename_id(data, "\u00b2")),
        "has a non-numeric id",
    ),
    "meta of another kind": (
        edited(_set(("_meta", "1", "kind"), "companies")),
        "holds 'companies' documents, expected 'contacts'",
    ),
    "a schema version that is not a number": (
        edited(_set(("_meta", "1", "schema_version"), "1")),
        "has a schema version that is not a number: '1'",
    ),
    "a document missing its timestamps": (
        edited(_set(("contacts", "1", "stage_history"), [{"stage": "target"}])),
        "has a bad document 1",
    ),
}


@pytest.fixture
def good(data_dir: Path, clock: FakeClock) -> bytes:
    """contacts.json with two contacts, and yesterday's backup holding one of them."""
    store = Store(data_dir, clock=clock).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    clock.advance(days=1)
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    return (data_dir / "contacts.json").read_bytes()


@pytest.fixture(params=sorted(BROKEN))
def broken(request: pytest.FixtureRequest, data_dir: Path, good: bytes) -> tuple[bytes, str]:
    damage, reason = BROKEN[request.param]
    raw = damage(good)
    (data_dir / "contacts.json").write_bytes(raw)
    return raw, reason


def newest_backup(data_dir: Path) -> Path:
    """The `good` fixture's backup, taken before its second day's write."""
    return daily_backup_path(data_dir / "contacts.json", START.date() + timedelta(days=1))


def test_opening_a_broken_file_names_it_the_reason_and_the_backup(
    data_dir: Path, broken: tuple[bytes, str]
) -> None:
    raw, reason = broken
    path = data_dir / "contacts.json"
    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir).open()
    error = caught.value
    assert error.path == path
    assert reason in error.reason
    assert error.backup == newest_backup(data_dir)
    message = str(error)
    assert f"cannot read {path}: the file {error.reason}" in message
    assert "left untouched" in message
    assert f"Newest good backup: {newest_backup(data_dir)}" in message
    assert f"infoint restore {newest_backup(data_dir).name}" in message
    assert path.read_bytes() == raw


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["add", "--name", "Linus"],
        ["move", "1", "met"],
        ["show", "1"],
        [],  # the terminal app
    ],
    ids=lambda argv: " ".join(argv) or "app",
)
def test_the_cli_and_the_app_stop_with_the_message_and_write_nothing(
    data_dir: Path,
    broken: tuple[bytes, str],
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw, reason = broken

    def launch(store: object, *, demo: bool) -> int:
        raise AssertionError("the app was started on a broken file")

    monkeypatch.setattr(cli, "_launch", launch)
    assert cli.main([*argv, "--data-dir", str(data_dir)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"infoint: cannot read {data_dir / 'contacts.json'}: ")
    assert reason in captured.err
    assert str(newest_backup(data_dir)) in captured.err
    assert (data_dir / "contacts.json").read_bytes() == raw
    assert not list(backup_dir(data_dir).glob("*pre-*"))


def test_without_a_good_backup_the_message_says_so(data_dir: Path, good: bytes) -> None:
    newest_backup(data_dir).write_bytes(b"{broken")
    (data_dir / "contacts.json").write_bytes(good[:10])
    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir).open()
    assert caught.value.backup is None
    assert "No good backup was found" in str(caught.value)


def test_the_newest_good_backup_skips_unreadable_ones(
    data_dir: Path, good: bytes, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock).open()
    clock.advance(days=1)
    store.contacts.insert(Contact.create({"name": "Linus"}, now=clock()))
    newer = daily_backup_path(data_dir / "contacts.json", clock().date())
    assert newer.exists()
    newer.write_bytes(b"\0\0\0")
    (data_dir / "contacts.json").write_bytes(b"")
    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir).open()
    assert caught.value.backup == newest_backup(data_dir)


# Files another process (or a hand edit) replaces while this store is open.
WHILE_OPEN: dict[str, tuple[Callable[[bytes], bytes], type[StoreError]]] = {
    "truncated": (lambda good: good[:-20], CorruptFileError),
    "emptied": (lambda good: b"", CorruptFileError),
    "another kind": (edited(_set(("_meta", "1", "kind"), "companies")), CorruptFileError),
    "a newer schema": (edited(_set(("_meta", "1", "schema_version"), 2)), NewerSchemaError),
    "an older schema": (edited(lambda data: data.pop("_meta")), CorruptFileError),
    "a bad document": (
        edited(_set(("contacts", "1", "stage_history"), [{"stage": "target"}])),
        CorruptFileError,
    ),
}


@pytest.mark.parametrize("case", sorted(WHILE_OPEN))
def test_a_file_that_goes_bad_while_open_is_never_overwritten(
    data_dir: Path, clock: FakeClock, case: str
) -> None:
    store = Store(data_dir, clock=clock).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))  # a backup exists
    path = data_dir / "contacts.json"
    damage, error = WHILE_OPEN[case]
    raw = damage(path.read_bytes())
    path.write_bytes(raw)
    in_memory = dict(store.contacts.all())

    with pytest.raises(error):
        store.refresh()
    assert dict(store.contacts.all()) == in_memory
    for attempt in range(2):  # refused every time, not just the first
        with pytest.raises(error):
            store.contacts.insert(Contact.create({"name": f"Linus {attempt}"}, now=clock()))
        with pytest.raises(error):
            store.contacts.update(1, lambda c: c.with_values({"title": "x"}, now=clock()))
        with pytest.raises(error):
            store.contacts.delete(2)
    assert path.read_bytes() == raw
    assert dict(store.contacts.all()) == in_memory


def test_writes_resume_once_the_file_is_good_again(data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir, clock=clock).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    path = data_dir / "contacts.json"
    good = path.read_bytes()
    path.write_bytes(good[:-20])
    with pytest.raises(CorruptFileError):
        store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    path.write_bytes(good)  # e.g. `infoint restore` from another terminal
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    assert [c.name for c in Store(data_dir).open().contacts] == ["Ada", "Grace"]
