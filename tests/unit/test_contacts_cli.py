"""``infoint show`` from the shell: every label stands apart from its value."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts import pipeline
from infoint_tui.core.contacts.model import CONTACT_FIELDS, Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.store import storage
from infoint_tui.core.store.atomic import WriteFailed, atomic_write
from tests.conftest import FakeClock

HOOK = "Your talk on supply-chain data at PyCon"


def show(data_dir: Path, capsys: pytest.CaptureFixture[str], contact_id: int) -> list[str]:
    capsys.readouterr()
    status = main(["--data-dir", str(data_dir), "show", str(contact_id)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out.splitlines()


def add(store: Store, clock: FakeClock, **values: object) -> Contact:
    contact = Contact.create({"name": "Ada Okafor"}, now=clock())
    return store.contacts.insert(replace(contact, **values))  # type: ignore[arg-type]


def test_a_long_label_is_separated_from_its_value(
    store: Store, clock: FakeClock, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = add(store, clock, hook=HOOK, background="Same university", company="Northwind")
    lines = show(data_dir, capsys, ada.id)
    hook = next(line for line in lines if "Hook (article or post):" in line)
    assert re.fullmatch(rf"\s*Hook \(article or post\):\s+{re.escape(HOOK)}", hook), hook
    background = next(line for line in lines if "Background connection:" in line)
    assert re.fullmatch(r"\s*Background connection:\s+Same university", background), background


def test_values_line_up_after_the_longest_label(
    store: Store, clock: FakeClock, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = add(
        store,
        clock,
        hook=HOOK,
        company="Northwind",
        notes="First line\nSecond line",
        interview_at=clock(),
    )
    lines = show(data_dir, capsys, ada.id)
    labels = [spec.label + ":" for spec in CONTACT_FIELDS[1:]]
    shown = [line for line in lines if line.strip().split(":")[0] + ":" in labels]
    assert len(shown) >= 4  # company, hook, notes, interview (and source, the default)
    starts = set()
    for line in shown:
        label = next(label for label in labels if line.lstrip().startswith(label))
        after = line.index(label) + len(label)
        assert line[after] == " ", line  # at least one space after every label
        starts.add(len(line) - len(line[after:].lstrip()))
    assert len(starts) == 1, shown  # every value starts in the same column
    column = starts.pop()
    indent = len(shown[0]) - len(shown[0].lstrip())
    assert column >= indent + max(len(label) for label in labels) + 1
    # A multi-line value continues under its first line.
    second = lines[lines.index(next(line for line in shown if "First line" in line)) + 1]
    assert second == " " * column + "Second line"


def watch_contact_writes(
    monkeypatch: pytest.MonkeyPatch, fail_when: bytes | None = None
) -> list[bytes]:
    """Every write of contacts.json the storage layer makes, as the bytes written;
    a write holding ``fail_when`` fails as a full disk would."""
    writes: list[bytes] = []
    real_write = atomic_write  # what the storage layer calls

    def write(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
        if path.name != "contacts.json":
            return real_write(path, data)
        whole = data if isinstance(data, bytes) else b"".join(data)
        writes.append(whole)
        if fail_when is not None and fail_when in whole:
            raise WriteFailed(28, f"could not save {path}: No space left on device")
        return real_write(path, whole)

    monkeypatch.setattr(storage, "atomic_write", write)
    return writes


def test_add_into_a_later_stage_is_one_write(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(data_dir).open().contacts.insert(Contact.create({"name": "Bo"}, now=FakeClock()()))
    writes = watch_contact_writes(monkeypatch)
    status = main(["--data-dir", str(data_dir), "add", "--name", "Ada", "--stage", "met"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert len(writes) == 1
    ada = Store(data_dir).open().contacts.require(int(captured.out))
    # Entered Met as a contact added in Met in the app does (Session.new_contact).
    assert ada.created is not None
    made = Contact.create({"name": "Ada"}, now=ada.created)
    expected = pipeline.moved(made, Stage.MET, now=ada.created, rank=ada.rank)
    assert ada == replace(expected, id=ada.id)
    assert [change.stage for change in ada.stage_history] == [Stage.TARGET, Stage.MET]
    assert ada.follow_up is not None and ada.next_action


def test_a_failed_add_leaves_no_contact_and_a_retry_adds_one(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["--data-dir", str(data_dir), "add", "--name", "Ada", "--stage", "met"]
    watch_contact_writes(monkeypatch, fail_when=b'"stage":"met"')
    assert main(argv) == 1
    assert list(Store(data_dir).open().contacts) == []
    err = capsys.readouterr().err
    assert err.startswith("infoint: ") and "No space left on device" in err
    assert "Ada was not added" in err
    monkeypatch.undo()
    assert main(argv) == 0
    assert [(c.name, c.stage) for c in Store(data_dir).open().contacts] == [("Ada", Stage.MET)]
