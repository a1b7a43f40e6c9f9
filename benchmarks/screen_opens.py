"""What opening and closing each screen of infoint sends down the wire (issue 18).

    python benchmarks/screen_opens.py [--sizes 100,1000,10000] [--repeats 3]
    python benchmarks/screen_opens.py --sizes 1000 --frames --save /tmp/opens

For each screen opened from the board (its key) and closed again (esc), in a
pseudo-terminal of 80x24 with TERM=xterm-256color: the bytes written from the
key until the program is quiet and idle, the frames among them (synchronized
output begins, ``ESC[?2026h``; the emulated terminal says it supports them, as
most terminals an SSH user has do), cursor-home (``ESC[1;1H``: where every whole-
screen repaint starts) and full-clear (``ESC[2J``) sequences, and the time from
the key to the last byte (esc includes Textual's 100 ms ESCDELAY). Beside it,
in the same run, the floor app's full repaint (``t``, a theme switch). The
budget (issue 18): every open and every back at most twice the floor's full
repaint, in one frame.

``--frames`` prints, for every open and back, each frame: its bytes, how many of
them are colour/style codes (SGR), cursor moves and text, the rows it writes and
the rows whose contents it actually changed. ``--save DIR`` keeps the raw bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: import ``benchmarks`` as a package from the checkout, not from this folder.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import re  # noqa: E402
import shlex  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any, Self  # noqa: E402

import pyte  # noqa: E402

from benchmarks.floor_app import READY_TEXT  # noqa: E402
from benchmarks.generate import Summary, generate  # noqa: E402
from benchmarks.pty_driver import Terminal, Timeout, terminal_env  # noqa: E402

HERE = Path(__file__).resolve().parent
ESC = "\x1b"
SYNC_BEGIN = b"\x1b[?2026h"
SYNC_QUERY = b"\x1b[?2026$p"  # DECRQM: does the terminal have synchronized output?
SYNC_ANSWER = b"\x1b[?2026;2$y"  # "known, currently off": Textual then wraps each frame
CURSOR_HOME = re.compile(rb"\x1b\[(?:1;1)?H")
FULL_CLEAR = b"\x1b[2J"
SGR = re.compile(rb"\x1b\[[0-9;:]*m")
MOVE = re.compile(rb"\x1b\[(\d*)(?:;(\d*))?H")
OTHER_ESCAPE = re.compile(rb"\x1b\[[0-9;?$:]*[A-Za-ln-z@`]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
BUDGET_FACTOR = 2


# -- a terminal that keeps every byte ---------------------------------------------------
class _Recorder:
    """Stands in for the terminal's pyte stream: keeps each byte, answers the sync query."""

    def __init__(self, stream: Any, raw: bytearray, answer: Callable[[bytes], None] | None):
        self._stream = stream
        self._raw = raw
        self._answer = answer

    def feed(self, data: bytes) -> None:
        start = max(0, len(self._raw) - len(SYNC_QUERY) + 1)
        self._raw.extend(data)
        if self._answer is not None and SYNC_QUERY in self._raw[start:]:
            self._answer(SYNC_ANSWER)
        self._stream.feed(data)


class RecordingTerminal(Terminal):
    """``Terminal`` that keeps the raw output (``raw``) and, unless told not to,
    claims synchronized output, so that every frame Textual sends is bracketed.

    (Cleaner in pty_driver itself: a ``raw`` buffer in ``Terminal.read`` and the
    DECRQM 2026 answer in ``_Screen``, which pyte does not give.)"""

    def __init__(self, argv: Sequence[str], *, sync: bool = True, **kwargs: Any) -> None:
        super().__init__(argv, **kwargs)
        self.raw = bytearray()
        recorder: Any = _Recorder(self.stream, self.raw, self._write if sync else None)
        self.stream = recorder

    def __enter__(self) -> Self:
        return self


# -- one key, measured ------------------------------------------------------------------
@dataclass(frozen=True)
class Timing:
    quiet: float = 0.030  # no output this long ends a burst
    idle: float = 0.050  # no CPU work this long = idle
    tail: float = 0.250  # then this long more without output: nothing late is missed
    timeout: float = 15.0


@dataclass
class Shot:
    """One key press: everything it made the program write."""

    data: bytes
    ms: float | None  # key written -> last byte
    start: int  # where in the terminal's output it begins
    timed_out: bool = False

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def frames(self) -> int:
        return self.data.count(SYNC_BEGIN)

    @property
    def homes(self) -> int:
        return len(CURSOR_HOME.findall(self.data))

    @property
    def clears(self) -> int:
        return self.data.count(FULL_CLEAR)


def shoot(terminal: RecordingTerminal, key: str, timing: Timing) -> Shot:
    start = len(terminal.raw)
    sent = time.perf_counter()
    pressed = terminal.press(key, quiet=timing.quiet, idle=timing.idle, timeout=timing.timeout)
    timed_out = pressed.timed_out
    try:
        terminal.settle(quiet=timing.tail, idle=timing.idle, timeout=timing.timeout)
    except Timeout:
        timed_out = True
    data = bytes(terminal.raw[start:])
    ms = (terminal.last_byte_at - sent) * 1000 if data else None
    return Shot(data, ms, start, timed_out)


def settle(terminal: Terminal, timing: Timing) -> None:
    terminal.settle(quiet=timing.tail, idle=timing.idle, timeout=timing.timeout * 4)


# -- frames, taken apart ----------------------------------------------------------------
@dataclass
class Frame:
    size: int
    sgr: int  # bytes of colour and style codes
    moves: int  # bytes of cursor moves
    other: int  # other escape sequences
    text: int  # what is left: the characters shown
    written: list[int]  # rows (0-based) the frame moves the cursor to
    changed: list[int]  # rows whose contents differ after the frame


def rows_text(rows: Sequence[int]) -> str:
    """0-based rows as 1-based ranges: [0, 1, 2, 5] -> "1-3,6"."""
    parts: list[str] = []
    ordered = sorted(set(rows))
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        low, high = ordered[index] + 1, ordered[end] + 1
        parts.append(str(low) if low == high else f"{low}-{high}")
        index = end + 1
    return ",".join(parts) or "-"


class Replay:
    """A second emulator fed the same bytes, to see what each frame changes."""

    def __init__(self, cols: int, rows: int, raw: bytes) -> None:
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = raw
        self.position = 0  # how much of ``raw`` was fed

    def catch_up(self, shot: Shot) -> None:
        """Feed what came before ``shot`` (shots are taken apart in the order they came)."""
        self.feed(self.raw[self.position : shot.start])
        self.position = shot.start + shot.size

    def snapshot(self) -> list[tuple[Any, ...]]:
        buffer = self.screen.buffer
        cols = self.screen.columns
        return [tuple(buffer[y][x] for x in range(cols)) for y in range(self.rows)]

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def frames(self, data: bytes) -> list[Frame]:
        found: list[Frame] = []
        pieces = data.split(SYNC_BEGIN)
        self.feed(pieces[0])  # before the first frame: cursor shows and hides, say
        for piece in pieces[1:]:
            before = self.snapshot()
            self.feed(SYNC_BEGIN + piece)
            after = self.snapshot()
            body = piece
            sgr = sum(len(match) for match in SGR.findall(body))
            moves = MOVE.findall(body)
            move_bytes = sum(len(match.group(0)) for match in MOVE.finditer(body))
            other = sum(len(match) for match in OTHER_ESCAPE.findall(body)) - move_bytes
            found.append(
                Frame(
                    size=len(SYNC_BEGIN) + len(piece),
                    sgr=sgr,
                    moves=move_bytes,
                    other=max(0, other) + len(SYNC_BEGIN),
                    text=len(body) - sgr - max(0, other) - move_bytes,
                    written=sorted({int(row or 1) - 1 for row, _col in moves}),
                    changed=[y for y in range(self.rows) if before[y] != after[y]],
                )
            )
        return found


# -- the screens ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Opening:
    """A screen: the keys to reach its opener (not measured), the key that opens it,
    what shows it opened, and the keys back to the board after its esc (not measured)."""

    name: str
    key: str
    shows: str
    before: str = ""
    after: str = ""


OPENINGS = (
    Opening("today", "T", "Today"),
    Opening("companies", "C", "Target companies"),
    Opening("network", "N", "Network"),
    Opening("stats", "S", "Stats"),
    Opening("profile", "P", "Your profile"),
    Opening("contact", "\r", "Timeline"),
    Opening("letter", "w", "Letter"),
    Opening("interview", "t", "Interview"),
    Opening("questions", "Q", "Questions", before="\r", after=ESC),
    Opening("help ?", "?", "Keys"),
    Opening("palette", "\x10", "Search"),
)


@dataclass
class Measured:
    opening: Opening
    opens: list[Shot] = field(default_factory=list)
    backs: list[Shot] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class SizeRun:
    contacts: int
    raw: bytes = b""
    screens: list[Measured] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def start(argv: Sequence[str], args: argparse.Namespace) -> RecordingTerminal:
    env = terminal_env(args.term)
    if args.colorterm:
        env["COLORTERM"] = args.colorterm
    return RecordingTerminal(
        argv,
        sync=not args.no_sync,
        cols=args.cols,
        rows=args.rows,
        env=env,
        cwd=HERE.parent,
    )


def measure_floor(args: argparse.Namespace, timing: Timing) -> list[Shot]:
    """The floor's full repaint (``t`` switches the theme), ``repeats`` times after one."""
    with start((sys.executable, str(HERE / "floor_app.py")), args) as terminal:
        terminal.wait_for((READY_TEXT,), 60)
        settle(terminal, timing)
        shoot(terminal, "t", timing)
        shots = [shoot(terminal, "t", timing) for _ in range(args.repeats)]
        terminal.quit("q", 10)
    return shots


def on_board(terminal: Terminal, ready: Sequence[str]) -> bool:
    screen = terminal.text()
    return all(needle in screen for needle in ready)


def to_board(terminal: Terminal, ready: Sequence[str], timing: Timing) -> bool:
    """Esc until the board shows (at most a few times)."""
    for _ in range(4):
        if on_board(terminal, ready):
            return True
        terminal.press(ESC, quiet=timing.quiet, idle=timing.idle, timeout=timing.timeout)
        settle(terminal, timing)
    return on_board(terminal, ready)


def type_keys(terminal: Terminal, keys: str, timing: Timing) -> None:
    for key in keys:
        terminal.press(key, quiet=timing.quiet, idle=timing.idle, timeout=timing.timeout)
        settle(terminal, timing)


def measure_app(
    data_dir: Path, summary: Summary, args: argparse.Namespace, timing: Timing
) -> SizeRun:
    run = SizeRun(summary.contacts)
    name = summary.first_target[:12].rstrip()
    ready = ("Target", name) if name else ("Target",)
    command = shlex.split(args.app) if args.app else [sys.executable, "-m", "infoint_tui"]
    argv = (*command, "--data-dir", str(data_dir))
    wanted = [o for o in OPENINGS if not args.screens or o.name.split()[0] in args.screens]
    with start(argv, args) as terminal:
        try:
            open_screens(terminal, wanted, ready, run, args, timing)
        finally:
            run.raw = bytes(terminal.raw)
    return run


def open_screens(
    terminal: RecordingTerminal,
    wanted: Sequence[Opening],
    ready: Sequence[str],
    run: SizeRun,
    args: argparse.Namespace,
    timing: Timing,
) -> None:
    terminal.wait_for(("infoint",), 90)
    settle(terminal, timing)
    if not on_board(terminal, ready):
        run.notes.append("started on another screen (Today?); esc took it to the board")
    if not to_board(terminal, ready, timing):
        run.notes.append("could not reach the board:\n" + terminal.text())
        return
    for opening in wanted:
        measured = Measured(opening)
        run.screens.append(measured)
        for _ in range(args.repeats):
            type_keys(terminal, opening.before, timing)
            opened = shoot(terminal, opening.key, timing)
            measured.opens.append(opened)
            if opening.shows not in terminal.text():
                measured.errors.append(f"{opening.shows!r} not on screen after its key")
                if args.verbose:
                    print(terminal.text(), file=sys.stderr)
            back = shoot(terminal, ESC, timing)
            measured.backs.append(back)
            type_keys(terminal, opening.after, timing)
            if not to_board(terminal, ready, timing):
                measured.errors.append("could not get back to the board")
                return
    terminal.quit("q", 10)


# -- printing -----------------------------------------------------------------------------
def median(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def ms_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def row(measured: Measured, floor_bytes: float) -> str:
    budget = BUDGET_FACTOR * floor_bytes
    opens, backs = measured.opens, measured.backs
    if not opens:
        return f"{measured.opening.name:<11} (not measured) {'; '.join(measured.errors)}"
    open_bytes = statistics.median(shot.size for shot in opens)
    back_bytes = statistics.median(shot.size for shot in backs) if backs else 0
    open_frames = max(shot.frames for shot in opens)
    back_frames = max((shot.frames for shot in backs), default=0)
    extra = ""
    homes = max(shot.homes for shot in [*opens, *backs])
    clears = max(shot.clears for shot in [*opens, *backs])
    if homes or clears:
        extra += f" home{homes}/clear{clears}"  # per press, the most seen
    ok = (
        open_bytes <= budget
        and back_bytes <= budget
        and open_frames <= 1
        and back_frames <= 1
        and not any(shot.timed_out for shot in [*opens, *backs])
    )
    if measured.errors:
        extra += " ! " + "; ".join(sorted(set(measured.errors)))
    return (
        f"{measured.opening.name:<11}{open_bytes:>8.0f}{open_frames:>4}"
        f"{ms_text(median([s.ms for s in opens])):>7}{ms_text(opens[0].ms):>7}"
        f"{back_bytes:>8.0f}{back_frames:>4}{ms_text(median([s.ms for s in backs])):>7}"
        f"  {open_bytes / floor_bytes:>4.1f}x {back_bytes / floor_bytes:>4.1f}x"
        f"  {'ok' if ok else 'OVER'}{extra}"
    )


HEADER = (
    f"{'screen':<11}{'open B':>8}{'fr':>4}{'ms':>7}{'1st ms':>7}"
    f"{'back B':>8}{'fr':>4}{'ms':>7}  {'open':>5} {'back':>5}  budget"
)


def print_frames(label: str, shot: Shot, replay: Replay) -> None:
    print(f"  {label}: {shot.size} B, {shot.frames} frame(s)")
    replay.catch_up(shot)
    outside = shot.data.split(SYNC_BEGIN)[0]
    if outside:
        print(f"    before the first frame: {len(outside)} B {outside[:40]!r}")
    for number, frame in enumerate(replay.frames(shot.data), 1):
        print(
            f"    frame {number}: {frame.size:>6} B  sgr {frame.sgr:>5}  moves {frame.moves:>4}"
            f"  other {frame.other:>4}  text {frame.text:>5}"
            f"  writes rows {rows_text(frame.written)}  changes rows {rows_text(frame.changed)}"
        )


def save(folder: Path, contacts: int, measured: Measured) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{contacts}-{measured.opening.name.split()[0]}"
    for index, shot in enumerate(measured.opens, 1):
        (folder / f"{stem}-open{index}.bin").write_bytes(shot.data)
    for index, shot in enumerate(measured.backs, 1):
        (folder / f"{stem}-back{index}.bin").write_bytes(shot.data)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000", help="pipeline contacts per run")
    parser.add_argument("--repeats", type=int, default=3, help="opens (and backs) per screen")
    parser.add_argument("--screens", default="", help="only these, comma separated (names)")
    parser.add_argument("--network", type=int, default=0, help="people in the generated network")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--term", default="xterm-256color")
    parser.add_argument(
        "--colorterm", default="", help="set COLORTERM (truecolor: 24-bit colour codes)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-sync", action="store_true", help="do not claim synchronized output (no frames)"
    )
    parser.add_argument("--frames", action="store_true", help="take every frame apart")
    parser.add_argument("--save", type=Path, help="keep the raw bytes of each open and back")
    parser.add_argument(
        "--app", default="", help="command that starts the app (default: python -m infoint_tui)"
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    args.size_list = [int(part.replace("_", "")) for part in args.sizes.split(",") if part]
    args.screens = [part.strip() for part in args.screens.split(",") if part.strip()]
    return args


def progress(message: str) -> None:
    print(f"[opens] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    timing = Timing()
    progress("floor app")
    floor = measure_floor(args, timing)
    floor_bytes = statistics.median(shot.size for shot in floor)
    floor_frames = max(shot.frames for shot in floor)
    runs: list[SizeRun] = []
    scratch = Path(tempfile.mkdtemp(prefix="infoint-opens-"))
    try:
        for contacts in args.size_list:
            data_dir = scratch / f"contacts-{contacts}"
            progress(f"generating {contacts:,} contacts")
            summary = generate(data_dir, contacts=contacts, network=args.network, seed=args.seed)
            progress(f"opening screens at {contacts:,} contacts")
            runs.append(measure_app(data_dir, summary, args, timing))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"{args.cols}x{args.rows} TERM={args.term}"
        f"{f' COLORTERM={args.colorterm}' if args.colorterm else ''}"
        f"{' (no synchronized output)' if args.no_sync else ''}; "
        f"median of {args.repeats}; frames = ESC[?2026h (max); ms = key to last byte"
    )
    print(
        f"floor full repaint (t): {floor_bytes:.0f} B in {floor_frames} frame(s), "
        f"{ms_text(median([s.ms for s in floor]))} ms; "
        f"budget {BUDGET_FACTOR}x = {BUDGET_FACTOR * floor_bytes:.0f} B, 1 frame"
    )
    for run in runs:
        print(f"\n{run.contacts:,} contacts")
        print(HEADER)
        for measured in run.screens:
            print(row(measured, floor_bytes))
        for note in run.notes:
            print(f"note: {note}")
    if args.frames or args.save:
        for run in runs:
            replay = Replay(args.cols, args.rows, run.raw)
            for measured in run.screens:
                if args.save:
                    save(args.save, run.contacts, measured)
                if args.frames and measured.opens:
                    print(f"\n{run.contacts:,} contacts, {measured.opening.name} (last repeat)")
                    print_frames("open", measured.opens[-1], replay)
                    if measured.backs:
                        print_frames("back", measured.backs[-1], replay)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
