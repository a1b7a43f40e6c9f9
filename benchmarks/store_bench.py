"""In-process timings of the store: one save, and a large import once the importer exists."""

from __future__ import annotations

import importlib
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store

from .generate import network_file, write_linkedin_csv
from .measure import percentile

# The importer: parse the file, plan against the network, write the plan (see
# infoint_tui/core/exchange). Looked up by name, so a change there gives a note, not a crash.
IMPORT_MODULE = "infoint_tui.core.exchange"
IMPORT_STEPS = ("parse_linkedin", "plan_import", "apply_plan")


@dataclass
class SaveStats:
    contacts: int
    repeats: int
    median: float
    p95: float
    first: float  # the first save of the day also takes the daily backup
    file_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ImportResult:
    rows: int
    seconds: float | None = None  # the whole import: read, parse, plan, write
    steps: dict[str, float] = field(default_factory=dict)
    added: int | None = None
    linked: int | None = None  # people the import linked to pipeline contacts
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def time_saves(data_dir: Path, repeats: int) -> SaveStats:
    """``store.contacts.put`` of one changed contact, on a copy of ``data_dir``."""
    with tempfile.TemporaryDirectory(prefix="infoint-bench-save-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("*.lock", "*.holder"))
        store = Store(copy).open()
        contact = next(iter(store.contacts))
        durations: list[float] = []
        for index in range(max(1, repeats)):
            changed = replace(contact, notes=f"benchmark save {index}")
            started = time.perf_counter()
            store.contacts.put(changed)
            durations.append(time.perf_counter() - started)
        return SaveStats(
            contacts=len(store.contacts),
            repeats=len(durations),
            median=statistics.median(durations),
            p95=percentile(durations, 0.95),
            first=durations[0],
            file_bytes=store.contacts.path.stat().st_size,
        )


def find_importer() -> tuple[Any, str]:
    """The exchange module, or None and why the import cannot be measured yet."""
    try:
        module = importlib.import_module(IMPORT_MODULE)
    except ImportError:
        return None, f"import skipped: {IMPORT_MODULE} does not exist yet"
    except Exception as error:  # work in progress elsewhere in the tree: report, go on
        return None, f"import skipped: {IMPORT_MODULE} fails to import ({error})"
    missing = [name for name in (*IMPORT_STEPS, "NETWORK") if not hasattr(module, name)]
    if missing:
        return None, f"import skipped: {IMPORT_MODULE} has no {', '.join(missing)}"
    return module, ""


def time_import(rows: int, *, seed: int = 1, contacts: int = 1000) -> ImportResult:
    """A LinkedIn connections export of ``rows`` people into an empty network,
    linked to a pipeline of ``contacts`` contacts (every one of them in the file,
    by LinkedIn profile): the import links them as it plans."""
    result = ImportResult(rows)
    exchange, why = find_importer()
    if exchange is None:
        result.notes.append(why)
        return result
    with tempfile.TemporaryDirectory(prefix="infoint-bench-import-") as scratch:
        source = write_linkedin_csv(Path(scratch) / "Connections.csv", rows, seed=seed)
        store = Store(Path(scratch) / "data").open()
        network = network_file(store)
        try:
            started = time.perf_counter()
            parsed = exchange.parse_linkedin(source.read_bytes())
            pipeline = [
                Contact(
                    name=row.values.get("name", "?"),
                    id=number,
                    linkedin_url=row.values.get("linkedin_url", ""),
                )
                for number, row in enumerate(parsed.rows[:contacts], start=1)
            ]
            parsed_at = time.perf_counter()
            plan = exchange.plan_import(
                parsed, list(network.all().values()), now=store.clock(), contacts=pipeline
            )
            planned_at = time.perf_counter()
            written = exchange.apply_plan(plan, network)
            done = time.perf_counter()
        except Exception as error:  # someone else's code, maybe mid-change: report, go on
            result.notes.append(f"import failed: {type(error).__name__}: {error}")
            return result
        result.seconds = done - started
        result.steps = {
            "read+parse": parsed_at - started,
            "plan": planned_at - parsed_at,
            "write": done - planned_at,
        }
        result.added = len(getattr(written, "added", ()))
        result.linked = sum(1 for person in plan.added if person.contact_id is not None)
    return result


def time_people(people: int = 30000, contacts: int = 1000, *, repeats: int = 5) -> str:
    """Who you know at a company (the contact screen and Companies' p ask it) and
    the Referrer field's completion, over ``people`` network people and
    ``contacts`` contacts: medians, as one line for the report's notes."""
    import asyncio
    import random

    from textual.suggester import SuggestFromList

    from infoint_tui.core.contacts.referrals import referrer_names
    from infoint_tui.core.exchange.identity import known_at, known_counts
    from infoint_tui.core.exchange.people import Person

    rng = random.Random(1)
    companies = ["Northwind Analytics", *(f"Company {n}" for n in range(2000))]
    network = [
        Person(name=f"Person {n} Name {n % 977}", company=rng.choice(companies), id=n)
        for n in range(people)
    ]
    pipeline = [
        Contact(name=f"Contact {n}", company=rng.choice(companies), id=n) for n in range(contacts)
    ]

    def median_ms(run: Callable[[], object]) -> float:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    at_company = median_ms(lambda: known_at("Northwind Analytics", pipeline, network))
    # Companies' Advocacy column: who you know at each of 2,001 companies at once.
    advocacy = median_ms(lambda: known_counts(companies, pipeline, network))
    suggester = SuggestFromList(
        referrer_names((c.name for c in pipeline), (p.name for p in network)),
        case_sensitive=False,
    )
    # The worst key: a prefix nobody has, so every name is looked at.
    worst = median_ms(lambda: asyncio.run(suggester.get_suggestion("zz")))
    return (
        f"people: who you know at a company {at_company:.1f} ms, Advocacy for "
        f"{len(companies):,} companies {advocacy:.1f} ms, referrer completion "
        f"{worst:.1f} ms a key (worst case), over {people:,} people and {contacts:,} contacts"
    )
