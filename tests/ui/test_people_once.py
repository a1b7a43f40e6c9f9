"""One person, once, by keys at 80x24: the new-contact form names a likely
duplicate before adding (and keeps what was typed), promoting someone who may
be a contact asks whether it is them. Each checks the disk (the shell's add:
tests/unit/test_identity.py)."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.people import Person
from infoint_tui.modals.choice import ChoiceModal
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.modals.contact_form import ContactForm
from infoint_tui.screens.contact import ContactScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, disk_contacts, press, running, screen_text, type_text
from tests.ui.test_network import disk_network, open_network


async def new_contact(pilot: object, name: str, company: str) -> None:
    await press(pilot, "n")  # type: ignore[arg-type]
    await type_text(pilot, name)  # type: ignore[arg-type]
    await press(pilot, "tab")  # type: ignore[arg-type]
    await type_text(pilot, company)  # type: ignore[arg-type]
    await press(pilot, "ctrl+o")  # type: ignore[arg-type]


async def test_the_form_names_a_likely_duplicate_and_no_keeps_what_was_typed(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await new_contact(pilot, "ada  okafor", "Northwind Analytics Ltd")
        question = app.screen
        assert isinstance(question, ConfirmModal)
        assert "Add ada okafor anyway?" in screen_text(app)
        assert "1 Ada Okafor, Northwind Analytics (Target)" in question.detail
        await press(pilot, "n")  # back to the form, as typed
        assert isinstance(app.screen, ContactForm)
        assert "ada  okafor" in screen_text(app)  # exactly as typed
        assert "Northwind Analytics Ltd" in screen_text(app)
        await press(pilot, "escape")
        assert [doc["name"] for doc in disk_contacts(data_dir).values()].count("Ada Okafor") == 1
        assert "ada okafor" not in disk_by_name(data_dir)
        await new_contact(pilot, "Ada Okafor", "Northwind")
        await press(pilot, "y")  # a second Ada at Northwind after all
        names = [doc["name"] for doc in disk_contacts(data_dir).values()]
        assert names.count("Ada Okafor") == 2


async def test_someone_else_is_added_without_a_question(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await new_contact(pilot, "Ada Okafor", "Heron Cloud")  # another company: another Ada
        assert not isinstance(app.screen, ConfirmModal)
        names = [doc["name"] for doc in disk_contacts(data_dir).values()]
        assert names.count("Ada Okafor") == 2


async def test_promoting_someone_who_may_be_a_contact_asks_and_links_without_a_copy(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    lee = store.contacts.insert(Contact(name="Lee Park", company="Acme", stage=Stage.SCHEDULED))
    store.network.insert(Person(name="Lée Park", company="ACME Ltd", position="Analyst"))
    async with running(store, clock) as (app, pilot):
        await open_network(pilot)
        await press(pilot, "p")
        question = app.screen
        assert isinstance(question, ChoiceModal)
        assert question.choices[0] == (
            f"It is {lee.id} Lee Park, Acme (Scheduled): link them",
            str(lee.id),
        )
        await press(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == lee.id
        assert len(disk_contacts(data_dir)) == 1  # linked, not copied
        [person] = disk_network(data_dir)
        assert person["contact_id"] == lee.id


async def test_the_contact_shows_who_you_know_there_and_the_advice_about_the_top(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    boss = demo_store.contacts.insert(
        Contact(name="Vera Long", company="Northwind Analytics", title="Founder & CEO", rank=-9)
    )
    async with running(demo_store, clock, size=(80, 60)) as (app, pilot):
        await app.workers.wait_for_complete()  # the network, read after the first paint
        app.open_contact(boss.id)
        await press(pilot)
        text = screen_text(app)
        assert "Vera Long is at the top of Northwind Analytics: heavily" in text
        assert "one step down first: below," in text  # the list follows the timeline
        assert "You also know at Northwind Analytics" in text
        assert "Ada Okafor (Target)" in text
        assert "(Recruiter, network)" in text or "(Data Analyst, network)" in text


async def test_p_on_a_company_lists_who_you_know_and_enter_opens_them(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await app.workers.wait_for_complete()
        await press(pilot, "C")
        await app.workers.wait_for_complete()
        await press(pilot, "home", "p")
        question = app.screen
        assert isinstance(question, ChoiceModal)
        assert question.title_text.startswith("Who you know at ")
        first_label, first_key = question.choices[0]
        assert first_key.startswith("c")  # pipeline contacts come first
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact_id == int(first_key[1:])
