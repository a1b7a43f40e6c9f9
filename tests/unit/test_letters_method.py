"""The bundled letters follow the method: each one rendered for a realistic contact,
with the elements the method asks for, short, and clean by the text rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.core.companies import Company
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.letters.lint import (
    DEFAULT_WORD_LIMIT,
    count_words,
    ends_with_question,
    lint_letter,
    message_text,
)
from infoint_tui.core.letters.render import (
    LETTER_FIELD_LABELS,
    RenderedLetter,
    letter_fields,
    render_letter,
)
from infoint_tui.core.letters.templates import load_template
from infoint_tui.core.profile import Profile
from infoint_tui.paths import resource_dir

TODAY = date(2026, 11, 26)  # a Thursday: three business days on is Tuesday 1 December
BUNDLED = resource_dir("templates")
NOWHERE = Path("/nonexistent-user-templates")

ME = Profile(
    name="Jordan Avery",
    email="jordan.avery@example.com",
    phone="+44 7700 900123",
    city="Manchester",
    background="Eight years as a secondary-school science teacher, now learning data analysis",
    goal="how analysts in health and energy spend their week",
    signature="Jordan Avery\n+44 7700 900123",
)
REFERRED = Contact(
    name="Grace Liu",
    company="Northwind Analytics",
    title="Data Scientist",
    email="grace@northwind.example",
    source="referral",
    referrer="Maya Chen",
    hook="your post on supply-chain data",
)
COLD = Contact(
    name="Ada Okafor",
    company="Northwind Analytics",
    title="Staff Data Engineer",
    email="ada@northwind.example",
    hook="your post on retiring a 10-year-old ETL pipeline",
)
NORTHWIND = Company(name="Northwind Analytics", industry="Data", location="Leeds")


def bundled(
    name: str, contact: Contact, values: dict[str, str] | None = None, profile: Profile = ME
) -> RenderedLetter:
    return render_letter(
        load_template(name, BUNDLED, NOWHERE),
        contact=contact,
        profile=profile,
        company=NORTHWIND,
        values=values or {},
        today=TODAY,
        name=name,
    )


def words(result: RenderedLetter) -> int:
    return count_words(message_text(result.body, ME.signature))


def warnings(result: RenderedLetter, contact: Contact) -> list[str]:
    found = lint_letter(
        result.subject, result.body, kind=result.kind, signature=ME.signature, hook=contact.hook
    )
    return [str(warning) for warning in found]


def paragraphs(result: RenderedLetter) -> list[str]:
    return result.body.split("\n\n")


# -- 1. the referral request ------------------------------------------------------------
def test_the_referral_request_follows_the_method() -> None:
    result = bundled("referral-request", REFERRED)
    assert result.complete, result.missing
    assert result.kind == "request"
    assert result.subject == "Maya Chen suggested I get in touch"
    body = result.body
    # The mutual acquaintance first, then your focus, then what of theirs you read.
    opening = paragraphs(result)[1]
    assert opening.startswith("Maya Chen suggested I get in touch")
    assert f"I'm exploring {ME.goal}" in opening
    assert "I enjoyed your post on supply-chain data." in opening
    # Time next week: a coffee, lunch or a short call.
    assert "next week" in body
    assert all(way in body for way in ("coffee", "lunch", "short call"))
    # How to reach you, and the day you will follow up.
    assert ME.phone in body and ME.email in body
    assert "Tuesday 1 December" in body
    assert result.promised == date(2026, 12, 1)
    # Short, and a question last.
    assert words(result) < DEFAULT_WORD_LIMIT
    assert ends_with_question(message_text(body, ME.signature))
    assert warnings(result, REFERRED) == []


def test_the_referral_request_asks_for_what_it_lacks() -> None:
    result = bundled("referral-request", replace(REFERRED, hook="", referrer=""))
    assert [field.path for field in result.missing] == ["contact.referrer", "contact.hook"]
    assert "I enjoyed [contact.hook]." in result.body


# -- 2. the cold request -------------------------------------------------------------------
def test_the_cold_request_follows_the_method_with_the_visit_dates() -> None:
    result = bundled("cold-request", COLD, {"visit_dates": "3–5 December"})
    assert result.complete, result.missing
    assert result.kind == "request"
    parts = paragraphs(result)
    # Their article or post first, then your background in one sentence.
    assert parts[1].startswith("I enjoyed your post on retiring a 10-year-old ETL pipeline;")
    assert f"{ME.background}." in parts[2]
    assert "I'm near your office 3–5 December." in parts[2]
    assert "schedule" in result.body
    assert ME.phone in result.body and ME.email in result.body
    assert result.promised == date(2026, 12, 1)
    assert words(result) < DEFAULT_WORD_LIMIT
    assert ends_with_question(message_text(result.body, ME.signature))
    assert warnings(result, COLD) == []


def test_without_visit_dates_the_sentence_goes_and_nothing_is_missing() -> None:
    with_dates = bundled("cold-request", COLD, {"visit_dates": "3–5 December"})
    without = bundled("cold-request", COLD)
    assert without.complete
    assert without.missing == ()
    assert "near your office" not in without.body
    assert "[letter.visit_dates]" not in without.body
    # Only that sentence goes: the paragraphs and the rest of the letter stay.
    assert without.body == with_dates.body.replace(" I'm near your office 3–5 December.", "")
    assert all(line == line.rstrip() for line in without.body.splitlines())
    assert warnings(without, COLD) == []
    # The editor still offers the dates as an input.
    assert "visit_dates" in letter_fields(load_template("cold-request", BUNDLED, NOWHERE))


def test_a_field_only_tested_in_if_is_optional() -> None:
    source = (
        "Subject: Hi\n"
        "Hello.{% if letter.visit_dates %} In town {{ letter.visit_dates }}.{% endif %}"
    )
    empty = render_letter(source, contact=COLD, profile=ME, today=TODAY)
    assert (empty.body, empty.missing) == ("Hello.", ())
    given = render_letter(
        source, contact=COLD, profile=ME, today=TODAY, values={"visit_dates": "3 December"}
    )
    assert (given.body, given.missing) == ("Hello. In town 3 December.", ())


# -- 3. the follow-up ----------------------------------------------------------------------
@pytest.mark.parametrize("contact", [REFERRED, COLD], ids=["referred", "cold"])
def test_the_follow_up_is_short_warm_and_ends_with_a_question(contact: Contact) -> None:
    result = bundled("follow-up", contact)
    assert result.complete, result.missing
    assert result.kind == "request"
    # The referrer suggested writing, not writing a second time.
    assert "suggested" not in result.body
    assert words(result) < 65  # well under the 75 of a first request
    assert ends_with_question(message_text(result.body, ME.signature))
    assert ME.phone in result.body and ME.email in result.body
    assert warnings(result, contact) == []


def test_the_follow_up_names_the_referrer_only_to_place_the_first_note() -> None:
    assert "my earlier note mentioning Maya Chen" in bundled("follow-up", REFERRED).body
    assert "mentioning" not in bundled("follow-up", COLD).body


# -- 4. the thank-you ----------------------------------------------------------------------
def test_the_thank_you_names_the_advice() -> None:
    result = bundled("thank-you", REFERRED, {"advice": "join the Analytics Engineering meetup."})
    assert result.complete
    assert result.kind == "thanks"
    assert "Your advice to join the Analytics Engineering meetup was" in result.body
    assert "I'll tell Maya Chen" in result.body
    assert words(result) < DEFAULT_WORD_LIMIT
    assert warnings(result, REFERRED) == []


# -- 5. the article ------------------------------------------------------------------------
ARTICLE = {
    "topic": "data contracts",
    "article_title": "Data contracts in practice",
    "article_url": "https://example.com/data-contracts",
    "update": "I start a data apprenticeship in January",
}


def test_the_article_names_the_topic_it_relates_to() -> None:
    result = bundled("article", COLD, ARTICLE)
    assert result.complete, result.missing
    assert result.kind == "article"
    assert "When we met, you mentioned data contracts; this piece made me think of it" in (
        result.body
    )
    assert "https://example.com/data-contracts" in result.body
    assert warnings(result, COLD) == []


def test_the_article_asks_for_the_topic_by_name() -> None:
    source = load_template("article", BUNDLED, NOWHERE)
    assert "topic" in letter_fields(source)
    assert LETTER_FIELD_LABELS["topic"] == "A topic you talked about"
    result = bundled("article", COLD, {key: v for key, v in ARTICLE.items() if key != "topic"})
    assert [(field.path, field.label) for field in result.missing] == [
        ("letter.topic", "This letter: A topic you talked about")
    ]


# -- 6. the LinkedIn note -----------------------------------------------------------------
def test_the_linkedin_note_stays_well_under_the_limit() -> None:
    long_names = replace(
        REFERRED, name="Maximiliane Featherstonehaugh", company="Northwind Analytics and Logistics"
    )
    result = bundled("linkedin-note", long_names, profile=replace(ME, name="Alexandrina Avery"))
    assert result.complete
    assert result.kind == "note"
    assert len(result.body) < 200  # LinkedIn allows 300
    assert warnings(result, long_names) == []
