"""The installed wheel works: styles and templates ship inside it, and the app starts."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import asyncio, pathlib, sys, tempfile
    import infoint_tui
    from infoint_tui.paths import resource_dir
    here = pathlib.Path(sys.argv[1]).resolve()
    package = pathlib.Path(infoint_tui.__file__).resolve().parent
    assert package.is_relative_to(here), f"imported from {package}, not the wheel"
    assert resource_dir("styles").is_relative_to(package), resource_dir("styles")
    assert (resource_dir("templates") / "referral-request.txt.j2").is_file()
    from infoint_tui.app import InfointApp
    from infoint_tui.core.documents import Store

    async def main() -> None:
        store = Store(pathlib.Path(tempfile.mkdtemp()) / "data").open()
        app = InfointApp(store, ansi=False, today_on_start=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.board_screen is not None
        app.session.close()

    asyncio.run(main())
    print("wheel ok")
    """
)


@pytest.mark.slow
def test_the_built_wheel_runs_without_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("infoint-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    assert (target / "infoint_tui" / "styles" / "board.tcss").is_file()
    assert (target / "infoint_tui" / "templates" / "cold-request.txt.j2").is_file()
    # Run from an empty folder so the checkout cannot be imported by accident.
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "wheel ok" in result.stdout
    version = subprocess.run(
        [sys.executable, "-m", "infoint_tui", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("infoint ")
