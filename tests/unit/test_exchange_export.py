"""Exports of pipeline contacts: CSV, JSON, Markdown dossiers and iCalendar."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st
from icalendar import Calendar

from infoint_tui.core.contacts.model import Contact, Event, Question, Stage, StageChange
from infoint_tui.core.dates import format_local_datetime
from infoint_tui.core.exchange import (
    export_contacts,
    export_csv,
    export_ics,
    export_json,
    export_markdown,
    parse_csv,
    plan_import,
    select_contacts,
)
from infoint_tui.core.fields import ValidationError
from infoint_tui.core.letters.letter import Letter as StoredLetter
from tests.conftest import START


def contact(**values: object) -> Contact:
    return replace(Contact.create({"name": "x"}, now=START), **values)  # type: ignore[arg-type]


ADA = contact(
    id=12,
    name="Ada Lovelace",
    company="Analytical Engines, Ltd.",
    title="Chief Programmer",
    email="ada@example.com",
    phone="+44 20 7946 0000",
    linkedin_url="https://www.linkedin.com/in/ada-lovelace",
    hook="Her note on the Engine",
    background="We both studied *maths*",
    notes="# not a heading\nline two",
    stage=Stage.SCHEDULED,
    interview_at=datetime(2026, 12, 3, 14, 0, tzinfo=START.tzinfo),
    follow_up=date(2026, 12, 2),
    next_action="Prepare questions",
    questions=(
        Question("What trends worry you?", "trends"),
        Question("Who else should I talk to?", "resources"),
        Question("What surprised you?", "insights"),
    ),
    stage_history=(
        StageChange(Stage.TARGET, START),
        StageChange(Stage.SCHEDULED, START + timedelta(days=2)),
    ),
    events=(Event("reply", START + timedelta(days=1), "Happy to talk"),),
)


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_guards_formula_looking_cells() -> None:
    hostile = contact(
        id=1,
        name='=HYPERLINK("http://evil.example")',
        company="+SUM(A1:A9)",
        title="-2+3",
        referrer="@admin",
        notes="\tTabbed",
        phone="+1 555 0100",
    )
    header, row = read_csv(export_csv([hostile]))
    cells = dict(zip(header, row, strict=True))
    assert cells["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert cells["Company"] == "'+SUM(A1:A9)"
    assert cells["Job Title"] == "'-2+3"
    assert cells["Referrer"] == "'@admin"
    assert cells["Phone"] == "'+1 555 0100"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_bom_and_crlf() -> None:
    text = export_csv([ADA], bom=True)
    assert text.startswith("\ufeffID,Name,Company,Job Title")
    assert text.count("\r\n") == 2


def test_csv_export_then_import_gives_the_same_people() -> None:
    people = [
        ADA,
        contact(id=2, name="'Quoted' Name", company="=Formula Co", phone="-", email=""),
        contact(id=3, name="美咲 佐藤", company="株式会社テスト", title="@エンジニア"),
        contact(id=4, name="Zoë 🚀", notes="multi\nline; with, commas"),
    ]
    people[1] = replace(people[1], phone="")
    plan = plan_import(parse_csv(export_csv(people, bom=True).encode()), [], now=START)
    assert plan.skipped == () and plan.warnings == ()
    assert [
        (p.name, p.company, p.position, p.email, p.phone, p.linkedin_url, p.notes)
        for p in plan.added
    ] == [(c.name, c.company, c.title, c.email, c.phone, c.linkedin_url, c.notes) for c in people]


@given(
    name=st.text(min_size=1, max_size=40), company=st.text(max_size=40), title=st.text(max_size=40)
)
def test_any_text_survives_the_csv_round_trip(name: str, company: str, title: str) -> None:
    try:
        made = Contact.create({"name": name, "company": company, "title": title}, now=START)
    except ValidationError:
        assume(False)
        return
    (person,) = plan_import(parse_csv(export_csv([made]).encode()), [], now=START).added
    assert (person.name, person.company, person.position) == (made.name, made.company, made.title)


def test_json_is_the_public_dicts() -> None:
    assert json.loads(export_json([ADA])) == [json.loads(json.dumps(ADA.public_dict()))]


def test_select_contacts_is_board_order_and_filters_a_stage() -> None:
    a = contact(id=1, stage=Stage.MET, rank=0.0)
    b = contact(id=2, stage=Stage.TARGET, rank=1.0)
    c = contact(id=3, stage=Stage.TARGET, rank=-1.0)
    assert [x.id for x in select_contacts([a, b, c])] == [3, 2, 1]
    assert [x.id for x in select_contacts([a, b, c], Stage.MET)] == [1]


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str
    status: str
    sent_at: datetime | None
    created: datetime | None = None
    updated: datetime | None = None


def test_markdown_dossier_has_everything_in_order() -> None:
    letters = {12: [Letter("Request: *20 minutes*", "Dear Ada,\n\n# hello\nThanks", "sent", START)]}
    text = export_markdown([ADA], letters)
    assert text.startswith("# Ada Lovelace — Analytical Engines, Ltd.\n")
    sections = ["## Hook", "## Background connection", "## Research notes", "## Questions",
                "## Timeline", "## Letters"]  # fmt: skip
    positions = [text.index(section) for section in sections]
    assert positions == sorted(positions)
    assert "- **Title:** Chief Programmer" in text
    assert "- **Stage:** Scheduled" in text
    assert "We both studied \\*maths\\*" in text  # user text is data, not markup
    assert "\\# not a heading" in text
    questions = [line for line in text.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert questions == [
        "1. What trends worry you? _(trends)_",
        "2. Who else should I talk to? _(resources)_",
        "3. What surprised you? _(insights)_",
    ]
    timeline = text[text.index("## Timeline") : text.index("## Letters")]
    assert timeline.index(" Target") < timeline.index("Happy to talk")
    assert timeline.index("Happy to talk") < timeline.index("Moved to Scheduled")
    assert "### Request: \\*20 minutes\\*" in text
    assert "> \\# hello" in text and "\n_sent 2026-11-26 09:30_\n" in text


def letter_lines(text: str) -> list[str]:
    """The italic status line under each letter's heading in the Letters section."""
    section = text[text.index("## Letters") :].splitlines()
    return [section[i + 2] for i, line in enumerate(section) if line.startswith("### ")]


def test_markdown_letter_status_reads_naturally() -> None:
    written = START - timedelta(days=3)
    draft = StoredLetter.create(12, "cold-request", "Coffee?", "Dear Ada,", now=written)
    edited = draft.with_text("Coffee next week?", "Dear Ada,", now=written + timedelta(hours=2))
    sent = StoredLetter.create(12, "thank-you", "Thank you", "Dear Ada,", now=written)
    sent = sent.mark_sent(now=START + timedelta(days=1, hours=1))
    text = export_markdown([ADA], {12: [edited, sent]})
    assert edited.updated is not None and sent.sent_at is not None
    saved_at, sent_at = format_local_datetime(edited.updated), format_local_datetime(sent.sent_at)
    assert letter_lines(text) == [f"_draft, saved {saved_at}_", f"_sent {sent_at}_"]
    assert sent_at.startswith("2026-11-27") and saved_at.startswith("2026-11-23")
    # A hand-edited letter with no dates still says what it is.
    bare = StoredLetter(contact_id=12, template="x", subject="Hi", status="sent")
    undated = replace(draft, created=None, updated=None)
    assert letter_lines(export_markdown([ADA], {12: [bare, undated]})) == ["_sent_", "_draft_"]


def test_markdown_separates_contacts() -> None:
    text = export_markdown([ADA, contact(id=2, name="Bob")])
    assert "\n---\n\n# Bob" in text
    assert text.count("_(none yet)_") >= 4  # Bob has no hook, background, notes, questions


def test_ics_has_an_event_with_alarm_and_a_todo() -> None:
    now = START + timedelta(hours=1)
    other = contact(id=13, name="Bob; Smith, Jr. II", company="", stage=Stage.REQUESTED,
                    follow_up=date(2026, 12, 1), next_action="Follow up")  # fmt: skip
    text = export_ics([ADA, other], now=now, minutes=45)
    calendar = Calendar.from_ical(text)
    assert str(calendar["PRODID"]).startswith("-//infoint//")
    assert str(calendar["VERSION"]) == "2.0"
    events = [c for c in calendar.walk("VEVENT")]
    todos = [c for c in calendar.walk("VTODO")]
    (event,) = events
    assert str(event["UID"]) == "contact-12-interview@infoint"
    assert (
        str(event["SUMMARY"]) == "Informational interview: Ada Lovelace (Analytical Engines, Ltd.)"
    )
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == ADA.interview_at and end - start == timedelta(minutes=45)
    assert event.decoded("DTSTAMP") == now
    assert "1. What trends worry you?" in str(event["DESCRIPTION"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
    assert {str(todo["UID"]) for todo in todos} == {
        "contact-12-follow-up@infoint",
        "contact-13-follow-up@infoint",
    }
    bob = next(todo for todo in todos if "13" in str(todo["UID"]))
    assert bob.decoded("DUE") == date(2026, 12, 1)
    assert str(bob["SUMMARY"]) == "Follow up: Bob; Smith, Jr. II"
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ics_escapes_text_and_round_trips_it() -> None:
    tricky = contact(
        id=5,
        name="Bob; Smith, Jr.",
        company="A\\B",
        interview_at=START,
        hook="line one\nline two; three, four",
    )
    (event,) = Calendar.from_ical(export_ics([tricky], now=START)).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Informational interview: Bob; Smith, Jr. (A\\B)"
    assert "Hook: line one\nline two; three, four" in str(event["DESCRIPTION"])


def test_ics_leaves_out_closed_interviews_and_todos_without_an_action() -> None:
    closed = contact(id=6, stage=Stage.CLOSED, interview_at=START)
    no_action = contact(id=7, follow_up=date(2026, 12, 1), next_action="")
    calendar = Calendar.from_ical(export_ics([closed, no_action], now=START))
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTODO") == []


def test_export_contacts_dispatches_every_format() -> None:
    for kind, marker in (
        ("csv", "ID,Name"),
        ("json", '"name": "Ada Lovelace"'),
        ("vcard", "BEGIN:VCARD"),
        ("markdown", "# Ada Lovelace"),
        ("ics", "BEGIN:VCALENDAR"),
    ):
        assert marker in export_contacts(kind, [ADA], now=START)  # type: ignore[arg-type]
