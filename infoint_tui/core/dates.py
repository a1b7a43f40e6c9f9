"""Dates and times: parsing with clear messages, UTC timestamps, business days."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
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


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start``, skipping Saturdays and Sundays.

    Counting starts the next day, so a Friday plus one business day is Monday.
    """
    if days < 0:
        raise ValueError("business days must not be negative")
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def next_business_day_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def timestamp_or_none(value: object) -> datetime | None:
    """A stored timestamp, or None when there is none."""
    return parse_timestamp(str(value)) if value else None
