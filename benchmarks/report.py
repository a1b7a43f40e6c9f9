"""Results as a plain-text table (under 100 columns) with targets, and as JSON."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .generate import Summary
from .measure import KeyStats, ProgramResult
from .store_bench import ImportResult, SaveStats

# Which floor figure each of ours is compared with.
FLOOR_PAIRS = {"selection": "line", "lanes": "line", "card_move": "repaint"}
SCENARIO_LABELS = {
    "selection": "selection move",
    "lanes": "lane switch",
    "card_move": "card move",
    "line": "floor: line update",
    "repaint": "floor: full repaint",
}
KB = 1024
WIDTH = 100  # the table fits a 100-column terminal
IMPORT_TARGET_ROWS = 30000


@dataclass
class SizeResult:
    contacts: int
    summary: Summary | None = None
    generate_seconds: float | None = None
    floor_paint: float | None = None  # the floor's first paint, measured just before
    app: ProgramResult | None = None
    save: SaveStats | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "contacts": self.contacts,
            "generated": self.summary.to_dict() if self.summary else None,
            "generate_seconds": self.generate_seconds,
            "floor_paint": self.floor_paint,
            "app": self.app.to_dict() if self.app else None,
            "save": self.save.to_dict() if self.save else None,
        }


@dataclass
class RunResults:
    meta: dict[str, Any]
    floor: ProgramResult
    sizes: list[SizeResult] = field(default_factory=list)
    imported: ImportResult | None = None
    network: SizeResult | None = None
    notes: list[str] = field(default_factory=list)

    def size(self, contacts: int) -> SizeResult | None:
        return next((size for size in self.sizes if size.contacts == contacts), None)


# -- numbers as text --------------------------------------------------------------------
def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    value = seconds * 1000
    if value < 10:
        return f"{value:.1f} ms"
    if value < 1000:
        return f"{value:.0f} ms"
    return f"{seconds:.2f} s"


def size_text(count: float | None) -> str:
    if count is None:
        return "-"
    if count < 1000:
        return f"{count:.0f} B"
    if count < KB * KB:
        return f"{count / KB:.1f} KB"
    return f"{count / KB / KB:.1f} MB"


def ratio(ours: float | None, floor: float | None) -> float | None:
    if ours is None or not floor:
        return None
    return ours / floor


def ratio_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


# -- the table ----------------------------------------------------------------------------
COLUMNS = (
    ("what", 22, "<"),
    ("contacts", 8, ">"),
    ("median", 8, ">"),
    ("p95", 8, ">"),
    ("floor", 8, ">"),
    ("x floor", 7, ">"),
    ("bytes/key", 9, ">"),
    ("cpu/key", 8, ">"),
    ("busy med/p95", 13, ">"),
)


def _row(*cells: str) -> str:
    parts = [
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=False)
    ]
    return " ".join(parts).rstrip()


def _busy(stats: KeyStats) -> str:
    if stats.busy_median is None or stats.busy_p95 is None:
        return "-"
    return f"{stats.busy_median * 1000:.0f}/{stats.busy_p95 * 1000:.0f} ms"


def _key_row(label: str, contacts: str, stats: KeyStats, floor: KeyStats | None) -> str:
    if stats.timeout and stats.latency_median is None:
        return _row(label, contacts, "timeout")
    label = f"{label} ({stats.keys[0]}/{stats.keys[1]})" if len(stats.keys) == 2 else label
    floor_median = floor.latency_median if floor else None
    return _row(
        label,
        contacts,
        ms(stats.latency_median) + ("!" if stats.timeout else ""),
        ms(stats.latency_p95),
        ms(floor_median) if floor else "",
        ratio_text(ratio(stats.latency_median, floor_median)) if floor else "",
        size_text(stats.bytes_mean),
        ms(stats.cpu_mean),
        _busy(stats),
    )


def _program_rows(
    result: ProgramResult,
    contacts: str,
    floor: ProgramResult | None,
    prefix: str = "",
    floor_paint: float | None = None,
) -> list[str]:
    rows: list[str] = []
    if floor_paint is None and floor is not None:
        floor_paint = floor.first_paint
    paint = result.first_paint
    rows.append(
        _row(
            f"{prefix}first paint",
            contacts,
            ms(paint) if paint is not None else "timeout",
            "",
            ms(floor_paint) if floor else "",
            ratio_text(ratio(paint, floor_paint)) if floor else "",
        )
    )
    for name, stats in result.scenarios.items():
        floor_stats = floor.scenarios.get(FLOOR_PAIRS.get(name, "")) if floor else None
        label = SCENARIO_LABELS.get(name, name)
        rows.append(_key_row(label, contacts, stats, floor_stats))
    floor_peak = floor.peak_kb if floor else None
    rows.append(
        _row(
            f"{prefix}peak memory",
            contacts,
            size_text(result.peak_kb * KB) if result.peak_kb else "-",
            "",
            size_text(floor_peak * KB) if floor_peak else "",
            ratio_text(ratio(result.peak_kb, floor_peak)) if floor else "",
        )
    )
    # A problem (timeout, crash) with the screen as it was, cut to the table's width.
    rows.extend(f"  ! {line}"[:WIDTH] for error in result.errors for line in error.splitlines())
    for note in result.notes:
        rows.extend(textwrap.wrap(note, WIDTH, initial_indent="  note: ", subsequent_indent="    "))
    return rows


def table(results: RunResults) -> str:
    meta = results.meta
    lines = [
        f"infoint benchmarks: {meta['cols']}x{meta['rows']}, TERM={meta['term']} (256 colours), "
        f"{meta['presses']} presses per scenario, {meta['starts']} start(s)",
        f"{meta['python']}, Textual {meta['textual']}, {meta['cpus']} CPUs, "
        f"load {meta['load']} at start, {meta.get('load_at_end', '?')} at end",
        "floor = a minimal Textual app in the same terminal; its first paint is taken right",
        "before each of ours. busy = from the key until the app's CPU is idle again.",
        "",
        _row(*(name for name, _, _ in COLUMNS)),
        "-" * len(_row(*(name for name, _, _ in COLUMNS))),
    ]
    floor_rows = _program_rows(results.floor, "", None, prefix="floor: ")
    lines.extend(floor_rows)
    for size in results.sizes:
        count = f"{size.contacts:,}"
        lines.append("")
        if size.app is not None:
            lines.extend(_program_rows(size.app, count, results.floor, "", size.floor_paint))
        if size.save is not None:
            save = size.save
            lines.append(_row("save (contacts.put)", count, ms(save.median), ms(save.p95)))
    lines.append("")
    if results.network is not None and results.network.app is not None:
        count = f"{results.network.contacts:,}"
        lines.extend(
            _program_rows(
                results.network.app,
                count,
                results.floor,
                prefix="net: ",
            )
        )
    imported = results.imported
    if imported is not None:
        label = f"{imported.rows:,}-row import"
        lines.append(
            _row(label, "", "skipped" if imported.seconds is None else ms(imported.seconds))
        )
    notes = list(results.notes)
    if imported is not None:
        notes.extend(imported.notes)
        if imported.steps:
            steps = ", ".join(f"{step} {ms(seconds)}" for step, seconds in imported.steps.items())
            linked = f", {imported.linked:,} linked to contacts" if imported.linked else ""
            notes.append(f"import: {steps}; {imported.added:,} people added{linked}")
    for note in notes:
        lines.extend(textwrap.wrap(note, WIDTH, initial_indent="note: ", subsequent_indent="  "))
    return "\n".join(lines)


# -- targets ------------------------------------------------------------------------------
@dataclass
class Target:
    label: str
    measured: str
    met: bool | None  # None: not measured in this run

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _scenario(results: RunResults, contacts: int, name: str) -> KeyStats | None:
    size = results.size(contacts)
    if size is None or size.app is None:
        return None
    return size.app.scenarios.get(name)


def _within(
    label: str, ours: float | None, floor: float | None, limit: float, show: Callable[[float], str]
) -> Target:
    value = ratio(ours, floor)
    if value is None or ours is None or floor is None:
        return Target(label, "not measured", None)
    return Target(label, f"{value:.2f}x ({show(ours)} vs {show(floor)})", value <= limit)


def _under(label: str, value: float | None, limit: float, show: Callable[[float], str]) -> Target:
    if value is None:
        return Target(label, "not measured", None)
    return Target(label, show(value), value < limit)


def targets(results: RunResults) -> list[Target]:
    floor = results.floor
    line = floor.scenarios.get("line")
    repaint = floor.scenarios.get("repaint")

    def paint(contacts: int) -> float | None:
        size = results.size(contacts)
        return size.app.first_paint if size and size.app else None

    def floor_paint(contacts: int) -> float | None:
        size = results.size(contacts)
        return size.floor_paint if size and size.floor_paint else floor.first_paint

    def peak(contacts: int) -> float | None:
        size = results.size(contacts)
        return size.app.peak_kb if size and size.app and size.app.peak_kb else None

    def mem(kb: float) -> str:
        return size_text(kb * KB)

    select = _scenario(results, 10000, "selection")
    move = _scenario(results, 10000, "card_move")
    save = results.size(1000)
    return [
        _within("first paint at 1,000 <= 1.3x floor", paint(1000), floor_paint(1000), 1.3, ms),
        _within("first paint at 10,000 <= 1.6x floor", paint(10000), floor_paint(10000), 1.6, ms),
        _within(
            "selection at 10,000: median <= 3x floor line",
            select.latency_median if select else None,
            line.latency_median if line else None,
            3.0,
            ms,
        ),
        _under(
            "selection at 10,000: < 1.5 KB per key",
            select.bytes_mean if select else None,
            1.5 * KB,
            size_text,
        ),
        _within(
            "card move at 10,000: median <= floor repaint",
            move.latency_median if move else None,
            repaint.latency_median if repaint else None,
            1.0,
            ms,
        ),
        _within(
            "card move at 10,000: p95 <= 1.5x floor p95",
            move.latency_p95 if move else None,
            repaint.latency_p95 if repaint else None,
            1.5,
            ms,
        ),
        _under(
            "card move at 10,000: < 4 KB per key",
            move.bytes_mean if move else None,
            4 * KB,
            size_text,
        ),
        _under(
            "card move at 10,000: idle in 100 ms (med)",
            move.busy_median if move else None,
            0.1,
            ms,
        ),
        _within("peak memory at 1,000 <= 1.6x floor", peak(1000), floor.peak_kb, 1.6, mem),
        _within("peak memory at 10,000 <= 2.5x floor", peak(10000), floor.peak_kb, 2.5, mem),
        _under(
            "save at 1,000 < 20 ms (median)",
            save.save.median if save and save.save else None,
            0.020,
            ms,
        ),
        _import_target(results.imported),
    ]


def _import_target(imported: ImportResult | None) -> Target:
    label = f"{IMPORT_TARGET_ROWS:,}-row import < 3 s"
    if imported is not None and imported.seconds is not None and imported.rows < IMPORT_TARGET_ROWS:
        return Target(label, f"{ms(imported.seconds)} for only {imported.rows:,} rows", None)
    return _under(label, imported.seconds if imported else None, 3.0, ms)


def targets_text(found: list[Target]) -> str:
    lines = ["", "targets (informational)", "-" * 96]
    for target in found:
        verdict = "not measured" if target.met is None else "met" if target.met else "NOT met"
        lines.append(f"{target.label:<46} {target.measured:<36} {verdict}")
    return "\n".join(line.rstrip() for line in lines)


# -- JSON ---------------------------------------------------------------------------------
def as_json(results: RunResults, found: list[Target]) -> dict[str, Any]:
    return {
        "meta": results.meta,
        "floor": results.floor.to_dict(),
        "sizes": [size.to_dict() for size in results.sizes],
        "network": results.network.to_dict() if results.network else None,
        "import": results.imported.to_dict() if results.imported else None,
        "notes": results.notes,
        "targets": [target.to_dict() for target in found],
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
