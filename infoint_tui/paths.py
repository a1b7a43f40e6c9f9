"""Where the user's data lives and where the bundled styles and templates are."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "infoint"
DATA_DIR_ENV = "INFOINT_DATA_DIR"
_PACKAGE = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """``INFOINT_DATA_DIR`` if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resource_dir(name: str) -> Path:
    """A bundled top-level folder (``styles`` or ``templates``).

    In an installed wheel it sits inside the package (hatch force-include); in
    a checkout or an editable install it sits beside the package.
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def style_path(name: str) -> Path:
    return resource_dir("styles") / name


def user_templates_dir(data_dir: Path) -> Path:
    return data_dir / "templates"
