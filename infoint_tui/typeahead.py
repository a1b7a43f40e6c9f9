"""Type-ahead: keys typed in one burst are handled one after another, each by the
screen the keys before it left on top.

Over SSH a user types ``n`` then ``Ada Okafor`` before the form has appeared;
the terminal delivers them in one read. Textual hands every key at once to
whatever has focus at that instant, so without this the name's letters would
act on the board underneath (``N`` opening the network). Here the app passes
one key (or paste) on and waits until it has been handled: it bubbled up to
the app (where bindings act) or a widget stopped it, and the app and every
widget of the screen on top have handled what it set off (a screen opening,
its focus moving). Then the next key goes. A single key press never waits.
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
        self._in_hand: events.Event | None = None
        self._landed = False
        self._rounds = 0
        self._state: tuple[object, ...] = ()
        self._serial = 0

    @property
    def busy(self) -> bool:
        """True until every key that arrived has been handled."""
        return self._in_hand is not None or bool(self._held)

    async def arrived(self, event: events.Event) -> None:
        """A key or paste from the terminal: handle it now, or after those before it."""
        if self._in_hand is not None:
            self._held.append(event)
            return
        await self._pass_on(event)

    def landed(self, event: events.Event) -> None:
        """The app has handled ``event`` after it bubbled up (bindings included)."""
        if event is self._in_hand:
            self._landed = True

    async def _pass_on(self, event: events.Event) -> None:
        self._in_hand = event
        self._landed = False
        self._rounds = 0
        self._state = self._snapshot()
        try:
            await self._dispatch(event)
        finally:
            self._round()

    def _handled(self) -> bool:
        """Has the key in hand finished its way: at the app, or stopped by a widget?"""
        event = self._in_hand
        if event is None or self._landed or not event.is_forwarded or not event.bubble:
            return True  # not forwarded: a priority binding of the app took it
        stopped: bool = getattr(event, "_stop_propagation", True)
        return stopped

    def _snapshot(self) -> tuple[object, ...]:
        """What a key can change that the next key depends on."""
        app = self.app
        stack = tuple(id(screen) for screen in app.screen_stack)
        screen = app.screen
        widgets = sum(1 for _ in screen.walk_children())
        return (stack, id(screen.focused), widgets, screen.is_mounted)

    def _still_busy(self) -> bool:
        """True while a message waits in a queue of the app or the top screen
        (Textual takes the next message out early to see whether it replaces
        the current one: that one waits too)."""
        app = self.app
        nodes = [app, *app.screen.walk_children(with_self=True)]
        return any(
            node.message_queue_size or getattr(node, "_pending_message", None) is not None
            for node in nodes
        )

    def _round(self) -> None:
        """Send a marker through the app and every widget of the top screen; when
        all have handled it, everything queued before it has been handled too."""
        app = self.app
        self._serial += 1
        serial = self._serial
        waiting: set[MessagePump] = set()

        def over() -> None:
            self._serial += 1  # this round is over: a late check must not end it again
            app.call_later(self._round_done)

        def done(node: MessagePump) -> None:
            waiting.discard(node)
            if not waiting and serial == self._serial:
                over()

        for node in [app, *app.screen.walk_children(with_self=True)]:
            if node.call_later(done, node):
                waiting.add(node)
        if not waiting:
            over()
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
                over()

        app.set_timer(CHECK_SECONDS, check)

    async def _round_done(self) -> None:
        self._rounds += 1
        state = self._snapshot()
        settled = self._handled() and state == self._state and not self._still_busy()
        if not settled and self._rounds < MAX_ROUNDS:
            self._state = state  # something moved: wait for what it set off
            self._round()
            return
        self._in_hand = None
        if self._held:
            await self._pass_on(self._held.popleft())
