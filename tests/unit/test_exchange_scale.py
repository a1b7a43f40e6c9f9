"""LinkedIn's cap: 30,000 rows against 30,000 people already in the network.

Asserts correctness only; the time it takes is measured outside the tests
(see the exchange report), never asserted here.
"""

from __future__ import annotations

from pathlib import Path

from infoint_tui.core.documents import Store
from infoint_tui.core.exchange import apply_plan, parse_linkedin, plan_import
from tests.conftest import START, FakeClock

N = 30_000
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
NAMES = ("Jane", "Иван", "美咲", "محمد", "Zoë 🚀", "José", "Kwame")


def export(first: int, count: int, position: str) -> bytes:
    lines = ["Notes:", '"Some e-mail addresses are missing, as usual."', "", HEADER]
    for n in range(first, first + count):
        email = f"p{n}@example.com" if n % 10 == 0 else ""
        lines.append(
            f"{NAMES[n % 7]},Person{n},https://www.linkedin.com/in/person-{n},{email},"
            f'"Company {n % 500}, Inc.",{position},15 Mar 2024'
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def test_thirty_thousand_rows_against_thirty_thousand_people(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock)
    network = store.network
    store.open()
    first = plan_import(parse_linkedin(export(0, N, "Engineer")), [], now=START)
    assert len(first.added) == N
    apply_plan(first, network)

    # The next export: people 10,000-39,999, the known ones promoted, plus a
    # duplicate row and a nameless one at the end.
    raw = export(10_000, N, "Manager")
    raw += b",,https://www.linkedin.com/in/anonymous,,,,\r\n"
    raw += b"Jane,Person10010,https://linkedin.com/in/PERSON-10010/,,,,\r\n"
    parsed = parse_linkedin(raw)
    assert len(parsed.rows) == N + 2
    later = clock.advance(hours=1)  # same day: no daily backup copy of 12 MB in a unit test
    plan = plan_import(parsed, network, now=later)
    assert plan.counts == {"added": 10_000, "updated": 20_000, "skipped": 2, "unchanged": 0}
    assert [note.reason for note in plan.skipped] == ["no name", "duplicate of line 15"]
    result = apply_plan(plan, network)
    assert len(result.added) == 10_000 and len(result.updated) == 20_000

    reopened = Store(data_dir, clock=clock)
    file = reopened.network
    reopened.open()
    people = file.all()
    assert len(people) == 40_000
    by_url = {person.linkedin_url: person for person in people.values()}
    kept = by_url["https://www.linkedin.com/in/person-5"]
    assert (kept.position, kept.updated) == ("Engineer", START)
    moved = by_url["https://www.linkedin.com/in/person-20000"]
    assert (moved.position, moved.created, moved.updated) == ("Manager", START, later)
    assert moved.email == "p20000@example.com" and moved.name == "Иван Person20000"
    assert by_url["https://www.linkedin.com/in/person-39999"].created == later
