"""LinkedIn's Connections.csv as it really comes, and files that are not it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoint_tui.core.exchange import (
    ImportFormatError,
    parse_connected_on,
    parse_linkedin,
    plan_import,
)
from tests.conftest import START

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_fixture_with_bom_preamble_crlf_and_mixed_scripts() -> None:
    raw = (FIXTURES / "linkedin_connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    parsed = parse_linkedin(raw)
    assert parsed.source == "linkedin" and parsed.encoding == "utf-8"
    # The header is on line 4, after "Notes:", the quoted note and a blank line.
    assert [row.line for row in parsed.rows] == [5, 6, 7, 8, 9, 10, 11, 12]
    plan = plan_import(parsed, [], now=START)
    by_name = {person.name: person for person in plan.added}
    assert set(by_name) == {
        "Jane Doe",
        "Иван Петров",
        "美咲 佐藤",
        "محمد العلي",
        "Zoë 🚀 O'Brien",
        "Kwame Mensah",
    }
    jane = by_name["Jane Doe"]
    assert jane.company == "Acme, Inc."
    assert jane.connected_on == date(2024, 3, 15)
    assert jane.linkedin_url == "https://www.linkedin.com/in/jane-doe"
    assert jane.email == "jane@example.com"  # from her duplicate row, which fills blanks
    assert (jane.first_name, jane.last_name, jane.source) == ("Jane", "Doe", "linkedin")
    zoe = by_name["Zoë 🚀 O'Brien"]
    assert zoe.position == 'Head of "Growth", EMEA'
    assert zoe.email == "Zoe@Example.com"
    assert by_name["Иван Петров"].position == "Руководитель группы"
    assert by_name["Kwame Mensah"].connected_on is None
    assert [(note.line, note.reason) for note in plan.skipped] == [
        (10, "no name"),
        (11, "duplicate of line 5"),
    ]
    assert [note.line for note in plan.warnings] == [12]
    assert "someday" in plan.warnings[0].reason


def test_header_is_found_by_its_names_wherever_it_is() -> None:
    for preamble in ([], ["Notes:"], ["Notes:", '"a, b, and c"', "", "more, text", ""]):
        text = "\n".join([*preamble, HEADER, "Ada,Lovelace,https://linkedin.com/in/ada,,,,"])
        parsed = parse_linkedin(text.encode())
        assert [row.line for row in parsed.rows] == [len(preamble) + 2]


def test_columns_in_another_order_are_read_by_name() -> None:
    text = "Company,Last Name,First Name\nAcme,Lovelace,Ada\n"
    (row,) = parse_linkedin(text.encode()).rows
    assert dict(row.values) == {"company": "Acme", "last_name": "Lovelace", "first_name": "Ada"}


def test_a_file_without_the_header_names_what_is_missing() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(b"Name,Company\nAda,Acme\n")
    assert str(caught.value).startswith("line 1: no header row in lines 1-3")
    assert "'Name,Company'" in str(caught.value)
    assert "First Name, Last Name" in str(caught.value)


def test_truncated_inside_a_quoted_cell_names_the_line() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin((FIXTURES / "truncated.csv").read_bytes())
    assert caught.value.line == 4
    assert str(caught.value).startswith("line 4: ")
    assert "never closed" in str(caught.value)


def test_binary_garbage_is_refused_with_its_line() -> None:
    garbage = b"First Name,Last Name\nAda,Lovelace\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(garbage)
    assert caught.value.line == 5  # the NUL bytes, after the PNG signature's line breaks
    assert "binary" in str(caught.value)


def test_control_bytes_without_nul_are_refused_too() -> None:
    garbage = bytes(range(1, 32)) * 40
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(garbage)
    assert "binary" in str(caught.value)


def test_text_after_a_closing_quote_names_the_line() -> None:
    text = f'{HEADER}\nAda,Lovelace,,,"Acme" Corp,,\n'
    with pytest.raises(ImportFormatError) as caught:
        parse_linkedin(text.encode())
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("1 Sep 2019", date(2019, 9, 1)),
        ("05 Sept 2019", date(2019, 9, 5)),
        ("15 March 2024", date(2024, 3, 15)),
        ("Mar 15, 2024", date(2024, 3, 15)),
        ("2024-03-15", date(2024, 3, 15)),
        ("31 Feb 2024", None),
        ("15/03/2024", None),
        ("", None),
    ],
)
def test_connected_on_dates(text: str, expected: date | None) -> None:
    assert parse_connected_on(text) == expected


def test_an_empty_export_imports_nobody() -> None:
    parsed = parse_linkedin(("\ufeff" + HEADER + "\r\n").encode())
    assert parsed.rows == ()
    assert plan_import(parsed, [], now=START).summary() == "added 0, updated 0, skipped 0"
