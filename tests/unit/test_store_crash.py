"""A writer killed (SIGKILL) at any instant leaves the old or the new file, never a broken one.

The worker process (tests/fixtures/store_worker.py) rewrites every contact in
one batch per generation, stamping the generation number into each document.
After each kill a fresh Store must open the folder, and every document must
carry one and the same generation: the last one the worker finished, or the
one it was writing when it died.
"""

from __future__ import annotations

import json
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store
from infoint_tui.core.store.backups import backup_dir, list_backups
from tests.conftest import START, FakeClock
from tests.fixtures.store_worker import read_line, stamped, start_worker, temp_files

DOCS = 120
KILLS = 50


def seed(data_dir: Path) -> Store:
    """Generation 0 on disk, and (after the second write) a daily backup of it."""
    store = Store(data_dir, clock=FakeClock()).open()
    now = START
    people = [Contact.create({"name": f"person {n}"}, now=now) for n in range(DOCS)]
    stored = store.contacts.insert_many(stamped(person, 0) for person in people)
    store.contacts.put_many(stamped(person, 0) for person in stored)
    return store


def generation_on_disk(data_dir: Path) -> int:
    """Open the folder as the app would; every document must share one generation."""
    store = Store(data_dir, clock=FakeClock()).open()
    contacts = list(store.contacts.all().values())
    assert len(contacts) == DOCS
    generations = {contact.rank for contact in contacts}
    assert len(generations) == 1, f"a file mixes generations {sorted(generations)}"
    generation = int(generations.pop())
    assert all(c.notes.startswith(f"generation {generation} ") for c in contacts)
    return generation


def kill_repeatedly(data_dir: Path, kills: int) -> tuple[int, int]:
    """Start, randomly SIGKILL and check a writer ``kills`` times on one folder.

    Returns the final generation on disk and how many kills left a temp file.
    """
    seed(data_dir)
    contacts_path = data_dir / "contacts.json"
    rng = random.Random()
    on_disk = 0
    caught_mid_write = 0
    for attempt in range(kills):
        first = on_disk + 1
        process = start_worker("generations", data_dir, first)
        try:
            assert read_line(process) == f"start {first}"
            time.sleep(rng.uniform(0.002, 0.1))
            process.send_signal(signal.SIGKILL)
            out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.returncode == -signal.SIGKILL, err.decode()
        said = [line.split() for line in out.decode().splitlines()]
        started = max([first, *(int(n) for word, n in said if word == "start")])
        finished = max([on_disk, *(int(n) for word, n in said if word == "done")])

        caught_mid_write += bool(temp_files(data_dir))
        json.loads(contacts_path.read_bytes())  # plain JSON, before any repair
        generation = generation_on_disk(data_dir)
        assert generation in {finished, started}, (
            f"kill {attempt}: disk holds generation {generation}; "
            f"the worker had finished {finished} and was writing {started}"
        )
        assert temp_files(data_dir) == [], "opening must clean up the dead writer's temp files"
        for backup in list_backups(data_dir):
            assert backup.readable, f"{backup.path} is broken"
        on_disk = generation
    return on_disk, caught_mid_write


def test_kill_9_at_random_moments_leaves_the_old_or_the_new_state(tmp_path: Path) -> None:
    # Two folders at once, each with its own writer: half the wall time, same 50 kills.
    folders = [tmp_path / "a", tmp_path / "b"]
    with ThreadPoolExecutor(max_workers=len(folders)) as pool:
        lanes = [pool.submit(kill_repeatedly, folder, KILLS // len(folders)) for folder in folders]
        results = [lane.result() for lane in lanes]
    for folder, (on_disk, caught) in zip(folders, results, strict=True):
        # The worker really got writes through between kills (not killed at start-up).
        assert on_disk > 0
        print(f"{folder.name}: final generation {on_disk}, {caught} kills left a temp file")
        # A kill between writing a backup and pruning old ones leaves an extra copy
        # (never a missing one); the next backup prunes back to the last 7.
        clock = FakeClock(START + timedelta(days=on_disk + 1))
        store = Store(folder, clock=clock).open()
        store.contacts.put_many(stamped(c, on_disk + 1) for c in store.contacts.all().values())
        dailies = list(backup_dir(folder).glob("contacts.????-??-??.json"))
        # One per day written (the seed's day, each finished generation, this one).
        assert min(7, on_disk + 2) <= len(dailies) <= 7


@pytest.mark.parametrize(
    ("phase", "survivor"),
    [
        ("mid-write", "old"),  # half the temp file written
        ("at-fsync", "old"),  # temp file complete, not yet durable
        ("before-replace", "old"),  # temp file durable, not yet renamed
        ("after-replace", "new"),  # renamed, folder not yet fsynced
    ],
)
def test_kill_at_each_step_of_a_save(data_dir: Path, phase: str, survivor: str) -> None:
    seed(data_dir)
    path = data_dir / "contacts.json"
    old_bytes = path.read_bytes()
    process = start_worker("die", phase, data_dir)
    out, err = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, err.decode()
    assert out.decode().split() == ["writing"]

    leftovers = temp_files(data_dir)
    if survivor == "old":
        assert path.read_bytes() == old_bytes
        assert len(leftovers) == 1
        (temp,) = leftovers
        assert temp.parent == path.parent  # same folder, so the rename is atomic
        assert temp.name.startswith(".contacts.json.tmp-")
        assert temp.stat().st_mode & 0o777 == 0o600
    else:
        assert leftovers == []

    assert generation_on_disk(data_dir) == (0 if survivor == "old" else 1)
    assert temp_files(data_dir) == []
    if survivor == "old":
        assert path.read_bytes() == old_bytes  # opening repaired nothing by rewriting
