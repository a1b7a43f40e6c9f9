"""Reading the data folder back after an ``infoint`` command (the ``run``
fixture that runs one is in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store

Run = Callable[..., tuple[int, str, str]]


def on_disk(data_dir: Path) -> Store:
    return Store(data_dir).open()


def contact_named(data_dir: Path, name: str) -> Contact:
    return next(c for c in on_disk(data_dir).contacts if c.name == name)
