"""Files built to break the parser: nesting 100,000 deep, integers of 5,000 digits,
NaN and Infinity. Each is refused with the file named and a reason, never a
traceback; a damaged first-screen copy is ignored (and rebuilt), a damaged
settings file gives the defaults and a message, and a damaged backup is listed
as unreadable and never offered as the good one."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.settings import Settings, load_settings
from infoint_tui.core.store.backups import backup_dir, daily_backup_path, list_backups
from infoint_tui.core.store.errors import CorruptFileError
from infoint_tui.core.store.storage import FileShapeError, parse_tables
from tests.conftest import START, FakeClock

DEEP = 100_000
KINDS = ["contacts", "companies", "profile", "interviews", "questions", "letters", "network"]


def _meta(kind: str, **values: str) -> str:
    fields = {"kind": json.dumps(kind), "schema_version": "1", "next_id": "2", **values}
    return '{"_meta": {"1": {' + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}}"


# name -> (file text for a kind, words the reason must contain)
HOSTILE: dict[str, tuple[Callable[[str], str], str]] = {
    "a list nested 100000 deep": (lambda kind: "[" * DEEP, f"is nested {DEEP} deep"),
    "a document nested 100000 deep": (
        lambda kind: f'{{"{kind}": {{"1": ' + "[" * DEEP,
        f"is nested {DEEP + 2} deep",
    ),
    "objects nested 100000 deep": (lambda kind: '{"a": ' * DEEP, f"is nested {DEEP} deep"),
    "a 5000-digit schema version": (
        lambda kind: _meta(kind, schema_version="1" * 5000) + "}",
        "has a number with more than 4300 digits",
    ),
    "a 5000-digit id": (
        lambda kind: f'{{"{kind}": {{"{"1" * 5000}": {{}}}}}}',
        "has an id of 5000 digits",
    ),
    "a 20-digit next id": (
        lambda kind: _meta(kind, next_id="1" * 20) + "}",
        "has a next id that is not a whole number from 1 to",
    ),
    "NaN": (lambda kind: f'{_meta(kind)}, "{kind}": {{"1": {{"rank": NaN}}}}}}', "holds NaN"),
    "Infinity as the next id": (
        lambda kind: _meta(kind, next_id="Infinity") + "}",
        "holds Infinity",
    ),
    "-Infinity as the version": (
        lambda kind: _meta(kind, schema_version="-Infinity") + "}",
        "holds -Infinity",
    ),
    "a float too large": (
        lambda kind: f'{_meta(kind)}, "{kind}": {{"1": {{"rank": 1e999}}}}}}',
        "has a number too large to hold (1e999)",
    ),
    "a float as the version": (
        lambda kind: _meta(kind, schema_version="1.0") + "}",
        "has a schema version that is not a number: 1.0",
    ),
}


def _open_every_file(data_dir: Path) -> None:
    store = Store(data_dir).open()
    store.network.ensure_loaded()  # read on first use


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_data_file_is_refused_with_its_name_and_a_reason(
    data_dir: Path, kind: str, case: str
) -> None:
    make, reason = HOSTILE[case]
    data_dir.mkdir(parents=True)
    path = data_dir / f"{kind}.json"
    raw = make(kind).encode()
    path.write_bytes(raw)

    with pytest.raises(CorruptFileError) as caught:
        _open_every_file(data_dir)

    assert caught.value.path == path
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"cannot read {path}: the file {caught.value.reason}. ")
    assert path.read_bytes() == raw
    assert not backup_dir(data_dir).exists()  # no migration copy of it either


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_parse_tables_raises_nothing_but_its_own_error(case: str) -> None:
    make, _ = HOSTILE[case]
    # A version or next id is checked by the file that reads the tables.
    with contextlib.suppress(FileShapeError):
        parse_tables(make("contacts").encode())


def test_the_cli_stops_with_the_message(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "contacts.json").write_text('{"contacts": {"1": ' + "[" * DEEP)
    assert main(["list", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"infoint: cannot read {data_dir / 'contacts.json'}: the file is nested")


# -- backups ------------------------------------------------------------------------
@pytest.fixture
def backed_up(data_dir: Path, clock: FakeClock) -> Path:
    """Two days of backups of contacts.json; returns the older one."""
    store = Store(data_dir, clock=clock).open()
    for day in range(3):
        store.contacts.insert(Contact.create({"name": f"day {day}"}, now=clock()))
        clock.advance(days=1)
    return daily_backup_path(data_dir / "contacts.json", START.date().replace(day=27))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_backup_is_listed_as_unreadable_and_never_offered(
    data_dir: Path, backed_up: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make, _ = HOSTILE[case]
    newer = daily_backup_path(data_dir / "contacts.json", START.date().replace(day=28))
    newer.write_bytes(make("contacts").encode())

    assert main(["backups", "--data-dir", str(data_dir)]) == 0
    rows = {line.split()[0]: line.split()[-1] for line in capsys.readouterr().out.splitlines()}
    assert rows[backed_up.name] == "ok"

    (data_dir / "contacts.json").write_bytes(b"{broken")
    with pytest.raises(CorruptFileError) as caught:
        Store(data_dir).open()
    assert caught.value.backup == backed_up
    assert main(["restore", newer.name, "--data-dir", str(data_dir)]) == 1
    assert (data_dir / "contacts.json").read_bytes() == b"{broken"


def test_a_deep_backup_is_unreadable_in_the_list(data_dir: Path, backed_up: Path) -> None:
    newer = daily_backup_path(data_dir / "contacts.json", START.date().replace(day=28))
    newer.write_bytes(b"[" * DEEP)
    states = {backup.path.name: backup.readable for backup in list_backups(data_dir)}
    assert states == {backed_up.name: True, newer.name: False}


# -- settings.toml -----------------------------------------------------------------------
SETTINGS_DAMAGE = {
    "arrays 100000 deep": "[interview]\nwarnings = " + "[" * DEEP + "\n",
    "inline tables 100000 deep": "[letters]\nfolder = " + "{a = " * DEEP + "\n",
    "a 5000-digit number": "[letters]\nword_limit = " + "7" * 5000 + "\n",
}


@pytest.mark.parametrize("case", sorted(SETTINGS_DAMAGE))
def test_a_hostile_settings_file_gives_the_defaults_and_a_message(
    data_dir: Path, case: str
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text(SETTINGS_DAMAGE[case], encoding="utf-8")
    settings = load_settings(data_dir)
    assert settings == Settings(problems=settings.problems)
    assert len(settings.problems) == 1
    problem = settings.problems[0]
    assert problem.startswith(f"{data_dir / 'settings.toml'}: ")
    assert problem.endswith("; using the defaults")
    assert "recursion" not in problem and "sys.set_int_max_str_digits" not in problem


def test_nan_in_settings_is_a_problem_not_a_value(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.toml").write_text(
        "[letters]\nword_limit = nan\n[interview]\nwarnings = [inf, 5]\n", encoding="utf-8"
    )
    settings = load_settings(data_dir)
    assert settings.word_limit == 75 and settings.warnings == (10, 5)
    assert len(settings.problems) == 2


def test_a_deep_lock_holder_file_says_nothing_rather_than_crash(data_dir: Path) -> None:
    """The holder file only names who holds the lock, for a message."""
    from infoint_tui.core.store.lock import HOLDER_NAME, DataLock

    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / HOLDER_NAME).write_text("[" * 100_000, encoding="utf-8")
    assert DataLock(data_dir).read_holder() is None
