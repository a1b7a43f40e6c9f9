"""A dropped SSH connection (SIGHUP) must not lose a change already on screen."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.contacts.model import Contact
from infoint_tui.core.documents import Store


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


# -- the terminal goes away: the app must not outlive it -------------------------

SETTLE = {"quiet": 0.3, "idle": 0.3, "timeout": 30.0}
WITHIN = 15.0  # seconds; the app takes well under one (polled, not slept)


def ended_within(process: subprocess.Popen[bytes], seconds: float) -> int | None:
    """The exit status once the process ended, polling; None if it still runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = process.poll()
        if status is not None:
            return status
        time.sleep(0.05)
    return None


def folder_with(tmp_path: Path, *names: str) -> Path:
    data_dir = tmp_path / "data"
    store = Store(data_dir).open()
    store.contacts.insert_many(Contact(name=name, rank=float(n)) for n, name in enumerate(names))
    return data_dir


def stages(data_dir: Path) -> dict[str, str]:
    raw = json.loads((data_dir / "contacts.json").read_text(encoding="utf-8"))
    return {doc["name"]: doc["stage"] for doc in raw["contacts"].values()}


def start(data_dir: Path, env: dict[str, str] | None = None) -> Terminal:
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    return Terminal(argv, cols=80, rows=24, env=env or terminal_env())


def test_closing_the_terminal_ends_the_app_and_keeps_the_change(tmp_path: Path) -> None:
    data_dir = folder_with(tmp_path, "Lee Park")
    with start(data_dir) as terminal:
        terminal.wait_for(["Lee Park"], timeout=60)
        terminal.press("L", **SETTLE)
        os.close(terminal.fd)  # the SSH link drops: the terminal is gone
        terminal.closed = True
        status = ended_within(terminal.process, WITHIN)
        terminal.fd = os.open(os.devnull, os.O_RDONLY)  # for close() to close
    assert status == 0, "the app outlived its terminal"
    assert stages(data_dir) == {"Lee Park": "requested"}


def test_sigterm_ends_the_app_and_gives_the_terminal_back(tmp_path: Path) -> None:
    data_dir = folder_with(tmp_path, "Lee Park")
    with start(data_dir) as terminal:
        terminal.wait_for(["Lee Park"], timeout=60)
        terminal.press("L", **SETTLE)
        terminal.process.send_signal(signal.SIGTERM)
        status = ended_within(terminal.process, WITHIN)
        while not terminal.closed:
            terminal.read(0.1)
        shown = terminal.text()
    assert status == 0
    assert "Traceback" not in shown
    assert terminal.screen.cursor.hidden is False  # the terminal was put back
    assert stages(data_dir) == {"Lee Park": "requested"}


def test_the_end_of_input_or_a_dead_output_ends_the_app(tmp_path: Path) -> None:
    """The terminal's input reaching end of file, or its output failing."""
    for broken in ("input", "output"):
        data_dir = folder_with(tmp_path / broken, "Lee Park")
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        read_end, write_end = os.pipe()
        # Textual draws on stderr: that is the output that breaks.
        stdin, stderr = (read_end, slave) if broken == "input" else (slave, write_end)
        process = subprocess.Popen(
            [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)],
            env=terminal_env(),
            start_new_session=True,
            stdin=stdin,
            stdout=slave,
            stderr=stderr,
        )
        os.close(slave)
        os.close(read_end if broken == "input" else write_end)
        try:
            time.sleep(0.1)
            assert ended_within(process, 0.0) is None or process.returncode == 0
            # the other end of the pipe closes: end of input, or a broken output
            os.close(write_end if broken == "input" else read_end)
            assert ended_within(process, WITHIN) == 0, broken
        finally:
            if process.poll() is None:
                process.kill()
            os.close(master)


def disk_full_hook(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment in which saving into the data folder fails with ENOSPC
    while ``flag`` exists, and the user's state folder is in tmp_path."""
    hook = tmp_path / "hook"
    hook.mkdir()
    flag = tmp_path / "disk-full"
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(
            f"""
            import errno, os
            _replace = os.replace
            def replace(src, dst, *args, **kwargs):
                if os.path.exists({str(flag)!r}) and "{tmp_path / "data"}" in os.fspath(dst):
                    raise OSError(errno.ENOSPC, "No space left on device")
                return _replace(src, dst, *args, **kwargs)
            os.replace = replace
            """
        ),
        encoding="utf-8",
    )
    env = terminal_env()
    env["PYTHONPATH"] = os.pathsep.join([str(hook), *sys.path])
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return env, flag


def test_a_change_not_saved_at_hang_up_is_kept_and_offered_next_time(tmp_path: Path) -> None:
    data_dir = folder_with(tmp_path, "Lee Park", "Ana Lima")
    env, flag = disk_full_hook(tmp_path)
    with start(data_dir, env) as terminal:
        terminal.wait_for(["Lee Park"], timeout=60)
        flag.touch()  # the disk fills up
        terminal.press("L", **SETTLE)
        terminal.wait_for(["NOT SAVED"], timeout=30)
        terminal.process.send_signal(signal.SIGHUP)
        status = ended_within(terminal.process, WITHIN)
    assert status not in (None, 0), "an unsaved change must not end the app quietly"
    assert stages(data_dir) == {"Lee Park": "target", "Ana Lima": "target"}
    kept = list((tmp_path / "state").rglob("infoint-unsaved-*.json"))
    assert len(kept) == 1 and "Lee Park" in kept[0].read_text(encoding="utf-8")
    assert "could not be saved" in (data_dir / "infoint.log").read_text(encoding="utf-8")

    flag.unlink()  # space again: the next start offers the change
    with start(data_dir, env) as terminal:
        terminal.wait_for(["were not saved", "Apply them"], timeout=60)
        terminal.press("\r", **SETTLE)  # Apply them
        terminal.wait_for(["Applied 1 unsaved change"], timeout=30)
        assert terminal.quit("q", timeout=30)
    assert stages(data_dir) == {"Lee Park": "requested", "Ana Lima": "target"}
    assert not list((tmp_path / "state").rglob("infoint-unsaved-*.json"))
