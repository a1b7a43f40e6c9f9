"""Meeting times and places typed in words: "wed 10am at Café Nero" -> a UTC moment and a place.

Accepted forms (case-insensitive): a day and a time, in either order, then an optional place.

Days
    mon .. sun, monday .. sunday, tues, weds, thur, thurs: the soonest such day whose moment is
        still in the future (said on Monday at 09:00, "mon 10am" is today, "mon 8am" next Monday).
    next mon: that weekday in the next calendar week, weeks starting on Monday. Said on Monday
        30 November, "next mon" is 7 December and "next wed" is 9 December (not 2 December);
        said on Saturday 5 December, "next mon" is 7 December, two days away.
    today, tomorrow, tmrw; an optional "on" before a day (on wed 10am).
    3 dec, 3rd dec, 3rd of december, dec 3, december 3rd, each with an optional year
        (3 dec 2027); 2026-12-03. Without a year: the next such day that is not already past
        (said in November, "1 jan" is next January; "30 nov 8am" said on 30 November at 09:00
        is refused as past rather than moved a year on).
    A weekday given with a date must agree with it (wed 2 dec).
Times
    10am, 10 am, 10:30am, 10.30, 14:30, 4pm, 12pm (noon), 12am (midnight), noon, midday, with
    an optional "at" before (wed at 10am). A bare hour only after a day and only 8..23
    (tmrw 9 is 09:00): 1..7 could be morning or afternoon, so "fri 4" is refused, and so is
    "3:30" with a one-digit hour 1..7; "03:30" and "3:30am" are fine.
Place
    Whatever follows the day and the time: after "at", ",", "@", "in", "on", "·" or "-" (the
    separator is dropped: "wed 10am at Café Nero" -> "Café Nero"), else from the first other
    word (thu 1pm lunch at Dishoom -> "lunch at Dishoom"). A URL anywhere joins the place.

Refused with a MeetingError saying what was understood and what is missing: no day, no time,
a date or time that does not exist, a moment in the past or more than a year away, and numeric
dates such as 3/12 (3 December or 12 March?).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from infoint_tui.core.text import clean_line

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Spelled out rather than taken from calendar/strftime, which follow the user's locale.
_MONTHS: tuple[str, ...] = ("", "January", "February", "March", "April", "May", "June")
_MONTHS += ("July", "August", "September", "October", "November", "December")

_WEEKDAY_WORDS = {name.lower(): number for number, name in enumerate(_WEEKDAYS)} | {
    name[:3].lower(): number for number, name in enumerate(_WEEKDAYS)
}
_WEEKDAY_WORDS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MONTH_WORDS = {name.lower(): number for number, name in enumerate(_MONTHS) if name} | {
    name[:3].lower(): number for number, name in enumerate(_MONTHS) if name
}
_MONTH_WORDS["sept"] = 9
_RELATIVE = {"today": 0, "tomorrow": 1, "tmrw": 1}
_NOON = {"noon", "midday"}
_SEPARATORS = {"at", "on", "in", "@", ",", "·", "-", "–"}

_TOKEN = re.compile(r"(?:https?://|www\.)\S+|[,@·]|[^\s,@·]+", re.IGNORECASE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?([ap]\.?m\.?)?")
_AM_PM = re.compile(r"[ap]\.?m\.?")
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})(?:/\d{2,4})?")
# A year, with slack so "3 dec 2027" said on 30 November 2026 still reads; a typed-wrong
# year (2072) is what this catches.
_HORIZON = timedelta(days=400)
_EXAMPLES = "try e.g. wed 10am, tomorrow 14:30 or 3 dec 9:00"


@dataclass(frozen=True)
class Meeting:
    at: datetime  # timezone-aware, UTC
    place: str  # "" when none given


class MeetingError(ValueError):
    """What was understood and what is missing, in words the user can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _Word:
    text: str  # as typed, for messages and the place
    key: str  # lower case, a trailing full stop dropped, for matching
    start: int


@dataclass
class _Found:
    words: list[str] = field(default_factory=list)  # the day and time words as typed
    weekday: int | None = None
    next_week: bool = False
    offset: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    clock: time | None = None

    @property
    def has_day(self) -> bool:
        return self.weekday is not None or self.offset is not None or self.month is not None


def parse_meeting(text: str, now: datetime, tz: tzinfo | None = None) -> Meeting:
    """Read `text` in zone `tz` (None: this machine's zone at `now`); the moment comes back UTC."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = tz if tz is not None else now.astimezone().tzinfo or UTC
    words = [
        _Word(m.group(), m.group().lower().rstrip("."), m.start()) for m in _TOKEN.finditer(text)
    ]
    if not words:
        raise MeetingError("nothing to read: write a day and a time, e.g. wed 10am")
    found, place_at = _Found(), len(words)
    urls: list[str] = []  # a link before the place still belongs to it
    i = 0
    while i < len(words):
        word = words[i]
        if _URL.fullmatch(word.text):
            urls.append(word.text)
            i += 1
            continue
        complete = found.has_day and found.clock is not None
        if word.key in _SEPARATORS:
            # "at 10am" joins the time; "at Café Nero" starts the place.
            if complete or i + 1 == len(words) or not _reads_as_when(words[i + 1].key):
                place_at = i + 1
                break
            i += 1
            continue
        # Once complete, a number or a month begins the place (10 Downing St, May Fair), but
        # another day or time is read, so "wed 10am tomorrow" is refused rather than a place.
        numberish = word.key in _MONTH_WORDS or word.key == "next" or _DAY.fullmatch(word.key)
        used = 0 if complete and numberish else _read(words, i, found)
        if used == 0:
            place_at = i
            break
        found.words.extend(w.text for w in words[i : i + used])
        i += used
    rest = text[words[place_at].start :] if place_at < len(words) else ""
    place = clean_line(" ".join([*urls, rest]), 300)

    today = now.astimezone(zone).date()
    typed = " ".join(found.words)
    if not found.has_day and found.clock is None:
        raise MeetingError(
            f"could not read a day or a time in '{clean_line(text, 60)}': {_EXAMPLES}"
        )
    if not found.has_day:
        assert found.clock is not None
        raise MeetingError(f"understood {found.clock:%H:%M}, but no day: add one, e.g. wed {typed}")
    day = _resolve_day(found, now, zone)
    if found.clock is None:
        raise MeetingError(
            f"understood {_day_words(day, today)}, but no time: add one, e.g. {typed} 10am"
        )
    at = _moment(day, found.clock, zone)
    if at < now:
        raise MeetingError(f"that is in the past ({describe(at, tz=zone, today=today)})")
    if at - now > _HORIZON:
        raise MeetingError(
            f"that is more than a year away ({describe(at, tz=zone, today=today)}): check the year"
        )
    return Meeting(at, place)


def describe(
    at: datetime, place: str = "", tz: tzinfo | None = None, *, today: date | None = None
) -> str:
    """ "Wednesday 2 December, 10:00 · Café Nero"; the year only when `today` is in another."""
    local = at.astimezone(tz)
    text = f"{_day_words(local.date(), today)}, {local:%H:%M}"
    return f"{text} · {place}" if place else text


def short(at: datetime, tz: tzinfo | None = None) -> str:
    """ "Wed 10:00", for a card."""
    local = at.astimezone(tz)
    return f"{_WEEKDAYS[local.weekday()][:3]} {local:%H:%M}"


def _reads_as_when(key: str) -> bool:
    """Whether a word after a separator belongs to the day or time (so the separator is filler)."""
    return bool(
        key in _WEEKDAY_WORDS
        or key in _MONTH_WORDS
        or key in _RELATIVE
        or key in _NOON
        or key == "next"
        or _TIME.fullmatch(key)
        or _DAY.fullmatch(key)
        or _ISO.fullmatch(key)
    )


def _read(words: list[_Word], i: int, found: _Found) -> int:
    """Consume the day or time words at `i` into `found`; how many were used, 0 for none."""
    key, typed = words[i].key, words[i].text
    after = [w.key for w in words[i + 1 : i + 4]] + ["", "", ""]
    if match := _ISO.fullmatch(key):
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            raise MeetingError(f"{typed} is not a date: there is no month {month}")
        _set_date(found, typed, day, month, year)
        return 1
    if match := _SLASHED.fullmatch(key):
        raise MeetingError(_slashed(typed, int(match[1]), int(match[2])))
    if key == "next":
        if after[0] not in _WEEKDAY_WORDS:
            raise MeetingError("next what? write a weekday, e.g. next mon 10am")
        _set_weekday(found, words[i + 1].text, _WEEKDAY_WORDS[after[0]])
        found.next_week = True
        return 2
    if key in _WEEKDAY_WORDS:
        _set_weekday(found, typed, _WEEKDAY_WORDS[key])
        return 1
    if key in _RELATIVE:
        if found.offset is not None or found.month is not None:
            raise MeetingError(f"{typed} is a second day: give just one")
        found.offset = _RELATIVE[key]
        return 1
    if key in _NOON:
        _set_clock(found, typed, time(12))
        return 1
    if match := _DAY.fullmatch(key):
        used = 3 if after[0] == "of" else 2  # 3 dec, 3rd of december
        if after[used - 2] in _MONTH_WORDS:
            _set_date(found, typed, int(match[1]), _MONTH_WORDS[after[used - 2]], None)
            return used + _read_year(after[used - 1], found)
    if key in _MONTH_WORDS:
        # "dec 3 9:00" but not "dec 10 am", where 10 is the hour
        if (match := _DAY.fullmatch(after[0])) and not _AM_PM.fullmatch(after[1]):
            _set_date(found, typed, int(match[1]), _MONTH_WORDS[key], None)
            return 2 + _read_year(after[1], found)
        raise MeetingError(f"which day of {_MONTHS[_MONTH_WORDS[key]]}? write e.g. 3 {typed}")
    if match := _TIME.fullmatch(key):
        used = 2 if match[3] is None and _AM_PM.fullmatch(after[0]) else 1
        am_pm = match[3] or (after[0] if used == 2 else None)
        shown = " ".join(w.text for w in words[i : i + used])
        _set_clock(found, shown, _clock(shown, match, am_pm, found))
        return used
    return 0


def _read_year(key: str, found: _Found) -> int:
    if _YEAR.fullmatch(key):
        found.year = int(key)
        return 1
    return 0


def _set_weekday(found: _Found, typed: str, weekday: int) -> None:
    if found.weekday is not None:
        raise MeetingError(f"{typed} is a second day: give just one")
    found.weekday = weekday


def _set_date(found: _Found, typed: str, day: int, month: int, year: int | None) -> None:
    if found.offset is not None or found.month is not None:
        raise MeetingError(f"{typed} is a second day: give just one")
    found.day, found.month, found.year = day, month, year


def _set_clock(found: _Found, typed: str, clock: time) -> None:
    if found.clock is not None:
        raise MeetingError(f"{typed} is a second time: give just one")
    found.clock = clock


def _clock(typed: str, match: re.Match[str], am_pm: str | None, found: _Found) -> time:
    hour, minute = int(match[1]), int(match[2] or 0)
    if am_pm is not None:
        if 13 <= hour <= 23:
            raise MeetingError(f"{typed} is not a time: write {hour - 12}pm or {hour}:00")
        if hour == 0:
            raise MeetingError(f"{typed} is not a time: write 12am or 00:00")
        if hour <= 12:
            hour = hour % 12 + (12 if am_pm.startswith("p") else 0)
    elif match[2] is None:
        if not found.has_day:
            raise MeetingError(
                f"{typed} alone is unclear: put a day before an hour (tmrw 9) "
                f"or a month after a date ({typed} dec)"
            )
        if hour == 0:
            raise MeetingError(f"{typed} what? write 12am or 00:00")
        if hour <= 7:  # a meeting at 4 in the morning is rarely meant, at 4pm often
            raise MeetingError(f"{typed} what? write {hour}pm or {hour + 12}:00")
    elif len(match[1]) == 1 and 1 <= hour <= 7 and minute <= 59:
        raise MeetingError(f"{typed} what? write {typed}pm or {hour + 12}:{minute:02d}")
    if hour > 23 or minute > 59:
        raise MeetingError(f"{typed} is not a time of day")
    return time(hour, minute)


def _slashed(typed: str, first: int, second: int) -> str:
    # Refused even when only one reading is real: 13/3 and 3/13 should not differ in kind.
    if _real(first, second) and _real(second, first) and first != second:
        return (
            f"{typed} could be {first} {_MONTHS[second]} or {second} {_MONTHS[first]}: "
            f"write {first} {_MONTHS[second][:3].lower()}"
        )
    day, month = (second, first) if _real(second, first) else (first, second)
    example = f"{day} {_MONTHS[month][:3].lower()}" if _real(day, month) else "3 dec"
    return f"{typed}: write the month in words, e.g. {example}"


def _real(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def _resolve_day(found: _Found, now: datetime, zone: tzinfo) -> date:
    today = now.astimezone(zone).date()
    if found.month is not None and found.day is not None:
        month, day = found.month, found.day
        year = found.year or today.year
        if found.year is None and (month, day) < (today.month, today.day):
            year += 1
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            bare = found.year is None and day > (29 if month == 2 else last)
            where = _MONTHS[month] if bare else f"{_MONTHS[month]} {year}"
            raise MeetingError(f"{where} has no {_ordinal(day)}")
        chosen = date(year, month, day)
    elif found.offset is not None:
        chosen = today + timedelta(days=found.offset)
    else:
        assert found.weekday is not None
        if found.next_week:
            monday = today - timedelta(days=today.weekday())
            return monday + timedelta(days=7 + found.weekday)
        chosen = today + timedelta(days=(found.weekday - today.weekday()) % 7)
        if found.clock is not None and _moment(chosen, found.clock, zone) <= now:
            chosen += timedelta(days=7)
        return chosen
    if found.weekday is not None and chosen.weekday() != found.weekday:
        raise MeetingError(
            f"{chosen.day} {_MONTHS[chosen.month]} {chosen.year} is a "
            f"{_WEEKDAYS[chosen.weekday()]}, not a {_WEEKDAYS[found.weekday]}"
        )
    return chosen


def _moment(day: date, clock: time, zone: tzinfo) -> datetime:
    local = datetime.combine(day, clock, tzinfo=zone)
    at = local.astimezone(UTC)
    # A wall time skipped when clocks go forward comes back as another time: say so.
    if at.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise MeetingError(
            f"{clock:%H:%M} does not exist on {_day_words(day, None)}: the clocks change then"
        )
    return at


def _day_words(day: date, today: date | None) -> str:
    year = f" {day.year}" if today is not None and day.year != today.year else ""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month]}{year}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"
