"""The one error boundary: a failure becomes a notice and a log entry, never a dead app.

Textual ends the app on any exception a handler lets escape, and the message
loop of the widget that raised it stops for good. Our screens, dialogs and the
app are ``Guarded``: whatever one of their handlers, actions or callbacks
raises is caught where Textual dispatches it, logged to ``infoint.log`` in the
data folder, and shown as a one-line notice; the screen stays usable, and a
screen that fails while opening is closed again. Workers and timers report
through the app (see ``InfointApp._handle_exception``).

The log holds where it failed (files, lines, functions) and the exception's
type, never its message or local variables: those can hold names and notes.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump

LOG_NAME = "infoint.log"
LOG_MAX_BYTES = 256 * 1024  # then rotated to infoint.log.1 (one old log kept)
LOG_MODE = 0o600


@dataclass(frozen=True)
class Failure:
    """One caught exception: where it happened (for the log), what the user was
    doing (for the notice), and the exception."""

    where: str
    error: BaseException
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
        if self.path is None:
            return False
        entry = _entry(failure).encode("utf-8", "replace")
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


Reporter = Callable[[Failure, MessagePump, Message | None], None]


class Guarded(MessagePump):
    """Catches what a handler of this screen, dialog or app raises (see the module)."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            where = f"{type(self).__name__} handling {type(message).__name__}"
            label = getattr(self, "NAME", "") or getattr(self, "title_text", "") or "That"
            report: Reporter | None = getattr(self.app, "report_failure", None)
            if report is None:
                raise
            report(Failure(where, error, label), self, message)
