"""Who to ask at a company, by keys at 80x24: ``A`` on a contact makes someone
you know there the referrer (promoting a network person first), ``R`` offers
to promote a referrer who is only in the network, the form notes the top of a
company as the title is typed, Advocacy counts contacts who answered, and an
import fills in what linked contacts leave empty. Each checks the disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.people import Person
from infoint_tui.modals.choice import ChoiceModal
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.modals.contact_form import ContactForm
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.importing import ImportScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, settle, type_text
from tests.ui.test_merge_key import dialog_text
from tests.ui.test_network import disk_network


async def choose(pilot: object, modal: ChoiceModal, label_part: str) -> None:
    """Move to the option whose label holds ``label_part`` and press enter."""
    labels = [label for label, _ in modal.choices]
    index = next(i for i, label in enumerate(labels) if label_part in label)
    await press(pilot, *(["down"] * index), "enter")  # type: ignore[arg-type]


async def test_a_asks_a_network_person_there_promotes_them_as_the_referrer(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    lee = store.contacts.insert(Contact(name="Lee Park", company="Northwind Analytics"))
    store.network.insert(Person(name="Raj Patel", company="Northwind Analytics Ltd"))
    store.network.insert(Person(name="Kim Lo", company="Southwind"))
    async with running(store, clock) as (app, pilot):
        app.open_contact(lee.id)
        await app.workers.wait_for_complete()  # the network, read off the UI thread
        await press(pilot)
        assert "You also know at Northwind Analytics" in screen_text(app)
        assert "Raj Patel (network)" in screen_text(app)
        await press(pilot, "A")
        await app.workers.wait_for_complete()
        await press(pilot)
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        assert "Who at Northwind Analytics could refer you to Lee Park?" in dialog_text(app)
        assert [label for label, _ in modal.choices] == ["Raj Patel (network)"]  # not Kim
        await choose(pilot, modal, "Raj Patel")
        await app.workers.wait_for_complete()
        await settle(pilot)
        on_disk = disk_by_name(data_dir)
        assert (on_disk["Lee Park"]["referrer"], on_disk["Lee Park"]["source"]) == (
            "Raj Patel",
            "referral",
        )
        assert on_disk["Raj Patel"]["stage"] == "target"  # promoted, once
        raj_id = next(p["contact_id"] for p in disk_network(data_dir) if p["name"] == "Raj Patel")
        assert raj_id == next(int(k) for k, v in _by_id(data_dir).items() if v == "Raj Patel")
        assert isinstance(app.screen, ContactScreen)
        assert "Raj Patel  (#" in screen_text(app)  # linked: R opens him
        # Asked again, Raj is a contact now: choosing him adds nobody.
        await press(pilot, "A")
        again = app.screen
        assert isinstance(again, ChoiceModal)
        assert [label for label, _ in again.choices] == ["Raj Patel (Target)"]
        await press(pilot, "enter")
        assert list(disk_by_name(data_dir)).count("Raj Patel") == 1
        assert "Raj Patel already refers you to Lee Park" in screen_text(app)


def _by_id(data_dir: Path) -> dict[str, str]:
    from tests.ui.helpers import disk_contacts

    return {str(key): doc["name"] for key, doc in disk_contacts(data_dir).items()}


async def test_a_asks_a_contact_there_and_says_so_without_a_company(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    lee = store.contacts.insert(Contact(name="Lee Park", company="Acme"))
    store.contacts.insert(Contact(name="Mo Diaz", company="ACME Inc", stage=Stage.MET))
    loner = store.contacts.insert(Contact(name="No Company"))
    async with running(store, clock) as (app, pilot):
        app.open_contact(loner.id)
        await press(pilot, "A")
        assert "No Company has no company yet (e adds it)" in screen_text(app)
        app.open_contact(lee.id)
        await app.workers.wait_for_complete()
        await press(pilot, "A")
        await app.workers.wait_for_complete()
        await press(pilot)
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        assert [label for label, _ in modal.choices] == ["Mo Diaz (Met)"]
        await press(pilot, "enter")
        assert disk_by_name(data_dir)["Lee Park"]["referrer"] == "Mo Diaz"
        await press(pilot, "u")  # one undo takes it back
        assert disk_by_name(data_dir)["Lee Park"]["referrer"] == ""


async def test_r_on_a_referrer_only_in_the_network_offers_to_promote_them(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    lee = store.contacts.insert(Contact(name="Lee Park", referrer="Raj Patel", source="referral"))
    store.network.insert(Person(name="Raj Patel", company="Heron Cloud", position="Analyst"))
    async with running(store, clock) as (app, pilot):
        app.open_contact(lee.id)
        await app.workers.wait_for_complete()
        await press(pilot)
        assert "Raj Patel  (in your network: R adds them)" in screen_text(app)
        await press(pilot, "R")
        await app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "Raj Patel is in your network (Analyst, Heron Cloud)" in dialog_text(app)
        await press(pilot, "y")
        await app.workers.wait_for_complete()
        await settle(pilot)
        raj = disk_by_name(data_dir)["Raj Patel"]
        assert (raj["stage"], raj["company"]) == ("target", "Heron Cloud")
        screen = app.screen
        assert isinstance(screen, ContactScreen) and screen.contact is not None
        assert screen.contact.name == "Raj Patel"
        assert "Introduced you to      Lee Park" in screen_text(app)


async def test_the_form_notes_the_top_of_a_company_as_the_title_is_typed(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(store, clock, size=(80, 24)) as (app, pilot):
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, ContactForm)
        await type_text(pilot, "Ada Okafor")
        form.query_one("#field-title", Input).focus()
        await type_text(pilot, "Founder & CEO")
        await press(pilot)
        assert "Ada Okafor is at the top: heavily scheduled" in screen_text(app)
        form.query_one("#field-title", Input).value = "Vice President"
        await press(pilot)
        assert "heavily scheduled" not in screen_text(app)
        form.query_one("#field-title", Input).value = "CEO"
        await press(pilot, "ctrl+o")  # a note, never a block
        assert disk_by_name(data_dir)["Ada Okafor"]["title"] == "CEO"


async def test_advocacy_counts_a_contact_who_answered(store: Store, clock: FakeClock) -> None:
    store.contacts.insert(Contact(name="Lee Park", company="Heron Cloud", stage=Stage.TARGET))
    async with running(store, clock) as (app, pilot):
        await press(pilot, "C")
        await app.workers.wait_for_complete()
        await press(pilot)
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        assert [(row.name, row.known, row.advocacy) for row in screen.rows] == [
            ("Heron Cloud", 0, False)
        ]
        await press(pilot, "escape")
        lee = next(iter(app.session.contacts.values()))
        app.session.update_contact(lee, replace(lee, stage=Stage.MET), "Met Lee")
        await press(pilot, "C")
        screen = app.screen
        assert isinstance(screen, CompaniesScreen)
        assert [(row.name, row.known, row.advocacy) for row in screen.rows] == [
            ("Heron Cloud", 1, True)
        ]


async def test_an_import_fills_in_only_what_a_linked_contact_leaves_empty(
    store: Store, clock: FakeClock, data_dir: Path, tmp_path: Path
) -> None:
    store.contacts.insert(
        Contact(
            name="Lee Park",
            email="lee@typed.example",
            linkedin_url="https://www.linkedin.com/in/leepark",
        )
    )
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Lee,Park,https://www.linkedin.com/in/leepark,lee@file.example,Heron Cloud,"
        "Staff Engineer,01 Nov 2026\n",
        encoding="utf-8",
    )
    async with running(store, clock) as (app, pilot):
        app.navigator.open(ImportScreen(export))
        await app.workers.wait_for_complete()
        await press(pilot)
        text = screen_text(app)
        assert "New details for contacts in your pipeline" in text
        assert "Lee Park: Title, Company" in text or "Lee Park: Company, Title" in text
        await press(pilot, "f")
        assert "✓ Filled in 1 contact from the network" in screen_text(app)
        lee = disk_by_name(data_dir)["Lee Park"]
        assert (lee["email"], lee["company"], lee["title"]) == (
            "lee@typed.example",  # typed: stays
            "Heron Cloud",
            "Staff Engineer",
        )
        assert app.screen.check_action("fill_in", ()) is None  # offered once
