"""Type-ahead: keys typed in one burst are handled one after another, each by the
screen the keys before it left on top.

Over SSH a user types ``n`` then ``Ada Okafor`` before the form has appeared;
the terminal delivers them in one read. Textual hands every key at once to
whatever has focus at that instant, so without this the name's letters would
act on the board underneath (``N`` opening the network). Here the app passes
one key (or paste) on, then waits until the app and every widget of the screen
on top have handled what that key set off (a screen opening, its focus moving)
before passing the next. A single key press never waits: the gate is open.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

Dispatch = Callable[[events.Event], Awaitable[None]]
MAX_ROUNDS = 25  # a screen that keeps changing never holds the keys for good
CHECK_SECONDS = 0.5  # how often a round looks for widgets removed before the marker


class TypeAhead:
    def __init__(self, app: App[int], dispatch: Dispatch) -> None:
        self.app = app
        self._dispatch = dispatch
        self._held: deque[events.Event] = deque()
        self._busy = False
        self._rounds = 0
        self._state: tuple[object, ...] = ()
        self._serial = 0

    @property
    def held(self) -> int:
        return len(self._held)

    async def arrived(self, event: events.Event) -> None:
        """A key or paste from the terminal: handle it now, or after those before it."""
        if self._busy:
            self._held.append(event)
            return
        await self._pass_on(event)

    async def _pass_on(self, event: events.Event) -> None:
        self._busy = True
        self._rounds = 0
        self._state = self._snapshot()
        try:
            await self._dispatch(event)
        finally:
            self._round()

    def _snapshot(self) -> tuple[object, ...]:
        """What a key can change that the next key depends on."""
        app = self.app
        stack = tuple(id(screen) for screen in app.screen_stack)
        screen = app.screen
        widgets = sum(1 for _ in screen.walk_children())
        return (stack, id(screen.focused), widgets, screen.is_mounted)

    def _round(self) -> None:
        """Send a marker through the app and every widget of the top screen; when
        all have handled it, everything queued before it has been handled too."""
        app = self.app
        self._serial += 1
        serial = self._serial
        waiting: set[MessagePump] = set()

        def done(node: MessagePump) -> None:
            waiting.discard(node)
            if not waiting and serial == self._serial:
                self._serial += 1  # this round is over: the check below must not end it again
                app.call_later(self._round_done)

        for node in [app, *app.screen.walk_children(with_self=True)]:
            if node.call_later(done, node):
                waiting.add(node)
        if not waiting:
            self._serial += 1
            app.call_later(self._round_done)
            return

        def check() -> None:
            # A widget removed before it reached the marker never will: do not wait for it.
            if serial != self._serial:
                return
            for node in list(waiting):
                if node._closing or node._closed or not node.is_attached:
                    waiting.discard(node)
            if waiting:
                app.set_timer(CHECK_SECONDS, check)
            else:
                self._serial += 1
                app.call_later(self._round_done)

        app.set_timer(CHECK_SECONDS, check)

    async def _round_done(self) -> None:
        self._rounds += 1
        state = self._snapshot()
        if state != self._state and self._rounds < MAX_ROUNDS:
            self._state = state  # something moved: wait for what it set off
            self._round()
            return
        if self._held:
            await self._pass_on(self._held.popleft())
        else:
            self._busy = False
