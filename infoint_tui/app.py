"""The Textual app: wiring only. Screens do the work; the session and core hold the data."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from rich.segment import Segment
from textual import events, work
from textual.actions import ActionParseResult
from textual.app import SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.command import Provider
from textual.dom import DOMNode
from textual.driver import Driver
from textual.filter import LineFilter, NoColor
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.worker import WorkerFailed

from . import upstream
from .boundary import Guarded
from .core.dates import Clock, utc_now
from .core.documents import Store
from .core.session import recovery
from .core.session.session import Session
from .core.settings import Settings, load_settings, write_template_if_missing
from .core.store.errors import StoreError
from .failure_log import LOG_NAME, Failure, FailureLog
from .frames import FrameGate, release_when_settled
from .keys import APP_KEYS, RENAMED, bindings
from .lifeline import Lifeline
from .palette import PaletteProvider, screen_commands
from .paths import style_path
from .screens.board import BoardScreen
from .screens.too_small import TooSmallScreen, too_small
from .shell import Navigator, Place
from .typeahead import TypeAhead
from .workflows import Workflows

upstream.apply()

# The board's styles load with the app; each other screen and dialog brings its
# own file (its CSS_PATH), read the first time it opens.
STYLE_FILES = ("app.tcss", "board.tcss")
# Where Textual catches an exception after which a widget's message loop has
# stopped (or never started): nothing can be trusted to work after that.
LOOP_ENDERS = frozenset({"_process_messages_loop", "_pre_process"})
SAVE_SECONDS = 5.0  # how long a hang-up waits for the last saves
GRACE_SECONDS = 3.0  # then for Textual to put a living terminal back
FAILURES_IN_A_ROW = 10  # caught within FAILURE_WINDOW seconds: stop, as after a crash
FAILURE_WINDOW = 5.0
# What app keys may not do while a dialog waits for its answer (the dialog's own
# keys answer it, and q or esc closes it; ctrl+c still quits).
NOT_OVER_DIALOGS = frozenset(
    {"today", "profile", "companies", "stats", "network", "command_palette"}
)


class WithoutColour(LineFilter):
    """Every colour taken out of what is drawn; bold, reverse and underline stay."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, style.without_color if style is not None else None, control)
            for text, style, control in segments
        ]


class SaverReportArrived(Message):
    """A save finished (or failed) on the saver thread; handled on the UI thread."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self.callback = callback


class InfointApp(Guarded, Workflows, inherit_bindings=False):
    TITLE = "infoint"
    CSS_PATH = [style_path(name) for name in STYLE_FILES]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {PaletteProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(*APP_KEYS),
        Binding("ctrl+c", "quit", "Quit", show=False, system=True, id="app.interrupt"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        clock: Clock = utc_now,
        settings: Settings | None = None,
        start_saver: bool = True,
        ansi: bool | None = None,
        today_on_start: bool = True,
        log_path: Path | None = None,
    ) -> None:
        """``store`` is open (the contacts read, the rest perhaps deferred: see
        ``_read_the_rest``). ``log_path``: where failures are logged
        (``infoint.log`` in the data folder by default)."""
        self.store = store
        self.demo = demo
        self.settings = settings or load_settings(store.data_dir)
        if not demo and not store.read_only:
            write_template_if_missing(store.data_dir)
        use_ansi = _wants_ansi() if ansi is None else ansi
        super().__init__(ansi_color=use_ansi)
        if use_ansi:
            self.theme = "ansi-dark"
        if self.no_color:
            # Textual's NO_COLOR filter still sends "default colour" codes with
            # every change of style; this one sends no colour code at all.
            self._filters = [f for f in self._filters if not isinstance(f, NoColor)]
            self._filters.append(WithoutColour())
        self.frames = FrameGate(self)
        self.session = Session(
            store,
            self.settings,
            clock=clock,
            call_in_ui=self._call_in_ui,
            start_saver=start_saver,
        )
        self._notes: list[str] = list(self.settings.problems)
        self.set_keymap(self._remapped_keys())
        self._too_small: TooSmallScreen | None = None
        self.today_on_start = today_on_start
        self.navigator = Navigator(self)
        self.typeahead = TypeAhead(self, super().on_event)
        self.failure_log = FailureLog(log_path or store.data_dir / LOG_NAME)
        self.failures: list[Failure] = []  # caught by the boundary (tests read this)
        self._loop_in_main: asyncio.AbstractEventLoop | None = None
        self._recent_failures: list[float] = []

    def get_driver_class(self) -> type[Driver]:
        # On a terminal (not in tests, not on Windows), colour codes go out as
        # changes only (wire.py); another driver chosen through TEXTUAL_DRIVER is kept.
        from textual import constants
        from textual.drivers.linux_driver import LinuxDriver

        from .wire import TransitionDriver

        chosen = super().get_driver_class()
        return TransitionDriver if chosen is LinuxDriver and not constants.DRIVER else chosen

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # While a screen opens its passes stay here; one frame follows (frames.py).
        if not self.frames.held:
            super()._display(screen, renderable)

    def _remapped_keys(self) -> dict[str, str]:
        """settings.toml [keymap]; an id renamed since it was written counts as the new one."""
        keymap: dict[str, str] = {}
        for binding_id, keys in self.settings.keymap.items():
            new_id = RENAMED.get(binding_id)
            if new_id is not None:
                self._notes.append(f"[keymap] {binding_id!r} is now {new_id!r}: rename it there")
            keymap[new_id or binding_id] = keys
        return keymap

    # -- lifecycle --------------------------------------------------------------------
    def get_default_screen(self) -> Screen[None]:
        return BoardScreen()

    def on_mount(self) -> None:
        for problem in self._notes:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        if not self.is_headless:
            self._loop_in_main = asyncio.get_running_loop()
            fds = [stream.fileno() for stream in (sys.__stdin__, sys.__stderr__) if stream]
            Lifeline(self._end_of_the_line, fds).start()
        self._check_size(self.size.width, self.size.height)
        self.call_after_refresh(gc.enable)  # paused while starting (cli.run_app)
        self.call_after_refresh(self._read_the_rest)

    @work(thread=True, exclusive=True, group="startup")
    def _read_the_rest(self) -> None:
        """After the first paint: read the files the board did not need, then see
        whether an interview was left running. A broken file stops the app with
        the same message it would have given before starting."""
        try:
            self.store.load_deferred()
        except StoreError as error:
            self.call_from_thread(self.exit, None, 1, f"infoint: {error}")
            return
        self.call_from_thread(self.offer_unsaved_changes)

    def _end_of_the_line(self, why: str, terminal_alive: bool) -> None:
        """(The lifeline's thread.) The terminal went away or we were told to
        stop: save what can be saved, keep what cannot, and leave within
        seconds whatever state Textual is in."""
        saved = self.session.close(SAVE_SECONDS)
        status = 0 if saved else 1
        note = f"stopped: {why}; everything was saved"
        if not saved:
            unsaved = self.session.unsaved()
            where = recovery.keep(self.store.data_dir, unsaved, self.session.now())
            kept = f"kept in {where}" if where else "and could not be kept anywhere"
            note = f"stopped: {why}; {len(unsaved)} change(s) could not be saved, {kept}"
            self._exit_renderables.append(f"infoint: {note}")
        self.failure_log.note(note)
        if terminal_alive and self._loop_in_main is not None:
            # Leave the usual way, so the terminal is put back as it was.
            with contextlib.suppress(RuntimeError):
                self._loop_in_main.call_soon_threadsafe(self.exit, None, status)
            time.sleep(GRACE_SECONDS)  # the process ends meanwhile, as a rule
        # The terminal is gone (or Textual is stuck on it): nothing to restore.
        if self.demo:
            shutil.rmtree(self.store.data_dir, ignore_errors=True)
        os._exit(status)

    def _call_in_ui(self, callback: Callable[[], None]) -> None:
        """Run a saver report on the UI thread without making the saver wait for it
        (a waiting saver and a UI thread waiting for the saver would stall)."""
        with contextlib.suppress(RuntimeError):
            # RuntimeError: the app has already stopped; the saver keeps writing.
            self.post_message(SaverReportArrived(callback))

    def on_saver_report_arrived(self, message: SaverReportArrived) -> None:
        message.callback()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        if too_small(width, height):
            self.terminal_too_small = True
            if self._too_small is None:
                self._too_small = TooSmallScreen()
                self.push_screen(self._too_small)
            else:
                self._too_small.show_size(width, height)
        elif self._too_small is not None:
            self.terminal_too_small = False
            screen, self._too_small = self._too_small, None
            if self.screen is screen:
                self.pop_screen()
            if self.resume_when_room:
                self.resume_when_room = False
                self.call_after_refresh(self.resume_interrupted_interview)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the "too small" notice shows, only quitting works: nothing may
        # open a screen underneath it or on top of it.
        return not (self.terminal_too_small and action not in ("quit", "help_quit"))

    # -- keys and failures ----------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, (events.Key, events.Paste)):
            await super().on_event(event)
        elif not event.is_forwarded:
            await self.typeahead.arrived(event)  # one after another: see typeahead.py
        else:
            await super().on_event(event)  # it bubbled up: the app's bindings act
            self.typeahead.landed(event)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Any = None,
    ) -> bool:
        name = action if isinstance(action, str) else action[1]
        if isinstance(self.screen, ModalScreen) and name.removeprefix("app.") in NOT_OVER_DIALOGS:
            # Not greyed out in check_action: that would redraw the key line under
            # every dialog. The key is simply not for a dialog.
            return True
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            owner = type(default_namespace or self).__name__
            self.report_failure(Failure(f"{owner} action {name}", error, self._describe(name)))
            return True

    def _describe(self, action: str) -> str:
        """How the user knows an action: its key's description on this screen."""
        name = action.rpartition(".")[2].partition("(")[0]
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.action.rpartition(".")[2].partition("(")[0] == name:
                return binding.tooltip or binding.description or name
        return name.replace("_", " ")

    def report_failure(
        self, failure: Failure, node: MessagePump | None = None, message: Message | None = None
    ) -> None:
        """The boundary caught something: log it, say so in one line, stay usable."""
        self.failures.append(failure)
        logged = self.failure_log.write(failure)
        now = time.monotonic()
        self._recent_failures = [t for t in self._recent_failures if now - t < FAILURE_WINDOW]
        self._recent_failures.append(now)
        if len(self._recent_failures) >= FAILURES_IN_A_ROW:
            # Failing again and again (a drawing that raises on every frame):
            # the screen cannot be trusted, so leave the way a crash does.
            self._stop_after(failure, logged)
            return
        where = f"; details in {self.failure_log.path}" if logged else ""
        self.notify(
            f"✗ {failure.label}: that did not work ({failure.kind}). Nothing saved was lost{where}",
            severity="error",
            timeout=8,
        )
        opening = isinstance(message, (events.Compose, events.Mount))
        if opening and isinstance(node, Screen) and node in self.screen_stack[1:]:
            # A screen that failed while opening is not usable: close it again.
            self.navigator.close_above(node)
            self.call_later(self.navigator.back, node)

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort. A worker or a timer that failed leaves the app
        sound: report it like the boundary does. Anything else stopped a message
        loop of Textual's own, and the app cannot go on: log, and leave with one
        line naming the log (the changes in hand are written as the app stops)."""
        inner = error.error if isinstance(error, WorkerFailed) else error
        assert isinstance(inner, Exception)
        caught_in = _caught_in(error)
        if caught_in not in LOOP_ENDERS:
            # A worker, a timer, a callback or a layout: the loops all carry on.
            where = f"Textual's {caught_in}" if caught_in else "a worker"
            self.report_failure(Failure(where, inner, "A background task"))
            return
        failure = Failure("Textual's message loop", inner, "infoint")
        self.failures.append(failure)
        self._stop_after(failure, self.failure_log.write(failure))

    def _stop_after(self, failure: Failure, logged: bool) -> None:
        if self._exception is None:
            self._exception = failure.error  # so a test run sees it
            self._exception_event.set()
        where = f" Details: {self.failure_log.path}" if logged else ""
        self._return_code = 1
        self._exit_renderables.append(
            f"infoint stopped after an error ({failure.kind}); your changes were saved.{where}"
        )
        self._close_messages_no_wait()

    # -- actions ----------------------------------------------------------------------
    async def action_quit(self) -> None:
        saved = await asyncio.to_thread(self.session.close, 10.0)
        if saved:
            self.exit(0)
            return

        from .modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(1)

        error = self.session.save_error or "the disk did not answer"
        self.navigator.ask(
            ConfirmModal(
                "Some changes are NOT saved. Quit anyway and lose them?",
                f"{error}. Answer n to stay, fix the problem, and press r to retry.",
            ),
            answered,
        )

    def pop_screen(self) -> AwaitComplete:
        # Whatever closes a screen (esc, a dialog's answer, the palette), the one
        # below comes back in one frame once it has settled (frames.py).
        self.frames.hold()
        popped = super().pop_screen()
        release_when_settled(self.screen)  # whichever screen it is (the size notice too)
        return popped

    def action_command_palette(self) -> None:
        before = self.screen
        self.frames.hold()  # the palette appears in one frame, once it has settled
        super().action_command_palette()
        if self.screen is not before:
            palette = self.screen  # Textual's; its list is drawn again once filled
            palette.call_after_refresh(palette.call_after_refresh, self.frames.release)
        else:
            self.frames.release()

    def action_help(self) -> None:
        from .modals.help import HelpModal

        screen = self.screen
        if isinstance(screen, HelpModal):
            screen.dismiss(None)  # ? again closes it
            return
        title = screen.NAME if isinstance(screen, Place) else "this dialog"
        self.navigator.ask(HelpModal(screen, title))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return screen_commands(self, screen)


def _caught_in(error: BaseException) -> str:
    """The Textual function that caught ``error`` (the first frame of its
    traceback); empty when it was never raised (a worker's failure)."""
    trace = error.__traceback__
    return trace.tb_frame.f_code.co_name if trace is not None else ""


def _wants_ansi() -> bool:
    """Use the terminal's own 16 colours when it cannot show more (or when asked).

    With NO_COLOR set this also means no colour at all: Textual then drops every
    colour from what it sends (its 256-colour mode would send greys instead)."""
    if os.environ.get("INFOINT_ANSI") == "1" or "NO_COLOR" in os.environ:
        return True
    term = os.environ.get("TERM", "")
    colorterm = os.environ.get("COLORTERM", "")
    return not colorterm and bool(term) and "256" not in term and term not in ("xterm-kitty",)
