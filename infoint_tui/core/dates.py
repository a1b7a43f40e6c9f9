"""Dates and times: parsing with clear messages, UTC timestamps, business days."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware. Injected so tests never sleep."""


class DateError(ValueError):
    """A date or time the user typed that is not a real one."""


def utc_now() -> datetime:
    # Whole seconds, as the files store them: a contact in memory then equals
    # the same contact read back, so "did another process change it?" is exact.
    return datetime.now(UTC).replace(microsecond=0)


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every time in infoint carries a zone")
    return moment.astimezone(UTC)


def format_timestamp(moment: datetime) -> str:
    """UTC, second precision, with a Z: what the files hold."""
    return to_utc(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise DateError(f"{text!r} is not a timestamp (expected 2026-11-26T09:30:00Z)") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD, with a message saying what is wrong."""
    match = _ISO_DATE.match(text)
    if not match:
        raise DateError(f"{text.strip()!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-12-01")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise DateError(f"{text.strip()} is not a real date: there is no month {month}")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        month_name = calendar.month_name[month]
        raise DateError(
            f"{text.strip()} is not a real date: {month_name} {year} has {days_in_month} days"
        )
    return date(year, month, day)


_LOCAL_DATETIME = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):(\d{2})\s*$")


def parse_local_datetime(text: str) -> datetime:
    """ "2026-12-03 14:00" in the user's time zone (or a stored UTC timestamp) -> UTC."""
    if text.strip().endswith("Z"):
        return parse_timestamp(text.strip())
    match = _LOCAL_DATETIME.match(text)
    if not match:
        raise DateError(
            f"{text.strip()!r} is not a date and time: write it as YYYY-MM-DD HH:MM, "
            "e.g. 2026-12-03 14:00"
        )
    day = parse_date(match.group(1))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise DateError(f"{text.strip()} is not a real time of day")
    local = datetime(day.year, day.month, day.day, hour, minute).astimezone()
    return local.astimezone(UTC)


def format_local_datetime(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def format_date(day: date) -> str:
    return day.isoformat()


class HolidayError(ValueError):
    """A country or region for public holidays that the ``holidays`` package does not know."""


@dataclass(frozen=True)
class BusinessDays:
    """The working days: Monday to Friday, less the public holidays of ``country``
    (an ISO code such as GB, US, DE) and of its ``subdivision`` (ENG, CA, BY).

    No country (the default) is weekends only. Build one from what a user typed
    with :meth:`checked`. The ``holidays`` package is imported only when a
    calendar with a country is first asked about a day, and each year's holidays
    are worked out once and kept on the instance (it is configuration).
    """

    country: str = ""
    subdivision: str = ""
    _years: dict[int, Mapping[date, tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def checked(cls, country: str, subdivision: str = "") -> BusinessDays:
        """The calendar for ``country`` and ``subdivision`` as a user typed them,
        in the package's own codes (case and region names such as "England"
        are forgiven). Raises :class:`HolidayError` saying what to write instead.
        """
        country, subdivision = country.strip(), subdivision.strip()
        if not country:
            if subdivision:
                raise HolidayError(
                    f'subdivision {subdivision!r} needs a country too: add e.g. country = "GB"'
                )
            return cls()
        import holidays  # here, not at the top: it takes a tenth of a second to load

        supported = holidays.list_supported_countries(include_aliases=True)
        code = country.upper()
        if code not in supported:
            raise HolidayError(
                f"country {country!r} is not known: use a two-letter code such as GB, US, DE"
            )
        entity = holidays.country_holidays(code)
        if not subdivision:
            return cls(entity.country)
        codes = {str(sub).upper(): str(sub) for sub in entity.subdivisions}
        aliases = getattr(entity, "subdivisions_aliases", {})
        codes.update({str(alias).upper(): str(sub) for alias, sub in aliases.items()})
        found = codes.get(subdivision.upper())
        if found is None:
            known = sorted(str(sub) for sub in entity.subdivisions)
            listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
            hint = f"use one of {listed}" if known else f"{entity.country} has none"
            raise HolidayError(
                f"subdivision {subdivision!r} is not known for {entity.country}: "
                f"{hint}, or leave it out"
            )
        return cls(entity.country, found)

    def holidays_in(self, year: int) -> Mapping[date, tuple[str, ...]]:
        """The public holidays of ``year``: day -> its names (none without a country)."""
        if not self.country:
            return {}
        known = self._years.get(year)
        if known is None:
            import holidays  # here, not at the top: only a user with a country needs it

            subdiv = self.subdivision or None
            entity = holidays.country_holidays(self.country, subdiv=subdiv)
            language = entity.default_language
            if (
                language is not None
                and not language.startswith("en")
                and "en_US" in entity.supported_languages
            ):
                language = "en_US"  # the app speaks English: "New Year's Day", not "Neujahr"
            table = holidays.country_holidays(
                self.country, subdiv=subdiv, years=year, language=language
            )
            known = {day: tuple(table.get_list(day)) for day in sorted(table)}
            self._years[year] = known
        return known

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays_in(day.year)

    def add(self, start: date, days: int) -> date:
        """The date ``days`` business days after ``start``.

        Counting starts the next day, so a Friday plus one business day is Monday
        (Tuesday when that Monday is a public holiday).
        """
        if days < 0:
            raise ValueError("business days must not be negative")
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_business_day(current):
                remaining -= 1
        return current

    def on_or_after(self, day: date) -> date:
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def why_moved(self, start: date, due: date) -> str:
        """Why ``due`` is later than weekends alone would make it: "after New Year's
        Day", "after Christmas Day and Boxing Day"; "" when no holiday moved it.

        Names the public holidays on weekdays after ``start`` and before ``due``.
        """
        if not self.country:
            return ""
        names: list[str] = []
        day = start + timedelta(days=1)
        while day < due:
            if day.weekday() < 5:
                for name in self.holidays_in(day.year).get(day, ()):
                    if name not in names:
                        names.append(name)
            day += timedelta(days=1)
        if not names:
            return ""
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"after {listed}"


WEEKENDS_ONLY = BusinessDays()
"""Saturdays and Sundays off, no public holidays: the default."""

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def due_text(due: date, start: date, calendar: BusinessDays = WEEKENDS_ONLY) -> str:
    """ "Mon 4 Jan: after New Year's Day", or "Mon 4 Jan" when no holiday moved it.

    ``start`` is the day the business days were counted from (not itself counted).
    """
    text = f"{_DAY_NAMES[due.weekday()]} {due.day} {_MONTH_NAMES[due.month - 1]}"
    reason = calendar.why_moved(start, due)
    return f"{text}: {reason}" if reason else text


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start``, skipping Saturdays and Sundays.

    Counting starts the next day, so a Friday plus one business day is Monday.
    With public holidays: ``rules.calendar.add``.
    """
    return WEEKENDS_ONLY.add(start, days)


def next_business_day_on_or_after(day: date) -> date:
    return WEEKENDS_ONLY.on_or_after(day)


def timestamp_or_none(value: object) -> datetime | None:
    """A stored timestamp, or None when there is none."""
    return parse_timestamp(str(value)) if value else None
