"""The text rules: short, about them, a question last, never a job."""

from __future__ import annotations

import pytest

from infoint_tui.core.letters.lint import (
    count_words,
    ends_with_question,
    job_words,
    lint_letter,
    message_text,
    pronoun_counts,
)

SIGNATURE = "Jordan Avery\n+44 7700 900123"
GOOD = (
    "Dear Ada,\n\n"
    "Your post on retiring the ETL pipeline stayed with me.\n\n"
    "Could you spare 20 minutes to share how you chose your path?\n\n"
    "Best wishes,\n" + SIGNATURE
)


def rules(body: str, subject: str = "Hello", **options: object) -> list[str]:
    return [w.rule for w in lint_letter(subject, body, signature=SIGNATURE, **options)]  # type: ignore[arg-type]


def test_a_good_request_has_no_warnings() -> None:
    assert rules(GOOD, kind="request") == []


def test_the_signature_and_sign_off_are_not_the_message() -> None:
    assert message_text(GOOD, SIGNATURE).endswith("how you chose your path?")
    assert message_text("Hi.\n\nThanks,\nJo\njo@example.com") == "Hi."
    # Without the profile's signature, short unpunctuated closing lines still go.
    assert message_text(GOOD).endswith("your path?")


def test_word_limit() -> None:
    long_body = "Dear Ada,\n\n" + "You " * 80 + "agree?\n\nBest,\nJo"
    assert "length" in rules(long_body)
    assert "length" not in rules(long_body, word_limit=100)
    warning = lint_letter("", long_body, word_limit=75)[0]
    assert str(warning) == "83 words: keep it under 75"


def test_words_are_counted_like_a_person_would() -> None:
    assert count_words("Dear Ada — a 10-year-old pipeline, +44 7700 900123.") == 8
    assert count_words("[contact.hook] stayed with me") == 4


def test_a_request_must_end_with_a_question() -> None:
    body = "Dear Ada,\n\nWould you have 20 minutes? Thanks so much.\n\nBest,\nJo"
    assert "question" in rules(body, kind="request")
    warning = next(w for w in lint_letter("", body, kind="request") if w.rule == "question")
    assert "Thanks so much." in warning.message


def test_other_kinds_need_no_question() -> None:
    body = "Dear Ada,\n\nThank you for your time.\n\nBest,\nJo"
    assert "question" not in rules(body, kind="thanks")
    assert "question" not in rules(body, kind="letter")


@pytest.mark.parametrize(
    "ending", ["Could we talk?", 'Would "Tuesday" suit you?"', "(Free Tuesday?)"]
)
def test_questions_end_with_a_question_mark(ending: str) -> None:
    assert ends_with_question(f"Hello. {ending}")


def test_the_linkedin_note_is_capped_at_300_characters() -> None:
    note = "Hi Ada, " + "you " * 80
    assert "characters" in rules(note, kind="note", word_limit=500)
    assert "characters" not in rules("Hi Ada, thank you for your advice.", kind="note")
    assert "characters" not in rules(note, kind="letter", word_limit=500)
    # The limit is a setting ([letters] linkedin_note_limit).
    assert "characters" not in rules(note, kind="note", word_limit=500, note_limit=400)
    short_limit = lint_letter("", "Hi Ada, thank you for your advice.", kind="note", note_limit=20)
    assert [str(w) for w in short_limit] == ["34 characters: LinkedIn allows 20 in a note"]


def test_more_about_me_than_you_is_flagged() -> None:
    body = "Dear Ada,\n\nI am Jo. I'm a teacher and my dream is data. Can you help me?\n\nBest,\nJo"
    assert pronoun_counts(message_text(body)) == (4, 1)
    assert "about-you" in rules(body, kind="request")
    assert "about-you" not in rules(GOOD, kind="request")


def test_placeholders_are_not_pronouns() -> None:
    assert pronoun_counts("Reach [me.phone] or [me.email], you said.") == (0, 1)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Are there any job openings on your team?", ["job openings"]),
        ("Do you have a job for me?", ["job"]),
        ("I'd love to hear about openings at Northwind.", ["openings"]),
        ("Is there an opening on your team?", ["opening on your team"]),
        ("Any vacancies? Is the vacancy still open?", ["vacancies", "vacancy"]),
        ("Is there an open position on your team?", ["position"]),
        ("Are you hiring this spring?", ["hiring"]),
        ("I applied for the analyst role.", ["applied for"]),
        ("Should I apply to your team?", ["apply to your team"]),
        ("My application went in last week.", ["application"]),
        ("Could I send you my resume?", ["resume"]),
        ("My résumé is attached.", ["résumé"]),
        ("Here is my CV.", ["CV"]),
        ("A curriculum vitae follows.", ["curriculum vitae"]),
        ("Are there any open roles?", ["roles"]),
        ("Is there a role on your team?", ["role on your team"]),
    ],
)
def test_job_talk_is_found_and_named(text: str, found: list[str]) -> None:
    assert job_words(text) == found
    warning = next(w for w in lint_letter("Hello", text) if w.rule == "job-talk")
    assert f"“{found[0]}”" in warning.message


@pytest.mark.parametrize(
    "text",
    [
        "Steve Jobs said it. The jobs to be done framework.",
        "I am not in a position to judge. Your position on data contracts was clear.",
        "The position of the sun.",
        "Does this apply to small teams?",
        "Your web application is lovely. The application of ML to triage.",
        "Let's resume our chat after the holidays.",
        "Your CV models are impressive.",
        "A role model. The role of data in care. Your role at Northwind.",
        "The opening keynote was great. Thanks for opening the door.",
        "Your talk was eye-opening.",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert job_words(text) == []


def test_job_talk_in_the_subject_counts_too() -> None:
    assert "job-talk" in rules(GOOD, subject="Any openings?", kind="request")
