"""Who referred whom: the Referrer name links to the one contact of that name,
survives a rename, and stays as text when there is no such contact."""

from __future__ import annotations

from datetime import UTC, datetime

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.contacts.referrals import (
    introduced,
    referrer_names,
    referrer_of,
    renamed_referrals,
)
from infoint_tui.core.documents import Store
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import Settings
from tests.conftest import FakeClock

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
MAYA = Contact(name="Maya Chen", id=1)
ADA = Contact(name="Ada Okafor", id=2, referrer="maya  CHEN")
RAJ = Contact(name="Raj Patel", id=3, referrer="Maya Chen")
LENA = Contact(name="Lena Ortiz", id=4, referrer="Someone Else")


def test_the_referrer_is_the_one_contact_of_that_name() -> None:
    everyone = [MAYA, ADA, RAJ, LENA]
    assert referrer_of(ADA, everyone) == MAYA
    assert referrer_of(LENA, everyone) is None  # a name, not a contact: stays text
    assert referrer_of(MAYA, everyone) is None
    twins = [*everyone, Contact(name="Maya Chen", id=9)]
    assert referrer_of(ADA, twins) is None  # two Mayas: no guess
    assert introduced(MAYA, twins) == []


def test_a_referrer_sees_whom_they_introduced() -> None:
    assert introduced(MAYA, [MAYA, RAJ, ADA, LENA]) == [ADA, RAJ]
    assert introduced(LENA, [MAYA, RAJ, ADA, LENA]) == []


def test_a_rename_keeps_the_link_and_a_delete_leaves_the_name() -> None:
    renamed = Contact(name="Maya Chen-Lee", id=1)
    changed = renamed_referrals(MAYA, renamed, [MAYA, ADA, RAJ, LENA], now=NOW)
    assert [(before.id, after.referrer) for before, after in changed] == [
        (2, "Maya Chen-Lee"),
        (3, "Maya Chen-Lee"),
    ]
    assert renamed_referrals(MAYA, Contact(name="MAYA chen", id=1), [MAYA, ADA], now=NOW) == []
    assert referrer_of(ADA, [ADA, RAJ]) is None and ADA.referrer == "maya  CHEN"


def test_the_referrer_field_completes_from_everyone_once() -> None:
    assert referrer_names(["Maya Chen", "Ada Okafor"], ["maya chen", "Raj Patel"]) == [
        "Maya Chen",
        "Ada Okafor",
        "Raj Patel",
    ]


def test_renaming_a_contact_in_the_app_renames_it_where_it_referred(
    store: Store, clock: FakeClock
) -> None:
    maya = store.contacts.insert(Contact(name="Maya Chen"))
    ada = store.contacts.insert(Contact(name="Ada Okafor", referrer="Maya Chen"))
    session = Session(store, Settings(), clock=clock, start_saver=False)
    assert session.edit_contact(session.contacts[maya.id], {"name": "Maya Chen-Lee"})
    assert session.contacts[ada.id].referrer == "Maya Chen-Lee"
    assert session.saver.flush(10)
    fresh = Store(store.data_dir, clock=clock).open()
    assert fresh.contacts.require(ada.id).referrer == "Maya Chen-Lee"
    session.undo()  # one undo: the name and the referral together
    assert session.contacts[ada.id].referrer == "Maya Chen"


def test_a_referrer_is_told_once_the_person_they_introduced_is_met(
    store: Store, clock: FakeClock
) -> None:
    from infoint_tui.core.contacts.agenda import agenda
    from infoint_tui.core.contacts.followups import FollowUpRules
    from infoint_tui.core.contacts.model import Stage
    from infoint_tui.core.contacts.pipeline import moved

    maya = store.contacts.insert(Contact(name="Maya Chen"))
    ada = Contact(name="Ada Okafor", referrer="Maya Chen", stage=Stage.SCHEDULED)
    ada = store.contacts.insert(moved(ada, Stage.MET, now=NOW, rank=0.0, rules=FollowUpRules()))
    session = Session(store, Settings(), clock=clock, start_saver=False)
    [item] = agenda(session.contacts.values(), NOW.date(), FollowUpRules())["referrers"]
    assert (item.contact_id, item.about, item.label) == (
        maya.id,
        ada.id,
        "Tell them you met Ada Okafor, and thank them",
    )
    session.people.told(maya.id, ada.id)
    assert agenda(session.contacts.values(), NOW.date(), FollowUpRules())["referrers"] == []
    assert session.contacts[maya.id].events[-1].text == "Told them about meeting Ada Okafor"


def test_set_referrer_makes_a_referral_and_one_undo_takes_it_back(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada Okafor", source="cold"))
    session = Session(store, Settings(), clock=clock, start_saver=False)
    said = session.people.set_referrer(ada.id, "Raj Patel")
    assert said == "Raj Patel refers you to Ada Okafor"
    after = session.contacts[ada.id]
    assert (after.referrer, after.source) == ("Raj Patel", "referral")
    assert session.saver.flush(10)
    fresh = Store(store.data_dir, clock=clock).open().contacts.require(ada.id)
    assert (fresh.referrer, fresh.source) == ("Raj Patel", "referral")
    again = session.people.set_referrer(ada.id, "raj  PATEL")
    assert again == "raj  PATEL already refers you to Ada Okafor"
    session.undo()  # the one change: nothing was recorded the second time
    assert (session.contacts[ada.id].referrer, session.contacts[ada.id].source) == ("", "cold")


def test_nobody_refers_themselves(store: Store, clock: FakeClock) -> None:
    ada = store.contacts.insert(Contact(name="Ada Okafor"))
    session = Session(store, Settings(), clock=clock, start_saver=False)
    said = session.people.set_referrer(ada.id, " ada okafor ")
    assert said == "Ada Okafor cannot refer themselves"
    assert session.contacts[ada.id].referrer == ""
    assert session.people.set_referrer(999, "Raj") == "That contact is gone"
