"""The flows that change more than one thing, each one session call, without a terminal:
a letter marked sent, an interview ended, the user's own question, and an
interview saved twice before it had an id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from infoint_tui.core.contacts import pipeline
from infoint_tui.core.contacts.changes import ChangeSet, ContactChange
from infoint_tui.core.contacts.model import Contact, Question, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.interviews import interview as interviews
from infoint_tui.core.letters.letter import Letter
from infoint_tui.core.profile import Profile
from infoint_tui.core.session import recovery
from infoint_tui.core.session.session import Session
from infoint_tui.core.settings import Settings
from tests.conftest import FakeClock


def session_on(store: Store, clock: FakeClock) -> Session:
    return Session(store, Settings(), clock=clock, start_saver=False)


def lane(session: Session, stage: Stage) -> list[str]:
    return [contact.name for contact in pipeline.column(session.contacts.values(), stage)]


def stored_lane(store: Store, stage: Stage) -> list[str]:
    fresh = Store(store.data_dir, clock=store.clock).open()
    return [contact.name for contact in pipeline.column(fresh.contacts.all().values(), stage)]


def move(session: Session, contact_id: int, stage: Stage) -> None:
    contact = session.contacts[contact_id]
    session.perform(
        pipeline.move_change(contact, stage, session.contacts, now=session.now()),
        select=contact_id,
    )


# -- a letter marked sent ---------------------------------------------------------------
def test_a_letter_marked_sent_is_stored_sent_and_its_contact_goes_on_top_of_the_next_lane(
    store: Store, clock: FakeClock
) -> None:
    tess = store.contacts.insert(Contact(name="Tess", stage=Stage.TARGET, rank=0.0))
    store.contacts.insert(Contact(name="Rita", stage=Stage.REQUESTED, rank=0.0))
    store.contacts.insert(Contact(name="Ray", stage=Stage.REQUESTED, rank=1.0))
    movers = [
        store.contacts.insert(Contact(name=f"Mover {n}", stage=Stage.TARGET, rank=float(n)))
        for n in (1, 2, 3)
    ]
    session = session_on(store, clock)
    for mover in movers:  # other cards moved there first: the lane's top is now below 0
        move(session, mover.id, Stage.REQUESTED)
    movers_on_top = ["Mover 3", "Mover 2", "Mover 1"]
    assert lane(session, Stage.REQUESTED) == [*movers_on_top, "Rita", "Ray"]
    draft = Letter.create(tess.id, "cold-request", "Coffee?", "Hi Tess, …", now=clock())

    after = session.mark_sent(draft, kind="request")

    assert after is not None and after.stage is Stage.REQUESTED
    assert after.follow_up == date(2026, 12, 1)  # three business days after a Thursday
    assert after.action == "follow-up"
    assert [event.text for event in after.events] == ["Sent “Coffee?” (cold-request)"]
    assert lane(session, Stage.REQUESTED) == [
        "Tess",
        "Mover 3",
        "Mover 2",
        "Mover 1",
        "Rita",
        "Ray",
    ]
    assert session.saver.flush(10)
    (letter,) = Store(store.data_dir, clock=clock).open().letters.all().values()
    assert (letter.status, letter.sent_at, letter.subject) == ("sent", clock(), "Coffee?")
    assert stored_lane(store, Stage.REQUESTED) == lane(session, Stage.REQUESTED)
    # One undo takes the contact back (the letter stays sent: it went out).
    session.undo()
    assert session.contacts[tess.id].stage is Stage.TARGET


def test_a_promised_date_in_the_letter_is_the_follow_up(store: Store, clock: FakeClock) -> None:
    tess = store.contacts.insert(Contact(name="Tess", stage=Stage.TARGET))
    session = session_on(store, clock)
    promised = date(2026, 12, 9)
    draft = Letter.create(tess.id, "cold-request", "Hi", "…", now=clock())

    after = session.mark_sent(replace(draft, promised_follow_up=promised), kind="request")

    assert after is not None and after.follow_up == promised
    assert session.saver.flush(10)
    (letter,) = store.letters.all().values()
    assert letter.promised_follow_up == promised


def test_a_saved_draft_marked_sent_is_the_same_letter(store: Store, clock: FakeClock) -> None:
    tess = store.contacts.insert(Contact(name="Tess", stage=Stage.MET))
    session = session_on(store, clock)
    kept: list[Letter] = []
    draft = Letter.create(tess.id, "thank-you", "Thank you", "…", now=clock())
    session.letters.save(draft, "Saved a draft letter", kept.append)
    assert session.saver.flush(10)

    after = session.mark_sent(kept[0], kind="thanks")

    assert after is not None and after.stage is Stage.NURTURE
    assert session.saver.flush(10)
    (letter,) = store.letters.all().values()
    assert (letter.id, letter.status) == (kept[0].id, "sent")


def test_a_follow_up_done_moves_the_card_on_top_of_its_new_lane(
    store: Store, clock: FakeClock
) -> None:
    """Today's "done" moves a contact too: on top of the lane it enters."""
    store.contacts.insert(Contact(name="Fay", stage=Stage.FOLLOW_UP, rank=-3.0))
    rhea = store.contacts.insert(
        Contact(name="Rhea", stage=Stage.REQUESTED, rank=5.0, action="follow-up")
    )
    rhea = replace(rhea, follow_up=clock().date())
    store.contacts.put(rhea)
    session = session_on(store, clock)

    session.mark_done(rhea.id)

    assert session.contacts[rhea.id].stage is Stage.FOLLOW_UP
    assert lane(session, Stage.FOLLOW_UP) == ["Rhea", "Fay"]


# -- an interview ended -----------------------------------------------------------------
def test_ending_an_interview_stores_it_ended_and_moves_the_contact_on_top_of_met(
    store: Store, clock: FakeClock
) -> None:
    store.contacts.insert(Contact(name="Mel", stage=Stage.MET, rank=-7.0))
    ada = store.contacts.insert(Contact(name="Ada", stage=Stage.SCHEDULED, rank=3.0))
    session = session_on(store, clock)
    interview = interviews.start(interviews.new_interview(ada, clock()), clock())
    clock.advance(minutes=31)
    interview = interviews.set_notes(interview, "Try the meetup", clock())

    result = session.end_interview(interview)

    assert result is not None
    ended, after = result
    assert ended.ended_at == clock()
    assert after is not None and after.stage is Stage.MET
    assert after.action == "thank-you" and after.follow_up == date(2026, 11, 27)
    assert [event.kind for event in after.events] == ["interview"]
    assert lane(session, Stage.MET) == ["Ada", "Mel"]
    assert session.saver.flush(10)
    (stored,) = store.interviews.all().values()
    assert (stored.ended_at, stored.notes) == (clock(), "Try the meetup")
    assert stored_lane(store, Stage.MET) == ["Ada", "Mel"]


def test_ending_the_interview_of_a_deleted_contact_only_ends_it(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada", stage=Stage.SCHEDULED))
    session = session_on(store, clock)
    interview = interviews.start(interviews.new_interview(ada, clock()), clock())
    session.perform(ChangeSet("Deleted Ada", (ContactChange(ada, None),)))
    clock.advance(minutes=30)

    result = session.end_interview(interview)

    assert result is not None and result[1] is None
    assert session.saver.flush(10)
    (stored,) = store.interviews.all().values()
    assert stored.ended_at == clock()


# -- the user's own question --------------------------------------------------------------
def test_an_own_question_goes_to_the_bank_and_to_the_contact(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada", questions=(Question("Why?", "trends"),)))
    session = session_on(store, clock)

    after = session.add_own_question(ada.id, "What surprised you most?", "insights")

    mine = Question("What surprised you most?", "insights")
    assert after is not None and after.questions == (Question("Why?", "trends"), mine)
    assert session.contacts[ada.id].questions == after.questions
    assert session.saver.flush(10)
    assert mine in session.questions.full_bank()  # offered for every contact now
    (banked,) = store.questions.all().values()
    assert (banked.text, banked.category, banked.created) == (mine.text, "insights", clock())
    assert store.contacts.require(ada.id).questions == after.questions
    session.undo()  # the contact's list goes back; the bank keeps the question
    assert session.contacts[ada.id].questions == (Question("Why?", "trends"),)


# -- an interview saved before it had an id -----------------------------------------------
def test_two_saves_of_a_new_interview_make_one_interview_with_the_latest_notes(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada", stage=Stage.SCHEDULED))
    session = session_on(store, clock)
    started = interviews.start(interviews.new_interview(ada, clock()), clock())
    told: list[int] = []
    session.interviews.save(started, "Started the interview", lambda iv: told.append(iv.id))
    later = interviews.set_notes(started, "Second thoughts", clock.advance(minutes=2))
    session.interviews.save(later, "Notes saved")  # no id yet: waits for the first

    assert session.saver.flush(10)
    assert session.saver.flush(10)  # the waiting save is queued once the id is known

    (stored,) = store.interviews.all().values()
    assert stored.notes == "Second thoughts"
    assert told and set(told) == {stored.id}


def test_a_new_interview_not_started_and_without_notes_is_not_stored(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada", stage=Stage.SCHEDULED))
    session = session_on(store, clock)
    session.interviews.save(interviews.new_interview(ada, clock()), "Length now 35 min")
    assert session.saver.flush(10)
    assert not store.interviews.all()


# -- changes kept from an earlier session ---------------------------------------------------
def test_a_kept_document_is_saved_again_through_its_service(store: Store, clock: FakeClock) -> None:
    """What the services keep names the file by its kind ("profile"); an older
    session named the profile "profiles". Both are saved again."""
    session = session_on(store, clock)
    kept = [
        recovery.document("Saved your profile", "profile", Profile(name="Ada Lovelace")),
        recovery.document("Saved your profile", "profiles", Profile(name="Ada King")),
        recovery.document(
            "Saved a draft letter", "letters", Letter.create(1, "t", "S", "B", now=clock())
        ),
    ]

    assert session.restore(kept) == 3
    assert session.saver.flush(10)

    assert session.profile.get_profile().name == "Ada King"
    (letter,) = session.letters.all().values()
    assert (letter.subject, letter.status) == ("S", "draft")


# -- H and L: moving a contact by one stage ------------------------------------------------
def test_moving_by_one_stage_lands_on_top_and_stops_at_both_ends(
    store: Store, clock: FakeClock
) -> None:
    ada = store.contacts.insert(Contact(name="Ada", stage=Stage.TARGET, rank=0.0))
    store.contacts.insert(Contact(name="Rita", stage=Stage.REQUESTED, rank=0.0))
    session = session_on(store, clock)

    assert session.move_by(ada.id, -1) == "Ada is already in the first stage"
    assert session.contacts[ada.id].stage is Stage.TARGET
    assert not session.history.can_undo  # nothing happened, nothing to undo

    assert session.move_by(ada.id, 1) == "Moved Ada to Request sent"
    assert lane(session, Stage.REQUESTED) == ["Ada", "Rita"]
    assert session.saver.flush(10)
    assert stored_lane(store, Stage.REQUESTED) == ["Ada", "Rita"]

    closed = replace(session.contacts[ada.id], stage=Stage.CLOSED)
    session.update_contact(session.contacts[ada.id], closed, "Closed Ada")
    assert session.move_by(ada.id, 1) == "Ada is already in the last stage"
    assert session.contacts[ada.id].stage is Stage.CLOSED
    assert session.move_by(9999, 1) == "That contact is gone"
