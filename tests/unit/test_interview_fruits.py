"""What an interview leaves behind: lines marked advice:, topic: and intro:, the
letter fields they fill, and the people offered who become targets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.interviews.fruits import (
    Fruits,
    Introduction,
    introduction,
    letter_values,
    marked_lines,
    new_introductions,
)
from infoint_tui.core.interviews.interview import Interview, InterviewQuestion

NOTES = """Met at the café, she was generous.
advice: join the analytics meetup.
  - Topic: dbt at scale
ADVICE : read "Storytelling with Data"
intro: Raj Patel at Heron Cloud
Intro: Lena Ortiz (Orbital Freight)
introduction: Sam
Q: what next? A: keep going
"""


def test_marked_lines_are_found_in_any_case_with_bullets_and_a_trailing_dot_dropped() -> None:
    assert marked_lines(NOTES) == [
        ("advice", "join the analytics meetup"),
        ("topic", "dbt at scale"),
        ("advice", 'read "Storytelling with Data"'),
        ("intro", "Raj Patel at Heron Cloud"),
        ("intro", "Lena Ortiz (Orbital Freight)"),
        ("intro", "Sam"),
    ]


def test_an_introduction_names_a_person_and_their_company_when_given() -> None:
    assert introduction("Raj Patel at Heron Cloud") == Introduction("Raj Patel", "Heron Cloud")
    assert introduction("Lena Ortiz (Orbital Freight)") == Introduction(
        "Lena Ortiz", "Orbital Freight"
    )
    assert introduction("Kim Lee, Acme") == Introduction("Kim Lee", "Acme")
    assert introduction("Ola from Kestrel Studio") == Introduction("Ola", "Kestrel Studio")
    assert introduction("Sam") == Introduction("Sam", "")


def test_the_interview_gathers_its_fruits_from_the_notes_and_the_answers() -> None:
    interview = Interview(
        contact_id=1,
        notes=NOTES,
        questions=(InterviewQuestion("Who else?", asked=True, answer="intro: Mo Chen at Acme"),),
    )
    found = interview.fruits
    assert found.advice == ("join the analytics meetup", 'read "Storytelling with Data"')
    assert found.topics == ("dbt at scale",)
    assert [person.name for person in found.introductions] == [
        "Raj Patel",
        "Lena Ortiz",
        "Sam",
        "Mo Chen",
    ]
    assert not Interview(contact_id=1, notes="nothing marked here").fruits


def test_the_letters_take_the_newest_advice_and_topic() -> None:
    newest = Fruits(advice=("join the meetup",))
    older = Fruits(advice=("read the book",), topics=("dbt",))
    assert letter_values([newest, older]) == {"advice": "join the meetup", "topic": "dbt"}
    assert letter_values([]) == {}


def test_people_offered_become_targets_once_referred_by_the_interviewee() -> None:
    maya = Contact(name="Maya Chen", id=7)
    already = Contact(name="raj  PATEL", id=8)
    offered = [
        Introduction("Raj Patel", "Heron Cloud"),
        Introduction("Lena Ortiz", "Orbital Freight"),
        Introduction("Lena  Ortiz", ""),  # offered twice
    ]
    values = new_introductions(offered, maya, [maya, already])
    assert values == [
        {
            "name": "Lena Ortiz",
            "company": "Orbital Freight",
            "source": "referral",
            "referrer": "Maya Chen",
            "notes": "Introduction offered by Maya Chen in your interview.",
        }
    ]


@given(st.text(max_size=200))
def test_any_notes_give_clean_single_lines(notes: str) -> None:
    for _mark, text in marked_lines(notes):
        assert text and "\n" not in text and "\x1b" not in text and len(text) <= 300
