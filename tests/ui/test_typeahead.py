"""Type-ahead over a real terminal: a burst of keys lands where it was typed.

Each burst is one write to a pseudo-terminal running the real app, as a fast
typist over SSH delivers it; then the screen and the files on disk are checked.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.demo import populate
from infoint_tui.core.documents import Store

SETTLE = {"quiet": 0.4, "idle": 0.4, "timeout": 30.0}


def contacts_on_disk(data_dir: Path) -> list[dict[str, Any]]:
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    return list(raw["contacts"].values())


@contextmanager
def app_in_terminal(data_dir: Path, *, ready: str = "Pipeline") -> Iterator[Terminal]:
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    with Terminal(argv, cols=80, rows=24, env=terminal_env()) as terminal:
        terminal.wait_for([ready], timeout=60)
        terminal.settle(**SETTLE)
        yield terminal


def burst(terminal: Terminal, keys: str) -> str:
    """Write ``keys`` in one write, wait until the app is quiet, return the screen."""
    os.write(terminal.fd, keys.encode())
    terminal.settle(**SETTLE)
    return terminal.text()


def quit_app(terminal: Terminal) -> None:
    assert terminal.quit("q", timeout=30), "the app did not quit"


def demo_folder(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    populate(Store(data_dir).open())
    return data_dir


def test_new_contact_typed_ahead_fills_name_then_company(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    Store(data_dir).open()
    with app_in_terminal(data_dir) as terminal:
        screen = burst(terminal, "nAda Okafor\tNorthwind")
        assert "New contact" in screen
        rows = {line.split("│")[1].strip() for line in screen.splitlines() if "│" in line}
        assert any(row.startswith("Name *") and row.endswith("Ada Okafor") for row in rows)
        assert any(row.startswith("Company") and row.endswith("Northwind") for row in rows)
        screen = burst(terminal, "\r")
        assert "Ada Okafor" in screen and "New contact" not in screen
        quit_app(terminal)
    (saved,) = contacts_on_disk(data_dir)
    assert saved["name"] == "Ada Okafor" and saved["company"] == "Northwind"


def test_each_tab_in_a_burst_moves_one_field(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    Store(data_dir).open()
    with app_in_terminal(data_dir) as terminal:
        burst(terminal, "nLee Park\t\tHead of Data\r")
        quit_app(terminal)
    (saved,) = contacts_on_disk(data_dir)
    assert (saved["name"], saved["company"], saved["title"]) == ("Lee Park", "", "Head of Data")


def test_a_filter_typed_ahead_filters_and_does_nothing_else(tmp_path: Path) -> None:
    data_dir = demo_folder(tmp_path)
    before = contacts_on_disk(data_dir)
    with app_in_terminal(data_dir) as terminal:
        if "Today" in terminal.text():
            burst(terminal, "\x1b")  # something is due: the app opened on Today
        screen = burst(terminal, "/heron")
        title = screen.splitlines()[0]
        assert "filter: heron" in title
        # h, e, r, o, n went into the filter: no lane moved, no contact or form opened
        assert "New contact" not in screen and "Timeline" not in screen
        cards = [name for name in ("Yara Haddad", "Liam O'Brien") if name in screen]
        assert cards, screen
        burst(terminal, "\r")  # back to the cards, filtered
        quit_app(terminal)
    assert contacts_on_disk(data_dir) == before


def test_keys_typed_while_a_screen_opens_go_to_that_screen(tmp_path: Path) -> None:
    data_dir = demo_folder(tmp_path)
    with app_in_terminal(data_dir) as terminal:
        if "Today" in terminal.text():
            burst(terminal, "\x1b")
        # The network opens (and reads its people in the background) while
        # the filter is typed: every letter reaches its filter box.
        screen = burst(terminal, "N/farid")
        assert "Network" in screen.splitlines()[0]
        assert "of 62 people" in screen and "Farid Haddad" in screen
        burst(terminal, "\x1b")  # clears the filter
        burst(terminal, "\x1b")  # back to the board
        quit_app(terminal)
