"""The app never outlives its terminal.

When an SSH link drops or a tmux session is killed, the kernel hangs up the
terminal: SIGHUP arrives, reads fail or end, writes fail. Textual's own exit
then hangs for ever (its output thread died on the dead terminal and its
queue fills), so the process would linger, orphaned, ignoring signals. The
lifeline is a thread that watches for the end independently of Textual's
event loop: a hang-up or termination signal, or the terminal's input or
output reporting a hang-up or an error. It then calls ``on_end`` once, from
its own thread, and the app saves what it can and leaves (see
``InfointApp._end_of_the_line``).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType

CHECK_SECONDS = 0.2  # how often the thread looks for a signal between polls

# (why, whether the terminal may still be there to be restored)
EndHandler = Callable[[str, bool], None]


class Lifeline:
    def __init__(self, on_end: EndHandler, fds: Sequence[int]) -> None:
        self._on_end = on_end
        self._fds = [fd for fd in fds if _is_open(fd)]
        self._signalled: str | None = None
        self._wake = threading.Event()
        self._ended = False
        self._thread = threading.Thread(target=self._watch, name="infoint-lifeline", daemon=True)

    def start(self) -> Lifeline:
        # signal.signal, not the event loop's handlers: the loop may be the
        # thing that is stuck. The handler only records which signal came.
        for number in (signal.SIGHUP, signal.SIGTERM):
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(number, self._signal)
        self._thread.start()
        return self

    def _signal(self, number: int, frame: FrameType | None) -> None:
        self._signalled = signal.Signals(number).name
        self._wake.set()

    def _watch(self) -> None:
        poller = select.poll()
        for fd in self._fds:
            # No POLLIN: the terminal's keys stay Textual's. Hang-ups and
            # errors are reported whether asked for or not.
            poller.register(fd, select.POLLHUP | select.POLLERR | select.POLLNVAL)
        while True:
            if self._wake.wait(0 if self._fds else CHECK_SECONDS):
                break
            if self._fds:
                try:
                    events = poller.poll(CHECK_SECONDS * 1000)
                except InterruptedError:
                    continue
                if events:
                    self._end("the terminal closed", alive=False)
                    return
        signalled = self._signalled or "a signal"
        self._end(signalled, alive=signalled != "SIGHUP")

    def _end(self, why: str, *, alive: bool) -> None:
        if self._ended:
            return
        self._ended = True
        self._on_end(why, alive)


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True
