"""Matching imports against the network, and applying them whole or not at all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from infoint_tui.core.documents import Store
from infoint_tui.core.exchange import (
    ImportPlan,
    ParsedFile,
    ParsedRow,
    Person,
    StalePlanError,
    apply_plan,
    parse_linkedin,
    plan_import,
)
from infoint_tui.core.store.atomic import WriteFailed, atomic_write
from infoint_tui.core.store.docfile import DocumentFile
from infoint_tui.core.store.errors import SaveFailed
from tests.conftest import START, FakeClock

# The storage module writes data files through this name (backups use their own).
STORAGE_WRITE = "infoint_tui.core.store.storage.atomic_write"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@pytest.fixture
def network(store: Store) -> DocumentFile[Person]:
    file = store.network
    file.load()
    return file


def rows(*values: dict[str, str], source: str = "csv") -> ParsedFile:
    return ParsedFile(
        "csv" if source == "csv" else "linkedin",
        tuple(ParsedRow(line, value) for line, value in enumerate(values, start=2)),
        "utf-8",
    )


def linkedin(*lines: str) -> ParsedFile:
    return parse_linkedin("\n".join([HEADER, *lines]).encode())


def test_people_already_present_are_updated_not_duplicated(
    network: DocumentFile[Person],
) -> None:
    apply_plan(
        plan_import(
            linkedin(
                "Jane,Doe,https://www.linkedin.com/in/jane-doe/,,Acme,Engineer,15 Mar 2024",
                "John,Roe,https://www.linkedin.com/in/john-roe,john@example.com,Initech,PM,",
            ),
            [],
            now=START,
        ),
        network,
    )
    later = START + timedelta(days=30)
    plan = plan_import(
        linkedin(
            # Same profile written another way; new job.
            "Jane,Doe,HTTP://LinkedIn.com/in/Jane-Doe?trk=x,,Globex,Staff Engineer,15 Mar 2024",
            # Same person by e-mail only (no URL in this row), unchanged otherwise.
            "John,Roe,,JOHN@example.com,Initech,PM,",
            "Mary,Major,https://www.linkedin.com/in/mary-major,,,,",
        ),
        network.all().values(),
        now=later,
    )
    assert plan.counts == {"added": 1, "updated": 1, "skipped": 0, "unchanged": 1}
    assert plan.summary() == "added 1, updated 1, skipped 0, unchanged 1"
    ((old, new),) = plan.updated
    assert (old.company, new.company, new.position) == ("Acme", "Globex", "Staff Engineer")
    assert new.id == old.id and new.created == START and new.updated == later
    assert new.linkedin_url == "https://www.linkedin.com/in/jane-doe/"  # stored address kept
    result = apply_plan(plan, network)
    assert [p.name for p in result.added] == ["Mary Major"]
    assert len(network) == 3
    assert network.require(old.id).company == "Globex"


def test_empty_values_never_erase_and_notes_are_kept(network: DocumentFile[Person]) -> None:
    stored = network.insert(
        Person(
            name="Ada",
            email="ada@example.com",
            phone="+44 1",
            notes="my own notes",
            contact_id=5,
            source="vcard",
            connected_on=date(2020, 1, 1),
        )
    )
    plan = plan_import(
        rows({"name": "Ada", "email": "ADA@example.com", "notes": "imported note"}),
        network.all().values(),
        now=START,
    )
    assert plan.updated == () and plan.unchanged == 1
    apply_plan(plan, network)
    assert network.require(stored.id) == stored


def test_duplicates_within_a_file_are_collapsed_with_reasons() -> None:
    plan = plan_import(
        rows(
            {"name": "Ada", "linkedin_url": "https://linkedin.com/in/ada"},  # line 2
            {"name": "Bob", "email": "bob@example.com"},  # line 3
            {"name": "Ada L.", "linkedin_url": "linkedin.com/in/ADA/", "phone": "+1 555"},  # 4
            {"name": "", "email": "nobody@example.com"},  # line 5
            {"name": "Robert", "email": "Bob@Example.com"},  # line 6
            {"name": "Carl", "company": "Acme"},  # line 7: no URL or e-mail
            {"name": "carl", "company": "ACME"},  # line 8: same name and company
        ),
        [],
        now=START,
    )
    assert [(note.line, note.reason) for note in plan.skipped] == [
        (4, "duplicate of line 2"),
        (5, "no name"),
        (6, "duplicate of line 3"),
        (8, "duplicate of line 7"),
    ]
    ada, bob, carl = plan.added
    assert (ada.name, ada.phone) == ("Ada", "+1 555")  # first row wins, blanks filled
    assert bob.name == "Bob" and carl.name == "Carl"


def test_two_rows_matching_one_stored_person_update_it_once() -> None:
    stored = Person(
        id=4, name="Ada", email="ada@example.com", linkedin_url="https://linkedin.com/in/ada"
    )
    plan = plan_import(
        rows(
            {"name": "Ada", "linkedin_url": "https://linkedin.com/in/ada", "company": "Engines"},
            {"name": "Ada", "email": "ada@example.com", "position": "Countess"},
        ),
        [stored],
        now=START,
    )
    assert [(note.line, note.reason) for note in plan.skipped] == [(3, "duplicate of line 2")]
    ((_, new),) = plan.updated
    assert (new.company, new.position) == ("Engines", "Countess")


def test_bad_values_are_left_out_with_a_warning() -> None:
    plan = plan_import(
        rows(
            {
                "name": "Ada",
                "email": "ada at example",
                "phone": "call me",
                "linkedin_url": "https://example.com/ada",
                "connected_on": "yesterday",
            }
        ),
        [],
        now=START,
    )
    (ada,) = plan.added
    assert (ada.email, ada.phone, ada.linkedin_url, ada.connected_on) == ("", "", "", None)
    assert [note.line for note in plan.warnings] == [2, 2, 2, 2]


def test_a_url_without_scheme_gets_https() -> None:
    (ada,) = plan_import(
        rows({"name": "Ada", "linkedin_url": "www.linkedin.com/in/ada"}), [], now=START
    ).added
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada"


def test_apply_writes_once(network: DocumentFile[Person], monkeypatch: pytest.MonkeyPatch) -> None:
    network.insert(Person(name="Old", email="old@example.com"))
    writes: list[Path] = []
    real = atomic_write

    def counting(path: Path, data: bytes) -> object:
        writes.append(path)
        return real(path, data)

    monkeypatch.setattr(STORAGE_WRITE, counting)
    plan = plan_import(
        rows(
            {"name": "Old", "email": "old@example.com", "company": "New Co"},
            *({"name": f"P{n}", "email": f"p{n}@example.com"} for n in range(50)),
        ),
        network.all().values(),
        now=START,
    )
    apply_plan(plan, network)
    assert writes == [network.path]
    assert len(network) == 51


def test_nothing_to_change_writes_nothing(
    network: DocumentFile[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    network.insert(Person(name="Old", email="old@example.com"))
    before = network.path.read_bytes()
    monkeypatch.setattr(STORAGE_WRITE, None)  # any write would fail loudly
    plan = plan_import(
        rows({"name": "Old", "email": "old@example.com"}), network.all().values(), now=START
    )
    assert not plan.changes_anything
    apply_plan(plan, network)
    assert network.path.read_bytes() == before


def test_a_failed_write_leaves_file_and_memory_unchanged(
    network: DocumentFile[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    network.insert(Person(name="Old", email="old@example.com"))
    before = network.path.read_bytes()
    people_before = dict(network.all())

    def failing(path: Path, data: bytes) -> object:
        raise WriteFailed(28, "could not save: No space left on device")

    monkeypatch.setattr(STORAGE_WRITE, failing)
    plan = plan_import(
        rows({"name": "Old", "email": "old@example.com", "company": "X"}, {"name": "New"}),
        network.all().values(),
        now=START,
    )
    with pytest.raises(SaveFailed):
        apply_plan(plan, network)
    assert network.path.read_bytes() == before
    assert dict(network.all()) == people_before


def test_a_stale_plan_is_refused_and_writes_nothing(
    store: Store, network: DocumentFile[Person], clock: FakeClock
) -> None:
    stored = network.insert(Person(name="Ada", email="ada@example.com"))
    plan = plan_import(
        rows({"name": "Ada", "email": "ada@example.com", "company": "Engines"}, {"name": "Bob"}),
        network.all().values(),
        now=START,
    )
    # Another process changes Ada meanwhile.
    other = Store(store.data_dir, clock=clock)
    other_network = other.network
    other.open()
    other_network.put(replace(stored, company="Babbage & Co"))
    before = network.path.read_bytes()
    with pytest.raises(StalePlanError):
        apply_plan(plan, network)
    assert network.path.read_bytes() == before
    assert network.require(stored.id).company == "Babbage & Co"


def test_a_plan_from_the_file_notices_a_change_by_another_process(
    store: Store, network: DocumentFile[Person], clock: FakeClock
) -> None:
    stored = network.insert(Person(name="Ada", email="ada@example.com"))
    plan = plan_import(
        rows({"name": "Ada", "email": "ada@example.com", "company": "Engines"}), network, now=START
    )
    assert plan.basis is not None
    other = Store(store.data_dir, clock=clock)
    other_network = other.network
    other.open()
    other_network.put(replace(stored, company="Babbage & Co"))
    with pytest.raises(StalePlanError):
        apply_plan(plan, network)
    # Planned again from the fresh file, it applies.
    network.refresh()
    apply_plan(
        plan_import(
            rows({"name": "Ada", "email": "ada@example.com", "company": "Engines"}),
            network,
            now=START,
        ),
        network,
    )
    assert network.require(stored.id).company == "Engines"


def test_a_plan_adding_someone_added_meanwhile_is_refused(network: DocumentFile[Person]) -> None:
    plan = plan_import(rows({"name": "Ada", "email": "ada@example.com"}), [], now=START)
    network.insert(Person(name="Ada", email="ada@example.com"))
    with pytest.raises(StalePlanError):
        apply_plan(plan, network)
    assert len(network) == 1


def test_progress_is_reported_to_the_end() -> None:
    seen: list[tuple[int, int]] = []
    many = rows(*({"name": f"P{n}"} for n in range(4500)))
    plan_import(many, [], now=START, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]


def test_empty_plan_summary() -> None:
    assert ImportPlan("csv").summary() == "added 0, updated 0, skipped 0"
