"""Numbers worth looking at: the funnel, reply rate per template, outreach per week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .contacts.followups import local_day
from .contacts.model import Contact, Stage
from .letters.letter import Letter

FUNNEL = (Stage.TARGET, Stage.REQUESTED, Stage.FOLLOW_UP, Stage.SCHEDULED, Stage.MET, Stage.NURTURE)
_REPLIED_STAGES = {Stage.SCHEDULED, Stage.MET, Stage.NURTURE}
SPARKS = "▁▂▃▄▅▆▇█"


def funnel(contacts: Iterable[Contact]) -> dict[Stage, int]:
    """How many contacts ever reached each stage.

    A contact further along counts for the steps before it (a Met contact was
    once a target and was once asked), except Follow-up, which many skip.
    """
    reached = dict.fromkeys(FUNNEL, 0)
    for contact in contacts:
        stages = {change.stage for change in contact.stage_history} | {contact.stage}
        furthest = max((FUNNEL.index(stage) for stage in stages if stage in FUNNEL), default=-1)
        for index, stage in enumerate(FUNNEL):
            if stage in stages or (index <= furthest and stage is not Stage.FOLLOW_UP):
                reached[stage] += 1
    return reached


@dataclass(frozen=True)
class TemplateRate:
    template: str
    sent: int
    replied: int

    @property
    def rate(self) -> float:
        return self.replied / self.sent if self.sent else 0.0


def reply_rates(letters: Iterable[Letter], contacts: dict[int, Contact]) -> list[TemplateRate]:
    """Per template: letters sent, and how many of those contacts replied afterwards.

    A reply is a logged reply; for a request, reaching Scheduled or beyond after
    it counts too (they must have said yes).
    """
    sent: dict[str, int] = {}
    replied: dict[str, int] = {}
    for letter in letters:
        if letter.status != "sent" or letter.sent_at is None:
            continue
        sent[letter.template] = sent.get(letter.template, 0) + 1
        contact = contacts.get(letter.contact_id)
        if contact is None:
            continue
        after = letter.sent_at
        asked = "request" in letter.template or "follow-up" in letter.template
        answered = any(e.kind == "reply" and e.at >= after for e in contact.events) or (
            asked
            and any(
                change.stage in _REPLIED_STAGES and change.at >= after
                for change in contact.stage_history
            )
        )
        if answered:
            replied[letter.template] = replied.get(letter.template, 0) + 1
    return sorted(
        (TemplateRate(name, count, replied.get(name, 0)) for name, count in sent.items()),
        key=lambda rate: (-rate.sent, rate.template),
    )


def outreach_per_week(
    contacts: Iterable[Contact], letters: Iterable[Letter], today: date, weeks: int = 12
) -> list[tuple[date, int]]:
    """Requests and letters sent per week (Mondays), oldest first, ``weeks`` long."""
    this_monday = today - timedelta(days=today.weekday())
    starts = [this_monday - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    moments = [
        change.at
        for contact in contacts
        for change in contact.stage_history
        if change.stage is Stage.REQUESTED
    ]
    moments.extend(
        letter.sent_at
        for letter in letters
        if letter.sent_at is not None
        and letter.status == "sent"
        and "request" not in letter.template
    )
    for moment in moments:
        day = local_day(moment)
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday] += 1
    return list(counts.items())


def sparkline(values: list[int]) -> str:
    """Values as block characters, tallest = the largest value (all low when all zero)."""
    top = max(values, default=0)
    if top == 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(value / top * (len(SPARKS) - 1))] for value in values)


def week_columns(counts: Sequence[int]) -> tuple[str, str]:
    """A bar row and a count row in which each week's count sits under its own bar.

    Every week gets a column as wide as the largest count (at least 2 cells),
    one space apart: the bar fills its column, the count is right-aligned in it.
    Twelve weeks of counts under 10,000 take at most 59 cells.
    """
    width = max([2, *(len(str(count)) for count in counts)])
    bars = " ".join(spark * width for spark in sparkline(list(counts)))
    numbers = " ".join(f"{count:>{width}}" for count in counts)
    return bars, numbers


def bar(value: int, top: int, width: int) -> str:
    if top <= 0:
        return ""
    filled = max(1 if value else 0, round(value / top * width))
    return "█" * filled
