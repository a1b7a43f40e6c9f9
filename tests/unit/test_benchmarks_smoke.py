"""The benchmarks still run and report every figure. No time or ratio is ever asserted:
speed is the benchmark's business, this only proves the machinery works."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from infoint_tui.core.contacts.model import Stage
from infoint_tui.core.documents import Store

ROOT = Path(__file__).resolve().parents[2]
MOMENT = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def test_generator_command_fills_a_folder_through_the_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "benchmarks/generate.py", "--data-dir", str(data), "--contacts", "20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    summary = json.loads(done.stdout)
    assert summary["contacts"] == 20
    assert all(count > 0 for count in summary["stages"].values())
    store = Store(data).open()
    assert len(store.contacts) == 20
    assert len(store.companies) > 0
    assert {contact.stage for contact in store.contacts} == set(Stage)
    assert summary["first_target"] in {contact.name for contact in store.contacts}


def test_generator_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", contacts=30, seed=7, now=MOMENT)
    second = generate(tmp_path / "b", contacts=30, seed=7, now=MOMENT)
    assert first.first_target == second.first_target
    documents = [
        [contact.to_dict() for contact in Store(tmp_path / name).open().contacts]
        for name in ("a", "b")
    ]
    assert documents[0] == documents[1]


def test_generator_puts_most_of_a_big_import_in_target(tmp_path: Path) -> None:
    from benchmarks.generate import stage_counts

    counts = stage_counts(10000)
    assert sum(counts.values()) == 10000
    assert counts[Stage.TARGET] == 9000
    assert all(count > 0 for count in counts.values())


def _key_figures(stats: dict[str, Any]) -> None:
    assert stats["timeout"] is False
    assert stats["presses"] > 0
    for name in ("latency_median", "latency_p95", "bytes_mean", "cpu_mean", "busy_median"):
        assert _number(stats[name]), name


def test_quick_run_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/run.py",
            "--quick",
            "--cols",
            "64",
            "--rows",
            "20",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for label in (
        "floor: first paint",
        "floor: line update",
        "floor: full repaint",
        "selection move (j/k)",
        "lane switch (l/h)",
        "card move (L/H)",
        "peak memory",
        "save (contacts.put)",
        "targets",
    ):
        assert label in table, label
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "timeout" not in table

    data = json.loads(out.read_text())
    assert data["meta"]["cols"] == 64
    floor = data["floor"]
    assert _number(floor["first_paint"])
    assert _number(floor["peak_kb"])
    for name in ("line", "repaint"):
        _key_figures(floor["scenarios"][name])
    (size,) = data["sizes"]
    app = size["app"]
    assert app["errors"] == []
    assert _number(app["first_paint"])
    assert _number(app["peak_kb"])
    for name in ("selection", "lanes", "card_move"):
        _key_figures(app["scenarios"][name])
    assert _number(size["save"]["median"])
    imported = data["import"]
    assert _number(imported["seconds"]) or imported["notes"]
    assert len(data["targets"]) == 12
    assert all({"label", "measured", "met"} <= set(target) for target in data["targets"])


def test_first_paint_rounds_report_every_program(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/first_paint.py", "--sizes", "20", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("first paint, 80x24, median of 1 rounds")
    assert [line.split("  ")[0] for line in lines[1:]] == [
        "floor",
        "floor reading the folder at 20",
        "infoint at 20",
    ]
    assert all(" ms" in line for line in lines[1:])
