"""``infoint show`` from the shell: every label stands apart from its value."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.models import CONTACT_FIELDS, Contact
from infoint_tui.core.store import Store
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
