"""The funnel, reply rates, outreach per week, and LAMP ordering."""

from __future__ import annotations

from datetime import date

from infoint_tui.core import stats
from infoint_tui.core.companies import company_rows
from infoint_tui.core.models import Company, Contact, Stage
from infoint_tui.core.store import Store
from tests.conftest import START


def test_demo_funnel_counts_contacts_that_reached_each_stage(demo_store: Store) -> None:
    reached = stats.funnel(demo_store.contacts.all().values())
    assert reached[Stage.TARGET] == 25
    assert reached[Stage.MET] == 6  # three met, three nurtured
    assert reached[Stage.NURTURE] == 3
    assert list(reached.values()) == sorted(reached.values(), reverse=True)


def test_reply_rate_per_template(demo_store: Store) -> None:
    rates = {
        rate.template: rate
        for rate in stats.reply_rates(
            demo_store.letters.all().values(), dict(demo_store.contacts.all())
        )
    }
    assert rates["thank-you"].sent == 3 and rates["thank-you"].replied == 0
    assert rates["referral-request"].sent == 8
    assert 0 < rates["referral-request"].rate < 1


def test_outreach_per_week_and_sparkline(demo_store: Store) -> None:
    weeks = stats.outreach_per_week(
        demo_store.contacts.all().values(), demo_store.letters.all().values(), START.date()
    )
    assert len(weeks) == 12 and weeks[-1][0] == date(2026, 11, 23)  # this week's Monday
    assert sum(count for _, count in weeks) > 0
    assert stats.sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert stats.sparkline([0, 0]) == "▁▁"


def test_companies_sort_by_motivation_posting_advocacy_and_mark_the_top_five() -> None:
    companies = [
        Company(name="Low", motivation=1, posting=3, advocacy="yes"),
        Company(name="High", motivation=3, posting=1),
        Company(name="High Posting", motivation=3, posting=2),
        Company(name="Tie A", motivation=2, posting=2, advocacy="no"),
        Company(name="Tie B", motivation=2, posting=2, advocacy="yes"),
        Company(name="Sixth", motivation=0, posting=1),
    ]
    contacts = [
        Contact(name="x", company="  tie a ", stage=Stage.MET),
        Contact(name="y", company="Unscored Inc"),
    ]
    rows = company_rows(companies, contacts, known={"tie a": 2})
    names = [row.name for row in rows]
    # Tie A's two known people give it advocacy, so it ties with Tie B and sorts by name.
    assert names[:5] == ["High Posting", "High", "Tie A", "Tie B", "Low"]
    assert [row.top for row in rows[:6]] == [True, True, True, True, True, False]
    tie_a = rows[2]
    assert tie_a.stages == {Stage.MET: 1} and tie_a.known == 2 and tie_a.advocacy
    unscored = next(row for row in rows if row.name == "Unscored Inc")
    assert unscored.company is None and not unscored.top
