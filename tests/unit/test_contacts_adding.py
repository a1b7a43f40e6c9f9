"""A new contact is built one way: by the app's form (the session) and by ``infoint add``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.core.contacts.adding import insert_on_top, new_contact
from infoint_tui.core.contacts.followups import FollowUpRules
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.fields import ValidationError
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import load_settings, settings_path
from tests.conftest import START, FakeClock

VALUES = {"name": "Ada Okafor", "company": "Northwind", "source": "referral", "referrer": "Bo"}


def test_a_target_is_only_created() -> None:
    ada = new_contact(VALUES, Stage.TARGET, now=START)
    assert ada == Contact.create(VALUES, now=START)
    assert [change.stage for change in ada.stage_history] == [Stage.TARGET]
    assert ada.follow_up is None and not ada.next_action


def test_a_later_stage_is_entered_with_its_rule() -> None:
    ada = new_contact(VALUES, Stage.REQUESTED, now=START)
    assert ada.stage is Stage.REQUESTED
    assert [change.stage for change in ada.stage_history] == [Stage.TARGET, Stage.REQUESTED]
    # START is a Thursday: three business days later is the next Tuesday.
    assert ada.follow_up == date(2026, 12, 1) and ada.next_action
    slower = new_contact(VALUES, Stage.REQUESTED, now=START, rules=FollowUpRules(5, 7, 1, 21, 6))
    assert slower.follow_up == date(2026, 12, 3)


def test_a_typed_follow_up_wins_over_the_rule() -> None:
    ada = new_contact({**VALUES, "follow_up": "2027-01-04"}, Stage.REQUESTED, now=START)
    assert ada.follow_up == date(2027, 1, 4)
    assert ada.next_action == new_contact(VALUES, Stage.REQUESTED, now=START).next_action


def test_a_wrong_value_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        new_contact({"name": "Ada", "email": "not an address"}, Stage.MET, now=START)
    assert raised.value.field == "email"


def test_the_session_builds_the_same_contact(store: Store, clock: FakeClock) -> None:
    settings = load_settings(store.data_dir)
    session = Session(store, settings, clock=clock, start_saver=False)
    for stage in Stage:
        expected = new_contact(VALUES, stage, now=clock(), rules=settings.rules)
        assert session.new_contact(VALUES, stage) == expected


def test_infoint_add_builds_the_same_contact(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store(data_dir).open()
    # The command follows the settings' rules, as the app does.
    settings_path(data_dir).write_text("[follow_up]\nrequested_business_days = 10\n")
    argv = ["--data-dir", str(data_dir), "add", "--name", "Ada Okafor", "--company", "Northwind"]
    status = main([*argv, "--source", "referral", "--referrer", "Bo", "--stage", "requested"])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    ada = Store(data_dir).open().contacts.require(int(captured.out))
    assert ada.created is not None
    rules = load_settings(data_dir).rules
    assert rules.requested_business_days == 10
    expected = new_contact(VALUES, Stage.REQUESTED, now=ada.created, rules=rules)
    assert ada == replace(expected, id=ada.id, rank=ada.rank)


def test_a_new_contact_goes_on_top_of_its_lane(store: Store, clock: FakeClock) -> None:
    first = insert_on_top(store.contacts, new_contact(VALUES, Stage.MET, now=clock()))
    target = insert_on_top(store.contacts, new_contact({"name": "Bo"}, Stage.TARGET, now=clock()))
    second = insert_on_top(store.contacts, new_contact({"name": "Cy"}, Stage.MET, now=clock()))
    assert (first.rank, target.rank) == (0.0, 0.0)  # each first in its lane
    assert second.rank < first.rank
    on_disk = Store(store.data_dir).open().contacts
    assert on_disk.require(second.id) == second
