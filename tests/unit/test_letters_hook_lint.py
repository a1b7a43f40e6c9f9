"""The hook rule: the contact's hook must fit the sentence it lands in.

The bundled requests say "I enjoyed {hook}", so a hook is written the way it
follows those words, to them: "your post on supply-chain data".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.letters.lint import LintWarning, hook_problem, lint_letter
from infoint_tui.core.letters.render import RenderedLetter, render_letter
from infoint_tui.core.letters.templates import load_template
from infoint_tui.core.profile import Profile
from infoint_tui.paths import resource_dir

TODAY = date(2026, 11, 26)
BUNDLED = resource_dir("templates")
NOWHERE = Path("/nonexistent-user-templates")
ME = Profile(
    name="Jordan Avery",
    email="jordan.avery@example.com",
    phone="+44 7700 900123",
    background="Eight years as a science teacher, now learning data analysis",
    goal="how analysts in health and energy spend their week",
    signature="Jordan Avery",
)
GRACE = Contact(
    name="Grace Liu", company="Northwind Analytics", source="referral", referrer="Maya Chen"
)
REQUESTS = ("referral-request", "cold-request")


def letter(name: str, hook: str) -> RenderedLetter:
    return render_letter(
        load_template(name, BUNDLED, NOWHERE),
        contact=replace(GRACE, hook=hook),
        profile=ME,
        values={"visit_dates": "3–5 December"},
        today=TODAY,
        name=name,
    )


def hook_warnings(name: str, hook: str) -> list[LintWarning]:
    result = letter(name, hook)
    found = lint_letter(
        result.subject, result.body, kind=result.kind, signature=ME.signature, hook=hook
    )
    return [warning for warning in found if warning.rule == "hook"]


@pytest.mark.parametrize("name", REQUESTS)
@pytest.mark.parametrize(
    "hook",
    [
        "your post on supply-chain data",
        "your talk at PyCon",
        "PyCon keynote on data contracts",  # a proper noun may start it
        "Ada's newsletter on grid software",
        "a thread of yours on hiring career changers",
    ],
)
def test_a_hook_that_fits_is_not_flagged(name: str, hook: str) -> None:
    result = letter(name, hook)
    assert result.complete
    assert f"I enjoyed {hook}" in result.body
    assert hook_warnings(name, hook) == []


@pytest.mark.parametrize("name", REQUESTS)
@pytest.mark.parametrize(
    ("hook", "advice"),
    [
        # A capitalised pronoun or article mid-sentence.
        ("The Guardian piece on grid software", "start it in lower case, e.g. “the Guardian"),
        ("A talk at PyCon on data contracts", "start it in lower case, e.g. “a talk at PyCon"),
        ("An essay on data contracts", "start it in lower case, e.g. “an essay on"),
        ("My favourite thread of yours", "start it in lower case, e.g. “my favourite"),
        ("Your post on supply-chain data", "start it in lower case, e.g. “your post on"),
        # About them, in a letter to them.
        ("Her talk at PyCon", "write “your talk at PyCon”"),
        ("His post on retiring the ETL pipeline", "write “your post on retiring"),
        ("Their podcast on design systems", "write “your podcast on design systems”"),
        # The letter's own words again.
        ("I read your post on supply-chain data", "write just “your post on supply-chain data”"),
        ("I enjoyed your talk at PyCon", "write just “your talk at PyCon”"),
        ("I'm a fan of your newsletter", "write what of theirs you read"),
        # A sentence ended in the middle of the letter's.
        ("your post on supply-chain data.", "drop the final “.”"),
        ("your talk at PyCon!", "drop the final “!”"),
        ("your thread on why dashboards fail?", "drop the final “?”"),
    ],
)
def test_a_hook_that_does_not_fit_is_flagged_with_the_fix(
    name: str, hook: str, advice: str
) -> None:
    [warning] = hook_warnings(name, hook)
    assert warning.message.startswith(f"hook “{hook[:39]}")
    assert advice in warning.message


def test_the_message_shows_where_the_hook_lands() -> None:
    [warning] = hook_warnings("cold-request", "The Guardian piece on grid software")
    assert str(warning) == (
        "hook “The Guardian piece on grid software” lands mid-sentence "
        "(“…I enjoyed The Guardian…”): start it in lower case, e.g. "
        "“the Guardian piece on grid software”"
    )
    [warning] = hook_warnings("referral-request", "Her talk at PyCon.")
    assert str(warning) == (
        "hook “Her talk at PyCon.” speaks of them, but the letter speaks to them "
        "(“…I enjoyed Her talk…”): write “your talk at PyCon”"
    )
    [warning] = hook_warnings("cold-request", "your post on supply-chain data.")
    assert str(warning) == (
        "hook “your post on supply-chain data.” ends a sentence mid-letter "
        "(“…supply-chain data.; your thinking”): drop the final “.”"
    )


def test_a_long_hook_is_shortened_in_the_message() -> None:
    hook = "The long and winding write-up of your team's move from nightly batches to streams"
    [warning] = hook_warnings("cold-request", hook)
    assert "hook “The long and winding write-up of your…” lands mid-sentence" in warning.message
    assert len(warning.message) < 200


def test_only_a_hook_the_letter_holds_is_checked() -> None:
    hook = "Her talk at PyCon."
    # The thank-you does not use the hook; a hand edit may have fixed it.
    assert hook_warnings("thank-you", hook) == []
    assert hook_problem(hook, "Dear Grace,\n\nI enjoyed your talk at PyCon; thanks.") == ""
    # Without a hook (the callers' default) there is nothing to check.
    result = letter("cold-request", hook)
    assert "hook" not in {w.rule for w in lint_letter(result.subject, result.body)}
    assert hook_problem("", result.body) == hook_problem("   ", result.body) == ""


def test_a_capital_is_fine_where_a_sentence_starts() -> None:
    body = "Dear Grace,\n\nThe Guardian piece on grid software: your thinking there stayed with me."
    assert hook_problem("The Guardian piece on grid software", body) == ""
    assert hook_problem("A talk at PyCon", "Loved it. A talk at PyCon, no less?") == ""
    # A final stop is fine where nothing follows it on the line.
    assert (
        hook_problem("your post on supply-chain data.", "Re: your post on supply-chain data.") == ""
    )


def test_a_hook_over_several_lines_is_found() -> None:
    body = "Dear Grace,\n\nI enjoyed Her talk\nat PyCon, and your slides."
    assert "write “your talk at PyCon”" in hook_problem("Her talk\nat  PyCon", body)
