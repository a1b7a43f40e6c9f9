"""One frame per screen change, for a slow link.

Opening a screen, Textual lays it out more than once (the layout, then the
scrollbars it turns out to need, then focus), and a terminal receives each
pass as a frame: over SSH, several full screens of bytes and a visible build-up
for one key. While a screen opens, the gate holds the app's output; once the new
screen has settled (its first refresh after it became current), one full frame
goes out. A safety timer lets go whatever happens, so output is never held for
long.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer

LONGEST_HOLD = 2.0  # seconds: a screen that never settles is shown anyway


class FrameGate:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held = False
        self._timer: Timer | None = None

    def hold(self) -> None:
        """From now until ``release``, nothing is sent to the terminal."""
        if self.held:
            return
        self.held = True
        self._timer = self.app.set_timer(LONGEST_HOLD, self.release, name="frame gate")

    def release(self) -> None:
        """Send the screen as it is now, whole, in one frame."""
        if not self.held:
            return
        self.held = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.app.screen_stack:  # not while the app is closing
            self.app.screen.refresh()


def release_when_settled(screen: Screen[Any]) -> None:
    """Called as ``screen`` becomes current: let the held frame go after its
    next refresh, when its layout and scrollbars are done."""
    gate = getattr(screen.app, "frames", None)
    if isinstance(gate, FrameGate) and gate.held:
        screen.call_after_refresh(gate.release)
