"""The failure log: ``infoint.log`` in the data folder.

An entry says where a failure happened (files, lines, functions) and the
exception's type, never its message or local variables: those can hold names
and notes. The file is 0600, never written through a symbolic link, and rotated.
No Textual here: the command line writes to it too.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOG_NAME = "infoint.log"
LOG_MAX_BYTES = 256 * 1024  # then rotated to infoint.log.1 (one old log kept)
LOG_MODE = 0o600


@dataclass(frozen=True)
class Failure:
    """One caught exception: where it happened (for the log), what the user was
    doing (for the notice), and the exception."""

    where: str
    error: Exception
    label: str = "That"

    @property
    def kind(self) -> str:
        return type(self.error).__name__


class FailureLog:
    """Appends failures to ``path`` (0600, never through a symbolic link, rotated)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def write(self, failure: Failure) -> bool:
        """True when the entry reached the file."""
        return self._append(_entry(failure))

    def note(self, text: str) -> bool:
        """Something that happened (not a failure): one dated line."""
        return self._append(f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S%z} {text}\n\n")

    def _append(self, text: str) -> bool:
        if self.path is None:
            return False
        entry = text.encode("utf-8", "replace")
        try:
            self._rotate_if_big()
            fd = os.open(
                self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, LOG_MODE
            )
            try:
                os.fchmod(fd, LOG_MODE)
                os.write(fd, entry)
            finally:
                os.close(fd)
        except OSError:
            return False  # a log that cannot be written must not become a second failure
        return True

    def _rotate_if_big(self) -> None:
        assert self.path is not None
        with contextlib.suppress(FileNotFoundError):
            if os.lstat(self.path).st_size > LOG_MAX_BYTES:
                os.replace(self.path, self.path.with_name(self.path.name + ".1"))


def _entry(failure: Failure) -> str:
    lines = [f"{datetime.now().astimezone():%Y-%m-%d %H:%M:%S%z} {failure.kind} in {failure.where}"]
    for frame in traceback.extract_tb(failure.error.__traceback__):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    cause = failure.error.__cause__ or failure.error.__context__
    if cause is not None:
        lines.append(f"  caused by {type(cause).__name__}")
    return "\n".join(lines) + "\n\n"
