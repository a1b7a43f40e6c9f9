"""Fixtures for the unit tests of the ``infoint`` commands."""

from __future__ import annotations

import functools
import io
import sys
from pathlib import Path

import pytest

from infoint_tui.cli import main
from infoint_tui.commands import common
from infoint_tui.core.documents import Store
from tests.conftest import FakeClock
from tests.unit.cli_run import Run


@pytest.fixture
def run(
    data_dir: Path,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Run:
    """``run("log", "1", "call", stdin="y\\n")``: (exit status, stdout, stderr)."""
    monkeypatch.setattr(common, "Store", functools.partial(Store, clock=clock))

    def invoke(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        status = main(["--data-dir", str(data_dir), *argv])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return invoke
