"""One way between screens: a place open twice is brought back, never stacked;
esc goes back one screen and the key line says where to."""

from __future__ import annotations

import pytest

from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.modals.help import HelpModal
from infoint_tui.screens.board import BoardScreen
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.contact import ContactScreen
from infoint_tui.screens.network import NetworkScreen
from infoint_tui.screens.stats import StatsScreen
from infoint_tui.screens.today import TodayScreen
from tests.conftest import FakeClock
from tests.ui.helpers import AppPilot, press, running, screen_text


def kinds(pilot: AppPilot) -> list[str]:
    return [type(screen).__name__ for screen in pilot.app.screen_stack]


def key_line(pilot: AppPilot) -> str:
    return screen_text(pilot.app).splitlines()[-1]  # type: ignore[arg-type]


async def test_a_screen_opened_again_is_brought_back_not_stacked(
    demo_store: Store, clock: FakeClock
) -> None:
    """The crash a new user met within minutes: esc C N C (DuplicateIds)."""
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "C", "N")
        assert kinds(pilot) == ["BoardScreen", "CompaniesScreen", "NetworkScreen"]
        await press(pilot, "C")
        assert kinds(pilot) == ["BoardScreen", "CompaniesScreen"]
        companies = app.screen
        await press(pilot, "S", "T", "S")
        assert kinds(pilot) == ["BoardScreen", "CompaniesScreen", "StatsScreen"]
        await press(pilot, "N", "T", "C")
        assert app.screen is companies  # the same screen, with its cursor and state
        assert app.failures == []


@pytest.mark.parametrize("first,second", [("N", "S"), ("S", "T"), ("T", "N"), ("C", "S")])
async def test_every_app_screen_opens_once(
    demo_store: Store, clock: FakeClock, first: str, second: str
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        for key in (first, second, first, second, first):
            await press(pilot, key)
        names = kinds(pilot)
        assert len(names) == len(set(names)), names
        assert (
            names[-1]
            == {
                "N": "NetworkScreen",
                "S": "StatsScreen",
                "T": "TodayScreen",
                "C": "CompaniesScreen",
            }[first]
        )


async def test_esc_goes_back_one_screen_and_the_key_line_names_it(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "N", "S")
        assert "esc Network" in key_line(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, NetworkScreen)
        assert "esc Board" in key_line(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)


async def test_a_contact_opened_again_from_the_network_is_brought_back(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        farid = next(c for c in app.session.contacts.values() if c.name == "Farid Haddad")
        app.open_contact(farid.id)
        await press(pilot)
        contact_screen = app.screen
        await press(pilot, "N")
        await app.workers.wait_for_complete()
        network = app.screen
        assert isinstance(network, NetworkScreen)
        network.query_text = "farid"
        network.show(keep=0)
        await press(pilot, "enter")
        # Farid's contact screen was open underneath: it comes back, Network closes.
        assert app.screen is contact_screen
        assert kinds(pilot) == ["BoardScreen", "ContactScreen"]
        # Another contact from the network stacks above the network, and esc
        # goes back to the network.
        other = next(c for c in app.session.contacts.values() if c.name != "Farid Haddad")
        await press(pilot, "N")
        app.open_contact(other.id)
        await press(pilot)
        assert kinds(pilot) == ["BoardScreen", "ContactScreen", "NetworkScreen", "ContactScreen"]
        assert "esc Network" in key_line(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, NetworkScreen)
        assert app.failures == []


async def test_two_contact_screens_have_no_colliding_ids(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        first, second = list(app.session.contacts)[:2]
        app.open_contact(first)
        await press(pilot, "N")
        app.open_contact(second)
        await press(pilot)
        screens = [s for s in app.screen_stack if isinstance(s, ContactScreen)]
        assert [s.contact_id for s in screens] == [first, second]
        assert all(screen.id is None for screen in app.screen_stack)


async def test_app_keys_do_not_act_under_a_dialog(demo_store: Store, clock: FakeClock) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmModal)
        before = len(app.session.contacts)
        await press(pilot, "C", "N", "S", "T", "P")
        assert isinstance(app.screen, ConfirmModal)
        assert kinds(pilot) == ["BoardScreen", "ConfirmModal"]
        await press(pilot, "q")  # q closes a dialog (no), it does not quit
        assert kinds(pilot) == ["BoardScreen"]
        assert len(app.session.contacts) == before
        assert app.is_running


async def test_today_opens_once_from_the_board_key_and_the_app_key(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "T", "C", "T")
        assert kinds(pilot) == ["BoardScreen", "TodayScreen"]
        assert isinstance(app.screen, TodayScreen)


async def test_help_names_the_screen_and_only_real_keys(
    demo_store: Store, clock: FakeClock
) -> None:
    async with running(demo_store, clock, size=(100, 40)) as (app, pilot):
        await press(pilot, "question_mark")
        help_modal = app.screen
        assert isinstance(help_modal, HelpModal)
        assert "Keys: Board" in screen_text(app)
        listed = {description for _keys, description, _id in help_modal.rows}
        assert "Stage 7" in listed and "Stage 8" not in listed and "Stage 9" not in listed
        await press(pilot, "escape", "S", "question_mark")
        text = screen_text(app)
        assert "Keys: Stats" in text and "Back to Board" in text
        assert isinstance(app.screen_stack[-2], StatsScreen)


async def test_help_shows_punctuation_keys_as_typed(store: Store, clock: FakeClock) -> None:
    async with running(store, clock, size=(100, 40)) as (app, pilot):
        app.session.add_contact(app.session.new_contact({"name": "Ada Okafor"}, Stage.TARGET))
        await press(pilot)
        app.open_interview(next(iter(app.session.contacts)))
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "equals_sign" not in text
        assert "+ / =" in text


async def test_the_key_line_keeps_help_when_narrow(demo_store: Store, clock: FakeClock) -> None:
    for width in (60, 50, 41):
        async with running(demo_store, clock, size=(width, 20)) as (app, pilot):
            assert key_line(pilot).rstrip().endswith("? Keys"), (width, key_line(pilot))
            await press(pilot, "C")
            assert isinstance(app.screen, CompaniesScreen)
            assert key_line(pilot).rstrip().endswith("? Keys"), (width, key_line(pilot))
