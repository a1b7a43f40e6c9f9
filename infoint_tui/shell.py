"""The frame every screen stands in: what screens may ask of the app, the
screen's base, and the one way to move between screens.

``Shell`` is the app as screens, dialogs and the palette see it; ``app.py``
builds the real one (``InfointApp``) on it, and ``workflows.py`` fills in the
flows it names. Screens import this module, never the app: no import runs
back up.

The one way to move between screens.

Every screen is opened through ``Navigator.open``. A screen is a ``Place``: it
says which place it shows (its kind, and the contact when it shows one), and a
place is open at most once. Opening a place that is already open brings that
screen back and closes the screens above it; it never stacks a second copy
(Textual would refuse a second widget with the same id, and a user would lose
their way in a stack of copies). ``esc`` goes back exactly one screen, and the
key line names the screen it goes back to.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, ClassVar, ParamSpec, Self, TypeVar

from textual.app import App
from textual.screen import ModalScreen, Screen

from .boundary import Guarded
from .core.profile import Profile
from .core.session.session import Session
from .core.settings import Settings
from .failure_log import Failure
from .frames import FrameGate, release_when_settled
from .modals.base import Dialog
from .widgets.status import StatusLine

if TYPE_CHECKING:
    from .core.exchange.identity import Known

P = ParamSpec("P")
Q = TypeVar("Q", bound="Place")
T = TypeVar("T")


class Shell(App[int]):
    """The app's parts and flows that screens use (workflows.py defines the flows)."""

    session: Session
    settings: Settings
    navigator: Navigator
    frames: FrameGate
    demo: bool
    failures: list[Failure]
    terminal_too_small: bool = False

    # The flows a screen starts; workflows.py (and app.py) define them.
    def report_failure(self, failure: Failure) -> None:
        raise NotImplementedError

    def open_contact(self, contact_id: int) -> None:
        raise NotImplementedError

    def open_letter(self, contact_id: int, template: str | None = None) -> None:
        raise NotImplementedError

    def open_interview(self, contact_id: int) -> None:
        raise NotImplementedError

    def log_interaction(self, contact_id: int) -> None:
        raise NotImplementedError

    def confirm_delete(self, contact_id: int, then: Callable[[], None] | None = None) -> None:
        raise NotImplementedError

    # merge_flows.py
    def merge_contact(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    # referral_flows.py
    def ask_who_you_know(
        self,
        company: str,
        title: str,
        then: Callable[[Known], None],
        say: Callable[[str], None],
        *,
        besides: int | None = None,
    ) -> None:
        raise NotImplementedError

    def read_network(self, then: Callable[[], None] | None = None) -> None:
        raise NotImplementedError

    def ask_for_referral(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    def open_referrer(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    # meeting_flows.py
    def move_contact(self, contact_id: int, steps: int, say: Callable[[str], None]) -> None:
        raise NotImplementedError

    def schedule_meeting(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    def cancel_meeting(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    def meeting_outcome(self, contact_id: int, say: Callable[[str], None] | None = None) -> None:
        raise NotImplementedError

    def network_changed(self) -> None:
        """People were imported: every open screen that shows them reads them again."""
        for place in self.navigator.places:
            place.network_changed()

    def show_company_on_board(self, name: str) -> None:
        raise NotImplementedError

    def save_profile(self, profile: Profile) -> None:
        raise NotImplementedError

    def jump_to_contact(self, contact_id: int) -> None:
        raise NotImplementedError


class Place(Guarded, Screen[None]):
    """A screen the navigator opens; one place is never open twice.

    No screen has a widget id: two screens of one kind (two contacts) may be
    open at once, and an id would make the second one fail to mount.
    """

    NAME: ClassVar[str] = "Board"  # how the key line and ? name the screen
    # The app command (keys.py) whose key opens this place; pressed here it goes
    # back, so the key line and the palette leave it out.
    OPENED_BY: ClassVar[str] = ""

    app: Shell
    # A screen whose content arrives after it opens (the letter's render) says
    # when it is ready (``ready``); until then the opening frame is held.
    READY_LATER: ClassVar[bool] = False
    _ready = False

    def on_screen_resume(self) -> None:
        if self._ready or not self.READY_LATER:
            release_when_settled(self)

    def ready(self) -> None:
        """Its content is in: the held frame may go (see ``frames.py``)."""
        if not self._ready:
            self._ready = True
            # Once the content has been laid out (and its scrollbar drawn), not before.
            self.call_after_refresh(release_when_settled, self)

    def place(self) -> Hashable:
        """Which place this screen shows: its kind, and whom when it shows a contact."""
        return type(self)

    def adopt(self, wanted: Self) -> None:
        """Opened again while open: take what the new request asked for, if anything."""

    def before_close(self) -> None:
        """The navigator is about to close this screen: keep what is in hand."""

    def network_changed(self) -> None:
        """People were imported into the network (see ``Shell.network_changed``)."""

    def back_label(self) -> str:
        """Where esc goes from here (the screen below)."""
        return self.app.navigator.name_below(self)

    def action_back(self) -> None:
        self.app.navigator.back(self)

    def say(self, message: str) -> None:
        """Tell the user what just happened: on the screen's status line, if it has one."""
        status = getattr(self, "status", None)
        if isinstance(status, StatusLine):
            status.say(message)
        else:
            self.app.notify(message)

    # One undo history for every screen (the session's): u and U act the same everywhere.
    def action_undo(self) -> None:
        self.say(self.app.session.undo())

    def action_redo(self) -> None:
        self.say(self.app.session.redo())

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


class Navigator:
    def __init__(self, app: Shell) -> None:
        self.app = app

    @property
    def places(self) -> list[Place]:
        return [screen for screen in self.app.screen_stack if isinstance(screen, Place)]

    def find(self, wanted: Place) -> Place | None:
        """The open screen showing the same place as ``wanted``, if any."""
        key = wanted.place()
        return next((screen for screen in self.places if screen.place() == key), None)

    def toggle(self, wanted: Place) -> None:
        """The key that opens a place closes it again when that place is on top."""
        top = self.app.screen
        if isinstance(top, Place) and top.place() == wanted.place() and len(self.places) > 1:
            self.back(top)
        else:
            self.open(wanted)

    def open(self, wanted: Q) -> Q:
        """Show ``wanted``, or bring back the screen already open at its place.

        Returns the screen that is shown (``wanted`` or the one brought back).
        """
        existing = self.find(wanted)
        if existing is None:
            self.close_dialogs()
            self.app.frames.hold()  # one frame, once it has settled
            self.app.push_screen(wanted)
            return wanted
        self.close_above(existing)
        existing.adopt(wanted)
        assert isinstance(existing, type(wanted))
        return existing

    def ask(self, dialog: Dialog[T], answered: Callable[[T | None], None] | None = None) -> None:
        """Put a question on top of the current screen; ``answered`` gets the reply
        (None when the dialog was closed without one)."""
        self.app.frames.hold()
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
