"""The date rules, in business days, on an injected clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.contacts import followups, pipeline
from infoint_tui.core.contacts.followups import Action, FollowUpRules, schedule_for_stage
from infoint_tui.core.contacts.model import Contact, Event, Stage
from infoint_tui.core.contacts.pipeline import move_change, moved, timeline
from infoint_tui.core.dates import add_business_days

THURSDAY = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
RULES = FollowUpRules()


def test_business_days_skip_weekends() -> None:
    assert add_business_days(date(2026, 11, 26), 3) == date(2026, 12, 1)  # Thu -> Tue
    assert add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Fri -> Mon
    assert add_business_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # Sat -> Mon
    assert add_business_days(date(2026, 11, 26), 0) == date(2026, 11, 26)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 60))
def test_business_days_never_land_on_a_weekend(start: date, days: int) -> None:
    result = add_business_days(start, days)
    assert result.weekday() < 5
    weekdays = sum(
        1
        for offset in range(1, (result - start).days + 1)
        if (start + timedelta(days=offset)).weekday() < 5
    )
    assert weekdays == days


def test_request_sent_follows_up_after_three_business_days() -> None:
    step = schedule_for_stage(Stage.REQUESTED, FRIDAY, RULES)
    assert step == followups.NextStep(Action.FOLLOW_UP, date(2026, 12, 2))


def test_a_promised_date_wins_over_the_rule() -> None:
    step = schedule_for_stage(Stage.REQUESTED, THURSDAY, RULES, promised=date(2026, 12, 8))
    assert step.due == date(2026, 12, 8)


def test_follow_up_sent_waits_seven_business_days() -> None:
    step = schedule_for_stage(Stage.FOLLOW_UP, THURSDAY, RULES)
    assert step == followups.NextStep(Action.LAST_FOLLOW_UP, date(2026, 12, 7))


def test_scheduled_prepares_the_day_before_then_the_interview_day() -> None:
    interview = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    step = schedule_for_stage(Stage.SCHEDULED, THURSDAY, RULES, interview_at=interview)
    assert step == followups.NextStep(Action.PREPARE, date(2026, 12, 2))
    contact = replace(_contact(Stage.SCHEDULED), interview_at=interview, action="prepare")
    stage, after = followups.step_after_done(contact, date(2026, 12, 2), RULES)
    assert (stage, after) == (
        Stage.SCHEDULED,
        followups.NextStep(Action.INTERVIEW, date(2026, 12, 3)),
    )


def test_met_owes_a_thank_you_the_next_day_and_nurture_a_linkedin_invitation() -> None:
    assert schedule_for_stage(Stage.MET, THURSDAY, RULES).due == date(2026, 11, 27)
    assert schedule_for_stage(Stage.NURTURE, THURSDAY, RULES) == followups.NextStep(
        Action.LINKEDIN, date(2026, 11, 28)
    )
    assert Action.LINKEDIN.template == "linkedin-note"
    custom = FollowUpRules(linkedin_days=5, thank_you_days=2)
    assert schedule_for_stage(Stage.NURTURE, THURSDAY, custom).due == date(2026, 12, 1)
    assert schedule_for_stage(Stage.MET, THURSDAY, custom).due == date(2026, 11, 28)


def test_target_and_closed_schedule_nothing() -> None:
    assert schedule_for_stage(Stage.TARGET, THURSDAY, RULES) == followups.NOTHING
    assert schedule_for_stage(Stage.CLOSED, THURSDAY, RULES) == followups.NOTHING


def _contact(stage: Stage, **values: object) -> Contact:
    return Contact(name="Ada", id=1, company="Acme", stage=stage, **values)  # type: ignore[arg-type]


def test_every_move_carries_its_next_date() -> None:
    contact = _contact(Stage.TARGET)
    requested = moved(contact, Stage.REQUESTED, now=THURSDAY, rank=0, rules=RULES)
    assert (requested.action, requested.next_action, requested.follow_up) == (
        "follow-up",
        "Follow up on request",
        date(2026, 12, 1),
    )
    closed = moved(requested, Stage.CLOSED, now=THURSDAY, rank=0, rules=RULES)
    assert (closed.action, closed.follow_up) == ("", None)


def test_marking_done_walks_the_method() -> None:
    contact = moved(_contact(Stage.TARGET), Stage.REQUESTED, now=THURSDAY, rank=0, rules=RULES)
    followed = pipeline.mark_done(contact, FRIDAY, RULES)
    assert followed.stage is Stage.FOLLOW_UP
    assert followed.action == "last-follow-up"
    assert followed.follow_up == date(2026, 12, 8)  # Fri + 7 business days
    assert followed.events[-1].text == "Done: Follow up on request"
    met = moved(_contact(Stage.SCHEDULED), Stage.MET, now=THURSDAY, rank=0, rules=RULES)
    thanked = pipeline.mark_done(met, FRIDAY, RULES)
    assert thanked.stage is Stage.NURTURE and thanked.action == "linkedin"
    assert thanked.follow_up == date(2026, 11, 29)  # two days after thanking
    connected = pipeline.mark_done(thanked, FRIDAY, RULES)
    assert connected.stage is Stage.NURTURE and connected.action == "article"
    assert connected.follow_up == date(2026, 12, 18)  # 21 days on
    shared = pipeline.mark_done(connected, FRIDAY, RULES)
    assert shared.action == "keep-in-touch"
    assert shared.follow_up == date(2026, 11, 27) + timedelta(weeks=6)


BOOKED = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)  # Thursday afternoon


def _booked(**values: object) -> Contact:
    scheduled = moved(_contact(Stage.TARGET), Stage.SCHEDULED, now=THURSDAY, rank=0, rules=RULES)
    return replace(scheduled, interview_at=BOOKED, **values)  # type: ignore[arg-type]


def _said_held(contact: Contact) -> list[tuple[datetime, str, str]]:
    return [entry for entry in timeline(contact) if entry[1] == "interview"]


def test_held_makes_the_booking_a_past_meeting_on_the_timeline() -> None:
    later = THURSDAY + timedelta(hours=8)
    after = followups.held(_booked(), BOOKED, "Interview held", now=later)
    assert after.interview_at is None
    assert after.events[-1] == Event("interview", BOOKED, "Interview held")
    assert after.updated == later
    assert after.stage is Stage.SCHEDULED  # the stage is the caller's business


def test_held_happened_at_the_booked_time_unless_that_is_still_ahead() -> None:
    assert followups.held_at(_booked(), BOOKED + timedelta(hours=3)) == BOOKED
    assert followups.held_at(_booked(), BOOKED) == BOOKED
    assert followups.held_at(_booked(), THURSDAY) == THURSDAY  # 09:30, booked for 14:00
    assert followups.held_at(_contact(Stage.SCHEDULED), FRIDAY) == FRIDAY  # no time booked


def test_marking_the_interview_done_means_it_was_held() -> None:
    on_the_day = replace(_booked(), action="interview", next_action="Interview")
    done = pipeline.mark_done(on_the_day, FRIDAY, RULES)
    assert done.interview_at is None
    assert (done.stage, done.action, done.follow_up) == (Stage.MET, "thank-you", date(2026, 11, 28))
    # One entry says it happened, at the booked time (it was yesterday).
    assert _said_held(done) == [(BOOKED, "interview", "Interview held (marked done on Today)")]
    assert not any(event.text == "Done: Interview" for event in done.events)
    early = pipeline.mark_done(on_the_day, THURSDAY, RULES)  # before 14:00: held now
    assert early.interview_at is None
    assert [entry[0] for entry in _said_held(early)] == [THURSDAY]


def test_moving_a_card_from_scheduled_to_met_means_it_was_held() -> None:
    booked = _booked()
    change = move_change(booked, Stage.MET, {booked.id: booked}, now=FRIDAY, rules=RULES)
    (only,) = change.changes
    assert only.after is not None
    assert only.after.interview_at is None and only.after.stage is Stage.MET
    assert only.after.action == "thank-you"
    assert _said_held(only.after) == [(BOOKED, "interview", "Interview held (moved to Met)")]
    # Another process changed the contact meanwhile: the move lands on its version, held too.
    theirs = replace(booked, notes="Bring the paper")
    assert only.transform is not None
    merged = only.transform(theirs)
    assert merged.interview_at is None and merged.notes == "Bring the paper"
    assert len(_said_held(merged)) == 1


def test_other_moves_keep_the_booking() -> None:
    booked = _booked()
    back = move_change(booked, Stage.FOLLOW_UP, {1: booked}, now=FRIDAY, rules=RULES)
    assert back.changes[0].after is not None
    assert back.changes[0].after.interview_at == BOOKED
    assert _said_held(back.changes[0].after) == []
    met = moved(booked, Stage.MET, now=FRIDAY, rank=0, rules=RULES)  # not a move by hand
    nurtured = move_change(met, Stage.NURTURE, {1: met}, now=FRIDAY, rules=RULES)
    assert nurtured.changes[0].after is not None
    assert _said_held(nurtured.changes[0].after) == []


def test_snooze_moves_the_date_and_says_so() -> None:
    contact = moved(_contact(Stage.TARGET), Stage.REQUESTED, now=THURSDAY, rank=0, rules=RULES)
    later = followups.snooze(contact, date(2026, 12, 9), FRIDAY)
    assert later.follow_up == date(2026, 12, 9) and later.action == "follow-up"
    assert "until 2026-12-09" in later.events[-1].text


def test_an_interaction_restarts_the_keep_in_touch_clock() -> None:
    contact = replace(
        _contact(Stage.NURTURE),
        action="keep-in-touch",
        next_action="Keep in touch",
        follow_up=date(2026, 11, 30),
    )
    called = followups.log_interaction(contact, "call", "Caught up", THURSDAY, RULES)
    assert called.follow_up == date(2026, 11, 26) + timedelta(weeks=6)
    assert called.events[-1].kind == "call"


def test_a_reply_ends_the_wait_here_and_asks_about_the_same_company() -> None:
    ada = moved(_contact(Stage.TARGET), Stage.REQUESTED, now=THURSDAY, rank=0, rules=RULES)
    bob = replace(
        moved(_contact(Stage.TARGET), Stage.FOLLOW_UP, now=THURSDAY, rank=0, rules=RULES),
        id=2,
        name="Bob",
        company=" ACME ",
    )
    cleo = replace(ada, id=3, name="Cleo", company="Other Co")
    replied = followups.log_interaction(ada, "reply", "Happy to talk", FRIDAY, RULES)
    assert replied.action == "reply" and replied.follow_up == date(2026, 11, 27)
    waiting = followups.waiting_at_company([ada, bob, cleo], ada)
    assert [contact.name for contact in waiting] == ["Bob"]
    dropped = followups.after_reply_at_company(bob, ada, keep=False, now=FRIDAY)
    assert dropped.follow_up is None and dropped.action == ""
    assert "dropped (Ada at Acme replied)" in dropped.events[-1].text
    kept = followups.after_reply_at_company(bob, ada, keep=True, now=FRIDAY)
    assert kept.follow_up == bob.follow_up and kept.action == bob.action
    assert kept.events[-1].text == (
        f"Kept the follow-up promised on {bob.follow_up:%a %-d %b} (Ada at Acme replied)"
    )
