"""E in the letter editor hands the real terminal to $EDITOR and always takes it
back: an editor that cannot start, crashes or is killed leaves the app usable
and says what happened. Real pseudo-terminals: Textual cannot suspend headless."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store

SETTLE = {"quiet": 0.4, "idle": 0.4, "timeout": 30.0}


def run_editor(tmp_path: Path, editor: str) -> tuple[str, str]:
    """Open Lee Park's letter, press E with ``editor`` as $EDITOR; return the
    screen after the editor and the screen after esc (the app must still answer)."""
    data_dir = tmp_path / "data"
    Store(data_dir).open().contacts.insert(Contact(name="Lee Park", company="Acme", rank=1.0))
    env = terminal_env()
    env["EDITOR"] = editor
    env.pop("VISUAL", None)
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    with Terminal(argv, cols=80, rows=24, env=env) as terminal:
        terminal.wait_for(["Lee Park"], timeout=60)
        terminal.press("w", **SETTLE)
        terminal.wait_for(["Letter to Lee Park"], timeout=30)
        terminal.settle(**SETTLE)
        terminal.press("E", **SETTLE)
        terminal.wait_for(["Letter to Lee Park"], timeout=30)
        terminal.settle(**SETTLE)
        after_editor = terminal.text()
        terminal.press("\x1b", **SETTLE)
        terminal.wait_for(["Pipeline"], timeout=30)
        after_esc = terminal.text()
        assert terminal.quit("q", timeout=30)
    return after_editor, after_esc


@pytest.mark.parametrize(
    "editor, said",
    [
        ("/no/such/editor-typo", "editor-typo could not start"),
        ("sh -c 'kill -9 $$'", "sh was stopped by SIGKILL"),
        ("sh -c 'exit 3'", "sh exited with status 3"),
    ],
)
def test_an_editor_that_fails_gives_the_terminal_back(
    tmp_path: Path, editor: str, said: str
) -> None:
    after_editor, after_esc = run_editor(tmp_path, editor)
    assert f"{said}" in after_editor and "letter unchanged" in after_editor
    assert "Letter to Lee Park" in after_editor  # drawn again, not a blank screen
    assert "Lee Park" in after_esc  # keys act: esc went back to the board


def test_an_editor_that_works_is_read_back(tmp_path: Path) -> None:
    script = tmp_path / "write-letter.sh"
    script.write_text('printf "Subject: Coffee?\\n\\nA letter from the editor\\n" > "$1"\n')
    after_editor, _ = run_editor(tmp_path, f"sh {script}")
    assert "A letter from the editor" in after_editor
    assert "Read back from the editor" in after_editor
    assert os.environ.get("EDITOR") != str(script)  # the test's own shell is untouched
