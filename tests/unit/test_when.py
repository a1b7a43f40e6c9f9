"""Meeting times typed in words, read on a fixed clock: Monday 30 November 2026, 09:00 UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoint_tui.core.contacts.when import (
    Meeting,
    MeetingError,
    describe,
    parse_meeting,
    short,
)

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # a Monday
BERLIN = ZoneInfo("Europe/Berlin")


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


PARSES = [
    # weekdays: the soonest one still ahead, any spelling, any case
    ("wed 10am", at(12, 2, 10), ""),
    ("Wednesday 10am", at(12, 2, 10), ""),
    ("WED 10AM", at(12, 2, 10), ""),
    ("tue 9am", at(12, 1, 9), ""),
    ("tues 9am", at(12, 1, 9), ""),
    ("thu 9am", at(12, 3, 9), ""),
    ("thur 9am", at(12, 3, 9), ""),
    ("thurs 9am", at(12, 3, 9), ""),
    ("friday 9am", at(12, 4, 9), ""),
    ("sun 11am", at(12, 6, 11), ""),
    ("mon 10am", at(11, 30, 10), ""),  # later today
    ("mon 8am", at(12, 7, 8), ""),  # already past today: next Monday
    ("mon 9am", at(12, 7, 9), ""),  # exactly now is not "still ahead"
    ("on wed 10am", at(12, 2, 10), ""),
    # next <weekday>: in the next calendar week, even when this week's is still ahead
    ("next mon 12:30", at(12, 7, 12, 30), ""),
    ("next wed 9am", at(12, 9, 9), ""),
    ("next sun 9am", at(12, 13, 9), ""),
    # relative days
    ("today 4pm", at(11, 30, 16), ""),
    ("tomorrow 14:30", at(12, 1, 14, 30), ""),
    ("tmrw 9", at(12, 1, 9), ""),
    ("tmrw 23", at(12, 1, 23), ""),
    # dates
    ("3 dec 9:00", at(12, 3, 9), ""),
    ("dec 3 9:00", at(12, 3, 9), ""),
    ("3 december 9:00", at(12, 3, 9), ""),
    ("3rd dec 9am", at(12, 3, 9), ""),
    ("december 3rd 9am", at(12, 3, 9), ""),
    ("3rd of december 9am", at(12, 3, 9), ""),
    ("2026-12-03 09:00", at(12, 3, 9), ""),
    ("3 dec 2027 9:00", at(12, 3, 9, year=2027), ""),
    ("1 jan 10am", at(1, 1, 10, year=2027), ""),  # January is already past this year
    ("30 nov 4pm", at(11, 30, 16), ""),  # today still counts
    ("wed 2 dec 10am", at(12, 2, 10), ""),  # a weekday that agrees with the date
    ("10am wed", at(12, 2, 10), ""),  # time first
    # times
    ("wed 10 am", at(12, 2, 10), ""),
    ("wed 10:30am", at(12, 2, 10, 30), ""),
    ("wed 10.30", at(12, 2, 10, 30), ""),
    ("wed 10:30 pm", at(12, 2, 22, 30), ""),
    ("wed 4pm", at(12, 2, 16), ""),
    ("wed 4 p.m.", at(12, 2, 16), ""),
    ("wed 12pm", at(12, 2, 12), ""),
    ("wed 12am", at(12, 2, 0), ""),
    ("wed 03:30", at(12, 2, 3, 30), ""),  # two digits: taken as written
    ("wed 3:30am", at(12, 2, 3, 30), ""),
    ("wed noon", at(12, 2, 12), ""),
    ("wed midday", at(12, 2, 12), ""),
    ("wed at 10am", at(12, 2, 10), ""),
    ("tmrw at 9", at(12, 1, 9), ""),
    ("Wed. 10a.m.", at(12, 2, 10), ""),
    # places
    ("next mon 12:30 at Café Nero", at(12, 7, 12, 30), "Café Nero"),
    ("wed at 10am at Café Nero", at(12, 2, 10), "Café Nero"),
    ("fri 4pm video https://meet.example/abc", at(12, 4, 16), "video https://meet.example/abc"),
    ("https://meet.example/abc fri 4pm", at(12, 4, 16), "https://meet.example/abc"),
    ("thu 1pm lunch at Dishoom", at(12, 3, 13), "lunch at Dishoom"),
    ("wed 10am call", at(12, 2, 10), "call"),
    ("wed 10am phone", at(12, 2, 10), "phone"),
    ("wed 10am zoom", at(12, 2, 10), "zoom"),
    ("wed 10am teams", at(12, 2, 10), "teams"),
    ("wed 10am coffee with Ana", at(12, 2, 10), "coffee with Ana"),
    ("wed 10am, Café Nero", at(12, 2, 10), "Café Nero"),
    ("wed 10am @ Café Nero", at(12, 2, 10), "Café Nero"),
    ("wed 10am · Café Nero", at(12, 2, 10), "Café Nero"),
    ("wed 10am in the lobby", at(12, 2, 10), "the lobby"),
    ("wed 10am - Café Nero", at(12, 2, 10), "Café Nero"),
    ("wed@10am", at(12, 2, 10), ""),
    ("wed 10am at", at(12, 2, 10), ""),
    ("wed 10am 10 Downing Street", at(12, 2, 10), "10 Downing Street"),
    ("wed 10am May Fair", at(12, 2, 10), "May Fair"),
    ("wed 10am next to the station", at(12, 2, 10), "next to the station"),
    ("  wed   10am   at  Café    Nero  ", at(12, 2, 10), "Café Nero"),
]


@pytest.mark.parametrize(("text", "expected", "place"), PARSES)
def test_parses(text: str, expected: datetime, place: str) -> None:
    meeting = parse_meeting(text, NOW, UTC)
    assert meeting == Meeting(expected, place)
    assert meeting.at.tzinfo is UTC


REFUSALS = [
    ("", "nothing to read: write a day and a time, e.g. wed 10am"),
    ("   ", "nothing to read: write a day and a time, e.g. wed 10am"),
    ("10am", "understood 10:00, but no day: add one, e.g. wed 10am"),
    ("at 14:30", "understood 14:30, but no day: add one, e.g. wed 14:30"),
    ("wed", "understood Wednesday 2 December, but no time: add one, e.g. wed 10am"),
    ("wed at Café Nero", "understood Wednesday 2 December, but no time: add one, e.g. wed 10am"),
    ("3 dec", "understood Thursday 3 December, but no time: add one, e.g. 3 dec 10am"),
    ("1 jan", "understood Friday 1 January 2027, but no time: add one, e.g. 1 jan 10am"),
    ("31 feb 10am", "February has no 31st"),
    ("31 apr 10am", "April has no 31st"),
    ("29 feb 10am", "February 2027 has no 29th"),
    ("2026-02-30 10:00", "February 2026 has no 30th"),
    ("2026-13-01 10:00", "2026-13-01 is not a date: there is no month 13"),
    ("wed 25:00", "25:00 is not a time of day"),
    ("wed 10:75", "10:75 is not a time of day"),
    ("wed 13pm", "13pm is not a time: write 1pm or 13:00"),
    ("wed 0am", "0am is not a time: write 12am or 00:00"),
    ("tmrw 24", "24 is not a time of day"),
    ("2026-11-30 08:00", "that is in the past (Monday 30 November, 08:00)"),
    ("today 8am", "that is in the past (Monday 30 November, 08:00)"),
    ("30 nov 8am", "that is in the past (Monday 30 November, 08:00)"),
    (
        "3 dec 2028 9am",
        "that is more than a year away (Sunday 3 December 2028, 09:00): check the year",
    ),
    ("3/12", "3/12 could be 3 December or 12 March: write 3 dec"),
    ("12/3 10am", "12/3 could be 12 March or 3 December: write 12 mar"),
    ("13/3", "13/3: write the month in words, e.g. 13 mar"),
    ("3/3/2027", "3/3/2027: write the month in words, e.g. 3 mar"),
    (
        "blah",
        "could not read a day or a time in 'blah': try e.g. wed 10am, tomorrow 14:30 or 3 dec 9:00",
    ),
    ("fri 4", "4 what? write 4pm or 16:00"),
    ("fri 7", "7 what? write 7pm or 19:00"),
    ("tmrw 0", "0 what? write 12am or 00:00"),
    ("wed 3:30", "3:30 what? write 3:30pm or 15:30"),
    ("9", "9 alone is unclear: put a day before an hour (tmrw 9) or a month after a date (9 dec)"),
    ("dec 10 am", "which day of December? write e.g. 3 dec"),
    ("next week 10am", "next what? write a weekday, e.g. next mon 10am"),
    ("thu 2 dec 10am", "2 December 2026 is a Wednesday, not a Thursday"),
    ("wed 10am tomorrow", "1 December 2026 is a Tuesday, not a Wednesday"),
    ("wed 9am 10am", "10am is a second time: give just one"),
    ("wed 10am noon", "noon is a second time: give just one"),
    ("wed fri 10am", "fri is a second day: give just one"),
    ("today 3 dec 10am", "3 is a second day: give just one"),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS)
def test_refuses_with_a_message(text: str, message: str) -> None:
    with pytest.raises(MeetingError) as caught:
        parse_meeting(text, NOW, UTC)
    assert caught.value.message == message
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_next_weekday_said_on_a_saturday_is_in_the_coming_week() -> None:
    saturday = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    assert parse_meeting("next mon 10am", saturday, UTC).at == at(12, 7, 10)
    # plain "mon" is the same day here; "next sat" skips tomorrow's week entirely
    assert parse_meeting("mon 10am", saturday, UTC).at == at(12, 7, 10)
    assert parse_meeting("next sat 10am", saturday, UTC).at == at(12, 12, 10)
    assert parse_meeting("sat 10am", saturday, UTC).at == at(12, 5, 10)


def test_words_are_read_in_the_users_zone_and_returned_in_utc() -> None:
    # Berlin is UTC+1 in winter: 10:00 there is 09:00 UTC
    assert parse_meeting("wed 10am", NOW, BERLIN).at == at(12, 2, 9)
    assert parse_meeting("3 dec 9:00", NOW, BERLIN).at == at(12, 3, 8)
    # 09:30 in Berlin is 08:30 UTC: already past when it is 09:00 UTC (10:00 in Berlin)
    with pytest.raises(MeetingError, match=r"in the past \(Monday 30 November, 09:30\)"):
        parse_meeting("today 9:30", NOW, BERLIN)
    assert parse_meeting("mon 9:30", NOW, BERLIN).at == at(12, 7, 8, 30)


def test_today_is_the_users_day_not_utcs() -> None:
    # Sunday 23:30 UTC is already Monday 00:30 in Berlin
    late = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert parse_meeting("today 10am", late, BERLIN).at == at(11, 30, 9)
    assert parse_meeting("tomorrow 10am", late, BERLIN).at == at(12, 1, 9)
    # in UTC it is still Sunday, whose 10:00 has gone
    with pytest.raises(MeetingError, match=r"in the past \(Sunday 29 November, 10:00\)"):
        parse_meeting("today 10am", late, UTC)


def test_summer_time_is_honoured_and_a_skipped_hour_refused() -> None:
    friday = datetime(2027, 3, 26, 9, 0, tzinfo=UTC)  # clocks go forward on Sunday 28 March
    assert parse_meeting("sun 10am", friday, BERLIN).at == datetime(2027, 3, 28, 8, tzinfo=UTC)
    assert parse_meeting("sat 10am", friday, BERLIN).at == datetime(2027, 3, 27, 9, tzinfo=UTC)
    with pytest.raises(MeetingError) as caught:
        parse_meeting("28 mar 02:30", friday, BERLIN)
    assert caught.value.message == (
        "02:30 does not exist on Sunday 28 March: the clocks change then"
    )


def test_no_zone_means_the_machines_zone() -> None:
    # the test run pins TZ=UTC (tests/conftest.py)
    assert parse_meeting("wed 10am", NOW) == parse_meeting("wed 10am", NOW, UTC)


def test_a_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_meeting("wed 10am", datetime(2026, 11, 30, 9, 0))


def test_the_place_is_one_clean_capped_line() -> None:
    meeting = parse_meeting("wed 10am at Café\x07 Nero " + "x" * 400, NOW, UTC)
    assert meeting.place.startswith("Café Nero x")
    assert len(meeting.place) == 300
    assert "\x07" not in meeting.place


def test_describe_and_short() -> None:
    moment = at(12, 2, 10)
    assert describe(moment, "Café Nero", UTC) == "Wednesday 2 December, 10:00 · Café Nero"
    assert describe(moment, tz=UTC) == "Wednesday 2 December, 10:00"
    assert describe(moment, tz=BERLIN) == "Wednesday 2 December, 11:00"
    assert describe(moment, tz=UTC, today=date(2026, 11, 30)) == "Wednesday 2 December, 10:00"
    later = at(12, 2, 10, year=2027)
    assert describe(later, tz=UTC, today=date(2026, 11, 30)) == "Thursday 2 December 2027, 10:00"
    assert describe(later, tz=UTC) == "Thursday 2 December, 10:00"
    assert short(moment, UTC) == "Wed 10:00"
    assert short(at(12, 2, 23, 30), BERLIN) == "Thu 00:30"


WEEKDAY_WORDS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
ZONES = [UTC, BERLIN, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]


@given(
    word=st.sampled_from(sorted(WEEKDAY_WORDS)),
    upper=st.booleans(),
    hour=st.integers(8, 20),
    minute=st.integers(0, 59),
    now=st.datetimes(datetime(2020, 1, 1), datetime(2035, 12, 31), timezones=st.just(UTC)),
    zone=st.sampled_from(ZONES),
)
def test_a_weekday_and_time_is_always_soon_and_on_that_day(
    word: str, upper: bool, hour: int, minute: int, now: datetime, zone: ZoneInfo
) -> None:
    text = f"{word.upper() if upper else word} {hour}:{minute:02d}"
    moment = parse_meeting(text, now, zone).at
    local = moment.astimezone(zone)
    assert moment > now
    assert moment - now < timedelta(days=7, hours=1)
    assert local.weekday() == WEEKDAY_WORDS[word]
    assert (local.hour, local.minute) == (hour, minute)
    assert moment.utcoffset() == timedelta(0)
