"""What every full screen shares: its place for the navigator, and the error boundary."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, ClassVar, ParamSpec, Self

from textual.screen import Screen

from ..boundary import Guarded

if TYPE_CHECKING:
    from ..app import InfointApp

P = ParamSpec("P")


class Place(Guarded, Screen[None]):
    """A screen the navigator opens; one place is never open twice.

    No screen has a widget id: two screens of one kind (two contacts) may be
    open at once, and an id would make the second one fail to mount.
    """

    NAME: ClassVar[str] = "Board"  # how the key line and ? name the screen

    app: InfointApp

    def place(self) -> Hashable:
        """Which place this screen shows: its kind, and whom when it shows a contact."""
        return type(self)

    def adopt(self, wanted: Self) -> None:
        """Opened again while open: take what the new request asked for, if anything."""

    def before_close(self) -> None:
        """The navigator is about to close this screen: keep what is in hand."""

    def back_label(self) -> str:
        """Where esc goes from here (the screen below)."""
        return self.app.navigator.name_below(self)

    def action_back(self) -> None:
        self.app.navigator.back(self)

    @property
    def is_open(self) -> bool:
        return self in self.app.screen_stack

    def while_open(self, callback: Callable[P, object]) -> Callable[P, None]:
        """``callback``, skipped once this screen has closed: a save or a reading
        that finishes after the user left must not reach for its widgets."""

        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            if self.is_open:
                callback(*args, **kwargs)

        return run


class ContactPlace(Place):
    """A screen about one contact: one such screen per contact."""

    contact_id: int

    def place(self) -> Hashable:
        return (type(self), self.contact_id)
