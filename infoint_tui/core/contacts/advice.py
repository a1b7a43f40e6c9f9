"""The method's advice about whom to approach: the top of a company is heavily
scheduled, so someone one step down is often the better first conversation.
A gentle note, never a block."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import plain

# Titles that read as the top of a company (settings [people] top_titles).
TOP_TITLES = (
    "ceo",
    "chief executive",
    "founder",
    "co-founder",
    "president",
    "managing director",
    "owner",
)


def at_the_top(title: str, titles: Iterable[str] = TOP_TITLES) -> bool:
    """True when ``title`` reads as the head of the company ("Founder & CEO",
    "Managing Director"); "Vice President" and "Assistant to the CEO" do not."""
    said = plain(title)
    for top in titles:
        word = re.escape(plain(top))
        if word and re.search(rf"(?<!vice )(?<!assistant to the )(?<!\w){word}(?!\w)", said):
            return True
    return False


def top_note(name: str, title: str, company: str, titles: Iterable[str] = TOP_TITLES) -> str:
    """The gentle note for a letter to the top of a company; "" otherwise."""
    return one_step_down(name, company) if at_the_top(title, titles) else ""


def one_step_down(name: str, company: str) -> str:
    where = f" of {company}" if company else ""
    return f"{name} is at the top{where}: heavily scheduled. Consider someone one step down first"
