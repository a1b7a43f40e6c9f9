"""``infoint letter | templates | profile`` from the shell: outputs and exit codes.

The commands are not wired into cli.py yet, so these tests build the same
parser shape (main's error handling included) around the modules' register().
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.commands import letters as letter_commands
from infoint_tui.commands import profile as profile_commands
from infoint_tui.commands.common import CommandError, data_dir_option
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.errors import StoreError

Run = Callable[..., tuple[int, str, str]]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="infoint")
    data_dir_option(parser, suppress_default=False)
    common = argparse.ArgumentParser(add_help=False)
    data_dir_option(common, suppress_default=True)
    commands = parser.add_subparsers(dest="command")
    letter_commands.register(commands, common)
    profile_commands.register(commands, common)
    return parser


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str) -> tuple[int, str, str]:
        args = build_parser().parse_args(["--data-dir", str(data_dir), *argv])
        try:
            status: int = args.handler(args)
        except (CommandError, StoreError) as error:  # as cli.main reports them
            print(f"infoint: {error}", file=sys.stderr)
            status = 1
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return invoke


def contact_id(store: Store, name: str) -> int:
    return next(c.id for c in store.contacts.all().values() if c.name == name)


def test_letter_prints_subject_blank_line_and_body(demo_store: Store, run: Run) -> None:
    ada = contact_id(demo_store, "Ada Okafor")
    status, out, err = run(
        "letter", str(ada), "--template", "cold-request",
        "--set", "visit_dates=3–5 December", "--set", "letter.follow_up_day=2026-12-01",
    )  # fmt: skip
    assert status == 0, err
    lines = out.split("\n")
    assert lines[0] == "Subject: A quick question about your work"
    assert lines[1] == ""
    assert lines[2] == "Dear Ada,"
    assert "I'm near your office 3–5 December" in out
    assert "I'll follow up on Tuesday 1 December." in out
    assert out.rstrip().endswith("+44 7700 900123")
    assert err == ""  # no lint notes for a good letter


def test_missing_fields_exit_non_zero_and_are_listed(demo_store: Store, run: Run) -> None:
    grace = contact_id(demo_store, "Grace Liu")  # a referral: no hook
    status, out, err = run("letter", str(grace), "-t", "cold-request")
    assert status == 1
    assert out == ""
    assert "contact.hook" in err and "Contact: Hook (article or post)" in err
    assert "letter.visit_dates" not in err  # optional: the sentence is left out
    assert "--allow-missing" in err


def test_allow_missing_prints_placeholders(demo_store: Store, run: Run, tmp_path: Path) -> None:
    grace = contact_id(demo_store, "Grace Liu")
    status, out, _ = run("letter", str(grace), "-t", "cold-request", "--allow-missing")
    assert status == 0
    assert "[contact.hook]" in out and "[letter.visit_dates]" not in out
    target = tmp_path / "grace.eml"
    argv = ["letter", str(grace), "-t", "cold-request", "--allow-missing", "--eml", str(target)]
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert "only written for a complete letter" in err
    assert not target.exists()


def test_a_template_error_exits_non_zero_with_the_problem(
    demo_store: Store, data_dir: Path, run: Run
) -> None:
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "broken.txt.j2").write_text("Subject: x\n\n{% for %}\n", "utf-8")
    (folder / "sneaky.txt.j2").write_text("Subject: x\n{{ ''.__class__.__mro__ }}\n", "utf-8")
    status, out, err = run("letter", "1", "-t", "broken")
    assert (status, out) == (1, "")
    assert "template broken" in err and "line 3" in err
    status, out, err = run("letter", "1", "-t", "sneaky")
    assert (status, out) == (1, "")
    assert "not allowed" in err and "line 2" in err


def test_lint_notes_go_to_stderr(demo_store: Store, data_dir: Path, run: Run) -> None:
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "pushy-request.txt.j2").write_text(
        "Subject: Any openings?\nDear {{ contact.first_name }}, I want a job. Thanks.\n", "utf-8"
    )
    status, out, err = run("letter", "1", "-t", "pushy-request")
    assert status == 0
    assert out.startswith("Subject: Any openings?")
    assert "infoint: note: end the request with a question" in err
    assert "“openings”" in err and "“job”" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["letter", "999", "-t", "cold-request"], "no contact with id 999"),
        (["letter", "1", "-t", "nope"], "no template named 'nope'"),
        (["letter", "1", "-t", "../../etc/passwd"], "is not a template name"),
        (["letter", "1", "-t", "cold-request", "--set", "novalue"], "KEY=VALUE"),
        (["letter", "1", "-t", "cold-request", "--set", "Bad-Key=1"], "KEY=VALUE"),
    ],
)
def test_bad_requests_exit_1_with_a_message(
    demo_store: Store, run: Run, argv: list[str], message: str
) -> None:
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert message in err


def test_letter_writes_an_eml(demo_store: Store, run: Run, tmp_path: Path) -> None:
    ada = contact_id(demo_store, "Ada Okafor")
    target = tmp_path / "ada.eml"
    status, out, err = run(
        "letter", str(ada), "-t", "cold-request", "--set", "visit_dates=3–5 Dec",
        "--eml", str(target),
    )  # fmt: skip
    assert status == 0, err
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Ada Okafor <ada@northwind.example>"
    assert message["Subject"] == "A quick question about your work"
    assert "Dear Ada," in str(message.get_body())


def test_an_eml_is_never_written_into_the_data_folder(
    demo_store: Store, run: Run, data_dir: Path
) -> None:
    ada = contact_id(demo_store, "Ada Okafor")
    live = data_dir / "contacts.json"
    before = live.read_bytes()
    status, out, err = run(
        "letter", str(ada), "-t", "cold-request", "--set", "visit_dates=3–5 Dec",
        "--eml", str(data_dir / "templates" / ".." / "contacts.json"),
    )  # fmt: skip
    assert (status, out) == (1, "")
    assert "inside the data folder" in err
    assert live.read_bytes() == before


def test_templates_lists_bundled_and_user_templates(data_dir: Path, run: Run) -> None:
    status, out, _ = run("templates")
    assert status == 0
    assert "cold-request" in out and "bundled" in out and "A quick question" in out
    status, out, _ = run("templates", "copy", "cold-request")
    assert status == 0 and out.strip() == str(data_dir / "templates" / "cold-request.txt.j2")
    status, out, err = run("templates", "copy", "cold-request")
    assert status == 1 and "already exists" in err
    status, out, _ = run("templates", "--json")
    listed = {item["name"]: item for item in json.loads(out)}
    assert listed["cold-request"]["origin"] == "user"
    assert listed["cold-request"]["overrides_bundled"] is True
    assert listed["thank-you"]["origin"] == "bundled"


def test_templates_show_prints_the_source(run: Run) -> None:
    status, out, _ = run("templates", "show", "linkedin-note")
    assert status == 0 and out.startswith("Subject: LinkedIn connection note\n")


def test_profile_set_and_show(store: Store, run: Run) -> None:
    assert run("profile", "set", "name", "Jordan Avery")[0] == 0
    status, out, _ = run("profile", "set", "phone", "+44 7700 900123")
    assert (status, out) == (0, "phone: +44 7700 900123\n")
    status, out, _ = run("profile", "show")
    assert "Your name:" in out and "Jordan Avery" in out and "(empty)" in out
    for argv in (["profile", "--json"], ["profile", "show", "--json"]):
        status, out, _ = run(*argv)
        assert json.loads(out)["phone"] == "+44 7700 900123"
    assert Store(store.data_dir).open().profile.phone == "+44 7700 900123"


def test_profile_set_refuses_bad_values_and_fields(store: Store, run: Run) -> None:
    status, _, err = run("profile", "set", "phone", "call me maybe")
    assert status == 1 and "not a phone number" in err
    status, _, err = run("profile", "set", "shoe_size", "42")
    assert status == 1 and "no such profile field" in err


def test_profile_set_reads_a_signature_from_stdin(
    store: Store, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Jordan Avery\n+44 7700 900123\n"))
    status, _, _ = run("profile", "set", "signature", "-")
    assert status == 0
    assert Store(store.data_dir).open().profile.signature == "Jordan Avery\n+44 7700 900123"


def test_profile_set_keeps_fields_another_session_set(store: Store, run: Run) -> None:
    run("profile", "set", "city", "Leeds")
    other = Store(store.data_dir).open()
    other.save_profile(other.profile.with_value("goal", "data careers"))
    run("profile", "set", "phone", "+44 1")
    profile = Store(store.data_dir).open().profile
    assert (profile.city, profile.goal, profile.phone) == ("Leeds", "data careers", "+44 1")


def test_a_contact_without_an_email_gets_an_eml_without_to(
    store: Store, run: Run, tmp_path: Path
) -> None:
    stored = store.contacts.insert(
        Contact.create({"name": "Bo", "referrer": "Maya"}, now=store.clock())
    )
    store.save_profile(store.profile.with_value("name", "Jo"))
    folder = store.data_dir / "templates"
    folder.mkdir()
    (folder / "short.txt.j2").write_text("Subject: Hi\nHi {{ contact.name }}?\n", "utf-8")
    target = tmp_path / "bo.eml"
    status, _, err = run("letter", str(stored.id), "-t", "short", "--eml", str(target))
    assert status == 0, err
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["To"] is None


def run_main(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str
) -> tuple[int, str, str]:
    """The real ``infoint`` entry point, error reporting included."""
    capsys.readouterr()
    status = main(["--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_set_refuses_a_field_no_template_fills(
    demo_store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = str(contact_id(demo_store, "Ada Okafor"))
    target = tmp_path / "ada.eml"
    status, out, err = run_main(
        capsys, data_dir, "letter", ada, "-t", "cold-request",
        "--set", "visit_dates=3–5 Dec", "--set", "bogus=1", "--eml", str(target),
    )  # fmt: skip
    assert (status, out) == (1, "")
    assert not target.exists()
    assert err.count("\n") == 1 and err.startswith("infoint: ")  # one line
    assert "'bogus'" in err
    known = err[err.index("known for cold-request:") :]
    # The template's own fields and the editor's standard ones are listed.
    for name in ("visit_dates", "follow_up_day", "advice", "next_step"):
        assert name in known
    # A near miss gets a hint, with or without the letter. prefix.
    status, out, err = run_main(
        capsys, data_dir, "letter", ada, "-t", "cold-request", "--set", "letter.visit_date=x"
    )
    assert (status, out) == (1, "")
    assert "'visit_date'" in err and "did you mean visit_dates?" in err


def test_set_accepts_the_fields_a_template_uses(
    demo_store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = str(contact_id(demo_store, "Ada Okafor"))
    status, out, err = run_main(
        capsys, data_dir, "letter", ada, "-t", "cold-request",
        "--set", "visit_dates=3–5 December", "--set", "letter.follow_up_day=2026-12-01",
    )  # fmt: skip
    assert status == 0, err
    assert "I'm near your office 3–5 December" in out
    assert "I'll follow up on Tuesday 1 December." in out
    # article uses letter.update, a name only that template knows.
    status, out, err = run_main(
        capsys, data_dir, "letter", ada, "-t", "article",
        "--set", "article_title=Retiring ETL", "--set", "article_url=https://example.com/a",
        "--set", "update=I start at Northwind in January", "--set", "topic=data contracts",
    )  # fmt: skip
    assert status == 0, err
    assert "When we met, you mentioned data contracts;" in out
    assert "Your advice is still paying off: I start at Northwind in January." in out
    # So does a field a user's own template invents.
    folder = data_dir / "templates"
    folder.mkdir()
    (folder / "mine.txt.j2").write_text(
        "Subject: Hello\nHi {{ contact.first_name }}, {{ letter.mutual_friend }} says hi?\n",
        "utf-8",
    )
    status, out, err = run_main(
        capsys, data_dir, "letter", ada, "-t", "mine", "--set", "mutual_friend=Maya"
    )
    assert status == 0, err
    assert "Hi Ada, Maya says hi?" in out
