"""Shared fixtures: a fake clock, a store on tmp_path, the demo data."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# Every test sees the same calendar: the user's "today" is computed in local time.
os.environ["TZ"] = "UTC"
time.tzset()
# Nothing a test starts may find or touch the real user data folder.
os.environ.pop("INFOINT_DATA_DIR", None)
os.environ.pop("NO_COLOR", None)

from infoint_tui.core.demo import populate  # noqa: E402
from infoint_tui.core.documents import Store  # noqa: E402

# A Thursday, so business-day rules cross a weekend within a few days.
START = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


class FakeClock:
    """A clock tests move by hand; never sleeps."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Store:
    return Store(data_dir, clock=clock).open()


@pytest.fixture
def demo_store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store(data_dir, clock=clock).open()
    populate(opened)
    yield opened
