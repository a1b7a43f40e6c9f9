"""Packaging that fits how people install apps: ranges for users, exact versions for tests."""

from __future__ import annotations

import re
import subprocess
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return match.group(0).lower()


def _constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            assert pinned, f"constraints.txt pins exact versions only: {line!r}"
            pins[name.strip().lower()] = pinned.strip()
    return pins


def test_every_dependency_has_an_upper_bound() -> None:
    requirements = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
    unbounded = [requirement for requirement in requirements if "<" not in requirement]
    assert unbounded == []


def test_textual_takes_patch_releases_only() -> None:
    textual = [r for r in PROJECT["dependencies"] if _name(r) == "textual"]
    assert textual == ["textual>=8.2.8,<8.3"]


def test_the_test_tools_include_the_import_contracts() -> None:
    names = {_name(requirement) for requirement in PROJECT["optional-dependencies"]["test"]}
    assert "import-linter" in names


def test_the_metadata_says_posix() -> None:
    classifiers = set(PROJECT["classifiers"])
    assert {
        "Operating System :: POSIX",
        "Operating System :: POSIX :: Linux",
        "Operating System :: MacOS",
        "Environment :: Console",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    } <= classifiers
    assert not any("Windows" in classifier for classifier in classifiers)


def test_the_snapshot_versions_are_pinned_and_installed() -> None:
    pins = _constraints()
    assert {"textual", "rich", "pytest-textual-snapshot", "syrupy"} <= pins.keys()
    for name in ("textual", "rich"):
        assert version(name) == pins[name], (
            f"{name} {version(name)} is installed, the snapshots need {pins[name]}: "
            "install with `pip install -c constraints.txt '.[test]'`"
        )


def test_ci_runs_readmes_test_command_with_the_constraints() -> None:
    # The very pipeline .ci/run uses to find the command.
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    found = re.search(r'test_command="\$\((.*)\)"', script)
    assert found is not None
    command = subprocess.run(
        ["bash", "-c", found.group(1)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert "pip install -c constraints.txt '.[test]'" in command
    assert command.endswith(".venv/bin/python -m pytest")
    # The first command of the quick start still installs and opens the app.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("<!-- quickstart -->")[1].split("<!-- /quickstart -->")[0]
    assert ".venv/bin/pip install . && .venv/bin/infoint --demo" in quickstart
    lines = script.splitlines()
    assert lines.index(".venv/bin/lint-imports") == lines.index(".venv/bin/mypy --strict") + 1
