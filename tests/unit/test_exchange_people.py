"""The network's Person model, identity keys, Advocacy counts and promotion."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange import (
    NETWORK,
    Person,
    company_key,
    filter_people,
    find_promoted,
    linkedin_key,
    promote,
)
from infoint_tui.core.flows import promote_person
from infoint_tui.core.store.docfile import DocumentFile
from infoint_tui.core.store.errors import NotFound
from tests.conftest import START, FakeClock


@pytest.fixture
def network(store: Store) -> DocumentFile[Person]:
    file = store.network
    file.load()
    return file


def person(**values: object) -> Person:
    return Person.from_dict({"name": "Jane Doe", **values})


def test_round_trip_through_a_dict() -> None:
    original = Person(
        id=7,
        name="Иван Петров",
        first_name="Иван",
        last_name="Петров",
        company="Яндекс",
        position="Engineer",
        email="ivan@example.com",
        phone="+7 900 000 00 00",
        linkedin_url="https://www.linkedin.com/in/ivan",
        connected_on=date(2024, 3, 15),
        source="linkedin",
        notes="line one\nline two",
        contact_id=3,
        created=START,
        updated=START,
    )
    assert Person.from_dict(original.to_dict(), 7) == original
    assert original.public_dict()["id"] == 7


def test_from_dict_cleans_every_text_and_caps_it() -> None:
    loaded = Person.from_dict(
        {
            "name": "\x1b[31mRed\x1b[0m \x1b]0;title\x07Alert\u202e",
            "company": "A" * 500,
            "notes": "ok\x1b[2J\nnext\x07",
        }
    )
    assert loaded.name == "Red Alert"
    assert loaded.company == "A" * 120
    assert loaded.notes == "ok\nnext"


def test_from_dict_is_lenient_with_hand_edited_values() -> None:
    loaded = Person.from_dict(
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "connected_on": "15 March",
            "created": "yesterday",
            "contact_id": True,
            "source": "fax",
        }
    )
    assert loaded.name == "Ada Lovelace"
    assert loaded.connected_on is None and loaded.created is None
    assert loaded.contact_id is None
    assert loaded.source == "csv"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/jane-doe/",
        "http://linkedin.com/in/Jane-Doe",
        "https://WWW.LinkedIn.com/in/jane-doe/?trk=public_profile#about",
        "linkedin.com/in/jane-doe",
        "https://de.linkedin.com/in/jane-doe/",
        "  https://www.linkedin.com/in/jane-doe  ",
    ],
)
def test_linkedin_key_ignores_how_the_address_is_written(url: str) -> None:
    assert linkedin_key(url) == "linkedin.com/in/jane-doe"


def test_linkedin_key_decodes_percent_encoding() -> None:
    encoded = "https://www.linkedin.com/in/%D0%B8%D0%B2%D0%B0%D0%BD/"
    assert linkedin_key(encoded) == linkedin_key("https://linkedin.com/in/иван")
    assert linkedin_key("https://linkedin.com/in/jane-doe-2") != linkedin_key(
        "https://linkedin.com/in/jane-doe"
    )


def test_company_key_folds_case_and_spacing() -> None:
    assert company_key("Acme  Inc") == company_key("ACME INC ") == "acme inc"


def test_filter_people_by_company_substring_and_query() -> None:
    people = [
        Person(id=1, name="Zed", company="Acme Robotics", position="CTO"),
        Person(id=2, name="Amy", company="ACME", position="Engineer"),
        Person(id=3, name="Bob", company="Globex", position="Engineer"),
    ]
    assert [p.id for p in filter_people(people, company="acme")] == [2, 1]
    assert [p.id for p in filter_people(people, query="engineer")] == [2, 3]
    assert [p.id for p in filter_people(people, company="acme", query="cto zed")] == [1]


def test_promote_makes_a_target_contact_from_the_person() -> None:
    someone = Person(
        id=4,
        name="Jane Doe",
        company="Acme",
        position="Staff Engineer",
        email="jane@example.com",
        phone="+1 555 0100",
        linkedin_url="https://www.linkedin.com/in/jane-doe",
    )
    contact = promote(someone, [], now=START)
    assert contact is not None
    assert (contact.name, contact.company, contact.title) == ("Jane Doe", "Acme", "Staff Engineer")
    assert (contact.email, contact.phone) == ("jane@example.com", "+1 555 0100")
    assert contact.linkedin_url == "https://www.linkedin.com/in/jane-doe"
    assert contact.source == "cold" and contact.stage is Stage.TARGET
    assert contact.stage_history[0].stage is Stage.TARGET


def test_promote_twice_finds_the_existing_contact() -> None:
    someone = Person(id=4, name="Jane", linkedin_url="https://linkedin.com/in/jane-doe/")
    existing = replace(
        Contact.create({"name": "Jane D."}, now=START),
        id=9,
        linkedin_url="https://www.linkedin.com/in/Jane-Doe",
    )
    assert promote(someone, [existing], now=START) is None
    assert find_promoted(someone, [existing]) == existing
    by_email = Person(name="Jane", email="JANE@example.com")
    mailed = replace(existing, linkedin_url="", email="jane@example.com")
    assert find_promoted(by_email, [mailed]) == mailed
    by_id = Person(name="Jane", contact_id=9)
    assert find_promoted(by_id, [replace(existing, linkedin_url="")]) is not None


def test_promote_leaves_out_a_value_the_contact_rules_refuse() -> None:
    edited = Person(name="Jane", email="not an address", phone="call me")
    contact = promote(edited, [], now=START)
    assert contact is not None
    assert (contact.name, contact.email, contact.phone) == ("Jane", "", "")


def test_promote_person_writes_the_contact_and_links_the_person(
    store: Store, network: DocumentFile[Person], clock: FakeClock
) -> None:
    stored = network.insert(Person(name="Jane Doe", company="Acme", created=START))
    first = promote_person(store, network, stored.id)
    assert first.created
    assert store.contacts.require(first.contact.id).name == "Jane Doe"
    assert network.require(stored.id).contact_id == first.contact.id
    again = promote_person(store, network, stored.id)
    assert not again.created and again.contact.id == first.contact.id
    assert len(store.contacts) == 1
    # Reopened from disk: both files agree.
    reopened = Store(store.data_dir, clock=clock)
    file = reopened.network
    reopened.open()
    assert file.require(stored.id).contact_id == first.contact.id


def test_promote_person_of_unknown_id_raises(store: Store, network: DocumentFile[Person]) -> None:
    with pytest.raises(NotFound):
        promote_person(store, network, 42)


def test_network_kind_is_its_own_file(store: Store, network: DocumentFile[Person]) -> None:
    network.insert(Person(name="Jane"))
    assert NETWORK.filename == "network.json"
    assert (store.data_dir / "network.json").exists()
    assert not any("Jane" in c.name for c in store.contacts)


def test_exchange_does_not_import_the_store_at_load() -> None:
    """documents.py imports exchange.people for the NETWORK kind; the reverse would be a cycle."""
    script = (
        "import sys, infoint_tui.core.exchange\n"
        "print(','.join(m for m in ('infoint_tui.core.documents',"
        " 'infoint_tui.core.contacts.pipeline') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
