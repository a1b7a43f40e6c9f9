"""Measuring one program in a terminal: first paint, keys, CPU, memory."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .procstat import memory_kb
from .pty_driver import KeyResult, Terminal, Timeout, terminal_env

KEY_NAMES = {"\x1b": "Esc", "\r": "Enter", "\t": "Tab"}


@dataclass(frozen=True)
class Program:
    """A program to start in the terminal, what its first paint shows, and its key scenarios."""

    name: str
    argv: tuple[str, ...]
    ready: tuple[str, ...]  # every one of these texts on screen = first paint done
    scenarios: tuple[tuple[str, str], ...]  # (scenario name, keys pressed in turn)
    quit_key: str = "q"
    back_key: str = "\x1b"  # leaves a screen that opened over the first one (Esc)
    before_start: Callable[[], None] | None = None  # run before each start


@dataclass(frozen=True)
class Settings:
    cols: int = 80
    rows: int = 24
    presses: int = 40
    warmup: int = 2  # presses before measuring (first-use code paths, caches)
    starts: int = 3  # launches for the first-paint median
    quiet: float = 0.030  # no output this long ends a burst
    idle: float = 0.050  # no real CPU work this long = idle again
    key_timeout: float = 10.0
    start_timeout: float = 90.0
    settle_timeout: float = 60.0
    term: str = "xterm-256color"
    cwd: Path | None = None


def percentile(values: Sequence[float], share: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class KeyStats:
    """Presses of one scenario; times in seconds."""

    keys: str
    presses: int = 0
    latency_median: float | None = None
    latency_p95: float | None = None
    bytes_mean: float | None = None
    bytes_max: int | None = None
    cpu_mean: float | None = None
    busy_median: float | None = None
    busy_p95: float | None = None
    timeout: bool = False

    @classmethod
    def of(cls, keys: str, results: Sequence[KeyResult], timed_out: bool) -> KeyStats:
        stats = cls(keys, len(results), timeout=timed_out)
        latencies = [result.latency for result in results if result.latency is not None]
        if latencies:
            stats.latency_median = statistics.median(latencies)
            stats.latency_p95 = percentile(latencies, 0.95)
        if results:
            stats.bytes_mean = statistics.fmean(result.bytes for result in results)
            stats.bytes_max = max(result.bytes for result in results)
            stats.cpu_mean = statistics.fmean(result.cpu for result in results)
            busy = [result.busy for result in results]
            stats.busy_median = statistics.median(busy)
            stats.busy_p95 = percentile(busy, 0.95)
        return stats

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ProgramResult:
    name: str
    first_paints: list[float] = field(default_factory=list)
    startup_cpu: float | None = None
    scenarios: dict[str, KeyStats] = field(default_factory=dict)
    peak_kb: int | None = None  # VmHWM at the end
    rss_kb: int | None = None
    quit_clean: bool | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def first_paint(self) -> float | None:
        return statistics.median(self.first_paints) if self.first_paints else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "first_paint": self.first_paint,
            "first_paints": self.first_paints,
            "startup_cpu": self.startup_cpu,
            "scenarios": {name: stats.to_dict() for name, stats in self.scenarios.items()},
            "peak_kb": self.peak_kb,
            "rss_kb": self.rss_kb,
            "quit_clean": self.quit_clean,
            "errors": self.errors,
            "notes": self.notes,
        }


def measure_program(program: Program, settings: Settings) -> ProgramResult:
    """Start the program ``starts`` times for its first paint; the last start also takes keys."""
    result = ProgramResult(program.name)
    for attempt in range(max(1, settings.starts)):
        last = attempt == max(1, settings.starts) - 1
        if program.before_start is not None:
            program.before_start()
        with Terminal(
            program.argv,
            cols=settings.cols,
            rows=settings.rows,
            env=terminal_env(settings.term),
            cwd=settings.cwd,
        ) as terminal:
            try:
                painted = terminal.wait_for(program.ready, settings.start_timeout)
            except Timeout as error:
                result.errors.append(f"first paint: timeout ({error})")
                result.errors.append("screen at the timeout:\n" + terminal.text().rstrip())
                return result
            result.first_paints.append(painted - terminal.started)
            try:
                cpu = terminal.settle(
                    quiet=settings.quiet, idle=settings.idle, timeout=settings.settle_timeout
                )
            except Timeout as error:
                result.errors.append(f"after first paint: timeout ({error})")
                return result
            if not last:
                terminal.quit(program.quit_key, settings.settle_timeout)
                continue
            result.startup_cpu = cpu
            if not _back_to_first_screen(terminal, program, settings, result):
                return result
            _press_scenarios(terminal, program, settings, result)
            memory = memory_kb(terminal.process.pid)
            result.peak_kb = memory.get("VmHWM")
            result.rss_kb = memory.get("VmRSS")
            # Nothing is measured after this: the quit only has to happen.
            result.quit_clean = terminal.quit(program.quit_key, settings.settle_timeout)
    return result


def _back_to_first_screen(
    terminal: Terminal, program: Program, settings: Settings, result: ProgramResult
) -> bool:
    """When another screen opened over the first paint (something due, say), leave it."""
    screen = terminal.text()
    if all(needle in screen for needle in program.ready):
        return True
    covering = next((line.strip() for line in reversed(screen.splitlines()) if line.strip()), "")
    result.notes.append(
        f"a screen opened over the first paint ({covering[:60]!r}); "
        f"the keys were measured after {KEY_NAMES.get(program.back_key, program.back_key)} "
        "closed it"
    )
    try:
        terminal.press(
            program.back_key, quiet=settings.quiet, idle=settings.idle, timeout=settings.key_timeout
        )
        terminal.wait_for(program.ready, settings.key_timeout)
        terminal.settle(quiet=settings.quiet, idle=settings.idle, timeout=settings.settle_timeout)
    except Timeout as error:
        result.errors.append(f"could not get back to the first screen: {error}")
        return False
    return True


def _press_scenarios(
    terminal: Terminal, program: Program, settings: Settings, result: ProgramResult
) -> None:
    # An even count, so alternating keys leave the data and the cursor where they started.
    presses = settings.presses + settings.presses % 2
    warmup = settings.warmup + settings.warmup % 2
    for name, keys in program.scenarios:
        results: list[KeyResult] = []
        timed_out = False
        for index in range(warmup + presses):
            key = keys[index % len(keys)]
            pressed = terminal.press(
                key, quiet=settings.quiet, idle=settings.idle, timeout=settings.key_timeout
            )
            if pressed.timed_out:
                timed_out = True
                result.errors.append(f"{name}: timeout after key {key!r} (press {index + 1})")
                break
            if index >= warmup:
                results.append(pressed)
        result.scenarios[name] = KeyStats.of(keys, results, timed_out)
        if timed_out:
            return  # the program is in an unknown state: the later scenarios mean nothing
