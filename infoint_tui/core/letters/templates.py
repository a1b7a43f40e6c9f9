"""Letter template files: the bundled ones, and the user's own, which win by name.

A template is ``NAME.txt.j2``: its first line is ``Subject: …``, the rest is
the body. The user's copies live in ``<data_dir>/templates``; the app passes
both folders in (``paths.resource_dir("templates")``, ``paths.user_templates_dir``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..store.atomic import FILE_MODE, atomic_write, ensure_private_dir
from ..text import clean_line
from .letter import SUBJECT_LEN
from .sandbox_limits import MAX_SOURCE

TEMPLATE_SUFFIX = ".txt.j2"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\Z")  # \Z: "$" lets a final newline in
_MAX_BYTES = MAX_SOURCE * 4  # UTF-8 needs at most four bytes a character

TemplateOrigin = Literal["bundled", "user"]
KINDS = ("request", "thanks", "article", "note", "letter")
_KIND_COMMENT = re.compile(r"\{#-?\s*kind:\s*([a-z-]+)")
_KIND_BY_NAME = {
    "cold-request": "request",
    "referral-request": "request",
    "follow-up": "request",
    "thank-you": "thanks",
    "article": "article",
    "linkedin-note": "note",
}


class LetterTemplateError(ValueError):
    """A template name or file that cannot be used, with a message for the user."""


@dataclass(frozen=True)
class TemplateInfo:
    """One template as the user sees it: the user's copy if there is one."""

    name: str
    origin: TemplateOrigin
    path: Path
    overrides_bundled: bool = False  # a user template with a bundled one's name
    subject: str = ""  # the Subject line as written (Jinja and all)
    kind: str = "letter"


def validate_name(name: str) -> str:
    """A template name: lower-case letters, digits and dashes, nothing that is a path."""
    if not _NAME.match(name):
        raise LetterTemplateError(
            f"{name!r} is not a template name: use lower-case letters, digits and dashes "
            "(e.g. cold-request)"
        )
    return name


def template_kind(source: str, name: str = "") -> str:
    """``{# kind: request #}`` in the source, else what the name says."""
    match = _KIND_COMMENT.search(source)
    if match:
        return match.group(1) if match.group(1) in KINDS else "letter"
    if name in _KIND_BY_NAME:
        return _KIND_BY_NAME[name]
    return "request" if "request" in name else "letter"


def read_template(path: Path) -> str:
    """A template file's text; refuses one too big or not UTF-8."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)
    except OSError as error:
        raise LetterTemplateError(f"cannot read {path}: {error.strerror or error}") from error
    if len(raw) > _MAX_BYTES:
        raise LetterTemplateError(f"{path} is too large to be a letter template")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LetterTemplateError(f"{path} is not UTF-8 text ({error.reason})") from error


def _names(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    for entry in folder.iterdir():
        name = entry.name.removesuffix(TEMPLATE_SUFFIX)
        if entry.name.endswith(TEMPLATE_SUFFIX) and _NAME.match(name) and entry.is_file():
            found[name] = entry
    return found


def _info(name: str, path: Path, origin: TemplateOrigin, overrides: bool) -> TemplateInfo:
    try:
        source = read_template(path)
    except LetterTemplateError:
        source = ""
    first = source.split("\n", 1)[0]
    subject = first.partition(":")[2] if first.lower().startswith("subject:") else ""
    subject = clean_line(subject, SUBJECT_LEN)  # shown in the chooser and `infoint templates`
    return TemplateInfo(name, origin, path, overrides, subject, template_kind(source, name))


def list_templates(bundled_dir: Path, user_dir: Path) -> list[TemplateInfo]:
    """Every template by name; a user template hides the bundled one it overrides."""
    bundled = _names(bundled_dir)
    user = _names(user_dir)
    infos = [_info(name, path, "user", name in bundled) for name, path in user.items()]
    infos += [_info(name, path, "bundled", False) for name, path in bundled.items()]
    infos = [info for info in infos if info.origin == "user" or info.name not in user]
    return sorted(infos, key=lambda info: info.name)


def find_template(name: str, bundled_dir: Path, user_dir: Path) -> TemplateInfo:
    validate_name(name)
    for info in list_templates(bundled_dir, user_dir):
        if info.name == name:
            return info
    known = ", ".join(info.name for info in list_templates(bundled_dir, user_dir)) or "none"
    raise LetterTemplateError(f"no template named {name!r} (templates: {known})")


def load_template(name: str, bundled_dir: Path, user_dir: Path) -> str:
    """The source of the template the user gets by that name."""
    return read_template(find_template(name, bundled_dir, user_dir).path)


def copy_to_user(name: str, bundled_dir: Path, user_dir: Path, new_name: str | None = None) -> Path:
    """Start a user template from a bundled one (or from another user template).

    Never overwrites: an existing user file raises FileExistsError.
    """
    target_name = validate_name(new_name or name)
    source_path = _names(bundled_dir).get(validate_name(name)) or _names(user_dir).get(name)
    if source_path is None:
        raise LetterTemplateError(f"no template named {name!r} to copy")
    data = read_template(source_path).encode("utf-8")
    ensure_private_dir(user_dir)
    target = user_dir / f"{target_name}{TEMPLATE_SUFFIX}"
    # O_EXCL: the check for an existing file and the creation are one step.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def save_user_template(name: str, source: str, user_dir: Path) -> Path:
    """Write the user's template (the editor's save), atomically."""
    if len(source) > MAX_SOURCE:
        raise LetterTemplateError(f"a template may have at most {MAX_SOURCE:,} characters")
    ensure_private_dir(user_dir)
    target = user_dir / f"{validate_name(name)}{TEMPLATE_SUFFIX}"
    atomic_write(target, source.encode("utf-8"))
    return target


def remove_user_template(name: str, user_dir: Path) -> bool:
    """Delete the user's template (a bundled one of that name comes back). True if removed."""
    try:
        (user_dir / f"{validate_name(name)}{TEMPLATE_SUFFIX}").unlink()
    except FileNotFoundError:
        return False
    return True
