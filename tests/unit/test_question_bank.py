"""The bundled TIARA bank, the user's own questions, and ordering a contact's list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoint_tui.core.contacts.model import TIARA, Question
from infoint_tui.core.documents import Store
from infoint_tui.core.fields import ValidationError
from infoint_tui.core.interviews import questions as qb
from infoint_tui.core.interviews.questions import BANK, BankQuestion
from tests.conftest import START, FakeClock

T = Question("What trends are you seeing in your field that excite you?", "trends")
I = Question("What surprised you most about this work?", "insights")  # noqa: E741
A = Question("If you were me, what would you do next?", "advice")
R = Question("Who else should I talk to?", "resources")
S = Question("What project would help me learn what you do?", "assignments")


# -- the bundled bank --------------------------------------------------------------------
def test_the_bank_covers_every_tiara_category_in_order() -> None:
    assert 20 <= len(BANK) <= 30
    categories = [question.category for question in BANK]
    assert set(categories) == set(TIARA)
    assert categories == sorted(categories, key=TIARA.index)
    for category in TIARA:
        assert categories.count(category) >= 4


def test_the_bank_holds_the_classic_questions() -> None:
    for question in (T, I, A, R, S):
        assert question in BANK


def test_bank_questions_are_clean_unique_questions() -> None:
    keys = [qb.question_key(question.text) for question in BANK]
    assert len(set(keys)) == len(keys)
    for question in BANK:
        assert question.text.endswith("?")
        assert question.text == question.text.strip()
        assert len(question.text) <= 100
        assert Question.from_dict(question.to_dict()) == question


def test_no_bundled_question_asks_for_a_job() -> None:
    assert [q.text for q in BANK if qb.asks_for_a_job(q.text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Are you hiring?",
        "Is your team hiring right now?",
        "Is there any job opening for me?",
        "Do you have any open positions?",
        "Could you refer me?",
        "Would you hire me?",
        "Can you forward my resume to the manager?",
        "Any vacancies in your department?",
        "Could you put in a good word for me?",
    ],
)
def test_job_requests_are_recognised(text: str) -> None:
    assert qb.asks_for_a_job(text)


@pytest.mark.parametrize(
    "text",
    [
        "How did your team decide whom to hire last year?",
        "What does the hiring process look like in this field?",
        "Which skills are becoming more valuable in your line of work?",
        "Who else should I talk to?",
    ],
)
def test_questions_about_the_field_are_not_job_requests(text: str) -> None:
    assert not qb.asks_for_a_job(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [("trends", "trends"), ("Advice", "advice"), (" R ", "resources"), ("a", "advice")],
)
def test_categories_parse_from_name_or_letter(text: str, category: str) -> None:
    assert qb.parse_category(text) == category


def test_an_unknown_category_names_the_choices() -> None:
    with pytest.raises(ValidationError, match="trends, insights, advice"):
        qb.parse_category("gossip")


# -- the user's own bank ----------------------------------------------------------------
def test_a_users_question_is_cleaned_and_validated() -> None:
    question = BankQuestion.create(" What \x1b[31mdo you read?\x07 ", "R", now=START)
    assert question.text == "What do you read?"
    assert question.category == "resources"
    assert question.created == START
    assert question.question == Question("What do you read?", "resources")
    with pytest.raises(ValidationError, match="some words"):
        BankQuestion.create(" \n ", "trends", now=START)
    with pytest.raises(ValidationError):
        BankQuestion.create("Why?", "gossip", now=START)


def test_bank_question_round_trip_and_lenient_read() -> None:
    question = BankQuestion.create("What do you read?", "resources", now=START)
    assert BankQuestion.from_dict(question.to_dict(), 0) == question
    odd = BankQuestion.from_dict({"text": "x" * 900, "category": "gossip"}, 5)
    assert odd.id == 5 and len(odd.text) == 500 and odd.category == "insights"
    assert odd.created is None


def test_the_questions_file_round_trips_through_the_store(data_dir: Path, clock: FakeClock) -> None:
    store = Store(data_dir, clock=clock)
    file = store.questions
    store.open()
    stored = file.insert(BankQuestion.create("What do you read?", "resources", now=START))
    raw = json.loads((data_dir / "questions.json").read_text())
    assert raw["_meta"]["1"] == {"kind": "questions", "schema_version": 1, "next_id": 2}
    again = Store(data_dir, clock=clock)
    reread = again.questions
    again.open()
    assert reread.require(stored.id) == stored


def test_the_full_bank_adds_the_users_questions_without_repeats() -> None:
    mine = [
        BankQuestion("What do you read?", "resources", id=2, created=START),
        BankQuestion("who else should I TALK to", "resources", id=1, created=START),
        BankQuestion("How do you plan a week?", "insights", id=3, created=START),
    ]
    bank = qb.full_bank(mine)
    assert bank[: len(BANK)] == BANK
    assert bank[len(BANK) :] == (
        Question("What do you read?", "resources"),
        Question("How do you plan a week?", "insights"),
    )
    assert qb.full_bank() == BANK


# -- a contact's ordered list -------------------------------------------------------------
def test_adding_from_the_bank_appends_once() -> None:
    questions = qb.add_question((), A)
    questions = qb.add_question(questions, T)
    assert questions == (A, T)
    again = Question("  if you were ME, what would you do next ", "advice")
    same = qb.add_question(questions, again)
    assert same is questions
    assert qb.add_questions(questions, [R, T, R]) == (A, T, R)


def test_removing_a_question() -> None:
    questions = (T, I, A)
    assert qb.remove_question(questions, 1) == (T, A)
    assert qb.remove_question(questions, 5) is questions
    assert qb.remove_question(questions, -1) is questions


def test_moving_questions_up_and_down_stops_at_the_ends() -> None:
    questions = (T, I, A)
    assert qb.move_up(questions, 2) == ((T, A, I), 1)
    assert qb.move_down(questions, 0) == ((I, T, A), 1)
    assert qb.move_up(questions, 0) == (questions, 0)
    assert qb.move_down(questions, 2) == (questions, 2)
    assert qb.move_question(questions, 0, 10) == ((I, A, T), 2)
    assert qb.move_question(questions, 7, -1) == (questions, 7)


def test_default_order_is_tiara_then_bank_order() -> None:
    mine = Question("How do you plan a week?", "insights")
    other = Question("What do you do on Fridays?", "insights")
    later_insight = BANK[[q.category for q in BANK].index("insights") + 1]
    shuffled = (S, other, R, later_insight, A, mine, I, T)
    assert qb.default_order(shuffled) == (T, I, later_insight, other, mine, A, R, S)


def test_default_order_with_the_users_bank_ranks_their_questions_too() -> None:
    mine = BankQuestion("How do you plan a week?", "insights", id=1)
    other = Question("What do you do on Fridays?", "insights")
    bank = qb.full_bank([mine])
    assert qb.default_order((other, mine.question, I), bank) == (I, mine.question, other)


def test_available_leaves_out_the_questions_already_chosen() -> None:
    left = qb.available(BANK, (T, Question("who else should i talk to?", "resources")))
    assert T not in left and R not in left
    assert len(left) == len(BANK) - 2


def test_by_category_groups_in_tiara_order() -> None:
    groups = qb.by_category((S, T, A, Question("x", "trends")))
    assert list(groups) == list(TIARA)
    assert groups["trends"] == (T, Question("x", "trends"))
    assert groups["insights"] == ()


def test_question_key_ignores_case_spacing_and_the_question_mark() -> None:
    key = qb.question_key("who else should i talk to")
    assert qb.question_key("Who  else should I talk to?") == key
    assert qb.question_key("Why?") != qb.question_key("Why not?")
