"""The status line: what just happened, and whether it reached the disk."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..core.session.session import SessionEvent


class StatusLine(Static):
    def __init__(self) -> None:
        super().__init__("", id="status")
        self._text = ""

    def say(self, message: str, *, error: bool = False) -> None:
        if message == self._text:
            return
        self._text = message
        self.set_class(error, "-error")
        # One fixed-height line: no layout pass (it would repaint the lanes).
        self.update(Text(message, no_wrap=True, overflow="ellipsis"), layout=False)

    def show_event(self, event: SessionEvent, save_error: str | None) -> None:
        if save_error:
            self.say(f"✗ NOT SAVED — {save_error} — r retries", error=True)
        elif event.error:
            self.say(event.message or event.error, error=True)
        elif event.message:
            self.say(event.message)
        elif self._text.startswith("✗"):
            self.say("✓ Saved")
