"""Speed of infoint as a user over SSH feels it, beside a minimal Textual app (the floor).

    python benchmarks/run.py [--sizes 100,1000,10000] [--presses 40] [--json out.json]
    python benchmarks/run.py --quick          # tiny data, few presses (the smoke test)

The real app runs in a pseudo-terminal read by the pyte emulator, on generated
data. Every figure is printed beside the floor's and as a ratio to it, so runs
on different (or busy) machines can be compared. Targets are informational.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: import ``benchmarks`` as a package from the checkout, not from this folder.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import compileall  # noqa: E402
import importlib.util  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from dataclasses import replace  # noqa: E402
from importlib.metadata import version  # noqa: E402

from benchmarks.floor_app import READY_TEXT  # noqa: E402
from benchmarks.generate import Summary, generate  # noqa: E402
from benchmarks.measure import Program, Settings, measure_program  # noqa: E402
from benchmarks.report import (  # noqa: E402
    RunResults,
    SizeResult,
    as_json,
    table,
    targets,
    targets_text,
    write_json,
)
from benchmarks.store_bench import time_import, time_people, time_saves  # noqa: E402
from infoint_tui.core.documents import Store

HERE = Path(__file__).resolve().parent
QUICK_SIZE = 20
NETWORK_CONTACTS = 1000  # the pipeline beside a network run


def floor_program(*, keys: bool = True) -> Program:
    return Program(
        name="floor",
        argv=(sys.executable, str(HERE / "floor_app.py")),
        ready=(READY_TEXT,),
        scenarios=(("line", "x"), ("repaint", "t")) if keys else (),
    )


def app_program(
    data_dir: Path,
    summary: Summary,
    *,
    before_start: Callable[[], None] | None = None,
) -> Program:
    """``before_start`` runs before each start (the floor's first paint, taken beside it)."""
    # A long name is cut to the card's width; its start is enough to know the card is drawn.
    name = summary.first_target[:12].rstrip()
    return Program(
        name="infoint",
        argv=(sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)),
        ready=("Target", name) if name else ("Target",),
        scenarios=(("selection", "jk"), ("lanes", "lh"), ("card_move", "LH")),
        before_start=before_start,
    )


class FloorBeside:
    """The floor's first paint, taken right before each of ours: start-up time
    follows the machine's load the most, and a shared machine's load drifts
    within seconds, so each of our starts is paired with one of the floor's."""

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, starts=1)
        self.paints: list[float] = []

    def __call__(self) -> None:
        paint = measure_program(floor_program(keys=False), self.settings).first_paint
        if paint is not None:
            self.paints.append(paint)

    @property
    def median(self) -> float | None:
        return statistics.median(self.paints) if self.paints else None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure infoint in a pseudo-terminal against a minimal Textual app."
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="pipeline contacts per run")
    parser.add_argument("--presses", type=int, default=40, help="measured presses per scenario")
    parser.add_argument(
        "--starts", type=int, default=5, help="launches for first paint (each beside the floor's)"
    )
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--save-repeats", type=int, default=20, help="saves timed per size")
    parser.add_argument("--import-rows", type=int, default=30000)
    parser.add_argument(
        "--network",
        type=int,
        nargs="?",
        const=30000,
        default=0,
        help="also run with a network of N people (default 30,000); skipped without one",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument(
        "--quick", action="store_true", help="tiny data and few presses (for the smoke test)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = str(QUICK_SIZE)
        args.presses = min(args.presses, 4)
        args.starts = 1
        args.save_repeats = min(args.save_repeats, 3)
        args.import_rows = min(args.import_rows, 300)
        args.network = min(args.network, 50)
    args.size_list = [int(part.replace("_", "")) for part in args.sizes.split(",") if part]
    return args


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings(
        cols=args.cols,
        rows=args.rows,
        presses=args.presses,
        starts=args.starts,
        cwd=HERE.parent,
    )
    meta = {
        "cols": args.cols,
        "rows": args.rows,
        "term": settings.term,
        "presses": args.presses + args.presses % 2,
        "starts": args.starts,
        "python": f"Python {platform.python_version()}",
        "textual": version("textual"),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load": load(),
        "quick": args.quick,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="infoint-bench-"))
    try:
        progress("floor app")
        results = RunResults(meta, measure_program(floor_program(), settings))
        for contacts in args.size_list:
            results.sizes.append(run_size(scratch, contacts, args, settings))
        if args.network:
            results.network = run_network(scratch, args, settings, results)
        progress(f"{args.import_rows:,}-row import")
        results.imported = time_import(args.import_rows, seed=args.seed)
        results.notes.append(time_people(args.import_rows))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    meta["load_at_end"] = load()
    found = targets(results)
    print(table(results))
    print(targets_text(found))
    if args.json:
        write_json(args.json, as_json(results, found))
        progress(f"wrote {args.json}")
    return 0


def compile_bytecode() -> None:
    """Byte-compile infoint as `pip install` does for a user, so no measured start
    pays for compiling its modules (where PYTHONDONTWRITEBYTECODE is set, or in a
    fresh checkout, every start would: about 150 ms here). Textual, in
    site-packages, was compiled when it was installed."""
    spec = importlib.util.find_spec("infoint_tui")
    if spec is None or not spec.submodule_search_locations:
        return
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def run_size(
    scratch: Path, contacts: int, args: argparse.Namespace, settings: Settings
) -> SizeResult:
    result = SizeResult(contacts)
    data_dir = scratch / f"contacts-{contacts}"
    progress(f"generating {contacts:,} contacts")
    started = time.perf_counter()
    result.summary = generate(data_dir, contacts=contacts, seed=args.seed)
    result.generate_seconds = time.perf_counter() - started
    progress(f"timing saves at {contacts:,}")
    result.save = time_saves(data_dir, args.save_repeats)
    floor = FloorBeside(settings)
    progress(f"infoint at {contacts:,} contacts (floor beside)")
    usual = app_program(data_dir, result.summary, before_start=floor)
    result.app = measure_program(usual, settings)
    result.floor_paint = floor.median
    check_balanced(data_dir, result)
    return result


def check_balanced(data_dir: Path, result: SizeResult) -> None:
    """The card moves came in pairs (L then H): every stage must hold what it held."""
    if result.app is None or result.summary is None or "card_move" not in result.app.scenarios:
        return
    try:
        after = Counter(contact.stage.value for contact in Store(data_dir).open().contacts)
    except Exception as error:  # the app may have left the folder locked or broken: say so
        result.app.errors.append(f"could not re-open the data after the run: {error}")
        return
    if any(after[stage] != count for stage, count in result.summary.stages.items()):
        result.app.errors.append(f"stages changed by the run: {dict(after)}")


def app_has_network() -> bool:
    """Whether the app loads a network: its store has one, or there is a Network screen."""
    with tempfile.TemporaryDirectory(prefix="infoint-bench-probe-") as probe:
        if getattr(Store(Path(probe) / "data"), "network", None) is not None:
            return True
    return importlib.util.find_spec("infoint_tui.screens.network") is not None


def run_network(
    scratch: Path, args: argparse.Namespace, settings: Settings, results: RunResults
) -> SizeResult | None:
    label = f"{args.network:,}-person network"
    if not app_has_network():
        results.notes.append(f"{label} skipped: the app has no network yet")
        return None
    contacts = min(NETWORK_CONTACTS, max(args.size_list, default=NETWORK_CONTACTS))
    data_dir = scratch / "network"
    progress(f"generating {contacts:,} contacts and a {label}")
    summary = generate(data_dir, contacts=contacts, network=args.network, seed=args.seed)
    if summary.network is None:
        results.notes.append(f"{label} skipped: the generator found no network file kind")
        return None
    result = SizeResult(contacts, summary)
    floor = FloorBeside(settings)
    progress(f"infoint with a {label} (floor beside)")
    result.app = measure_program(app_program(data_dir, summary, before_start=floor), settings)
    result.floor_paint = floor.median
    results.notes.append(f"net: rows are {contacts:,} contacts plus a {label}")
    return result


if __name__ == "__main__":
    raise SystemExit(main())
