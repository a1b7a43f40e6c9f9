"""Who referred whom, by keys at 80x24: the contact shows the referrer with a
key to open her, the referrer shows whom she introduced, and the Referrer field
completes names as you type (saved to disk)."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.modals.contact_form import ContactForm
from infoint_tui.screens.contact import ContactScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, running, screen_text, type_text


async def test_referred_by_opens_the_referrer_and_she_shows_whom_she_introduced(
    store: Store, clock: FakeClock
) -> None:
    maya = store.contacts.insert(Contact(name="Maya Chen", rank=1.0))
    ada = store.contacts.insert(Contact(name="Ada Okafor", referrer="Maya Chen", rank=0.0))
    async with running(store, clock, size=(80, 40)) as (app, pilot):
        app.open_contact(ada.id)
        await press(pilot)
        assert f"Maya Chen  (#{maya.id}, R opens)" in screen_text(app)
        await press(pilot, "R")
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == maya.id
        assert "Introduced you to      Ada Okafor" in screen_text(app)


async def test_the_referrer_field_completes_a_name_and_it_is_saved(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert(Contact(name="Maya Chen"))
    async with running(store, clock) as (app, pilot):
        await press(pilot, "n")
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Ada Okafor")
        app.screen.query_one("#field-referrer").focus()
        await type_text(pilot, "may")
        await press(pilot, "right")  # accept the completion
        await press(pilot, "ctrl+o")
        assert disk_by_name(data_dir)["Ada Okafor"]["referrer"] == "Maya Chen"


async def test_today_says_to_tell_the_referrer_and_d_records_it(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    from infoint_tui.core.contacts.followups import FollowUpRules
    from infoint_tui.core.contacts.model import Stage
    from infoint_tui.core.contacts.pipeline import moved
    from infoint_tui.screens.today import TodayScreen

    store.contacts.insert(Contact(name="Maya Chen"))
    ada = Contact(name="Ada Okafor", referrer="Maya Chen", stage=Stage.SCHEDULED)
    store.contacts.insert(moved(ada, Stage.MET, now=clock(), rank=0.0, rules=FollowUpRules()))
    async with running(store, clock) as (app, pilot):
        await press(pilot, "T")
        today = app.screen
        assert isinstance(today, TodayScreen)
        assert "Tell your referrer (1)" in screen_text(app)
        assert "Maya Chen — Tell them you met Ada Okafor, and thank them" in screen_text(app)
        for _ in range(5):
            selected = today.selected()
            if selected is not None and selected.about is not None:
                break
            await press(pilot, "down")
        await press(pilot, "d")
        maya = disk_by_name(data_dir)["Maya Chen"]
        assert maya["events"][-1]["text"] == "Told them about meeting Ada Okafor"
        assert "Tell your referrer" not in screen_text(app)


async def test_promote_as_referred_by_completes_the_name_and_saves_the_referral(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    from infoint_tui.core.exchange.people import Person
    from tests.ui.test_network import open_network

    store.contacts.insert(Contact(name="Maya Chen"))
    store.network.insert(Person(name="Raj Patel", company="Heron Cloud"))
    async with running(store, clock) as (app, pilot):
        await open_network(pilot)
        await press(pilot, "r")
        assert "Raj Patel is referred by" in screen_text(app)
        await type_text(pilot, "ma")
        await press(pilot, "right", "enter")
        await app.workers.wait_for_complete()
        await press(pilot)
        raj = disk_by_name(data_dir)["Raj Patel"]
        assert (raj["stage"], raj["source"], raj["referrer"]) == ("target", "referral", "Maya Chen")


def test_infoint_promote_takes_who_referred_them(tmp_path: Path) -> None:
    from infoint_tui.cli import main
    from infoint_tui.core.exchange.people import Person

    data = tmp_path / "data"
    opened = Store(data).open()
    person = opened.network.insert(Person(name="Raj Patel", company="Heron Cloud"))
    assert main(["--data-dir", str(data), "promote", str(person.id), "--referred-by", "Maya"]) == 0
    raj = disk_by_name(data)["Raj Patel"]
    assert (raj["source"], raj["referrer"]) == ("referral", "Maya")
