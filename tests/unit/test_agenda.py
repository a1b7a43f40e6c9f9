"""Today's agenda from the demo data on a fixed day."""

from __future__ import annotations

from infoint_tui.core.contacts.agenda import agenda, as_text, due_count
from infoint_tui.core.contacts.followups import FollowUpRules
from infoint_tui.core.documents import Store
from tests.conftest import START


def test_demo_agenda_sections(demo_store: Store) -> None:
    today = START.date()
    sections = agenda(demo_store.contacts.all().values(), today, FollowUpRules())
    names = {section: [item.name for item in items] for section, items in sections.items()}
    assert names["interviews"] == ["Nadia Rahman"]
    assert names["overdue"] == ["Tamsin Clarke", "Jamal Wright", "Yara Haddad", "Farid Haddad"]
    assert set(names["today"]) == {"Grace Liu", "Liam O'Brien", "Mei Wong"}
    assert names["thank-you"] == ["Quentin Roux", "Priya Nair", "Rosa Jiménez"]
    assert names["quiet"] == ["Samuel Adeyemi"]
    # Referrers to tell about a meeting: a step about someone else, so apart.
    assert [(item.name, item.about) for item in sections["referrers"]] == [
        ("Grace Liu", sections["thank-you"][1].contact_id),
        ("Isabel Moreno", sections["thank-you"][2].contact_id),
    ]
    assert due_count(sections) == 13
    # each contact once in their own steps, closed ones never
    every = [
        item.contact_id
        for section, items in sections.items()
        if section != "referrers"
        for item in items
    ]
    assert len(every) == len(set(every))
    farid = sections["overdue"][-1]
    assert farid.template == "follow-up" and farid.detail == "1 day late"
    text = as_text(sections, today)
    assert "Thank-you notes owed (3)" in text and "Thursday 26 November 2026" in text


def test_an_empty_day_says_so(store: Store) -> None:
    sections = agenda([], START.date(), FollowUpRules())
    assert due_count(sections) == 0
    assert "Nothing due" in as_text(sections, START.date())
