"""A board with 10,000 contacts, 9,000 in one lane, still opens and moves cards."""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.contacts.model import Contact, Stage, StageChange
from infoint_tui.core.documents import Store
from tests.conftest import START, FakeClock
from tests.ui.helpers import disk_contacts, press, running, screen_text


def _many(count: int) -> list[Contact]:
    stages = list(Stage)
    people = []
    for number in range(count):
        stage = Stage.TARGET if number < 9000 else stages[1 + number % (len(stages) - 1)]
        people.append(
            Contact(
                name=f"Person {number:05d}",
                company=f"Company {number % 250}",
                stage=stage,
                rank=float(number),
                stage_history=(StageChange(stage, START),),
                created=START,
                updated=START,
            )
        )
    return people


async def test_ten_thousand_contacts_open_and_a_card_moves(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    store.contacts.insert_many(_many(10_000))
    reopened = Store(data_dir, clock=clock).open()
    async with running(reopened, clock) as (app, pilot):
        text = screen_text(app)
        assert "▸1 Target  9000" in text
        assert "▌Person 00000" in text
        # The far end of the 9,000-card lane is one key away.
        await press(pilot, "end")
        assert "▌Person 08999" in screen_text(app)
        await press(pilot, "L")
        on_disk = disk_contacts(data_dir)
        assert len(on_disk) == 10_000
        moved = [doc for doc in on_disk.values() if doc["name"] == "Person 08999"]
        assert moved[0]["stage"] == "requested"
        text = screen_text(app)
        assert "1 Target  8999" in text
        assert "▌Person 08999" in text
        # Filtering 10,000 contacts as you type.
        await press(pilot, "slash", "0", "0", "0", "4", "2")
        board = app.board_screen
        assert board is not None
        assert [c.name for c in board.board.lane(Stage.TARGET)] == ["Person 00042"]
