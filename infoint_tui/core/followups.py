"""Date rules: what entering a stage schedules, counted in business days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import add_business_days
from .models import Stage


@dataclass(frozen=True)
class FollowUpRules:
    """The numbers behind every rule; the settings file can change each one."""

    requested_business_days: int = 3
    follow_up_business_days: int = 7
    thank_you_days: int = 1
    article_days: int = 21
    keep_in_touch_weeks: int = 6


def local_day(moment: datetime) -> date:
    """The user's calendar day at ``moment`` (their machine's time zone)."""
    return moment.astimezone().date()


def schedule_for_stage(
    stage: Stage, now: datetime, rules: FollowUpRules
) -> tuple[date | None, str]:
    """The next follow-up date and action on entering ``stage``."""
    today = local_day(now)
    if stage is Stage.REQUESTED:
        return add_business_days(today, rules.requested_business_days), "Follow up on request"
    if stage is Stage.FOLLOW_UP:
        return add_business_days(today, rules.follow_up_business_days), "Follow up once more"
    if stage is Stage.MET:
        return today + timedelta(days=rules.thank_you_days), "Send thank-you note"
    if stage is Stage.NURTURE:
        return today + timedelta(days=rules.article_days), "Share an article"
    if stage is Stage.SCHEDULED:
        return None, "Prepare questions"
    return None, ""
