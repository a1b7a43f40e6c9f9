"""Questions to ask: the bundled TIARA bank, the user's own, and a contact's ordered list.

TIARA (Trends, Insights, Advice, Resources, Assignments) orders a conversation
from the broad and easy to the personal and concrete. Every question here asks
for knowledge, never for a job: an informational interview that turns into a
job request loses the goodwill that made it possible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..contacts.model import TIARA, Question
from ..dates import format_timestamp, parse_timestamp
from ..fields import ValidationError
from ..store.docfile import FileKind
from ..store.migrations import plain_migrations
from ..text import clean_line, clean_text, fold

QUESTION_LEN = 500

CATEGORY_LABELS = {
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
}


def _bank(category: str, *texts: str) -> tuple[Question, ...]:
    return tuple(Question(text, category) for text in texts)


BANK: tuple[Question, ...] = (
    *_bank(
        "trends",
        "What trends are you seeing in your field that excite you?",
        "How has your industry changed since you started, and where is it heading?",
        "Which new tools or ideas are changing the way your team works?",
        "What challenges do you expect your field to face in the next few years?",
        "Which skills are becoming more valuable in your line of work?",
    ),
    *_bank(
        "insights",
        "What surprised you most about this work?",
        "What does a typical week look like for you?",
        "What do you enjoy most about your role, and what do you find hardest?",
        "How did you get into this field?",
        "What do people outside your field most often misunderstand about it?",
    ),
    *_bank(
        "advice",
        "If you were me, what would you do next?",
        "What do you wish you had known when you were starting out?",
        "What would make someone with my background stand out in this field?",
        "Which experience or skill should I focus on building first?",
        "What would you do differently if you were starting again today?",
    ),
    *_bank(
        "resources",
        "Who else should I talk to?",
        "Which books, newsletters, podcasts or communities do you rely on?",
        "Are there professional associations or events worth joining?",
        "Which companies or teams do you admire in this space?",
        "Where do people in your field go to keep learning?",
    ),
    *_bank(
        "assignments",
        "What project would help me learn what you do?",
        "Is there a small problem I could try solving to test my interest in this work?",
        "Which course or certification would be worth my time, if any?",
        "What could I read or try this month, and may I tell you how it went?",
        "Is there a volunteer or side project that would give me real experience?",
    ),
)


# A heuristic for the "never ask for a job" rule: the app warns, it does not refuse.
_JOB_REQUEST = re.compile(
    r"""
    \bhir(e|ing)\s+me\b
    | \bare\s+you\s+(hiring|recruiting)\b
    | \b(is|are)\s+(your\s+\w+\s+|your\s+|the\s+|there\s+)?(company\s+|team\s+)?hiring\b
    | \bany\s+(jobs?|openings?|vacanc(y|ies)|(open\s+)?(positions?|roles?))\b
    | \bjob\s+(openings?|offers?|for\s+me)\b
    | \bopen\s+(positions?|roles?|jobs?|headcount)\b
    | \bvacanc(y|ies)\b
    | \brefer\s+me\b
    | \b(a|your)\s+referral\b
    | \bgive\s+me\s+a\s+(job|position|role)\b
    | \bgood\s+word\s+for\s+me\b
    | \bpass\s+(on|along)\s+my\s+(cv|resume|résumé)\b
    | \bforward\s+my\s+(cv|resume|résumé)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def asks_for_a_job(text: str) -> bool:
    """Whether a question reads like a job request ("Are you hiring?", "Could you refer me?")."""
    return _JOB_REQUEST.search(text) is not None


def parse_category(text: str) -> str:
    """A TIARA category from its name or first letter, case-insensitive."""
    key = text.strip().lower()
    for category in TIARA:
        if key in (category, category[0]):
            return category
    names = ", ".join(TIARA)
    raise ValidationError("category", f"{text!r} is not a TIARA category (one of: {names})")


# -- the user's own bank ----------------------------------------------------------
@dataclass(frozen=True)
class BankQuestion:
    """A question the user wrote, kept for every future interview."""

    text: str
    category: str = "insights"
    id: int = 0
    created: datetime | None = None

    @property
    def question(self) -> Question:
        return Question(self.text, self.category)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "created": format_timestamp(self.created) if self.created else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], id: int = 0) -> BankQuestion:
        category = clean_line(data.get("category", "insights"), 20).lower()
        created = data.get("created")
        return cls(
            text=clean_text(data.get("text", ""), QUESTION_LEN),
            category=category if category in TIARA else "insights",
            id=id,
            created=parse_timestamp(str(created)) if created else None,
        )

    @classmethod
    def create(cls, text: str, category: str, *, now: datetime) -> BankQuestion:
        """A new question from what the user typed. Raises ValidationError."""
        cleaned = clean_text(text, QUESTION_LEN).strip()
        if not cleaned:
            raise ValidationError("text", "a question needs some words")
        return cls(cleaned, parse_category(category), created=now)


QUESTIONS: FileKind[BankQuestion] = FileKind(
    "questions", 1, BankQuestion.from_dict, plain_migrations("questions")
)


def full_bank(user: Iterable[BankQuestion] = ()) -> tuple[Question, ...]:
    """The bundled questions, then the user's in the order they were written (no repeats)."""
    own = (item.question for item in sorted(user, key=lambda item: item.id))
    return add_questions((), (question for question in (*BANK, *own) if question.text.strip()))


# -- a contact's ordered list ---------------------------------------------------
def question_key(text: str) -> str:
    """Two questions are the same when they differ only in case, spacing or final '?'."""
    return " ".join(fold(text).split()).rstrip(" ?")


def contains(questions: Iterable[Question], question: Question) -> bool:
    key = question_key(question.text)
    return any(question_key(item.text) == key for item in questions)


def add_question(questions: tuple[Question, ...], question: Question) -> tuple[Question, ...]:
    """The list with ``question`` at the end, unless it is already there (then unchanged)."""
    if contains(questions, question):
        return questions
    return (*questions, question)


def add_questions(
    questions: tuple[Question, ...], more: Iterable[Question]
) -> tuple[Question, ...]:
    for question in more:
        questions = add_question(questions, question)
    return questions


def remove_question(questions: tuple[Question, ...], index: int) -> tuple[Question, ...]:
    """The list without the question at ``index`` (unchanged for an index out of range)."""
    if not 0 <= index < len(questions):
        return questions
    return questions[:index] + questions[index + 1 :]


def move_question(
    questions: tuple[Question, ...], index: int, offset: int
) -> tuple[tuple[Question, ...], int]:
    """Move one question by ``offset`` places; returns the list and its new index.

    Moving past either end stops there, so holding the key never wraps around.
    """
    if not 0 <= index < len(questions):
        return questions, index
    target = max(0, min(len(questions) - 1, index + offset))
    if target == index:
        return questions, index
    items = list(questions)
    items.insert(target, items.pop(index))
    return tuple(items), target


def move_up(questions: tuple[Question, ...], index: int) -> tuple[tuple[Question, ...], int]:
    return move_question(questions, index, -1)


def move_down(questions: tuple[Question, ...], index: int) -> tuple[tuple[Question, ...], int]:
    return move_question(questions, index, 1)


def default_order(
    questions: Iterable[Question], bank: tuple[Question, ...] = BANK
) -> tuple[Question, ...]:
    """TIARA order, then the bank's order; questions not in the bank keep theirs, last
    within their category."""
    position = {question_key(question.text): index for index, question in enumerate(bank)}
    items = list(questions)

    def key(pair: tuple[int, Question]) -> tuple[int, int, int]:
        index, question = pair
        category = TIARA.index(question.category) if question.category in TIARA else len(TIARA)
        return category, position.get(question_key(question.text), len(bank)), index

    return tuple(question for _, question in sorted(enumerate(items), key=key))


def available(bank: Iterable[Question], chosen: Iterable[Question]) -> tuple[Question, ...]:
    """Bank questions not yet in the contact's list, for the picker."""
    taken = {question_key(question.text) for question in chosen}
    return tuple(question for question in bank if question_key(question.text) not in taken)


def by_category(questions: Iterable[Question]) -> dict[str, tuple[Question, ...]]:
    """Questions grouped under each TIARA category, in TIARA order (empty ones included)."""
    groups: dict[str, list[Question]] = {category: [] for category in TIARA}
    for question in questions:
        groups.setdefault(question.category, []).append(question)
    return {category: tuple(items) for category, items in groups.items()}
