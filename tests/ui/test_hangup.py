"""A dropped SSH connection (SIGHUP) must not lose a change already on screen."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.models import Contact
from infoint_tui.core.store import Store


def test_sighup_right_after_moves_still_saves_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store(data_dir).open()
    store.contacts.insert_many(Contact(name=f"Person {n}", rank=float(n)) for n in range(3))
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    with Terminal(argv, cols=80, rows=24, env=terminal_env()) as terminal:
        terminal.wait_for(["Person 0"], timeout=30)
        for key in ("L", "h", "L", "h", "L"):  # each move follows the card: h goes back
            terminal.press(key, quiet=0.05, idle=0.05, timeout=10)
        terminal.process.send_signal(signal.SIGHUP)
        assert terminal.process.wait(timeout=30) == 0
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    stages = sorted(doc["stage"] for doc in raw["contacts"].values())
    assert stages == ["requested", "requested", "requested"]
