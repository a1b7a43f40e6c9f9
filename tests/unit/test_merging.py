"""Two records of one person merged: the field rules (one table), the timeline and
history of both kept in time order, the letters, interviews and network people
moved on disk, undo and redo in the app's session, and ``infoint merge``.

The clock is Thursday 26 November 2026, 09:30 UTC (tests/conftest.py).
"""

from __future__ import annotations

import errno
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from infoint_tui.core.contacts.merging import (
    Links,
    MergeRefused,
    find_other,
    merge,
    merge_in_files,
)
from infoint_tui.core.contacts.model import Contact, Event, Question, Stage, StageChange
from infoint_tui.core.documents import Store
from infoint_tui.core.exchange.people import Person
from infoint_tui.core.fields import MAX_TAGS
from infoint_tui.core.interviews.interview import Interview
from infoint_tui.core.letters.letter import Letter
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import Settings
from infoint_tui.core.text import plain
from infoint_tui.merge_flows import likely_duplicates
from tests.conftest import START, FakeClock
from tests.fixtures.read_only import ReadOnlyFolder
from tests.unit.cli_run import Run, on_disk

NOW = START
EARLY = START - timedelta(days=30)
LATE = START - timedelta(days=2)


def keep_and_other(**fields: tuple[Any, Any]) -> tuple[Contact, Contact]:
    """Contact #7 and #12, both "Lee Park", with ``field=(kept value, other value)``."""
    keep = Contact(name="Lee Park", id=7)
    other = Contact(name="Lee Park", id=12)
    for name, (kept_value, other_value) in fields.items():
        keep = replace(keep, **{name: kept_value})
        other = replace(other, **{name: other_value})
    return keep, other


# -- the field rules, one row each --------------------------------------------------------
FIELD_RULES: list[tuple[str, Any, Any, Any]] = [
    # field, kept's value, other's value, the merged value
    ("name", "Lee Park", "LEE  park", "Lee Park"),  # the kept one's name, always
    ("title", "CTO", "VP Data", "CTO"),  # the kept one's wins
    ("title", "", "VP Data", "VP Data"),  # an empty field takes the other's
    ("company", "", "Acme", "Acme"),
    ("company", "Acme", "Acme Ltd", "Acme"),
    ("industry", "", "Energy", "Energy"),
    ("email", "", "lee@acme.example", "lee@acme.example"),
    ("email", "lee@home.example", "lee@acme.example", "lee@home.example"),
    ("phone", "", "+44 20 7946 0000", "+44 20 7946 0000"),
    ("linkedin_url", "", "https://linkedin.com/in/lee", "https://linkedin.com/in/lee"),
    ("referrer", "", "Maya Chen", "Maya Chen"),
    ("hook", "your talk", "your post", "your talk"),  # one phrase: never joined
    ("hook", "", "your post", "your post"),
    ("source", "cold", "referral", "referral"),  # a referral is known; cold is the default
    ("source", "referral", "cold", "referral"),
    ("source", "cold", "cold", "cold"),
    ("notes", "Likes maps.", "Ask about Leeds.", "Likes maps.\n\nAsk about Leeds."),
    ("notes", "Likes maps.", "Likes maps.", "Likes maps."),  # the same text once
    ("notes", "", "Ask about Leeds.", "Ask about Leeds."),
    ("notes", "Likes maps.", "", "Likes maps."),
    ("notes", "Likes maps. Ask about Leeds.", "Ask about Leeds.", "Likes maps. Ask about Leeds."),
    ("notes", "Likes maps.", "Likes maps. And trains.", "Likes maps. And trains."),
    ("background", "Leeds physics.", "Same choir.", "Leeds physics.\n\nSame choir."),
    ("background", "x" * 600, "y" * 600, ("x" * 600 + "\n\n" + "y" * 600)[:1000]),  # capped
    ("tags", ("demo", "priority"), ("priority", "energy"), ("demo", "priority", "energy")),
    (
        "tags",
        tuple(f"k{n}" for n in range(20)),
        tuple(f"o{n}" for n in range(20)),
        tuple(f"k{n}" for n in range(20)) + tuple(f"o{n}" for n in range(MAX_TAGS - 20)),
    ),
    ("created", LATE, EARLY, EARLY),  # the earlier
    ("created", None, EARLY, EARLY),
    ("created", EARLY, None, EARLY),
    ("updated", EARLY, LATE, NOW),  # merging is an update
    (
        "questions",
        (Question("What surprised you?"), Question("How did you start?", "advice")),
        (Question("how did you START?"), Question("What would you read?", "resources")),
        (
            Question("What surprised you?"),
            Question("How did you start?", "advice"),
            Question("What would you read?", "resources"),
        ),
    ),
]


@pytest.mark.parametrize(
    ("field", "kept", "other", "merged"),
    FIELD_RULES,
    ids=[f"{row[0]}-{index}" for index, row in enumerate(FIELD_RULES)],
)
def test_each_field_rule(field: str, kept: Any, other: Any, merged: Any) -> None:
    keep, away = keep_and_other(**{field: (kept, other)})
    assert getattr(merge(keep, away, now=NOW), field) == merged


STEP_A: dict[str, Any] = {
    "action": "prepare",
    "next_action": "Prepare questions",
    "follow_up": date(2026, 12, 1),
}
STEP_B: dict[str, Any] = {
    "action": "follow-up",
    "next_action": "Follow up",
    "follow_up": date(2026, 12, 3),
}
STAGE_RULES = [
    # kept's stage, other's stage, the stage merged, whose stage (and step and rank)
    (Stage.TARGET, Stage.SCHEDULED, Stage.SCHEDULED, "other"),
    (Stage.MET, Stage.REQUESTED, Stage.MET, "kept"),
    (Stage.NURTURE, Stage.CLOSED, Stage.NURTURE, "kept"),
    (Stage.CLOSED, Stage.NURTURE, Stage.NURTURE, "other"),  # Closed is behind Nurture
    (Stage.CLOSED, Stage.TARGET, Stage.TARGET, "other"),  # …and behind every open stage
    (Stage.CLOSED, Stage.CLOSED, Stage.CLOSED, "kept"),
    (Stage.FOLLOW_UP, Stage.FOLLOW_UP, Stage.FOLLOW_UP, "kept"),  # a tie: the kept one's
]


@pytest.mark.parametrize(("kept_stage", "other_stage", "stage", "whose"), STAGE_RULES)
def test_the_stage_further_along_wins_and_brings_its_next_step_and_rank(
    kept_stage: Stage, other_stage: Stage, stage: Stage, whose: str
) -> None:
    keep = replace(Contact(name="Lee", id=7, stage=kept_stage, rank=1.0), **STEP_A)
    other = replace(Contact(name="Lee", id=12, stage=other_stage, rank=-4.0), **STEP_B)
    merged = merge(keep, other, now=NOW)
    winner = keep if whose == "kept" else other
    assert merged.stage is stage
    assert (merged.action, merged.next_action, merged.follow_up, merged.rank) == (
        winner.action,
        winner.next_action,
        winner.follow_up,
        winner.rank,
    )


def test_on_a_tie_a_kept_contact_without_a_next_step_takes_the_others() -> None:
    keep = Contact(name="Lee", id=7, stage=Stage.REQUESTED, rank=1.0)
    other = replace(Contact(name="Lee", id=12, stage=Stage.REQUESTED, rank=-4.0), **STEP_B)
    merged = merge(keep, other, now=NOW)
    assert (merged.action, merged.next_action, merged.follow_up) == (
        "follow-up",
        "Follow up",
        date(2026, 12, 3),
    )
    assert merged.rank == 1.0  # the lane place stays the kept one's


WED = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
FRI = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kept", "other", "merged"),
    [
        ((WED, "Café Nero"), (FRI, "Video"), (WED, "Café Nero")),  # both booked: the kept one
        ((None, ""), (FRI, "Video"), (FRI, "Video")),  # the one that is booked
        ((WED, ""), (None, "Their office"), (WED, "")),  # a booking's place goes with it
        ((None, ""), (None, "Their office"), (None, "Their office")),  # none booked
    ],
)
def test_the_booked_meeting_is_kept_with_its_place(
    kept: tuple[datetime | None, str],
    other: tuple[datetime | None, str],
    merged: tuple[datetime | None, str],
) -> None:
    keep, away = keep_and_other(interview_at=(kept[0], other[0]), meeting_place=(kept[1], other[1]))
    joined = merge(keep, away, now=NOW)
    assert (joined.interview_at, joined.meeting_place) == merged


def at(days: int) -> datetime:
    return START - timedelta(days=days)


def test_every_event_and_stage_change_of_both_is_kept_in_time_order_with_a_merge_note() -> None:
    keep = Contact(
        name="Lee Park",
        id=7,
        stage=Stage.REQUESTED,
        stage_history=(StageChange(Stage.TARGET, at(20)), StageChange(Stage.REQUESTED, at(5))),
        events=(Event("letter", at(5), "Sent a request"), Event("note", at(1), "Kept's note")),
    )
    other = Contact(
        name="Lee Park",
        id=12,
        stage=Stage.TARGET,
        stage_history=(StageChange(Stage.TARGET, at(10)),),
        events=(Event("reply", at(3), "Yes!"), Event("note", at(5), "Same moment")),
    )
    merged = merge(keep, other, now=NOW)

    assert [(e.at, e.text) for e in merged.events] == [
        (at(5), "Sent a request"),  # the kept one's first at the same moment
        (at(5), "Same moment"),
        (at(3), "Yes!"),
        (at(1), "Kept's note"),
        (NOW, "Merged with #12 Lee Park"),
    ]
    assert merged.events[-1].kind == "note"
    every = Counter((*keep.events, *other.events))
    assert not every - Counter(merged.events)  # nothing lost
    assert [(c.stage, c.at) for c in merged.stage_history] == [
        (Stage.TARGET, at(20)),
        (Stage.TARGET, at(10)),
        (Stage.REQUESTED, at(5)),
    ]
    assert merged.stage is Stage.REQUESTED


def test_a_history_that_ends_elsewhere_gets_the_stage_chosen_now() -> None:
    keep = Contact(name="Lee", id=7, stage=Stage.SCHEDULED)
    keep = replace(keep, stage_history=(StageChange(Stage.SCHEDULED, at(9)),))
    other = Contact(name="Lee", id=12, stage_history=(StageChange(Stage.TARGET, at(1)),))
    merged = merge(keep, other, now=NOW)
    assert [c.stage for c in merged.stage_history] == [
        Stage.SCHEDULED,
        Stage.TARGET,
        Stage.SCHEDULED,
    ]
    assert merged.stage_history[-1].at == NOW


def test_a_contact_is_never_merged_with_itself(store: Store) -> None:
    lee = store.contacts.insert(Contact(name="Lee Park"))
    with pytest.raises(MergeRefused, match="itself"):
        merge(lee, lee, now=NOW)
    with pytest.raises(MergeRefused, match="itself"):
        merge_in_files(store, lee.id, lee.id, now=NOW)
    with pytest.raises(MergeRefused, match="no other contact has the id"):
        find_other(str(lee.id), [lee], besides=lee.id)
    assert list(on_disk(store.data_dir).contacts) == [lee]


# -- finding the other record -------------------------------------------------------------
PEOPLE = [
    Contact(name="Lee Park", id=7),
    Contact(name="Lée  PARK", id=12),
    Contact(name="Chloé Martin", id=3),
    Contact(name="Ada Okafor", id=1),
    Contact(name="Ada Lovelace", id=2),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [("12", 12), ("#3", 3), ("chloe martin", 3), ("  CHLOÉ   martin ", 3), ("lovel", 2)],
)
def test_the_other_contact_is_found_by_id_or_name(text: str, found: int) -> None:
    assert find_other(text, PEOPLE, besides=7).id == found


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("99", "no other contact has the id 99"),
        ("7", "no other contact has the id 7 (the contact itself)"),
        ("Zed", "no other contact is called 'Zed'"),
        ("ada", "2 contacts match: #1 Ada Okafor, #2 Ada Lovelace; type the id"),
        ("  ", "type the other contact's id or name"),
    ],
)
def test_a_typed_contact_must_be_exactly_one_other(text: str, why: str) -> None:
    with pytest.raises(MergeRefused) as refused:
        find_other(text, PEOPLE, besides=7)
    assert str(refused.value) == why


def test_plain_names_ignore_case_accents_and_spacing() -> None:
    assert plain("  Lée \t PARK ") == plain("lee park") == "lee park"


def test_likely_duplicates_come_by_profile_then_e_mail_then_name() -> None:
    ada = Contact(
        name="Ada Okafor", id=1, email="ada@x.example", linkedin_url="https://linkedin.com/in/ada"
    )
    others = [
        ada,
        Contact(name="Ada  OKAFOR", id=9),
        Contact(name="A. Okafor", id=8, email="ADA@x.example "),
        Contact(name="Someone", id=5, linkedin_url="https://www.LinkedIn.com/in/Ada/?trk=x"),
        Contact(name="Bruno", id=2),
    ]
    assert [(other.id, why) for other, why in likely_duplicates(ada, others)] == [
        (5, "same LinkedIn profile"),
        (8, "same e-mail"),
        (9, "same name"),
    ]


# -- the store flow: everything on disk ---------------------------------------------------
def documents_of(data_dir: Path) -> tuple[dict[int, int], dict[int, int], dict[int, int | None]]:
    """letter id → contact id, interview id → contact id, person id → contact id, on disk."""
    fresh = on_disk(data_dir)
    return (
        {letter.id: letter.contact_id for letter in fresh.letters},
        {interview.id: interview.contact_id for interview in fresh.interviews},
        {person.id: person.contact_id for person in fresh.network},
    )


def two_lees(store: Store) -> tuple[Contact, Contact, Contact]:
    """#1 Lee (Scheduled), #2 Lee (Target), #3 Ada, with letters, interviews, people."""
    keep = store.contacts.insert(
        Contact(
            name="Lee Park",
            company="Acme",
            stage=Stage.SCHEDULED,
            events=(Event("reply", at(4), "Happy to talk"),),
        )
    )
    other = store.contacts.insert(
        Contact(
            name="Lee Park",
            company="Acme",
            email="lee@acme.example",
            events=(Event("note", at(8), "Met at the meetup"),),
        )
    )
    ada = store.contacts.insert(Contact(name="Ada Okafor"))
    for contact_id, template in ((other.id, "a"), (other.id, "b"), (keep.id, "c"), (ada.id, "d")):
        store.letters.insert(Letter(contact_id=contact_id, template=template))
    store.interviews.insert(Interview(contact_id=other.id, notes="first chat"))
    store.interviews.insert(Interview(contact_id=keep.id, notes="second chat"))
    store.network.insert(Person(name="Lee Park", contact_id=other.id))
    store.network.insert(Person(name="Ada Okafor", contact_id=ada.id))
    store.network.insert(Person(name="Nobody"))
    return keep, other, ada


BEFORE = ({1: 2, 2: 2, 3: 1, 4: 3}, {1: 2, 2: 1}, {1: 2, 2: 3, 3: None})
AFTER = ({1: 1, 2: 1, 3: 1, 4: 3}, {1: 1, 2: 1}, {1: 1, 2: 3, 3: None})


def test_merging_in_the_files_moves_every_document_and_deletes_the_other(
    store: Store, data_dir: Path
) -> None:
    keep, other, ada = two_lees(store)
    assert documents_of(data_dir) == BEFORE

    merged = merge_in_files(store, keep.id, other.id, now=NOW)

    assert merged.moved == Links(letters=(1, 2), interviews=(1,), people=(1,))
    assert merged.moved.describe() == "2 letters, 1 interview, 1 network person"
    assert merged.removed == other
    assert documents_of(data_dir) == AFTER
    contacts = on_disk(data_dir).contacts.all()
    assert set(contacts) == {keep.id, ada.id}  # the other is gone
    assert contacts[keep.id] == merged.contact == merge(keep, other, now=NOW)
    assert contacts[keep.id].email == "lee@acme.example"
    assert [e.text for e in contacts[keep.id].events] == [
        "Met at the meetup",
        "Happy to talk",
        "Merged with #2 Lee Park",
    ]


def test_merging_an_unknown_contact_writes_nothing(store: Store, data_dir: Path) -> None:
    keep, other, _ = two_lees(store)
    before = {path.name: path.read_bytes() for path in data_dir.glob("*.json")}
    with pytest.raises(MergeRefused, match="no contact with id 99"):
        merge_in_files(store, keep.id, 99, now=NOW)
    assert {path.name: path.read_bytes() for path in data_dir.glob("*.json")} == before


# -- the app's session: one undoable change -----------------------------------------------
def test_a_merge_in_the_app_is_undone_and_redone_on_disk(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    keep, other, ada = two_lees(store)
    session = Session(store, Settings(), clock=clock, start_saver=False)

    said = session.merge_contacts(keep.id, other.id)

    assert said == "Merged Lee Park (#2) into Lee Park (#1)"
    assert set(session.contacts) == {keep.id, ada.id}  # shown at once
    assert session.saver.flush(10)
    assert set(on_disk(data_dir).contacts.all()) == {keep.id, ada.id}
    assert documents_of(data_dir) == AFTER
    assert session.letters.for_contact(keep.id) == [
        letter for letter in on_disk(data_dir).letters if letter.contact_id == keep.id
    ]

    assert session.undo() == "Undone: Merged Lee Park (#2) into Lee Park (#1)"
    assert session.saver.flush(10)
    contacts = on_disk(data_dir).contacts.all()
    assert contacts[keep.id] == keep and contacts[other.id] == other  # both back, as they were
    assert documents_of(data_dir) == BEFORE  # the kept one's own letter stays with it
    assert session.contacts[other.id] == other

    assert session.redo() == "Redone: Merged Lee Park (#2) into Lee Park (#1)"
    assert session.saver.flush(10)
    assert set(on_disk(data_dir).contacts.all()) == {keep.id, ada.id}
    assert on_disk(data_dir).contacts.require(keep.id).events[-1].text == (
        "Merged with #2 Lee Park"
    )
    assert documents_of(data_dir) == AFTER


def test_an_undo_before_anything_was_written_still_ends_right_on_disk(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    keep, other, _ = two_lees(store)
    session = Session(store, Settings(), clock=clock, start_saver=False)
    session.merge_contacts(keep.id, other.id)
    session.undo()  # the saver has written nothing yet: the jobs run in order
    assert session.saver.flush(10)
    assert on_disk(data_dir).contacts.require(other.id) == other
    assert documents_of(data_dir) == BEFORE


def test_two_merges_undo_each_their_own_documents(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    keep, other, ada = two_lees(store)
    ada_again = store.contacts.insert(Contact(name="Ada Okafor"))
    store.letters.insert(Letter(contact_id=ada_again.id, template="e"))
    session = Session(store, Settings(), clock=clock, start_saver=False)
    session.merge_contacts(keep.id, other.id)
    session.merge_contacts(ada.id, ada_again.id)
    assert session.saver.flush(10)
    letters, _, _ = documents_of(data_dir)
    assert letters == {1: 1, 2: 1, 3: 1, 4: 3, 5: 3}
    session.undo()  # the Adas only
    assert session.saver.flush(10)
    letters, interviews, people = documents_of(data_dir)
    assert letters == {1: 1, 2: 1, 3: 1, 4: 3, 5: ada_again.id}
    assert (interviews, people) == (AFTER[1], AFTER[2])


def test_the_session_refuses_a_merge_with_itself_or_a_contact_gone(
    store: Store, clock: FakeClock, data_dir: Path
) -> None:
    keep, _, _ = two_lees(store)
    session = Session(store, Settings(), clock=clock, start_saver=False)
    assert session.merge_contacts(keep.id, keep.id) == "Lee Park cannot be merged with itself"
    assert session.merge_contacts(keep.id, 99) == "That contact is gone"
    assert session.saver.pending == 0 and not session.history.can_undo


# -- infoint merge ------------------------------------------------------------------------
def test_infoint_merge_says_what_moved_and_the_disk_agrees(
    store: Store, data_dir: Path, run: Run
) -> None:
    keep, other, _ = two_lees(store)
    status, out, err = run("merge", str(keep.id), str(other.id), "--yes")
    assert (status, err) == (0, "")
    assert out == (
        "merged 2 Lee Park into 1 Lee Park: 2 letters, 1 interview, 1 network person moved\n"
    )
    assert documents_of(data_dir) == AFTER
    assert other.id not in on_disk(data_dir).contacts.all()


def test_infoint_merge_asks_first(store: Store, data_dir: Path, run: Run) -> None:
    keep, other, _ = two_lees(store)
    status, out, err = run("merge", str(keep.id), str(other.id), stdin="y\n")
    assert (status, out.startswith("merged 2 Lee Park into 1 Lee Park")) == (0, True)
    assert "Merge 2 Lee Park (Acme) into 1 Lee Park (Acme)? [y/N]" in err
    assert documents_of(data_dir) == AFTER


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (
            ["1", "1", "--yes"],
            None,
            "infoint: contact 1 cannot be merged with itself: give two ids",
        ),
        (["1", "99", "--yes"], None, "infoint: no contact with id 99"),
        (["99", "2", "--yes"], None, "infoint: no contact with id 99"),
        (["1", "2"], "n\n", "infoint: 2 Lee Park (Acme) was not merged"),
        (
            ["1", "2"],
            "",
            "infoint: no answer (end of input): 2 Lee Park (Acme) was not merged; "
            "pass --yes to merge without asking",
        ),
    ],
)
def test_infoint_merge_refuses_in_one_line_and_changes_nothing(
    store: Store, data_dir: Path, run: Run, argv: list[str], stdin: str | None, message: str
) -> None:
    two_lees(store)
    before = {path.name: path.read_bytes() for path in data_dir.glob("*.json")}
    status, out, err = run("merge", *argv, stdin=stdin)
    assert (status, out) == (1, "")
    assert err.splitlines()[-1] == message
    assert {path.name: path.read_bytes() for path in data_dir.glob("*.json")} == before


def test_infoint_merge_refuses_read_only_data(
    store: Store, data_dir: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_lees(store)
    before = {path.name: path.read_bytes() for path in data_dir.glob("*.json")}
    folder = ReadOnlyFolder(data_dir, monkeypatch, errno.EROFS)
    status, out, err = run("merge", "1", "2", "--yes")
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith(f"infoint: the data folder {data_dir} is read-only: nothing can be saved")
    assert folder.attempts == []
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in data_dir.glob("*.json")} == before
