"""vCard import (2.1, 3.0, 4.0 in one file) and the vCard 4.0 export's round trip."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.exchange import (
    ImportFormatError,
    export_vcard,
    parse_vcards,
    plan_import,
)
from infoint_tui.core.exchange.vcard import components, unescape
from infoint_tui.core.fields import ValidationError
from tests.conftest import START

FIXTURES = Path(__file__).parent.parent / "fixtures" / "exchange"


def cards(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode()


def test_fixture_with_three_versions_folding_escapes_and_quoted_printable() -> None:
    parsed = parse_vcards((FIXTURES / "contacts_mixed.vcf").read_bytes())
    assert parsed.source == "vcard"
    plan = plan_import(parsed, [], now=START)
    ada, grace, ayse, alan = plan.added
    assert (ada.name, ada.first_name, ada.last_name) == ("Ada Lovelace", "Ada", "Lovelace")
    assert ada.company == "Analytical Engines, Ltd."  # first ORG component, \, unescaped
    assert ada.position == "Chief Programmer; Poet"
    assert ada.email == "Ada@Engines.example"  # the pref one, not the first
    assert ada.phone == "+44 20 7946 0000"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"  # grouped item1.URL
    assert ada.notes == (
        "First line\nSecond line with a comma, a semicolon; and a backslash \\ that was folded."
    )
    assert grace.phone == "+1-202-555-0100"  # PREF=1, tel: URI scheme removed
    assert grace.linkedin_url == "https://linkedin.com/in/grace-hopper/"  # not the work URL
    assert grace.notes.endswith("des caractères multi-octets: 東京タワー.")
    assert (ayse.name, ayse.last_name) == ("Ayşe Öztürk", "Öztürk")  # 2.1 quoted-printable
    assert ayse.notes == "Kahve sever\nİstanbul'da yaşadı"  # soft line break joined
    assert ayse.phone == "+90 532 000 0000"
    assert (alan.name, alan.company) == ("Alan Turing", "Bletchley Park")  # from N, no FN
    assert [(note.line, note.reason) for note in plan.skipped] == [(43, "no name")]


def test_rows_carry_the_line_of_begin() -> None:
    parsed = parse_vcards((FIXTURES / "contacts_mixed.vcf").read_bytes())
    assert [row.line for row in parsed.rows] == [1, 15, 29, 38, 43]


def test_missing_end_names_the_line_where_the_card_begins() -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_vcards((FIXTURES / "truncated.vcf").read_bytes())
    assert caught.value.line == 5
    assert "END:VCARD" in str(caught.value)


def test_begin_inside_a_card_is_an_error() -> None:
    text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
    with pytest.raises(ImportFormatError) as caught:
        parse_vcards(cards(text))
    assert caught.value.line == 3
    assert "line 1" in caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Name,Company\nAda,Engines\n", 1, "not a vCard file"),
        ("", None, "no BEGIN:VCARD"),
        ("BEGIN:VCARD\nFN:A\nEND:VCARD\nstray text\n", 4, "outside any card"),
        ("BEGIN:VCARD\nFN:A\nno colon here\nEND:VCARD\n", 3, "no ':'"),
        ("END:VCARD\n", 1, "without a BEGIN"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        parse_vcards(cards(text))
    assert caught.value.line == line
    assert words in str(caught.value)


def test_binary_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="binary"):
        parse_vcards(b"BEGIN:VCARD\r\nPHOTO:\x00\x01\x02\r\nEND:VCARD\r\n")


def test_parameters_quoted_values_and_lower_case_names() -> None:
    text = (
        'begin:vcard\nversion:4.0\nfn:Mary\ntel;type="work,voice";label="a:b;c":+1 555 0100\n'
        "email;type=home:home@example.com\nemail;type=work;pref=1:work@example.com\nend:vcard\n"
    )
    (row,) = parse_vcards(cards(text)).rows
    assert row.values["phone"] == "+1 555 0100"
    assert row.values["email"] == "work@example.com"


def test_escapes_and_components() -> None:
    assert unescape(r"a\,b\;c\\d\ne\Nf") == "a,b;c\\d\ne\nf"
    assert components(r"Doe\;Smith;Jane;;Dr.;") == ["Doe;Smith", "Jane", "", "Dr.", ""]
    assert components("a\\\\;b") == ["a\\", "b"]


def contact(**values: object) -> Contact:
    return replace(Contact.create({"name": "x"}, now=START), **values)  # type: ignore[arg-type]


def test_export_is_vcard_4_with_crlf_and_folded_lines() -> None:
    long_note = "東京タワー " * 40
    text = export_vcard([contact(id=3, name="Jane, Doe; Jr.", notes=long_note)])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Jane\\, Doe\\; Jr.\r\n" in text
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert text.count("BEGIN:VCARD") == 1 and text.endswith("END:VCARD\r\n")


def test_export_then_import_gives_the_same_people() -> None:
    contacts = [
        contact(
            id=1,
            name="Ada Lovelace",
            company="Analytical Engines; Ltd., Research",
            title="Chief Programmer",
            email="ada@example.com",
            phone="+44 20 7946 0000",
            linkedin_url="https://www.linkedin.com/in/ada-lovelace",
            notes="Line one, with comma\nLine two; with semicolon \\ and backslash",
        ),
        contact(id=2, name="美咲 佐藤", company="株式会社テスト", title="エンジニア"),
        contact(id=3, name="Zoë 🚀 O'Brien"),
    ]
    plan = plan_import(parse_vcards(export_vcard(contacts).encode()), [], now=START)
    assert [
        (p.name, p.company, p.position, p.email, p.phone, p.linkedin_url, p.notes)
        for p in plan.added
    ] == [(c.name, c.company, c.title, c.email, c.phone, c.linkedin_url, c.notes) for c in contacts]


@given(
    name=st.text(min_size=1, max_size=60),
    company=st.text(max_size=60),
    notes=st.text(max_size=300),
)
def test_any_text_survives_the_vcard_round_trip(name: str, company: str, notes: str) -> None:
    try:
        made = Contact.create({"name": name, "company": company, "notes": notes}, now=START)
    except ValidationError:
        assume(False)
        return
    (person,) = plan_import(parse_vcards(export_vcard([made]).encode()), [], now=START).added
    assert (person.name, person.company, person.notes) == (made.name, made.company, made.notes)
