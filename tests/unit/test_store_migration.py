"""Each file carries a schema version: an older one is migrated forward (after a backup),
a newer one is refused and left untouched."""

from __future__ import annotations

import errno
import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from infoint_tui import cli
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.store.backups import backup_dir, list_backups
from infoint_tui.core.store.errors import CorruptFileError, NewerSchemaError, SaveFailed
from tests.conftest import FakeClock
from tests.fixtures.store_worker import temp_files

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "contacts_v0.json"


@pytest.fixture
def v0(data_dir: Path) -> Path:
    """The prototype's contacts file: a plain TinyDB ``_default`` table, no _meta."""
    data_dir.mkdir(parents=True)
    return Path(shutil.copy(FIXTURE, data_dir / "contacts.json"))


def test_a_version_0_file_is_backed_up_then_migrated(
    v0: Path, data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock).open()

    backup = backup_dir(data_dir) / "contacts.pre-migration-v0-20261126T093000Z.json"
    assert backup.read_bytes() == FIXTURE.read_bytes()
    assert backup.stat().st_mode & 0o777 == 0o600

    contacts = store.contacts.all()
    assert sorted(contacts) == [1, 2, 4]  # ids kept
    ada, grace, linus = contacts[1], contacts[2], contacts[4]
    assert ada.name == "Ada Lovelace"
    assert ada.company == "Analytical Engines"  # was "org"
    assert ada.title == "Mathematician"
    assert ada.stage is Stage.REQUESTED  # was the label "Request sent"
    assert ada.follow_up == date(2026, 12, 1)  # was "followup"
    assert [(c.stage, c.at) for c in ada.stage_history] == [  # was "history", with labels
        (Stage.TARGET, datetime(2026, 11, 20, 10, 0, tzinfo=UTC)),
        (Stage.REQUESTED, datetime(2026, 11, 24, 9, 15, tzinfo=UTC)),
    ]
    assert ada.tags == ("math", "engines")  # was one comma-separated string
    assert ada.notes == "Met at the Babbage lecture."
    assert grace.stage is Stage.FOLLOW_UP
    assert [c.stage for c in grace.stage_history] == [Stage.TARGET, Stage.FOLLOW_UP]
    assert grace.tags == ("cobol",)
    assert linus.stage is Stage.TARGET  # an unknown stage falls back to the first
    assert linus.tags == ()

    on_disk = json.loads(v0.read_bytes())
    assert set(on_disk) == {"_meta", "contacts"}  # "_default" is gone
    assert on_disk["_meta"] == {"1": {"kind": "contacts", "schema_version": 1, "next_id": 5}}
    assert on_disk["contacts"]["1"]["company"] == "Analytical Engines"
    assert on_disk["contacts"]["1"]["stage"] == "requested"
    assert "org" not in on_disk["contacts"]["1"]
    assert on_disk["contacts"]["2"]["stage_history"][1]["stage"] == "follow-up"

    added = store.contacts.insert(Contact.create({"name": "Margaret"}, now=clock()))
    assert added.id == 5


def test_a_migrated_file_is_not_migrated_again(v0: Path, data_dir: Path, clock: FakeClock) -> None:
    Store(data_dir, clock=clock).open()
    migrated = v0.read_bytes()
    clock.advance(hours=1)
    reopened = Store(data_dir, clock=clock).open()
    assert v0.read_bytes() == migrated
    assert len(list(backup_dir(data_dir).iterdir())) == 1
    assert reopened.contacts.require(1).company == "Analytical Engines"


def test_the_cli_migrates_on_first_use(
    v0: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["list", "--json", "--data-dir", str(data_dir)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["name"], c["stage"], c["company"]) for c in listed] == [
        ("Linus Torvalds", "target", "Linux Foundation"),
        ("Ada Lovelace", "requested", "Analytical Engines"),
        ("Grace Hopper", "follow-up", "US Navy"),
    ]
    assert [b.path.name.split("-20")[0] for b in list_backups(data_dir)] == [
        "contacts.pre-migration-v0"
    ]


def test_a_migration_that_cannot_be_saved_leaves_the_old_file(
    v0: Path, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def disk_full_for_the_data_file(src: Any, dst: Any, **kw: Any) -> None:
        if Path(dst) == v0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "replace", disk_full_for_the_data_file)
    with pytest.raises(SaveFailed) as failed:
        Store(data_dir, clock=clock).open()
    assert "No space left on device" in str(failed.value)
    assert str(v0) in str(failed.value)
    assert v0.read_bytes() == FIXTURE.read_bytes()
    assert temp_files(data_dir) == []
    monkeypatch.undo()
    assert Store(data_dir, clock=clock).open().contacts.require(1).company == "Analytical Engines"


def newer(data_dir: Path, clock: FakeClock) -> Path:
    store = Store(data_dir, clock=clock).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    path = data_dir / "contacts.json"
    data = json.loads(path.read_bytes())
    data["_meta"]["1"]["schema_version"] = 2
    data["contacts"]["1"]["a_field_from_the_future"] = {"x": 1}
    path.write_text(json.dumps(data))
    return path


def test_a_newer_schema_is_refused_and_left_untouched(data_dir: Path, clock: FakeClock) -> None:
    path = newer(data_dir, clock)
    raw = path.read_bytes()
    with pytest.raises(NewerSchemaError) as refused:
        Store(data_dir, clock=clock).open()
    message = str(refused.value)
    assert refused.value.path == path
    assert f"cannot read {path}: it has schema version 2" in message
    assert "reads up to version 1" in message
    assert "Upgrade infoint" in message
    assert path.read_bytes() == raw
    assert not backup_dir(data_dir).exists()


def test_the_cli_refuses_a_newer_schema(
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = newer(data_dir, clock)
    raw = path.read_bytes()

    def launch(store: object, *, demo: bool) -> int:
        raise AssertionError("the app was started on a newer file")

    monkeypatch.setattr(cli, "_launch", launch)
    for argv in (["add", "--name", "Grace"], ["list"], []):
        assert cli.main([*argv, "--data-dir", str(data_dir)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"infoint: cannot read {path}: it has schema version 2")
    assert path.read_bytes() == raw


def _bad_v0(data_dir: Path, document: dict[str, Any]) -> Path:
    """The prototype's file with one more document, a broken one."""
    data = json.loads(FIXTURE.read_bytes())
    data["_default"]["9"] = document
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "contacts.json"
    path.write_text(json.dumps(data))
    return path


BAD_V0_DOCUMENTS: dict[str, tuple[dict[str, Any], str]] = {
    "a document that does not load": (
        {"name": "Eve", "created": "not a date"},
        "has a bad document 9",
    ),
    "a document the migration cannot read": (
        {"name": "Eve", "history": 5},
        "cannot be migrated from schema version 0",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_V0_DOCUMENTS))
def test_a_bad_old_file_is_checked_before_anything_is_written(
    data_dir: Path, clock: FakeClock, case: str
) -> None:
    document, reason = BAD_V0_DOCUMENTS[case]
    path = _bad_v0(data_dir, document)
    raw = path.read_bytes()
    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir, clock=clock).open()
    assert reason in caught.value.reason
    assert path.read_bytes() == raw  # not rewritten
    assert not backup_dir(data_dir).exists()  # and no "pre-migration" copy of a bad file
    assert caught.value.backup is None
    assert "No good backup was found" in str(caught.value)


def test_the_message_names_the_newest_backup_that_opens(data_dir: Path, clock: FakeClock) -> None:
    # A good backup from an earlier day...
    store = Store(data_dir, clock=clock).open()
    store.contacts.insert(Contact.create({"name": "Ada"}, now=clock()))
    clock.advance(days=1)
    store.contacts.insert(Contact.create({"name": "Grace"}, now=clock()))
    good = backup_dir(data_dir) / "contacts.2026-11-27.json"
    assert good.exists()
    os.utime(good, (1_700_000_000, 1_700_000_000))
    # ...then the file is replaced by a bad prototype file, and an earlier version
    # of infoint left a "pre-migration" copy of it, newer than the good backup.
    path = _bad_v0(data_dir, {"name": "Eve", "created": "not a date"})
    raw = path.read_bytes()
    stale = backup_dir(data_dir) / "contacts.pre-migration-v0-20261127T093000Z.json"
    stale.write_bytes(raw)
    # A newer backup that parses but whose documents do not load is no good either.
    broken_document = json.loads(good.read_bytes())
    broken_document["contacts"]["1"]["stage_history"] = [{"stage": "target"}]
    newest = backup_dir(data_dir) / "contacts.2026-11-28.json"
    newest.write_text(json.dumps(broken_document))

    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir, clock=clock).open()

    assert caught.value.backup == good
    assert f"infoint restore {good.name}" in str(caught.value)
    assert path.read_bytes() == raw
    assert sorted(p.name for p in backup_dir(data_dir).iterdir()) == sorted(
        [good.name, stale.name, newest.name]
    )
