"""NO_COLOR: not a single colour code reaches the terminal, and every cursor is
still visible (reversed or underlined), over a real pseudo-terminal."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.demo import populate
from infoint_tui.core.documents import Store

SETTLE = {"quiet": 0.4, "idle": 0.4, "timeout": 30.0}
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_codes(raw: bytes) -> set[str]:
    """Every colour parameter in the SGR sequences of ``raw`` (default colours too)."""
    found: set[str] = set()
    for match in SGR.finditer(raw):
        params = [p for p in re.split(rb"[;:]", match.group(1)) if p]
        index = 0
        while index < len(params):
            number = int(params[index])
            if number in (38, 48, 58):
                found.add(b";".join(params[index : index + 3]).decode())
                index += 3 if params[index + 1 : index + 2] == [b"5"] else 5
                continue
            if 30 <= number <= 49 or 90 <= number <= 107:
                found.add(str(number))
            index += 1
    return found


def reversed_rows(terminal: Terminal) -> list[str]:
    rows = []
    for y in range(terminal.rows):
        line = terminal.screen.buffer[y]
        text = "".join(line[x].data for x in range(terminal.cols) if line[x].reverse)
        if len(text.strip()) > 3:
            rows.append(text.strip())
    return rows


def test_no_color_sends_no_colour_and_keeps_cursors_visible(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    populate(Store(data_dir).open())
    env = terminal_env()
    env["NO_COLOR"] = "1"
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    raw = bytearray()
    with Terminal(argv, cols=80, rows=24, env=env) as terminal:
        feed = terminal.stream.feed

        def keep(data: bytes) -> None:
            raw.extend(data)
            feed(data)

        terminal.stream.feed = keep  # type: ignore[method-assign]
        terminal.wait_for(["Today"], timeout=60)  # things are due: Today first
        terminal.settle(**SETTLE)
        assert any("Nadia Rahman" in row for row in reversed_rows(terminal))
        for key in ("\x1b", "C", "j"):
            os.write(terminal.fd, key.encode())
            terminal.settle(**SETTLE)
        assert any("Lumen Health" in row for row in reversed_rows(terminal))
        for key in ("\x1b", "N", "j", "\x1b", "e", "i"):
            os.write(terminal.fd, key.encode())
            terminal.settle(**SETTLE)
        # The log dialog's highlighted choice is underlined (no colour to show it).
        assert any(
            "They replied" in "".join(c.data for c in terminal.screen.buffer[y].values())
            and any(c.underscore for c in terminal.screen.buffer[y].values())
            for y in range(terminal.rows)
        )
    assert colour_codes(bytes(raw)) == set()
