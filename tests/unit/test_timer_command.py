"""``infoint timer``: one line for a tmux status bar, read without writing anything."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.commands import timer as timer_command
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.interviews import interview as iv
from infoint_tui.core.interviews.interview import INTERVIEWS, Interview
from infoint_tui.core.store.docfile import DocumentFile
from infoint_tui.core.store.errors import CorruptFileError, NewerSchemaError
from tests.conftest import START, FakeClock

MIN = 60
RunCli = Callable[..., tuple[int, str, str]]


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def save(data_dir: Path, clock: FakeClock, name: str = "Ada Okafor") -> tuple[Store, Contact]:
    store = Store(data_dir, clock=clock).open()
    contact = store.contacts.insert(Contact.create({"name": name}, now=START))
    return store, contact


def save_interview(store: Store, interview: Interview) -> Interview:
    file = DocumentFile(store.data_dir, INTERVIEWS, store.lock, store.clock)
    file.load()
    return file.insert(interview)


def running_for(contact: Contact) -> Interview:
    return iv.start(iv.new_interview(contact, START), START)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def run_cli(
    monkeypatch: pytest.MonkeyPatch, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> RunCli:
    assert timer_command in cli.subcommand_modules()
    monkeypatch.setattr(timer_command, "utc_now", clock)

    def run(*argv: str) -> tuple[int, str, str]:
        status = cli.main(["timer", *argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


# -- the line ------------------------------------------------------------------------------
def test_a_running_interview(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, running_for(contact))
    line = timer_command.status_line(data_dir, at(17 * MIN + 26))
    assert line == "● Ada Okafor 12:34 left"


def test_a_paused_interview(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, iv.pause(running_for(contact), at(17 * MIN + 26)))
    line = timer_command.status_line(data_dir, at(40 * MIN))
    assert line == "⏸ Ada Okafor 12:34 left (paused)"


def test_an_interview_in_overtime(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, running_for(contact))
    assert timer_command.status_line(data_dir, at(32 * MIN + 10)) == "● Ada Okafor +02:10 over"


def test_nothing_when_no_interview_is_running(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    assert timer_command.status_line(data_dir, START) == ""
    save_interview(store, iv.new_interview(contact, START))  # ready, not started
    save_interview(store, iv.end(running_for(contact), at(30 * MIN)))
    assert timer_command.status_line(data_dir, at(31 * MIN)) == ""


def test_nothing_for_a_forgotten_interview(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, running_for(contact))
    assert timer_command.status_line(data_dir, at(3 * 3600)) != ""
    assert timer_command.status_line(data_dir, at(3 * 3600 + 1)) == ""


def test_the_most_recent_open_interview_is_shown(data_dir: Path, clock: FakeClock) -> None:
    store, ada = save(data_dir, clock)
    grace = store.contacts.insert(Contact.create({"name": "Grace Liu"}, now=START))
    save_interview(store, running_for(ada))
    later = iv.start(iv.new_interview(grace, at(MIN)), at(MIN))
    save_interview(store, later)
    assert timer_command.status_line(data_dir, at(2 * MIN)) == "● Grace Liu 29:00 left"


def test_a_missing_contact_still_shows_the_clock(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, replace(running_for(contact), contact_id=99))
    assert timer_command.status_line(data_dir, at(MIN)) == "● Interview 29:00 left"


def test_a_long_name_is_shortened(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock, name="Maximiliana " * 8)
    save_interview(store, running_for(contact))
    line = timer_command.status_line(data_dir, at(MIN))
    name = line.removeprefix("● ").removesuffix(" 29:00 left")
    assert len(name) == 40 and name.endswith("…")


def test_tmux_styling_in_a_name_is_escaped(data_dir: Path, clock: FakeClock) -> None:
    store, contact = save(data_dir, clock, name="#[fg=red]Eve #(reboot)")
    save_interview(store, running_for(contact))
    assert timer_command.status_line(data_dir, at(MIN)) == "● #[fg=red]Eve #(reboot) 29:00 left"
    assert (
        timer_command.status_line(data_dir, at(MIN), tmux=True)
        == "● ##[fg=red]Eve ##(reboot) 29:00 left"
    )


# -- the command ------------------------------------------------------------------------------
def test_the_command_prints_one_line_and_writes_nothing(
    data_dir: Path, clock: FakeClock, run_cli: RunCli
) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, running_for(contact))
    before = snapshot(data_dir)
    clock.advance(minutes=17, seconds=26)
    status, out, err = run_cli("--data-dir", str(data_dir))
    assert (status, out, err) == (0, "● Ada Okafor 12:34 left\n", "")
    assert snapshot(data_dir) == before  # same files, same bytes, same mtimes


def test_the_command_prints_nothing_when_none_is_running(
    data_dir: Path, clock: FakeClock, run_cli: RunCli
) -> None:
    save(data_dir, clock)
    before = snapshot(data_dir)
    assert run_cli("--data-dir", str(data_dir)) == (0, "", "")
    assert snapshot(data_dir) == before


def test_the_command_never_creates_the_data_folder(tmp_path: Path, run_cli: RunCli) -> None:
    missing = tmp_path / "nowhere"
    assert run_cli("--data-dir", str(missing)) == (0, "", "")
    assert not missing.exists()


def test_a_newer_file_is_refused_without_touching_it(
    data_dir: Path, clock: FakeClock, run_cli: RunCli
) -> None:
    save(data_dir, clock)
    path = data_dir / "interviews.json"
    path.write_text(json.dumps({"_meta": {"1": {"kind": "interviews", "schema_version": 9}}}))
    before = snapshot(data_dir)
    status, out, err = run_cli("--data-dir", str(data_dir))
    assert status == 1 and out == ""
    assert "schema version 9" in err
    assert snapshot(data_dir) == before
    with pytest.raises(NewerSchemaError):
        timer_command.status_line(data_dir, START)


def test_a_broken_file_is_reported_not_repaired(data_dir: Path, clock: FakeClock) -> None:
    save(data_dir, clock)
    (data_dir / "interviews.json").write_text('{"interviews": {"1": ')
    before = snapshot(data_dir)
    with pytest.raises(CorruptFileError, match="not valid JSON"):
        timer_command.status_line(data_dir, START)
    (data_dir / "interviews.json").write_text(
        json.dumps({"interviews": {"1": {"contact_id": 1, "started_at": "soon"}}})
    )
    with pytest.raises(CorruptFileError, match="bad document 1"):
        timer_command.status_line(data_dir, START)
    assert snapshot(data_dir).keys() == before.keys()


def test_a_prototype_contacts_file_is_read_but_not_migrated(
    data_dir: Path, clock: FakeClock
) -> None:
    store, contact = save(data_dir, clock)
    save_interview(store, running_for(contact))
    prototype = json.dumps({"_default": {"1": {"name": "Ada Okafor", "org": "Northwind"}}})
    (data_dir / "contacts.json").write_text(prototype)
    assert timer_command.status_line(data_dir, at(MIN)) == "● Ada Okafor 29:00 left"
    assert (data_dir / "contacts.json").read_text() == prototype


def test_the_command_does_not_load_the_terminal_toolkit(data_dir: Path) -> None:
    # tmux runs it every few seconds: importing textual would make each run slow.
    script = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from infoint_tui.commands.timer import status_line\n"
        f"status_line(Path({str(data_dir)!r}), datetime.now(UTC))\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_contacts_are_read_only_for_a_running_interview(
    data_dir: Path, clock: FakeClock
) -> None:
    # A status bar asks every few seconds: 10,000 contacts are read only when needed.
    store, contact = save(data_dir, clock)
    (data_dir / "contacts.json").write_text('{"contacts": ')
    assert timer_command.status_line(data_dir, START) == ""
    save_interview(store, running_for(contact))
    with pytest.raises(CorruptFileError, match="contacts.json"):
        timer_command.status_line(data_dir, at(MIN))
