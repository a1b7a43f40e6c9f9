"""A shared template cannot reach the terminal: what it renders is printable text only.

Escape sequences (OSC 52 rewrites the clipboard, OSC 0 the window title, CSI
clears the screen), C1 controls, bidi overrides and NUL are gone from the
rendered subject and body, wherever the letter goes next: the screen, stdout,
a .txt or .eml file, the clipboard. Newlines, tabs and ordinary Unicode stay.
"""

from __future__ import annotations

import email
import email.policy
import re
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.letters.render import RenderedLetter, render_letter, settable_letter_fields
from infoint_tui.core.letters.templates import list_templates
from infoint_tui.core.profile import Profile
from infoint_tui.paths import resource_dir

TODAY = date(2026, 11, 26)
ADA = Contact(name="Ada Okafor", id=7, company="Northwind Analytics", email="ada@north.example")
ME = Profile(name="Jordan Avery", email="jordan@example.com")

# Everything a terminal obeys rather than shows, except newline and tab.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

HOSTILE = {
    "osc52-clipboard": "\x1b]52;c;aGVsbG8=\x07",
    "osc0-title": "\x1b]0;pwned\x07",
    "csi-clear": "\x1b[2J",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;pwned\x9c",
    "bidi-override": "\u202e",
    "nul": "\x00",
    "bell": "\x07",
    "delete": "\x7f",
}


def jinja_literal(text: str) -> str:
    """``text`` as a Jinja string literal written with escapes (a template file's text)."""
    escaped = (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text)
    return '"' + "".join(escaped) + '"'


def render(source: str, **options: object) -> RenderedLetter:
    return render_letter(source, contact=ADA, profile=ME, today=TODAY, **options)  # type: ignore[arg-type]


def assert_printable(text: str) -> None:
    found = CONTROLS.findall(text)
    assert not found, f"control characters reached the output: {found!r} in {text!r}"
    assert "pwned" not in text and "aGVsbG8=" not in text  # the whole sequence goes


@pytest.mark.parametrize("evil", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_rendered_letter_holds_no_control_characters(evil: str) -> None:
    source = (
        "Subject: Hi {{ contact.first_name }} " + evil + "é {{ " + jinja_literal(evil) + " }}!\n"
        "\n"
        "Dear {{ contact.first_name }}," + evil + "\n"
        "\tCafé 日本 [{{ " + jinja_literal(evil) + " }}] end\n"
        "\n"
        "Bye\n"
    )
    result = render(source)
    assert result.complete, result.problem
    assert_printable(result.subject)
    assert_printable(result.body)
    assert_printable(result.text)
    assert result.subject == "Hi Ada é !"
    assert result.body == "Dear Ada,\n\tCafé 日本 [] end\n\nBye"


def test_a_template_without_a_subject_line_is_cleaned_too() -> None:
    result = render('{{ "\\x1b]0;pwned\\x07" }}Dear {{ contact.first_name }}\x1b[2J\n\tok')
    assert result.subject == ""
    assert result.body == "Dear Ada\n\tok"


def test_output_made_of_nothing_but_escapes_leaves_nothing() -> None:
    result = render('Subject: {{ "\\x1b[2J" }}\n{{ "\\x1b]52;c;aGVsbG8=\\x07\\x9b2J" }}')
    assert (result.subject, result.body) == ("", "")


def test_a_field_name_a_template_invents_is_cleaned_where_it_is_reported() -> None:
    source = 'Subject: x\nHi {{ letter["\\x1b]0;pwned\\x07"] }} {{ letter["a\\x9b2Jb"] }}'
    result = render(source)
    assert result.missing
    for field in result.missing:
        assert_printable(field.path)
        assert_printable(field.label)
        assert field.placeholder in result.body  # the placeholder shown is the one listed
    assert_printable(result.body)
    for name in settable_letter_fields(source):
        assert_printable(name)


def test_a_template_error_shows_its_line_without_control_characters() -> None:
    result = render("Subject: x\n\n\x1b]0;pwned\x07 \x1b[2J {% if %}\n")
    assert result.problem is not None
    assert result.problem.line == 3
    assert_printable(result.problem.message)
    assert_printable(result.problem.line_text)
    assert "{% if %}" in result.problem.line_text
    assert_printable(str(result.problem))
    # A runtime error's message can quote what the template wrote.
    result = render('Subject: x\n{{ "{0:\\x1b]0;pwned\\x07}".format(1) }}')
    assert result.problem is not None and result.problem.line == 2
    assert "Invalid format specifier" in result.problem.message
    assert_printable(result.problem.message)


# -- the command line -------------------------------------------------------------------
def run_main(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str
) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--data-dir", str(data_dir), *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def user_template(data_dir: Path, name: str, source: str) -> Path:
    folder = data_dir / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt.j2"
    path.write_text(source, "utf-8")
    return path


def ada_id(store: Store) -> str:
    return str(next(c.id for c in store.contacts.all().values() if c.name == "Ada Okafor"))


EVIL_SOURCE = (
    'Subject: Hello {{ "\\x1b]0;pwned\\x07" }}{{ contact.first_name }}\x9b2J\n'
    "\n"
    'Dear {{ contact.first_name }},{{ "\\x1b]52;c;aGVsbG8=\\x07" }}\x1b[2J\n'
    "\tI read your post \u202eé 日本\x00. Could we talk for 20 minutes?\n"
    "\n"
    "{{ me.name }}\n"
)


def test_infoint_letter_prints_and_writes_no_control_characters(
    demo_store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_template(data_dir, "evil", EVIL_SOURCE)
    target = tmp_path / "ada.eml"
    status, out, err = run_main(
        capsys, data_dir, "letter", ada_id(demo_store), "--template", "evil", "--eml", str(target)
    )
    assert status == 0, err
    assert_printable(out.replace("\n", "").replace("\t", ""))
    assert_printable(err)
    assert out.startswith("Subject: Hello Ada\n\nDear Ada,\n\tI read your post é 日本.")
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Hello Ada"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    body = payload.decode("utf-8").replace("\r\n", "\n")
    assert_printable(body.replace("\n", ""))
    assert body.startswith("Dear Ada,\n")
    assert b"\x1b" not in target.read_bytes() and b"\x07" not in target.read_bytes()


def test_infoint_letter_reports_a_template_error_without_control_characters(
    demo_store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Python's message for a bad format specifier quotes it as written.
    user_template(data_dir, "broken", 'Subject: x\n\n{{ "{0:\\x1b]0;pwned\\x07}".format(1) }}\n')
    status, out, err = run_main(capsys, data_dir, "letter", ada_id(demo_store), "-t", "broken")
    assert (status, out) == (1, "")
    assert "line 3" in err and "Invalid format specifier" in err
    assert_printable(err.rstrip("\n"))


def test_templates_show_writes_control_characters_out_visibly(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_template(data_dir, "raw", "Subject: Hi\x1b]0;pwned\x07\r\n\tDear \x9b2J\u202eyou\x00\n")
    status, out, err = run_main(capsys, data_dir, "templates", "show", "raw")
    assert status == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert not CONTROLS.search(out.replace("\n", "").replace("\t", ""))
    # Written out, so the user sees there is something odd in the file.
    assert out == "Subject: Hi\\x1b]0;pwned\\x07\n\tDear \\x9b2J\\u202eyou\\x00\n"


def test_a_template_named_or_subtitled_with_controls_is_listed_cleanly(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_dir / "templates"
    folder.mkdir(parents=True)
    for name in ("sneaky\n", "title\x1b]0;pwned\x07", "bell\x07"):
        (folder / f"{name}.txt.j2").write_text("Subject: Hi\n", "utf-8")
    user_template(data_dir, "odd", "Subject: Hi \x1b]0;pwned\x07there\x9b2J\u202e\nBody\n")
    status, out, err = run_main(capsys, data_dir, "templates")
    assert status == 0, err
    assert_printable(out.replace("\n", ""))
    assert "sneaky" not in out  # not a template name: not listed, as any other odd file
    odd = next(line for line in out.split("\n") if line.startswith("odd "))
    assert odd.split()[-2:] == ["Hi", "there"]
    infos = list_templates(resource_dir("templates"), folder)
    assert "odd" in {info.name for info in infos}
    for info in infos:
        assert_printable(info.name)
        assert_printable(info.subject)
        assert "\n" not in info.name
