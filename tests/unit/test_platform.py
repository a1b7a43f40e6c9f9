"""infoint is for POSIX systems: on native Windows it says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from infoint_tui import cli


@pytest.mark.parametrize("argv", [[], ["--demo"], ["--version"], ["list"], ["timer", "--tmux"]])
def test_native_windows_gets_one_line_and_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.setattr(cli, "native_windows", lambda: True)

    def never(*_: object, **__: object) -> None:
        raise AssertionError("nothing runs past the platform check")

    monkeypatch.setattr(cli, "build_parser", never)
    monkeypatch.setattr(cli, "run_app", never)
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "infoint runs on Linux and macOS; on Windows, run it in WSL\n"


def test_the_check_knows_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not cli.native_windows()  # the tests run on Linux or macOS (or WSL)
    with monkeypatch.context() as patched:
        patched.setattr(sys, "platform", "win32")
        assert cli.native_windows()
    with monkeypatch.context() as patched:
        patched.setattr(os, "name", "nt")
        assert cli.native_windows()


def test_the_command_stops_before_the_app_or_a_command_is_imported() -> None:
    script = (
        "import sys\n"
        "from infoint_tui import cli\n"
        "sys.platform = 'win32'\n"
        "status = cli.main(['list'])\n"
        "loaded = [m for m in ('textual', 'infoint_tui.app', 'infoint_tui.commands.contacts')\n"
        "          if m in sys.modules]\n"
        "print(status, ','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert result.stderr == "infoint runs on Linux and macOS; on Windows, run it in WSL\n"
