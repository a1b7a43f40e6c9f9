"""The one way to move between screens.

Every screen is opened through ``Navigator.open``. A screen is a ``Place``: it
says which place it shows (its kind, and the contact when it shows one), and a
place is open at most once. Opening a place that is already open brings that
screen back and closes the screens above it; it never stacks a second copy
(Textual would refuse a second widget with the same id, and a user would lose
their way in a stack of copies). ``esc`` goes back exactly one screen, and the
key line names the screen it goes back to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen, Screen

from .failure_log import Failure
from .modals.base import Dialog
from .screens.base import Place

if TYPE_CHECKING:
    from .app import InfointApp

P = TypeVar("P", bound=Place)
T = TypeVar("T")


class Navigator:
    def __init__(self, app: InfointApp) -> None:
        self.app = app

    @property
    def places(self) -> list[Place]:
        return [screen for screen in self.app.screen_stack if isinstance(screen, Place)]

    def find(self, wanted: Place) -> Place | None:
        """The open screen showing the same place as ``wanted``, if any."""
        key = wanted.place()
        return next((screen for screen in self.places if screen.place() == key), None)

    def open(self, wanted: P) -> P:
        """Show ``wanted``, or bring back the screen already open at its place.

        Returns the screen that is shown (``wanted`` or the one brought back).
        """
        existing = self.find(wanted)
        if existing is None:
            self.close_dialogs()
            self.app.push_screen(wanted)
            return wanted
        self.close_above(existing)
        existing.adopt(wanted)
        assert isinstance(existing, type(wanted))
        return existing

    def ask(self, dialog: Dialog[T], answered: Callable[[T | None], None] | None = None) -> None:
        """Put a question on top of the current screen; ``answered`` gets the reply
        (None when the dialog was closed without one)."""
        if answered is None:
            self.app.push_screen(dialog)
            return
        reply_to = answered

        def guarded(reply: T | None) -> None:
            # Textual runs this after the dialog closed, outside any handler of
            # ours: the boundary is here.
            try:
                reply_to(reply)
            except Exception as error:
                where = f"the answer to {type(dialog).__name__}"
                label = getattr(dialog, "title_text", "") or "Your answer"
                self.app.report_failure(Failure(where, error, label))

        self.app.push_screen(dialog, guarded)

    def back(self, screen: Screen[Any] | None = None) -> None:
        """Close the top screen (``screen``, if given, only when it is the top one)."""
        stack = self.app.screen_stack
        top = stack[-1]
        if len(stack) <= 1 or (screen is not None and top is not screen):
            return
        if isinstance(top, Place):
            top.before_close()
        self.app.pop_screen()

    def close_above(self, screen: Screen[Any]) -> None:
        """Close every screen (and dialog) above ``screen``, top first."""
        stack = self.app.screen_stack
        if screen not in stack:
            return
        with self.app.batch_update():
            while self.app.screen_stack[-1] is not screen:
                top = self.app.screen_stack[-1]
                if isinstance(top, Place):
                    top.before_close()
                self.app.pop_screen()

    def close_dialogs(self) -> None:
        """Close the dialogs on top (their question goes unanswered, as with esc)."""
        while len(self.app.screen_stack) > 1 and isinstance(self.app.screen, ModalScreen):
            self.app.pop_screen()

    def home(self) -> None:
        """Back to the first screen (the board), closing everything above it."""
        self.close_above(self.app.screen_stack[0])

    def name_below(self, screen: Screen[Any]) -> str:
        """What ``esc`` on ``screen`` goes back to, for the key line and ``?``."""
        places = [s for s in self.app.screen_stack if isinstance(s, Place)]
        if screen in places:
            index = places.index(screen)
            if index > 0:
                return places[index - 1].NAME
        return "Board"
