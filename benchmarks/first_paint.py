"""The first paint alone, in rounds that take turns, for comparing builds.

    python benchmarks/first_paint.py [--sizes 1000,10000] [--rounds 11]
    python benchmarks/first_paint.py --before /tmp/infoint-before   # a second checkout

A shared machine's load drifts within seconds, and one start against one
floor start (run.py) moves a ratio by a tenth from one run to the next. Here
every round starts, in turn: the floor app; the floor app reading each data
folder the way infoint does before its paint and drawing nothing of it (what
the data costs a start, whatever is drawn); infoint from this checkout; and
infoint from ``--before`` (another checkout, e.g. ``git worktree add
/tmp/infoint-before HEAD~1``). Medians and ranges over the rounds, each beside
the floor's median. Each infoint is imported from its own checkout
(PYTHONPATH, started outside any checkout) and byte-compiled first.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: import ``benchmarks`` as a package from the checkout, not from this folder.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import compileall  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from benchmarks.floor_app import READY_TEXT  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.pty_driver import Terminal, terminal_env  # noqa: E402

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Start:
    """One program to start in every round; ``folder`` is filled in per size."""

    label: str
    argv: tuple[str, ...]
    ready: tuple[str, ...]
    checkout: Path = CHECKOUT
    per_size: bool = True
    shows_board: bool = False  # painted = the first Target card is on screen too


def paint_ms(start: Start, folder: Path | None, first_target: str, scratch: Path) -> float:
    argv = list(start.argv)
    ready = start.ready
    if folder is not None:
        # A copy per start: a start writes (its lock, a backup), the next must not see it.
        copy = scratch / "start"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
        argv.append(str(copy))
        if start.shows_board and first_target:
            ready = (*ready, first_target[:12].rstrip())
    env = {**terminal_env(), "PYTHONPATH": str(start.checkout)}
    with Terminal(argv, cols=80, rows=24, env=env, cwd=scratch) as terminal:
        painted = terminal.wait_for(ready, START_TIMEOUT)
        terminal.quit("q", 10)
    return (painted - terminal.started) * 1000


def starts(before: Path | None) -> list[Start]:
    python = sys.executable
    floor = str(HERE / "floor_app.py")
    found = [
        Start("floor", (python, floor), (READY_TEXT,), per_size=False),
        Start("floor reading the folder", (python, floor, "--read"), (READY_TEXT,)),
        Start(
            "infoint", (python, "-m", "infoint_tui", "--data-dir"), ("Target",), shows_board=True
        ),
    ]
    if before is not None:
        found.append(
            Start(
                f"infoint in {before}",
                (python, "-m", "infoint_tui", "--data-dir"),
                ("Target",),
                checkout=before,
                shows_board=True,
            )
        )
    return found


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="pipeline contacts")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--before", type=Path, help="another checkout of infoint to compare")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    programs = starts(args.before)
    for checkout in {program.checkout for program in programs}:
        compileall.compile_dir(checkout / "infoint_tui", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="infoint-paint-"))
    try:
        folders: dict[int, tuple[Path, str]] = {}
        for size in sizes:
            data_dir = scratch / f"contacts-{size}"
            summary = generate(data_dir, contacts=size, seed=args.seed)
            folders[size] = (data_dir, summary.first_target)
        paints: dict[tuple[str, int], list[float]] = {}
        for round_number in range(args.rounds):
            print(f"[paint] round {round_number + 1} of {args.rounds}", file=sys.stderr)
            for program in programs:
                for size in sizes if program.per_size else [0]:
                    folder, first = folders[size] if size else (None, "")
                    paint = paint_ms(program, folder, first, scratch)
                    paints.setdefault((program.label, size), []).append(paint)
        print(report(programs, sizes, paints, args.rounds))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def report(
    programs: Sequence[Start],
    sizes: Sequence[int],
    paints: dict[tuple[str, int], list[float]],
    rounds: int,
) -> str:
    floor = statistics.median(paints[("floor", 0)])
    lines = [
        f"first paint, 80x24, median of {rounds} rounds (range), x the floor's median",
        f"{'floor':40} {floor:6.0f} ms",
    ]
    for program in programs:
        if not program.per_size:
            continue
        for size in sizes:
            values = paints[(program.label, size)]
            median = statistics.median(values)
            lines.append(
                f"{program.label + f' at {size:,}':40} {median:6.0f} ms  {median / floor:4.2f}x"
                f"  ({min(values):.0f}-{max(values):.0f})"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
