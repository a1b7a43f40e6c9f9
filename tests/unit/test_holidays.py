"""Business days without the public holidays of the user's country ([holidays]).

Every date is fixed: the calendar of 2026-27, never the wall clock. Holiday
names are those of the `holidays` release pinned in constraints.txt.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoint_tui.core.contacts.followups import (
    Action,
    FollowUpRules,
    NextStep,
    prepare_step,
    schedule_for_stage,
    step_after_done,
)
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.dates import (
    WEEKENDS_ONLY,
    BusinessDays,
    HolidayError,
    add_business_days,
    due_text,
)
from infoint_tui.core.letters.render import render_letter
from infoint_tui.core.profile import Profile
from infoint_tui.core.settings import load_settings, settings_path

WED_23_DEC = date(2026, 12, 23)
ENGLAND = BusinessDays.checked("GB", "ENG")
US = BusinessDays.checked("US")


def _settings(tmp_path: Path, text: str) -> FollowUpRules:
    settings_path(tmp_path).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path)
    return settings.rules


# England: Fri 25 Dec is Christmas Day; Boxing Day falls on Sat 26 Dec, so
# Mon 28 Dec is its substitute ("observed") bank holiday.


def test_england_skips_christmas_and_the_boxing_day_substitute() -> None:
    # Thu 24 (1), [Fri 25, Sat, Sun, Mon 28], Tue 29 (2), Wed 30 (3)
    assert ENGLAND.add(WED_23_DEC, 3) == date(2026, 12, 30)
    assert WEEKENDS_ONLY.add(WED_23_DEC, 3) == date(2026, 12, 28)
    assert not ENGLAND.is_business_day(date(2026, 12, 25))
    assert not ENGLAND.is_business_day(date(2026, 12, 28))
    assert ENGLAND.is_business_day(date(2026, 12, 29))
    assert ENGLAND.on_or_after(date(2026, 12, 25)) == date(2026, 12, 29)


def test_england_says_why_the_date_moved() -> None:
    due = ENGLAND.add(WED_23_DEC, 3)
    assert ENGLAND.why_moved(WED_23_DEC, due) == "after Christmas Day and Boxing Day (observed)"
    assert due_text(due, WED_23_DEC, ENGLAND) == (
        "Wed 30 Dec: after Christmas Day and Boxing Day (observed)"
    )
    # Across the new year, on to the next year's holidays: Thu 31 Dec + 1.
    new_year = ENGLAND.add(date(2026, 12, 31), 1)
    assert new_year == date(2027, 1, 4)
    assert due_text(new_year, date(2026, 12, 31), ENGLAND) == "Mon 4 Jan: after New Year's Day"
    # Nothing skipped but a weekend: no reason.
    assert ENGLAND.why_moved(date(2026, 12, 4), date(2026, 12, 8)) == ""
    assert due_text(date(2026, 12, 8), date(2026, 12, 4), ENGLAND) == "Tue 8 Dec"


def test_us_skips_thanksgiving() -> None:
    wed_25_nov = date(2026, 11, 25)
    assert not US.is_business_day(date(2026, 11, 26))
    assert US.add(wed_25_nov, 1) == date(2026, 11, 27)  # Thu 26 is Thanksgiving
    assert US.add(wed_25_nov, 3) == date(2026, 12, 1)
    assert "Thanksgiving" in US.why_moved(wed_25_nov, date(2026, 11, 27))
    # California also keeps the Friday after.
    california = BusinessDays.checked("US", "CA")
    assert california.add(wed_25_nov, 1) == date(2026, 11, 30)


def test_a_region_has_its_own_holidays() -> None:
    # Epiphany, Wed 6 Jan 2027, is a holiday in Bavaria, not in all of Germany.
    assert BusinessDays.checked("DE").add(date(2027, 1, 5), 1) == date(2027, 1, 6)
    bavaria = BusinessDays.checked("DE", "BY")
    assert bavaria.add(date(2027, 1, 5), 1) == date(2027, 1, 7)
    assert bavaria.why_moved(date(2027, 1, 5), date(2027, 1, 7)) == "after Epiphany"


def test_no_country_skips_only_weekends() -> None:
    assert BusinessDays() == WEEKENDS_ONLY == BusinessDays.checked("", "")
    assert WEEKENDS_ONLY.is_business_day(date(2026, 12, 25))
    assert WEEKENDS_ONLY.add(WED_23_DEC, 3) == date(2026, 12, 28)
    assert add_business_days(WED_23_DEC, 3) == date(2026, 12, 28)
    assert WEEKENDS_ONLY.add(date(2026, 11, 25), 1) == date(2026, 11, 26)
    assert WEEKENDS_ONLY.on_or_after(date(2026, 12, 26)) == date(2026, 12, 28)
    assert WEEKENDS_ONLY.why_moved(WED_23_DEC, date(2026, 12, 28)) == ""
    assert due_text(date(2026, 12, 28), WED_23_DEC) == "Mon 28 Dec"
    assert FollowUpRules().calendar == WEEKENDS_ONLY


def test_codes_are_forgiven_their_case_and_region_names() -> None:
    assert BusinessDays.checked(" gb ", "england") == BusinessDays("GB", "ENG")
    assert hash(BusinessDays.checked("GB", "eng")) == hash(ENGLAND)
    assert hash(FollowUpRules(calendar=ENGLAND)) == hash(FollowUpRules(calendar=ENGLAND))


@pytest.mark.parametrize(
    ("country", "subdivision", "message"),
    [
        ("XX", "", "country 'XX' is not known: use a two-letter code such as GB, US, DE"),
        ("GB", "ZZZ", "subdivision 'ZZZ' is not known for GB: use one of ENG, NIR, SCT, WLS"),
        ("", "ENG", "subdivision 'ENG' needs a country too"),
    ],
)
def test_an_unknown_code_says_what_to_write(country: str, subdivision: str, message: str) -> None:
    with pytest.raises(HolidayError, match="^" + message.replace("(", r"\(")):
        BusinessDays.checked(country, subdivision)


def test_an_unknown_country_in_settings_is_a_problem_and_weekends_only(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text('[holidays]\ncountry = "XX"\n', encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.rules.calendar == WEEKENDS_ONLY
    assert settings.problems == (
        f"{settings_path(tmp_path)}: [holidays] country 'XX' is not known: "
        "use a two-letter code such as GB, US, DE; skipping only weekends",
    )
    now = datetime(2026, 12, 23, 12, 0, tzinfo=UTC)
    step = schedule_for_stage(Stage.REQUESTED, now, settings.rules)
    assert step == NextStep(Action.FOLLOW_UP, date(2026, 12, 28))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[holidays]\ncountry = "GB"\nsubdivision = "XYZ"\n', "subdivision 'XYZ' is not known"),
        ("[holidays]\ncountry = 44\n", "country and subdivision must be text"),
        ("holidays = 3\n", "[holidays] must be a table"),
    ],
)
def test_other_bad_holidays_settings(tmp_path: Path, text: str, problem: str) -> None:
    settings_path(tmp_path).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.rules.calendar == WEEKENDS_ONLY
    assert len(settings.problems) == 1 and problem in settings.problems[0]


def test_settings_with_england_move_the_follow_up_past_christmas(tmp_path: Path) -> None:
    rules = _settings(tmp_path, '[holidays]\ncountry = "GB"\nsubdivision = "ENG"\n')
    assert rules.calendar == ENGLAND
    assert rules.requested_business_days == 3  # the [follow_up] numbers are untouched
    now = datetime(2026, 12, 23, 12, 0, tzinfo=UTC)
    assert schedule_for_stage(Stage.REQUESTED, now, rules) == NextStep(
        Action.FOLLOW_UP, date(2026, 12, 30)
    )
    assert schedule_for_stage(Stage.REQUESTED, now, FollowUpRules()).due == date(2026, 12, 28)
    # One more follow-up, 7 business days: past Christmas and New Year's Day.
    assert schedule_for_stage(Stage.FOLLOW_UP, now, rules).due == date(2027, 1, 6)
    assert schedule_for_stage(Stage.FOLLOW_UP, now, FollowUpRules()).due == date(2027, 1, 1)
    contact = Contact(name="Ada Okafor", id=7, stage=Stage.REQUESTED, action="follow-up")
    stage, step = step_after_done(contact, WED_23_DEC, rules)
    assert (stage, step.due) == (Stage.FOLLOW_UP, date(2027, 1, 6))
    # Questions to prepare with no interview booked: the next business day.
    assert prepare_step(date(2026, 12, 26), None, rules.calendar).due == date(2026, 12, 29)
    assert prepare_step(date(2026, 12, 26), None).due == date(2026, 12, 28)


def test_a_letter_promises_a_follow_up_day_after_the_holiday() -> None:
    contact = Contact(name="Ada Okafor", id=7, stage=Stage.REQUESTED)
    profile = Profile(name="Jordan Avery")
    source = "I'll follow up on {{ letter.follow_up_day }}."
    options = {"contact": contact, "profile": profile, "today": date(2026, 11, 25)}
    # Wed 25 Nov + 3: Thanksgiving skipped, so Tuesday rather than Monday.
    with_us = render_letter(source, follow_up_days=3, calendar=US, **options)  # type: ignore[arg-type]
    assert with_us.promised == date(2026, 12, 1)
    assert with_us.body == "I'll follow up on Tuesday 1 December."
    plain = render_letter(source, follow_up_days=3, **options)  # type: ignore[arg-type]
    assert plain.promised == date(2026, 11, 30)


def test_weekends_only_never_loads_the_holidays_package() -> None:
    script = (
        "import sys, datetime\n"
        "import infoint_tui.app\n"
        "from infoint_tui.core.contacts.followups import FollowUpRules\n"
        "FollowUpRules().calendar.add(datetime.date(2026, 12, 23), 3)\n"
        "print(sorted(m for m in sys.modules if m == 'holidays' or m.startswith('holidays.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_today_and_the_contact_say_which_holiday_moved_a_due_date() -> None:
    from infoint_tui.core.contacts.agenda import agenda
    from infoint_tui.core.contacts.followups import due_reason
    from infoint_tui.core.contacts.pipeline import moved

    rules = FollowUpRules(calendar=ENGLAND)
    sent = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)  # a Wednesday
    ada = moved(Contact(name="Ada", id=1), Stage.REQUESTED, now=sent, rank=0.0, rules=rules)
    assert ada.follow_up == date(2026, 12, 30)
    reason = "after Christmas Day and Boxing Day (observed)"
    assert due_reason(ada, ENGLAND) == reason
    assert due_reason(ada, WEEKENDS_ONLY) == ""
    [item] = agenda([ada], date(2026, 12, 30), rules)["today"]
    assert item.detail == f"today, {reason}"
