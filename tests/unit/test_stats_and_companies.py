"""The funnel, reply rates, outreach per week, and LAMP ordering."""

from __future__ import annotations

import re
from datetime import date

import pytest

from infoint_tui.core import stats
from infoint_tui.core.companies import Company, company_rows
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
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


def columns(row: str, pattern: str) -> list[tuple[int, int, str]]:
    """Each run matching ``pattern`` in a row: (first cell, end cell, text)."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(pattern, row)]


@pytest.mark.parametrize(
    "counts",
    [
        [0, 3, 12, 1, 0, 7, 9, 10, 2, 0, 5, 1],
        [0] * 12,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2],
        [999, 0, 45, 1, 100, 3, 0, 0, 7, 12, 250, 9],
        [9999, 1, 0, 10, 100, 1000, 5, 0, 0, 0, 0, 42],
    ],
)
def test_week_columns_put_each_count_under_its_bar(counts: list[int]) -> None:
    bars, numbers = stats.week_columns(counts)
    bar_runs = columns(bars, r"\S+")
    number_runs = columns(numbers, r"\d+")
    assert len(bar_runs) == len(number_runs) == len(counts)
    sparks = stats.sparkline(counts)
    for count, spark, (bar_start, bar_end, bar), (start, end, number) in zip(
        counts, sparks, bar_runs, number_runs, strict=True
    ):
        assert int(number) == count
        assert set(bar) == {spark}  # the week's bar, as tall as the sparkline draws it
        assert bar_start <= start and end <= bar_end, (bars, numbers)  # under its own bar
        assert end - start <= bar_end - bar_start
    assert len({end - start for start, end, _ in bar_runs}) == 1  # one width for every week
    # Twelve weeks leave room in 80 columns for "07 Sep " before and " this week" after.
    assert len(bars) == len(numbers) <= 80 - len("07 Sep ") - len(" this week")


def test_week_columns_are_at_least_two_cells_and_widen_for_big_counts() -> None:
    assert stats.week_columns([0, 1, 2, 4]) == ("▁▁ ▃▃ ▅▅ ██", " 0  1  2  4")
    bars, numbers = stats.week_columns([5, 120])
    assert numbers == "  5 120" and bars == "▁▁▁ ███"
    assert stats.week_columns([]) == ("", "")


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
