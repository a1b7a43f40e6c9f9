"""The command palette (ctrl+p) before anything is typed: the contacts changed last."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

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
