"""A program in a pseudo-terminal whose output is read by the pyte emulator.

This is how a user over SSH meets the app: bytes out of a terminal, keys in.
Every wait has a deadline, so a hung program makes a "timeout", never a hung run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyte

from .procstat import BusyWatch, CpuClock

# Variables that would change how Textual or the app draws, so every run sees the same terminal.
_DROPPED_ENV = (
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
    "LINES",
    "INFOINT_DATA_DIR",
    "INFOINT_ANSI",
)


class Timeout(Exception):
    """A wait ran past its deadline."""


def terminal_env(term: str = "xterm-256color") -> dict[str, str]:
    """The environment of an SSH login on a 256-colour terminal without truecolour."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in _DROPPED_ENV and not key.startswith("TEXTUAL")
    }
    env["TERM"] = term
    env.setdefault("LANG", "C.UTF-8")
    return env


def _take_terminal() -> None:
    """In the child: make the pty its controlling terminal, as sshd does."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class _Screen(pyte.Screen):
    """Answers the terminal's queries (device status, attributes) like a real terminal."""

    def __init__(self, columns: int, lines: int, answer: Callable[[bytes], None]) -> None:
        super().__init__(columns, lines)
        self._answer = answer

    def write_process_input(self, data: str) -> None:
        self._answer(data.encode())


@dataclass
class KeyResult:
    """One key press, measured until the program went quiet and idle again."""

    latency: float | None  # key written -> last byte of the burst that changed the screen
    bytes: int  # everything written to the terminal until settled
    cpu: float  # CPU seconds the process used
    busy: float  # key written -> last time its CPU time was seen increasing
    timed_out: bool = False


class Terminal:
    """One child process group on a pty of a fixed size, mirrored by pyte."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int,
        rows: int,
        env: Mapping[str, str],
        cwd: Path | None = None,
    ) -> None:
        self.cols = cols
        self.rows = rows
        self.screen = _Screen(cols, rows, self._write)
        self.stream = pyte.ByteStream(self.screen)
        self._lines: list[tuple[Any, ...]] = [self._line(y) for y in range(rows)]
        self.version = 0  # bumps whenever what the screen shows actually changes
        self.total_bytes = 0
        self.last_byte_at = 0.0
        self.closed = False
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                list(argv),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env),
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_take_terminal,
            )
        finally:
            os.close(slave)
        self.fd = master
        self.cpu = CpuClock(self.process.pid)

    # -- output -------------------------------------------------------------------
    def _write(self, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(self.fd, data)

    def _line(self, y: int) -> tuple[Any, ...]:
        row = self.screen.buffer[y]
        return tuple(row[x] for x in range(self.cols))

    def read(self, timeout: float) -> tuple[float, int] | None:
        """Wait up to ``timeout`` for output; feed it to the emulator.

        Returns (arrival time, byte count) or None when nothing came.
        """
        if self.closed:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError as error:
            if error.errno != errno.EIO:  # EIO: the child closed its side
                raise
            data = b""
        arrived = time.perf_counter()
        if not data:
            self.closed = True
            return None
        self.total_bytes += len(data)
        self.last_byte_at = arrived
        self.stream.feed(data)
        self._note_changes()
        return arrived, len(data)

    def _note_changes(self) -> None:
        # pyte marks lines it wrote as dirty; only a real difference (text or colour) counts.
        changed = False
        for y in self.screen.dirty:
            if 0 <= y < self.rows:
                line = self._line(y)
                if line != self._lines[y]:
                    self._lines[y] = line
                    changed = True
        self.screen.dirty.clear()
        if changed:
            self.version += 1

    def text(self) -> str:
        return "\n".join(self.screen.display)

    # -- waiting ------------------------------------------------------------------
    def wait_for(self, needles: Sequence[str], timeout: float) -> float:
        """Until every needle is on screen; returns when the byte that completed it arrived."""
        deadline = time.perf_counter() + timeout
        seen = -1
        while True:
            if self.version != seen:
                seen = self.version
                screen = self.text()
                if all(needle in screen for needle in needles):
                    return self.last_byte_at
            left = deadline - time.perf_counter()
            if left <= 0 or (self.closed and self.process.poll() is not None):
                raise Timeout(f"waiting for {list(needles)!r}")
            self.read(min(left, 0.05))

    def settle(self, *, quiet: float, idle: float, timeout: float) -> float:
        """Until no output for ``quiet`` s and no real work for ``idle`` s; returns CPU seconds."""
        deadline = time.perf_counter() + timeout
        watch = BusyWatch(self.cpu, time.perf_counter())
        while True:
            self.read(0.003)
            now = time.perf_counter()
            watch.sample(now)
            if watch.gone:
                raise Timeout("the program ended while settling")
            if now - self.last_byte_at >= quiet and now - watch.last_busy >= idle:
                return watch.cpu
            if now > deadline:
                raise Timeout("waiting for the program to go idle")

    # -- keys ---------------------------------------------------------------------
    def press(self, key: str, *, quiet: float, idle: float, timeout: float) -> KeyResult:
        """Write one key and follow what it does until output is quiet and CPU idle.

        The latency is the last byte of the first burst (bytes separated by less
        than ``quiet``) in which the screen changed, minus the write time: what
        the user waits for, without the quiet period we needed to be sure.
        """
        version = self.version
        bytes_before = self.total_bytes
        sent = time.perf_counter()
        watch = BusyWatch(self.cpu, sent)
        os.write(self.fd, key.encode())
        burst_last = 0.0  # last byte so far of the burst in which the screen changed
        latency: float | None = None
        while True:
            arrival = self.read(0.003)
            now = time.perf_counter()
            if arrival is not None and latency is None:
                if burst_last and arrival[0] - burst_last >= quiet:
                    latency = burst_last - sent  # a later burst: the first one is over
                elif self.version != version:
                    burst_last = arrival[0]
            if burst_last and latency is None and now - burst_last >= quiet:
                latency = burst_last - sent
            watch.sample(now)
            quiet_now = latency is not None and now - self.last_byte_at >= quiet
            if quiet_now and now - watch.last_busy >= idle:
                break
            if now - sent > timeout or watch.gone:
                return KeyResult(latency, self.total_bytes - bytes_before, watch.used, 0.0, True)
        return KeyResult(
            latency, self.total_bytes - bytes_before, watch.used, watch.last_busy - sent
        )

    # -- the end --------------------------------------------------------------------
    def quit(self, key: str, timeout: float) -> bool:
        """Send the quit key and wait for the exit (draining output so it can finish)."""
        with contextlib.suppress(OSError):
            os.write(self.fd, key.encode())
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                return True
            self.read(0.02)
        return self.process.poll() is not None

    def close(self) -> None:
        """Kill the whole process group, whatever state it is in, and free the pty."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
