"""Generic CSV import: the guessed mapping, Excel's habits, hostile cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoint_tui.core.exchange import (
    ImportFormatError,
    guess_mapping,
    guess_source,
    inspect_csv,
    parse_csv,
    parse_file,
    plan_import,
)
from infoint_tui.core.exchange.people import Source
from tests.conftest import START

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def mapped(headers: list[str]) -> dict[str, str]:
    return {headers[index]: field for index, field in guess_mapping(headers).items()}


def test_mapping_guess_for_google_contacts() -> None:
    headers = [
        "Name", "Given Name", "Family Name", "E-mail 1 - Type", "E-mail 1 - Value",
        "Phone 1 - Value", "Organization 1 - Name", "Organization 1 - Title", "Website 1 - Value",
    ]  # fmt: skip
    assert mapped(headers) == {
        "Name": "name",
        "Given Name": "first_name",
        "Family Name": "last_name",
        "E-mail 1 - Value": "email",
        "Phone 1 - Value": "phone",
        "Organization 1 - Name": "company",
        "Organization 1 - Title": "position",
    }


def test_mapping_guess_prefers_job_title_over_outlooks_title() -> None:
    headers = ["First Name", "Last Name", "Title", "Company", "Job Title", "E-mail Address"]
    assert mapped(headers) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Company": "company",
        "Job Title": "position",
        "E-mail Address": "email",
    }


def test_mapping_guess_for_other_common_names() -> None:
    assert mapped(["Full Name", "Employer", "Role", "Mobile Phone", "LinkedIn", "Notes"]) == {
        "Full Name": "name",
        "Employer": "company",
        "Role": "position",
        "Mobile Phone": "phone",
        "LinkedIn": "linkedin_url",
        "Notes": "notes",
    }
    assert mapped(["First", "Surname", "Organization", "Work Email (primary)"]) == {
        "First": "first_name",
        "Surname": "last_name",
        "Organization": "company",
        "Work Email (primary)": "email",
    }


def test_excel_utf8_with_bom_semicolons_and_a_multiline_cell() -> None:
    raw = (FIXTURES / "excel_semicolon_utf8.csv").read_bytes()
    layout = inspect_csv(raw)
    assert (layout.delimiter, layout.encoding, layout.header_line) == (";", "utf-8", 1)
    assert layout.unmapped == ("Kategorie",)
    assert '"Vorname" -> first_name' in layout.describe()
    assert '"Kategorie" (not imported)' in layout.describe()
    plan = plan_import(parse_csv(raw), [], now=START)
    assert plan.summary() == "added 3, updated 0, skipped 0"
    jurgen, soren, ana = plan.added
    assert (jurgen.name, jurgen.company, jurgen.position) == (
        "Jürgen Müller",
        "Bäckerei Müller GmbH",
        "Geschäftsführer",
    )
    assert jurgen.phone == "+49 170 1234567"
    assert jurgen.notes == 'Met at the bakers\' meetup;\ntalked about "sourdough"'
    assert soren.company == "Ørsted A/S"
    assert (ana.name, ana.phone) == ("Ana", "(0)30 123 456")


def test_excel_cp1252_with_a_sep_line() -> None:
    raw = (FIXTURES / "excel_semicolon_cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    layout = inspect_csv(raw)
    assert (layout.delimiter, layout.encoding, layout.header_line) == (";", "cp1252", 2)
    parsed = parse_csv(raw)
    assert [row.line for row in parsed.rows] == [3, 4, 5]
    plan = plan_import(parsed, [], now=START)
    jose, francois, asa = plan.added
    assert (jose.name, jose.company) == ("José Núñez", "Café Olé S.L.")
    assert jose.notes == "\u201cPrefers mornings\u201d \u2013 owes me 5\u20ac"
    assert (francois.name, francois.company) == ("François Lefèvre", "Société Générale")
    assert (asa.name, asa.email) == ("Åsa Ström", "")
    assert [(note.line, "not an e-mail address" in note.reason) for note in plan.warnings] == [
        (5, True)
    ]


def test_hostile_cells_are_kept_as_text_and_escapes_removed() -> None:
    plan = plan_import(parse_csv((FIXTURES / "hostile.csv").read_bytes()), [], now=START)
    formula, ansi, controls, markup = plan.added
    assert formula.name == '=HYPERLINK("http://evil.example","click")'
    assert (formula.company, formula.position, formula.phone) == (
        "+SUM(1;2)",
        "-2+3",
        "+1 555 0100",
    )
    assert (ansi.name, ansi.company, ansi.position) == ("Red Alert", "Evil Corp", "@admin")
    assert (controls.name, controls.company, controls.position) == (
        "Bell Backspace",
        "Corp",
        "Tab Title",
    )
    assert markup.name == "[bold red]Rich[/] [link=file:///etc/passwd]y[/link]"
    for person in plan.added:
        for value in person.to_dict().values():
            if isinstance(value, str):
                assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in value)
                assert "\u202e" not in value


def test_a_preamble_before_the_header_is_skipped() -> None:
    layout = inspect_csv((FIXTURES / "linkedin_connections.csv").read_bytes())
    assert layout.header_line == 4 and layout.delimiter == ","


def test_mapping_overrides_win_and_skip_leaves_a_column_out() -> None:
    raw = b"Who,Org,Email,Secret\nAda,Engines,ada@example.com,x\n"
    with pytest.raises(ImportFormatError, match="line 1: no header row in lines 1-3"):
        inspect_csv(raw)  # nothing names a person
    layout = inspect_csv(raw, {"who": "name", "Email": "skip", "Secret": "notes"})
    assert {layout.headers[i]: f for i, f in layout.mapping.items()} == {
        "Who": "name",
        "Org": "company",
        "Secret": "notes",
    }
    (row,) = parse_csv(raw, {"who": "name", "Email": "skip", "Secret": "notes"}).rows
    assert dict(row.values) == {"name": "Ada", "company": "Engines", "notes": "x"}


def test_overrides_naming_a_missing_column_or_field_are_refused() -> None:
    raw = b"Name,Company\nAda,Engines\n"
    with pytest.raises(ImportFormatError, match="no column 'title'"):
        inspect_csv(raw, {"Title": "position"})
    with pytest.raises(ImportFormatError, match="'salary' is not a field"):
        inspect_csv(raw, {"Company": "salary"})


def test_tab_separated_utf16_from_excel_unicode_text() -> None:
    raw = "Name\tCompany\r\nAda\tEngines\r\n".encode("utf-16")
    layout = inspect_csv(raw)
    assert (layout.delimiter, layout.encoding) == ("\t", "utf-16")
    (row,) = parse_csv(raw).rows
    assert dict(row.values) == {"name": "Ada", "company": "Engines"}


def test_short_and_blank_rows() -> None:
    raw = b"Name,Company,Email\n\nAda\n,,\nGrace,Navy,grace@example.com,extra\n"
    parsed = parse_csv(raw)
    assert [(row.line, dict(row.values)) for row in parsed.rows] == [
        (3, {"name": "Ada"}),
        (5, {"name": "Grace", "company": "Navy", "email": "grace@example.com"}),
    ]


def test_a_row_without_a_name_is_skipped_with_its_line() -> None:
    raw = b"First Name,Last Name,Email\nAda,Lovelace,\n,,nobody@example.com\n"
    plan = plan_import(parse_csv(raw), [], now=START)
    assert [(note.line, note.reason) for note in plan.skipped] == [(3, "no name")]


def test_truncated_csv_names_the_line_of_the_open_quote() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_csv((FIXTURES / "truncated.csv").read_bytes())
    assert caught.value.line == 4


def test_unknown_bytes_in_neither_utf8_nor_cp1252_name_the_line() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_csv(b"Name\nAda\n\x81\x8d\x8f\x90\x9d\n")
    assert caught.value.line == 3
    assert "0x81" in str(caught.value)


def test_a_utf8_file_cut_inside_a_character_stays_utf8() -> None:
    raw = "Name,Company\nZoë,Café\n".encode()[:-3]  # cut inside "é"
    layout = inspect_csv(raw)
    assert layout.encoding == "utf-8"
    (row,) = parse_csv(raw).rows
    assert dict(row.values) == {"name": "Zoë", "company": "Caf"}


def test_guess_source_and_parse_file_for_the_import_screen() -> None:
    expected: dict[str, Source] = {
        "linkedin_connections.csv": "linkedin",
        "excel_semicolon_utf8.csv": "csv",
        "hostile.csv": "csv",
        "contacts_mixed.vcf": "vcard",
    }
    for name, source in expected.items():
        raw = (FIXTURES / name).read_bytes()
        assert guess_source(name, raw) == source
        assert parse_file(source, raw).source == source
    vcard = (FIXTURES / "contacts_mixed.vcf").read_bytes()
    assert guess_source("export.txt", vcard) == "vcard"
    raw = b"Who,Org\nAda,Engines\n"
    (row,) = parse_file("csv", raw, mapping={"Who": "name"}).rows
    assert row.values["name"] == "Ada"
