"""What the kernel says about a running process: CPU time and peak memory (Linux /proc)."""

from __future__ import annotations

import os
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_stat(pid: int) -> float:
    """utime + stime of the whole process, from /proc/PID/stat (clock-tick resolution)."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    # The command name may hold spaces or parentheses; the fields start after the last ')'.
    fields = raw[raw.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def cpu_seconds_sched(pid: int) -> float:
    """CPU time summed over every thread, from schedstat (nanoseconds).

    utime+stime only move in 10 ms steps, too coarse to see when a 5 ms burst
    of work ends; schedstat is exact. Raises OSError where it is unavailable.
    """
    total = 0
    for task in os.scandir(f"/proc/{pid}/task"):
        try:
            text = Path(task.path, "schedstat").read_text()
        except FileNotFoundError:
            continue  # the thread ended between listing and reading
        total += int(text.split()[0])
    return total / 1e9


class CpuClock:
    """Reads a process's CPU seconds with the finest source this kernel offers."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        try:
            cpu_seconds_sched(pid)
            self.source = "schedstat"
        except (OSError, ValueError, IndexError):
            self.source = "stat"

    def read(self) -> float | None:
        """None once the process is gone."""
        try:
            if self.source == "schedstat":
                return cpu_seconds_sched(self.pid)
            return cpu_seconds_stat(self.pid)
        except (OSError, ValueError, IndexError):
            return None


def memory_kb(pid: int) -> dict[str, int]:
    """VmHWM (peak resident set) and VmRSS in KiB, from /proc/PID/status."""
    found: dict[str, int] = {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0])
    return found


class BusyWatch:
    """Tells when a process last did real work, ignoring idle housekeeping.

    An idle Textual app still wakes every 100 ms for about 0.1 ms (its input
    thread polls). Counting every increase of CPU time would make it look busy
    forever, so CPU time is judged over windows of ``window`` seconds: a window
    in which the process used more than ``share`` of a core was busy.
    """

    def __init__(
        self, clock: CpuClock, start: float, *, window: float = 0.005, share: float = 0.2
    ) -> None:
        self.clock = clock
        self.window = window
        self.share = share
        first = clock.read()
        self.first_cpu = first or 0.0
        self.cpu = self.first_cpu
        self.last_busy = start  # the end of the last busy window
        self._window_start = start
        self._window_cpu = self.first_cpu
        self.gone = first is None

    def sample(self, now: float) -> None:
        cpu = self.clock.read()
        if cpu is None:
            self.gone = True
            return
        self.cpu = cpu
        elapsed = now - self._window_start
        if elapsed < self.window:
            return
        if cpu - self._window_cpu > self.share * elapsed:
            self.last_busy = now
        self._window_start, self._window_cpu = now, cpu

    @property
    def used(self) -> float:
        return self.cpu - self.first_cpu
