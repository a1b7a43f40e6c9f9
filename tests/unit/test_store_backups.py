"""Rotating backups: at most one a day per file, the last 7 kept, listed by
``infoint backups``; ``infoint restore`` backs up the current file first and refuses
a backup it cannot read."""

from __future__ import annotations

import functools
import json
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.commands import data
from infoint_tui.core.companies import Company
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.backups import KEEP_DAILY, backup_dir, daily_backup_path, list_backups
from tests.conftest import START, FakeClock

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def add(store: Store, name: str) -> Contact:
    return store.contacts.insert(Contact.create({"name": name}, now=store.clock()))


def names(data_dir: Path) -> list[str]:
    return [c.name for c in Store(data_dir).open().contacts]


def dailies(data_dir: Path) -> list[str]:
    return sorted(p.name for p in backup_dir(data_dir).glob("contacts.????-??-??.json"))


def test_at_most_one_backup_a_day_holding_the_state_before_that_days_first_write(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    add(store, "Ada")  # the file did not exist: nothing to back up
    assert dailies(data_dir) == []
    before_first_write_today = (data_dir / "contacts.json").read_bytes()
    add(store, "Grace")
    add(store, "Linus")
    clock.advance(hours=12)  # 21:30 UTC, still the same day
    add(store, "Margaret")
    assert dailies(data_dir) == ["contacts.2026-11-26.json"]
    today = daily_backup_path(data_dir / "contacts.json", START.date())
    assert today.read_bytes() == before_first_write_today

    clock.advance(hours=3)  # past midnight
    before = (data_dir / "contacts.json").read_bytes()
    add(store, "Barbara")
    assert dailies(data_dir) == ["contacts.2026-11-26.json", "contacts.2026-11-27.json"]
    assert (backup_dir(data_dir) / "contacts.2026-11-27.json").read_bytes() == before


def test_only_the_last_seven_days_are_kept(store: Store, data_dir: Path, clock: FakeClock) -> None:
    add(store, "day 0")
    for day in range(1, 12):
        clock.advance(days=1)
        add(store, f"day {day}")
    kept = [START.date() + timedelta(days=day) for day in range(5, 12)]
    assert dailies(data_dir) == [f"contacts.{day.isoformat()}.json" for day in kept]
    assert len(kept) == KEEP_DAILY
    newest = json.loads((backup_dir(data_dir) / dailies(data_dir)[-1]).read_bytes())
    assert len(newest["contacts"]) == 11  # the state before day 11's write


def test_each_file_rotates_its_own_backups(store: Store, data_dir: Path, clock: FakeClock) -> None:
    for day in range(10):
        add(store, f"day {day}")
        if day < 3:
            store.companies.insert(Company.create({"name": f"company {day}"}, now=clock()))
        clock.advance(days=1)
    assert len(dailies(data_dir)) == 7
    companies = sorted(p.name for p in backup_dir(data_dir).glob("companies.*.json"))
    assert companies == ["companies.2026-11-27.json", "companies.2026-11-28.json"]


def test_infoint_backups_lists_every_backup(
    store: Store, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "backups", "--data-dir", str(data_dir))
    assert status == 0
    assert out.strip() == f"No backups yet in {backup_dir(data_dir)}"

    for day in range(3):
        add(store, f"day {day}")
        clock.advance(days=1)
    (backup_dir(data_dir) / "contacts.2026-11-27.json").write_bytes(b"{\0")

    status, out, _ = run(capsys, "backups", "--data-dir", str(data_dir))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["BACKUP", "OF", "TAKEN", "BYTES", "STATE"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert set(rows) == {"contacts.2026-11-27.json", "contacts.2026-11-28.json"}
    assert rows["contacts.2026-11-28.json"][1] == "contacts.json"
    assert rows["contacts.2026-11-28.json"][-1] == "ok"
    assert rows["contacts.2026-11-27.json"][-1] == "UNREADABLE"
    size = (backup_dir(data_dir) / "contacts.2026-11-28.json").stat().st_size
    assert rows["contacts.2026-11-28.json"][-2] == f"{size:,}"


@pytest.fixture
def history(store: Store, data_dir: Path, clock: FakeClock) -> list[Path]:
    """Three days of writes: backups of 1 and 2 contacts; the file holds 3."""
    for day in range(3):
        add(store, f"day {day}")
        clock.advance(days=1)
    return [backup.path for backup in list_backups(data_dir)]


def test_restore_puts_the_backup_back_and_keeps_the_current_file(
    history: list[Path],
    data_dir: Path,
    store: Store,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_dir / "contacts.json"
    current = path.read_bytes()
    oldest = backup_dir(data_dir) / "contacts.2026-11-27.json"
    status, out, err = run(capsys, "restore", oldest.name, "--data-dir", str(data_dir))
    assert (status, err) == (0, "")

    assert path.read_bytes() == oldest.read_bytes()
    assert names(data_dir) == ["day 0"]
    kept = [b.path for b in list_backups(data_dir) if "pre-restore" in b.path.name]
    assert len(kept) == 1
    assert kept[0].read_bytes() == current
    assert out.strip() == (
        f"Restored contacts.json from {oldest.name}. The previous file was kept as {kept[0].name}."
    )
    # An app that was open all along sees the restored file.
    assert store.refresh() == ["contacts"]
    assert [c.name for c in store.contacts] == ["day 0"]

    # Undo the restore from its own safety copy, by full path this time.
    status, _, _ = run(capsys, "restore", str(kept[0]), "--data-dir", str(data_dir))
    assert status == 0
    assert path.read_bytes() == current


def test_two_restores_in_one_second_keep_both_previous_files(
    history: list[Path],
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Both pre-restore copies get the same time stamp in their names.
    monkeypatch.setattr(data, "Store", functools.partial(Store, clock=clock))
    path = data_dir / "contacts.json"
    original = path.read_bytes()
    first, second = "contacts.2026-11-27.json", "contacts.2026-11-28.json"
    assert run(capsys, "restore", first, "--data-dir", str(data_dir))[0] == 0
    after_first = path.read_bytes()
    assert run(capsys, "restore", second, "--data-dir", str(data_dir))[0] == 0
    kept = sorted(
        (b.path.read_bytes() for b in list_backups(data_dir) if "pre-restore" in b.path.name),
        key=len,
    )
    assert sorted([original, after_first], key=len) == kept


@pytest.mark.parametrize(
    "damage", [b"", b"{\0\0", b'{"contacts": [1, 2]}', b"[]"], ids=["empty", "NUL", "shape", "list"]
)
def test_restore_refuses_an_unreadable_backup(
    history: list[Path],
    data_dir: Path,
    damage: bytes,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_dir / "contacts.json"
    current = path.read_bytes()
    bad = backup_dir(data_dir) / "contacts.2026-11-28.json"
    bad.write_bytes(damage)
    status, out, err = run(capsys, "restore", bad.name, "--data-dir", str(data_dir))
    assert status == 1
    assert out == ""
    assert err == f"infoint: {bad} is not a readable infoint file; nothing was changed\n"
    assert path.read_bytes() == current
    assert not [b for b in list_backups(data_dir) if "pre-restore" in b.path.name]


def test_restore_of_a_missing_backup_says_where_it_looked(
    history: list[Path], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "restore", "contacts.1999-01-01.json", "--data-dir", str(data_dir))
    assert status == 1
    assert "no backup named 'contacts.1999-01-01.json'" in err
    assert str(backup_dir(data_dir)) in err
