"""``infoint import | network | promote | export`` end to end on a tmp data folder."""

from __future__ import annotations

import argparse
import io
import json
import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.commands import network as network_commands
from infoint_tui.commands.common import CommandError, data_dir_option
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange import Person
from infoint_tui.core.store import storage
from infoint_tui.core.store.atomic import WriteFailed, atomic_write
from tests.conftest import START

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def run(data_dir: Path, *argv: str) -> int:
    """The subcommands as ``infoint`` wires them (cli.build_parser's shape)."""
    parser = argparse.ArgumentParser(prog="infoint")
    common = argparse.ArgumentParser(add_help=False)
    data_dir_option(common, suppress_default=True)
    commands = parser.add_subparsers(dest="command")
    network_commands.register(commands, common)
    args = parser.parse_args([*argv, "--data-dir", str(data_dir)])
    status: int = args.handler(args)
    return status


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def network_json(
    data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> list[dict[str, object]]:
    capsys.readouterr()
    assert run(data_dir, "network", "--json", *extra) == 0
    people: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return people


def test_import_linkedin_prints_counts_and_skipped_lines(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "added 6, updated 0, skipped 2"
    assert "  line 10: skipped, no name" in out
    assert "  line 11: skipped, duplicate of line 5" in out
    assert any(line.startswith("  line 12: 'someday'") for line in out)
    people = network_json(data_dir, capsys)
    assert len(people) == 6
    assert {"id", "name", "company", "position", "linkedin_url", "email", "stage"} <= set(people[0])
    assert [p["name"] for p in network_json(data_dir, capsys, "--company", "ACME")] == ["Jane Doe"]
    # Importing the same file again changes nobody.
    assert run(data_dir, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv")) == 0
    assert capsys.readouterr().out.splitlines()[0] == "added 0, updated 0, skipped 2, unchanged 6"


def test_network_table(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(data_dir, "import", "vcard", str(FIXTURES / "contacts_mixed.vcf"))
    capsys.readouterr()
    assert run(data_dir, "network") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "COMPANY", "POSITION", "PIPELINE"]
    assert len(lines) == 5


def test_a_malformed_file_writes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(data_dir, "import", "linkedin", str(FIXTURES / "linkedin_connections.csv"))
    before = (data_dir / "network.json").read_bytes()
    for kind, name in (
        ("linkedin", "truncated.csv"),
        ("csv", "truncated.csv"),
        ("vcard", "truncated.vcf"),
    ):
        with pytest.raises(CommandError) as caught:
            run(
                data_dir,
                "import",
                kind,
                str(FIXTURES / name),
                *(["--yes"] if kind == "csv" else []),
            )
        assert "line" in str(caught.value) and "Nothing was imported" in str(caught.value)
    assert (data_dir / "network.json").read_bytes() == before


def test_a_malformed_file_does_not_even_create_the_data_folder(data_dir: Path) -> None:
    with pytest.raises(CommandError, match="line 5"):
        run(data_dir, "import", "vcard", str(FIXTURES / "truncated.vcf"))
    assert not data_dir.exists()


def test_missing_file(data_dir: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run(data_dir, "import", "linkedin", str(data_dir / "nope.csv"))


def test_csv_import_refuses_without_yes_when_not_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--yes"):
        run(data_dir, "import", "csv", str(FIXTURES / "excel_semicolon_utf8.csv"))
    out = capsys.readouterr().out
    assert '"Vorname" -> first_name' in out and "semicolon" in out
    assert not (data_dir / "network.json").exists()
    assert run(data_dir, "import", "csv", str(FIXTURES / "excel_semicolon_utf8.csv"), "--yes") == 0
    assert "added 3, updated 0, skipped 0" in capsys.readouterr().out


def test_csv_import_asks_on_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", FakeTty("n\n"))
    assert run(data_dir, "import", "csv", str(FIXTURES / "excel_semicolon_cp1252.csv")) == 0
    assert "Nothing was imported." in capsys.readouterr().out
    assert not (data_dir / "network.json").exists()
    monkeypatch.setattr("sys.stdin", FakeTty("y\n"))
    assert run(data_dir, "import", "csv", str(FIXTURES / "excel_semicolon_cp1252.csv")) == 0
    assert "added 3, updated 0, skipped 0" in capsys.readouterr().out


def test_csv_map_option_and_dry_run(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Who,Org\nAda,Engines\n", encoding="utf-8")
    assert run(data_dir, "import", "csv", str(source), "--map", "Who=name", "--dry-run") == 0
    out = capsys.readouterr().out
    assert '"Who" -> name' in out and "Dry run, nothing written: added 1" in out
    assert not (data_dir / "network.json").exists()
    with pytest.raises(CommandError, match="HEADER=FIELD"):
        run(data_dir, "import", "csv", str(source), "--map", "Who")


def test_promote_adds_a_target_once(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(data_dir, "import", "vcard", str(FIXTURES / "contacts_mixed.vcf"))
    ada = next(p for p in network_json(data_dir, capsys) if p["name"] == "Ada Lovelace")
    assert run(data_dir, "promote", str(ada["id"])) == 0
    assert "Added Ada Lovelace to Target as contact 1" in capsys.readouterr().out
    assert run(data_dir, "promote", str(ada["id"])) == 0
    assert "already in the pipeline: contact 1 (Target)" in capsys.readouterr().out
    contacts = Store(data_dir).open().contacts
    assert [c.name for c in contacts] == ["Ada Lovelace"]
    ada_after = next(p for p in network_json(data_dir, capsys) if p["name"] == "Ada Lovelace")
    assert (ada_after["contact_id"], ada_after["stage"]) == (1, "target")
    with pytest.raises(CommandError, match="no person with id 99"):
        run(data_dir, "promote", "99")


def seed_contacts(data_dir: Path) -> None:
    store = Store(data_dir).open()
    ada = Contact.create({"name": "Ada", "company": "Engines", "phone": "+44 1"}, now=START)
    store.contacts.insert(
        replace(
            ada, stage=Stage.SCHEDULED, interview_at=datetime(2026, 12, 3, 14, tzinfo=START.tzinfo)
        )
    )
    store.contacts.insert(Contact.create({"name": "Bob"}, now=START))


def test_export_to_stdout_and_to_a_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_contacts(data_dir)
    assert run(data_dir, "export", "csv") == 0
    out = capsys.readouterr().out
    assert out.startswith("ID,Name,") and "'+44 1" in out and "Bob" in out
    target = tmp_path / "out.csv"
    assert run(data_dir, "export", "csv", "-o", str(target)) == 0
    assert "Exported 2 contacts" in capsys.readouterr().out
    assert target.read_bytes().startswith(b"\xef\xbb\xbfID,Name,")
    assert run(data_dir, "export", "ics", "--stage", "scheduled") == 0
    ics = capsys.readouterr().out
    assert "contact-1-interview@infoint" in ics and "Bob" not in ics
    assert run(data_dir, "export", "json", "--stage", "target") == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == ["Bob"]
    with pytest.raises(CommandError, match="not a stage"):
        run(data_dir, "export", "json", "--stage", "nowhere")


def test_export_into_a_missing_folder_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    seed_contacts(data_dir)
    with pytest.raises(CommandError, match="could not save"):
        run(data_dir, "export", "vcard", "-o", str(tmp_path / "missing" / "out.vcf"))


def test_export_refuses_a_file_inside_the_data_folder(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_contacts(data_dir)
    Store(data_dir).open().contacts.insert(Contact.create({"name": "Cy"}, now=START))
    (data_dir / "backups").mkdir(exist_ok=True)
    live = data_dir / "contacts.json"
    before = live.read_bytes()
    link = tmp_path / "innocent.json"
    link.symlink_to(live)
    (tmp_path / "elsewhere").mkdir()
    targets = [
        live,
        data_dir / "backups" / "x.json",
        data_dir / "new-export.csv",
        tmp_path / "elsewhere" / ".." / "data" / "contacts.json",
        link,
    ]
    for target in targets:
        for force in ([], ["--force"]):
            with pytest.raises(CommandError) as caught:
                run(data_dir, "export", "json", "-o", str(target), *force)
            message = str(caught.value)
            assert "inside the data folder" in message and "outside" in message, message
            assert live.read_bytes() == before
    assert not (data_dir / "backups" / "x.json").exists()
    assert not (data_dir / "new-export.csv").exists()
    assert link.is_symlink()
    # As the command line reports it: one line, exit status 1.
    capsys.readouterr()
    status = main(["export", "csv", "-o", str(live), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("infoint: ") and "inside the data folder" in err
    assert live.read_bytes() == before


def test_export_replaces_an_existing_file_only_with_force(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_contacts(data_dir)
    target = tmp_path / "contacts.vcf"
    target.write_bytes(b"my own cards")
    with pytest.raises(CommandError) as caught:
        run(data_dir, "export", "vcard", "-o", str(target))
    message = str(caught.value)
    assert "already exists" in message and "--force" in message, message
    assert target.read_bytes() == b"my own cards"
    assert run(data_dir, "export", "vcard", "-o", str(target), "--force") == 0
    assert "Exported 2 contacts" in capsys.readouterr().out
    assert target.read_bytes().startswith(b"BEGIN:VCARD")
    # A new file needs no --force.
    fresh = tmp_path / "fresh.md"
    assert run(data_dir, "export", "markdown", "-o", str(fresh)) == 0
    assert fresh.exists()


def test_a_promote_that_cannot_link_the_person_leaves_no_contact(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No e-mail, no LinkedIn: only the recorded link tells a retry it was promoted.
    lin = Store(data_dir).open().network.insert(Person(name="Lin Wu", company="Acme"))
    real_write = atomic_write  # what the storage layer calls

    def full_disk_for_the_network(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
        if path.name == "network.json":
            raise WriteFailed(28, f"could not save {path}: No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(storage, "atomic_write", full_disk_for_the_network)
    assert main(["promote", str(lin.id), "--data-dir", str(data_dir)]) == 1
    assert list(Store(data_dir).open().contacts) == []
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Lin Wu was not added to the pipeline" in err, err
    monkeypatch.undo()
    assert run(data_dir, "promote", str(lin.id)) == 0
    assert run(data_dir, "promote", str(lin.id)) == 0
    assert [c.name for c in Store(data_dir).open().contacts] == ["Lin Wu"]
