"""A --data-dir that cannot be a data folder (a regular file, a path under a file,
a folder that cannot be created) stops with one line on stderr and exit status
1, for the app and for every subcommand; never a traceback, and the app never
starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoint_tui import cli
from infoint_tui.core.documents import Store
from infoint_tui.core.store.errors import DataDirError
from infoint_tui.paths import DATA_DIR_ENV


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("not a folder\n")
    return path


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The app must never start: the error comes before it."""
    started: list[str] = []

    def launch(*args: object, **kw: object) -> int:
        started.append("app")
        return 0

    monkeypatch.setattr(cli, "_launch", launch)
    return started


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def cases(a_file: Path) -> dict[str, tuple[Path, str]]:
    return {
        "a file": (a_file, "is a file, not a folder"),
        "under a file": (a_file / "data", f"cannot be created: {a_file} is a file, not a folder"),
        "deeper under a file": (
            a_file / "x" / "data",
            f"cannot be created: {a_file} is a file, not a folder",
        ),
    }


@pytest.mark.parametrize("case", ["a file", "under a file", "deeper under a file"])
@pytest.mark.parametrize(
    "command", [[], ["list"], ["today"], ["add", "--name", "Ada"], ["network"], ["backups"]]
)
def test_a_bad_data_dir_is_one_line_and_exit_1(
    a_file: Path,
    no_app: list[str],
    capsys: pytest.CaptureFixture[str],
    case: str,
    command: list[str],
) -> None:
    path, problem = cases(a_file)[case]
    status, out, err = run(capsys, "--data-dir", str(path), *command)
    assert (status, out) == (1, "")
    assert err == f"infoint: --data-dir {path} {problem}\n"
    assert no_app == []
    assert a_file.read_text() == "not a folder\n"


def test_a_folder_that_cannot_be_created(
    no_app: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ([], ["list"]):
        status, _, err = run(capsys, "--data-dir", "/proc/infoint-test/data", *command)
        assert status == 1
        assert err.startswith("infoint: --data-dir /proc/infoint-test/data cannot be created: ")
        assert err.count("\n") == 1
    assert no_app == []


def test_the_environment_variable_is_named_when_it_is_the_source(
    a_file: Path,
    no_app: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(a_file))
    for command in ([], ["list"]):
        status, _, err = run(capsys, *command)
        assert status == 1
        expected = f"the data folder {a_file} (${DATA_DIR_ENV}) is a file, not a folder"
        assert err == f"infoint: {expected}\n"
    assert no_app == []


def test_the_store_says_the_same(a_file: Path) -> None:
    with pytest.raises(DataDirError) as refused:
        Store(a_file).open()
    assert str(refused.value) == f"the folder {a_file} is a file, not a folder"
    with pytest.raises(DataDirError, match="cannot be created"):
        Store(a_file / "data").open()


def test_a_good_data_dir_still_opens_the_app(
    tmp_path: Path, no_app: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "--data-dir", str(tmp_path / "new"))
    assert (status, err) == (0, "")
    assert no_app == ["app"]


def test_a_command_with_demo_runs_on_sample_data_and_never_on_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from infoint_tui.cli import main

    mine = tmp_path / "mine"
    monkeypatch.setenv("INFOINT_DATA_DIR", str(mine))
    assert main(["--demo", "network", "--company", "Northwind"]) == 0
    out, err = capsys.readouterr()
    # The sample network, with the stage and id of the person already in the pipeline.
    assert "Ada Okafor   Northwind Analytics  Staff Data Engineer  Target #1" in out
    assert "throwaway copy" in err
    assert main(["--demo", "add", "--name", "Someone New"]) == 0
    assert not mine.exists()  # the user's data folder was never created, let alone written
