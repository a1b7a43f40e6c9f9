"""``M`` on a contact: two records of one person merged by keys at 80x24, checking
the screen and the files on disk, and ``u`` bringing both back.

The demo data holds Ada Okafor (#1, Target, the board's first card); a second
record of her, found by the same LinkedIn profile, is added before the app starts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from infoint_tui.app import InfointApp
from infoint_tui.core.contacts.model import Contact, Event, Stage, StageChange
from infoint_tui.core.documents import Store
from infoint_tui.core.interviews.interview import Interview
from infoint_tui.core.letters.letter import Letter
from infoint_tui.modals.choice import ChoiceModal
from infoint_tui.modals.confirm import ConfirmModal
from infoint_tui.modals.prompt import PromptModal
from infoint_tui.screens.contact import ContactScreen
from tests.conftest import START, FakeClock
from tests.ui.helpers import disk_by_name, disk_contacts, press, running, screen_text, type_text

WEEK_AGO = START - timedelta(days=7)


def second_ada(store: Store) -> Contact:
    """Ada again, as an older import left her: the same profile, further along
    (Request sent), a reply on her timeline, a letter and an interview."""
    ada = store.contacts.require(1)
    again = store.contacts.insert(
        Contact(
            name="Ada Okafor",
            company="Northwind Analytics",
            linkedin_url=ada.linkedin_url.replace("https://www.", "http://").upper(),
            phone="",
            email="ada.okafor@home.example",
            stage=Stage.REQUESTED,
            stage_history=(
                StageChange(Stage.TARGET, WEEK_AGO),
                StageChange(Stage.REQUESTED, WEEK_AGO + timedelta(hours=1)),
            ),
            events=(Event("reply", START - timedelta(days=1), "Happy to chat next week"),),
            created=WEEK_AGO,
        )
    )
    store.letters.insert(Letter(contact_id=again.id, template="cold-request", subject="Coffee?"))
    store.interviews.insert(Interview(contact_id=again.id, notes="Her team: 6 engineers"))
    return again


def dialog_text(app: InfointApp) -> str:
    """The words inside the dialog's box (its lines wrap at 80 columns), on one line."""
    inside = []
    for line in screen_text(app).splitlines():
        edges = [index for index, char in enumerate(line) if char in "│█"]
        if len(edges) >= 2:
            inside.append(line[edges[0] + 1 : edges[-1]].strip(" ▊▎▔▁▀▄"))
    return " ".join(" ".join(inside).split())


def pointing_at(data_dir: Path) -> Callable[[int], tuple[int, int]]:
    fresh = Store(data_dir).open()

    def count(contact_id: int) -> tuple[int, int]:
        letters = sum(1 for letter in fresh.letters if letter.contact_id == contact_id)
        interviews = sum(1 for iv in fresh.interviews if iv.contact_id == contact_id)
        return letters, interviews

    return count


async def test_M_merges_the_likely_duplicate_into_this_contact_and_u_brings_it_back(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    again = second_ada(demo_store)
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "enter")  # Ada, the first card
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == 1
        await press(pilot, "M")
        assert isinstance(app.screen, ChoiceModal)
        assert dialog_text(app) == (
            "Merge which contact into #1 Ada Okafor (Northwind Analytics, Target)? "
            f"#{again.id} Ada Okafor (Northwind Analytics, Request sent) · same LinkedIn profile "
            "Someone else: type an id or a name… ↑↓ choose enter: OK esc: cancel"
        )
        await press(pilot, "enter")  # the first choice: the duplicate
        assert isinstance(app.screen, ConfirmModal)
        assert dialog_text(app).startswith(
            f"Merge #{again.id} Ada Okafor (Northwind Analytics, Request sent) into "
            "#1 Ada Okafor (Northwind Analytics, Target)? "
            "Its 1 letter and 1 interview move here; u undoes."
        )
        assert len(disk_contacts(data_dir)) == again.id  # nothing written before the yes

        await press(pilot, "y")

        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == 1
        text = screen_text(app)
        assert "Ada Okafor  #1 · Request sent" in text  # the stage further along
        assert f"Merged Ada Okafor (#{again.id}) into Ada Okafor (#1)" in text
        adas = [doc for doc in disk_contacts(data_dir).values() if doc["name"] == "Ada Okafor"]
        assert len(adas) == 1 and again.id not in disk_contacts(data_dir)
        (ada,) = adas
        assert ada["stage"] == "requested"
        assert ada["email"] == "ada@northwind.example"  # the kept one's fields win
        assert ada["hook"] == "your post on retiring a 10-year-old ETL pipeline"
        assert [(e["kind"], e["text"]) for e in ada["events"]] == [
            ("reply", "Happy to chat next week"),  # the duplicate's event is here
            ("note", f"Merged with #{again.id} Ada Okafor"),
        ]
        # Both histories in time order, then the stage chosen (hers ended in Target).
        assert [h["stage"] for h in ada["stage_history"]] == [
            "target",
            "requested",
            "target",
            "requested",
        ]
        assert pointing_at(data_dir)(1) == (1, 1)  # its letter and interview moved here
        assert pointing_at(data_dir)(again.id) == (0, 0)

        await press(pilot, "u")

        assert f"Undone: Merged Ada Okafor (#{again.id}) into Ada Okafor (#1)" in screen_text(app)
        assert "Ada Okafor  #1 · Target" in screen_text(app)
        on_disk = disk_contacts(data_dir)
        assert on_disk[again.id]["email"] == "ada.okafor@home.example"
        assert on_disk[1]["stage"] == "target" and on_disk[1]["events"] == []
        assert pointing_at(data_dir)(again.id) == (1, 1)  # back where they were
        assert pointing_at(data_dir)(1) == (0, 0)


async def test_with_no_likely_duplicate_M_asks_for_an_id_or_a_name(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    async with running(demo_store, clock) as (app, pilot):
        await press(pilot, "enter", "M")  # Ada: nobody else has her profile, e-mail or name
        assert isinstance(app.screen, PromptModal)
        assert "Merge which contact into #1 Ada Okafor" in dialog_text(app)
        await type_text(pilot, "zzz")
        await press(pilot, "enter")
        assert isinstance(app.screen, PromptModal)  # not found: says so and waits
        assert "no other contact is called 'zzz'" in dialog_text(app)
        await press(pilot, *["backspace"] * 3)
        await type_text(pilot, "bruno")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmModal)
        assert dialog_text(app).startswith("Merge #2 Bruno Salas (Lumen Health, Target) into #1")
        await press(pilot, "n")
        assert isinstance(app.screen, ContactScreen)
        assert "Bruno Salas" in disk_by_name(data_dir)  # no is no


async def test_the_other_contacts_screen_says_it_was_deleted(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    again = second_ada(demo_store)
    async with running(demo_store, clock) as (app, pilot):
        app.open_contact(again.id)
        await pilot.pause()
        app.open_contact(1)  # the duplicate's screen stays open below
        await press(pilot, "M", "enter", "y")
        assert again.id not in disk_contacts(data_dir)
        await press(pilot, "escape")
        assert isinstance(app.screen, ContactScreen) and app.screen.contact_id == again.id
        assert "This contact was deleted" in screen_text(app)
