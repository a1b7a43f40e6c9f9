"""One person, once: the matching rules between people and contacts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.identity import (
    Candidate,
    ContactIndex,
    duplicate_warning,
    matches,
    same_company,
    same_name,
)
from infoint_tui.core.exchange.merge import plan_import
from infoint_tui.core.exchange.parsed import ParsedFile, ParsedRow
from infoint_tui.core.exchange.people import Person, company_words
from infoint_tui.core.text import plain
from tests.ui.helpers import disk_contacts
from tests.unit.cli_run import Run

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
LEE = Contact(name="Lee Park", company="Acme Ltd", id=12, stage=Stage.TARGET)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Lee Park", "lee park", True),
        ("Lee Park", "Park, Lee", True),
        ("Chloé Martin", "Chloe  Martin", True),
        ("Zoë O'Brien", "Zoe OBrien", False),  # one word against two: proposed only when close
        ("Alex Kim", "Alex Kimball", False),
        ("Alex Kim", "Alexandra Kim", False),
        ("", "Lee Park", False),
    ],
)
def test_names_match_across_case_accents_spacing_and_order(
    first: str, second: str, same: bool
) -> None:
    assert same_name(first, second) is same


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Northwind", "Northwind Analytics Ltd", True),
        ("Acme Inc.", "ACME", True),
        ("The Heron Cloud Company", "Heron Cloud", True),
        ("Acme", "Heron Cloud", False),
        ("Ltd", "Acme", False),  # nothing left to compare
        ("", "Acme", False),
    ],
)
def test_companies_match_without_their_legal_suffixes(first: str, second: str, same: bool) -> None:
    assert same_company(first, second) is same


def test_plain_folds_case_accents_punctuation_and_spaces() -> None:
    assert plain("  Chloé   O'Brien-Smith ") == "chloe o brien smith"
    assert company_words("The Acme Group GmbH") == "acme"


def test_certain_matches_come_first_and_likely_ones_are_only_proposed() -> None:
    by_url = Contact(name="L. Park", linkedin_url="https://www.linkedin.com/in/lee-park/", id=3)
    by_email = Contact(name="Someone", email="LEE@acme.example", id=4)
    other_alex = Contact(name="Alex Kim", company="Heron Cloud", id=5)
    candidate = Candidate(
        "Lee Park", "Acme", email="lee@acme.example", linkedin_url="linkedin.com/in/Lee-Park"
    )
    found = matches(candidate, [LEE, by_url, by_email, other_alex])
    assert [(m.contact.id, m.why, m.certain) for m in found] == [
        (3, "same LinkedIn profile", True),
        (4, "same e-mail", True),
        (12, "same name and company", False),
    ]
    assert matches(candidate, [LEE], besides=12) == []


def test_two_alex_kims_at_different_companies_are_two_people() -> None:
    alex = Contact(name="Alex Kim", company="Northwind", id=1)
    assert matches(Candidate("Alex Kim", "Orbital Freight"), [alex]) == []
    assert matches(Candidate("Alex Kim", ""), [alex]) == []  # one company unknown: no guess
    assert [m.contact.id for m in matches(Candidate("alex  kim", "Northwind Ltd"), [alex])] == [1]


def test_the_warning_names_the_contact_as_the_issue_says() -> None:
    [match] = matches(Candidate("Lee Park", "Acme"), [LEE])
    assert duplicate_warning([match]) == (
        "already in the pipeline: 12 Lee Park, Acme Ltd (Target), same name and company"
    )


def test_an_import_links_people_who_already_are_contacts() -> None:
    ada = Contact(name="Ada Okafor", linkedin_url="https://linkedin.com/in/ada-okafor", id=7)
    rows = (
        ParsedRow(
            2, {"name": "Ada Okafor", "linkedin_url": "https://www.linkedin.com/in/Ada-Okafor/"}
        ),
        ParsedRow(3, {"name": "Raj Patel", "email": "raj@heron.example"}),
    )
    plan = plan_import(ParsedFile("linkedin", rows, "utf-8"), [], now=NOW, contacts=[ada])
    linked = {person.name: person.contact_id for person in plan.added}
    assert linked == {"Ada Okafor": 7, "Raj Patel": None}
    # Imported again: Ada, already in the network but not linked, gets linked.
    old = Person(name="Ada Okafor", linkedin_url="https://linkedin.com/in/ada-okafor", id=1)
    again = plan_import(ParsedFile("linkedin", rows[:1], "utf-8"), [old], now=NOW, contacts=[ada])
    assert [after.contact_id for _before, after in again.updated] == [7]


def test_the_contact_index_prefers_the_profile_to_the_email() -> None:
    index = ContactIndex(
        [
            Contact(name="A", email="same@x.example", id=1),
            Contact(name="B", linkedin_url="linkedin.com/in/b", id=2),
        ]
    )
    person = Person(name="B", email="same@x.example", linkedin_url="linkedin.com/in/b")
    assert index.contact_id(person) == 2
    assert index.contact_id(Person(name="C")) is None


@given(st.text(max_size=40))
def test_a_name_always_matches_itself_folded(name: str) -> None:
    if plain(name):
        assert same_name(name, name.upper().swapcase())


def test_infoint_add_refuses_a_likely_duplicate_unless_forced(
    run: Run, demo_store: Store, data_dir: Path
) -> None:
    status, out, err = run("add", "--name", "Ada Okafor", "--company", "Northwind")
    assert (status, out) == (1, "")
    assert "already in the pipeline: 1 Ada Okafor, Northwind Analytics (Target), same name" in err
    assert "--force" in err
    assert [d["name"] for d in disk_contacts(data_dir).values()].count("Ada Okafor") == 1
    status, out, err = run("add", "--name", "Ada Okafor", "--company", "Northwind", "--force")
    assert status == 0 and out.strip().isdigit()
    assert [d["name"] for d in disk_contacts(data_dir).values()].count("Ada Okafor") == 2


def test_people_finds_someone_once_across_pipeline_and_network() -> None:
    from infoint_tui.core.exchange.identity import search

    lee = Contact(name="Lee Park", company="Acme", id=12)
    linked = Person(name="Lee Park", company="Acme", position="Analyst", id=3, contact_id=12)
    loose = Person(name="Léa Parker", company="Heron Cloud", id=4)
    other = Person(name="Raj Patel", company="Acme", id=5)
    found = search("PARK", [lee], [linked, loose, other])
    assert [(k.contact.id if k.contact else None, [p.id for p in k.people]) for k in found] == [
        (None, [4]),
        (12, [3]),
    ]
    assert [k.name for k in search("analyst", [lee], [linked])] == ["Lee Park"]  # via the link
    assert search("nobody", [lee], [linked]) == []


def test_infoint_people_prints_one_row_per_person(
    run: Run, demo_store: Store, data_dir: Path
) -> None:
    status, out, _ = run("people", "okafor")
    assert status == 0
    assert out.splitlines()[1].split() == [
        "contact",
        "1",
        "Ada",
        "Okafor",
        "Northwind",
        "Analytics",
        "Target",
        "person",
        "57",
    ]
    status, out, err = run("people", "zzzz")
    assert (status, out) == (1, "") and "nobody matches 'zzzz'" in err


def test_who_you_know_at_a_company_lists_each_person_once_contacts_first() -> None:
    from infoint_tui.core.exchange.identity import known_at, known_line

    lee = Contact(name="Lee Park", company="Acme Ltd", id=12, stage=Stage.SCHEDULED)
    ada = Contact(name="Ada", company="ACME", id=13, stage=Stage.TARGET)
    linked = Person(name="Lee Park", company="Acme", id=3, contact_id=12)
    raj = Person(name="Raj Patel", company="Acme Inc.", position="Analyst", id=4)
    away = Person(name="Mo", company="Heron Cloud", id=5)
    found = known_at("Acme", [lee, ada], [linked, raj, away], besides=13)
    assert [known_line(k) for k in found] == [
        "Lee Park (Scheduled)",
        "Raj Patel (Analyst, network)",
    ]
    assert found[0].people == (linked,)
    assert known_at("", [lee], [raj]) == []


@pytest.mark.parametrize(
    ("title", "top"),
    [
        ("Founder & CEO", True),
        ("Chief Executive Officer", True),
        ("President", True),
        ("Managing Director", True),
        ("Co-Founder", True),
        ("Vice President, Sales", False),
        ("Assistant to the CEO", False),
        ("Data Analyst", False),
        ("", False),
    ],
)
def test_the_top_of_a_company_is_recognised_and_one_step_down_is_not(title: str, top: bool) -> None:
    from infoint_tui.core.contacts.advice import at_the_top

    assert at_the_top(title) is top
    assert at_the_top(title, ["ceo"]) is (
        "ceo" in title.lower() and "assistant" not in title.lower()
    )


def test_a_letter_to_the_top_of_a_company_carries_a_gentle_note(
    run: Run, demo_store: Store
) -> None:
    boss = demo_store.contacts.insert(
        Contact(name="Vera Long", company="Northwind Analytics", title="Founder & CEO")
    )
    status, out, err = run("letter", str(boss.id), "-t", "cold-request", "--allow-missing")
    assert status == 0 and out.startswith("Subject:")  # it never blocks
    assert (
        "infoint: note: Vera Long is at the top of Northwind Analytics: heavily scheduled." in err
    )


def test_advocacy_counts_the_network_and_contacts_who_answered_each_person_once() -> None:
    from infoint_tui.core.exchange.identity import known_counts

    met = Contact(name="Lee Park", company="Northwind Analytics", stage=Stage.MET, id=1)
    target = Contact(name="Mo Diaz", company="Northwind", stage=Stage.TARGET, id=2)
    linked_target = Contact(name="Ana Ruiz", company="northwind", stage=Stage.TARGET, id=3)
    people = [
        Person(id=1, name="Raj Patel", company="Northwind Analytics Ltd"),
        Person(id=2, name="Lee Park", company="Northwind Analytics", contact_id=1),  # = met
        Person(id=3, name="Ana Ruiz", company="Northwind", contact_id=3),  # = linked_target
        Person(id=4, name="Kim Lo", company="Southwind Analytics"),  # a false friend
        Person(id=5, name="Zoe Ng", company="Globex"),
    ]
    counts = known_counts(
        ["Northwind Analytics", "Globex", "Nobody Inc", ""], [met, target, linked_target], people
    )
    # Raj (network), Lee (met; linked, once), Ana (in the network): not Mo, a Target only.
    assert counts["northwind analytics"] == 3
    assert counts["globex"] == 1
    assert counts["nobody inc"] == 0
    assert "" not in counts


def test_an_import_offers_only_what_a_linked_contact_leaves_empty() -> None:
    from infoint_tui.core.exchange.promotion import details_offered, filled_in, new_details

    lee = Contact(name="Lee Park", id=1, email="lee@typed.example", title="")
    person = Person(
        name="Lee Park",
        email="lee@file.example",
        position="Staff Engineer",
        phone="+44 20 7946 0000",
        contact_id=1,
    )
    assert new_details(person, lee) == {"title": "Staff Engineer", "phone": "+44 20 7946 0000"}
    [offer] = details_offered([person, Person(name="Nobody", contact_id=99)], {1: lee})
    assert offer.describe() == "Lee Park: Title, Phone"
    after = filled_in(lee, offer.values, now=NOW)
    assert (after.email, after.title, after.phone) == (
        "lee@typed.example",  # what the user typed stays
        "Staff Engineer",
        "+44 20 7946 0000",
    )
    # Typed in the meantime: left alone; a value the contact rules refuse: left out.
    typed = Contact(name="Lee Park", id=1, title="CTO")
    assert filled_in(typed, {"title": "Staff Engineer", "email": "not an e-mail"}, now=NOW) == typed


def test_filling_in_from_the_network_is_one_undo(tmp_path: Path) -> None:
    from infoint_tui.core.exchange.promotion import DetailOffer
    from infoint_tui.core.session.session import Session
    from infoint_tui.core.settings import Settings

    store = Store(tmp_path / "data").open()
    lee = store.contacts.insert(Contact(name="Lee Park"))
    session = Session(store, Settings(), clock=lambda: NOW, start_saver=False)
    offer = DetailOffer(lee.id, "Lee Park", {"title": "Staff Engineer"})
    assert session.people.fill_in([offer]) == "Filled in 1 contact from the network"
    assert session.saver.flush(10)
    assert disk_contacts(tmp_path / "data")[lee.id]["title"] == "Staff Engineer"
    assert session.people.fill_in([offer]).startswith("Nothing to fill in")
    session.undo()
    assert session.contacts[lee.id].title == ""


def test_an_import_that_moves_someone_on_remembers_where_they_worked() -> None:
    from infoint_tui.core.exchange.identity import known_at, known_line
    from infoint_tui.core.exchange.merge import merge_into

    before = Person(id=7, name="Raj Patel", company="Northwind Analytics Ltd", position="Analyst")
    moved = merge_into(before, Person(name="Raj Patel", company="Heron Cloud"), NOW)
    assert (moved.company, moved.past_companies) == ("Heron Cloud", ("Northwind Analytics Ltd",))
    # Written out and read back (files are read back cleaned).
    assert Person.from_dict(moved.to_dict(), id=7) == moved
    assert "past_companies" not in before.to_dict()  # nothing to say: not written
    # The company written in another case is the same company: no move.
    recased = merge_into(moved, Person(name="Raj Patel", company="HERON cloud"), NOW)
    assert recased.past_companies == moved.past_companies
    back = merge_into(moved, Person(name="Raj Patel", company="Northwind Analytics"), NOW)
    assert back.past_companies == ("Heron Cloud",)  # back where he was: not "former" there
    now_there = Person(id=8, name="Ana Ruiz", company="Northwind Analytics")
    known = known_at("Northwind Analytics", [], [moved, now_there])
    assert [known_line(k) for k in known] == [
        "Ana Ruiz (network)",
        "Raj Patel (used to work there; now Analyst, Heron Cloud)",
    ]
    assert known_at("Globex", [], [moved]) == []


def test_a_hand_edited_past_company_list_is_read_leniently() -> None:
    person = Person.from_dict({"name": "Raj", "past_companies": ["  Acme ", 3, "", None]})
    assert person.past_companies == ("Acme",)
    assert Person.from_dict({"name": "Raj", "past_companies": "Acme"}).past_companies == ()


def test_a_referrer_only_in_the_network_is_the_one_person_of_that_name() -> None:
    from infoint_tui.core.exchange.people import person_named

    raj = Person(id=1, name="Raj Patel")
    chloe = Person(id=2, name="Chloé O'Brien")
    assert person_named("raj  PATEL", [raj, chloe]) == raj
    assert person_named("chloe o brien", [raj, chloe]) == chloe
    assert person_named("Raj", [raj]) is None
    assert person_named("Raj Patel", [raj, Person(id=3, name="Raj Patel")]) is None  # two: no guess
    assert person_named("", [raj]) is None
