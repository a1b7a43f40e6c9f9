"""The command palette (ctrl+p) before anything is typed: the contacts changed last."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.command import Command, CommandList, CommandPalette, DiscoveryHit

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from tests.conftest import START, FakeClock
from tests.ui.helpers import press, running

RECENT = "Jump to contact (recently changed)"


async def test_the_palette_offers_recent_contacts_with_undated_ones_last(
    store: Store, clock: FakeClock
) -> None:
    # Contacts written by hand or by an older version may carry no dates at all.
    store.contacts.insert(Contact(name="Nadia Undated"))
    for minutes, name in ((1, "Ada Okafor"), (30, "Bruno Salas"), (10, "Chen Wei")):
        store.contacts.insert(
            Contact.create({"name": name}, now=START + timedelta(minutes=minutes))
        )
    store.contacts.insert(replace(Contact(name="Omar Undated"), company="Heron"))
    async with running(store, clock) as (app, pilot):
        await press(pilot, "ctrl+p")
        await pilot.pause(0.5)  # the palette gathers hits in batches of 0.25 s
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(CommandList).options
        hits = [option.hit for option in options if isinstance(option, Command)]
        recent = [hit.text for hit in hits if isinstance(hit, DiscoveryHit) and hit.help == RECENT]
        assert recent == [
            "Bruno Salas",
            "Chen Wei",
            "Ada Okafor",
            "Omar Undated · Heron",
            "Nadia Undated",
        ]


@pytest.mark.parametrize("backwards", [False, True])
async def test_the_palette_lists_the_commands_first_then_the_contacts_every_time(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, backwards: bool
) -> None:
    # Textual starts the palette's providers, a set, in no fixed order: with two,
    # the list opened with the commands or with the contacts, from one start to
    # the next. Both orders of whatever providers there are give the same list.
    classes = CommandPalette._provider_classes.fget  # type: ignore[attr-defined]

    def in_order(palette: CommandPalette) -> list[object]:
        found = sorted(classes(palette), key=lambda provider: provider.__name__)
        return found[::-1] if backwards else found

    monkeypatch.setattr(CommandPalette, "_provider_classes", property(in_order))
    for minutes, name in ((1, "Ada Okafor"), (2, "Bruno Salas")):
        store.contacts.insert(
            Contact.create({"name": name}, now=START + timedelta(minutes=minutes))
        )
    async with running(store, clock) as (app, pilot):
        for _ in range(2):
            await press(pilot, "ctrl+p")
            await pilot.pause(0.5)  # the palette gathers hits in batches of 0.25 s
            assert isinstance(app.screen, CommandPalette)
            options = app.screen.query_one(CommandList).options
            helps = [option.hit.help for option in options if isinstance(option, Command)]
            contacts = [index for index, help in enumerate(helps) if help == RECENT]
            assert contacts == list(range(len(helps) - 2, len(helps)))  # the last two
            assert len(helps) > 2  # after the screen's commands
            await press(pilot, "escape")
        await press(pilot, "ctrl+p")
        await pilot.pause(0.1)
        await press(pilot, *"bruno")
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList).options
        hits = [option.hit for option in options if isinstance(option, Command)]
        assert hits[0].text == "Bruno Salas"  # a search still finds contacts
