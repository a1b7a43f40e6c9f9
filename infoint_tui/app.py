"""The Textual app: wiring only. Screens do the work; the session and core hold the data."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen

from .core import interviews
from .core.agenda import agenda, due_count
from .core.dates import Clock, utc_now
from .core.exchange import people_per_company
from .core.models import PROFILE_FIELDS, Profile
from .core.session import Session
from .core.settings import Settings, load_settings, write_template_if_missing
from .core.store import Store
from .modals.choice import ChoiceModal
from .modals.confirm import ConfirmModal
from .modals.help import HelpModal
from .modals.prompt import PromptModal
from .modals.record_form import RecordForm
from .palette import ContactJumpProvider
from .paths import style_path
from .screens.board import BoardScreen
from .screens.companies import CompaniesScreen
from .screens.contact import ContactScreen
from .screens.importing import ImportScreen
from .screens.interview import InterviewScreen
from .screens.letter import LetterScreen
from .screens.network import NetworkScreen
from .screens.stats import StatsScreen
from .screens.today import TodayScreen, interaction_choices
from .screens.too_small import TooSmallScreen, too_small

STYLE_FILES = (
    "app.tcss",
    "board.tcss",
    "contact.tcss",
    "modals.tcss",
    "interview.tcss",
    "letter.tcss",
)


class InfointApp(App[int], inherit_bindings=False):
    TITLE = "infoint"
    CSS_PATH = [style_path(name) for name in STYLE_FILES]
    COMMANDS = App.COMMANDS | {ContactJumpProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Save everything and quit"),
        Binding("T", "today", "Today", show=False, id="app.today", tooltip="What is due today"),
        Binding("P", "profile", "Profile", show=False, id="app.profile", tooltip="Your profile"),
        Binding(
            "C",
            "companies",
            "Companies",
            show=False,
            id="app.companies",
            tooltip="Target companies (LAMP)",
        ),
        Binding(
            "S", "stats", "Stats", show=False, id="app.stats", tooltip="Funnel and reply rates"
        ),
        Binding(
            "N",
            "network",
            "Network",
            show=False,
            id="app.network",
            tooltip="Everyone you know; promote to Target",
        ),
        Binding(
            "question_mark",
            "help",
            "Keys",
            key_display="?",
            id="app.help",
            tooltip="Every key of this screen",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            id="app.command_palette",
            tooltip="Command palette and jump to contact",
        ),
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
    ) -> None:
        self.store = store
        self.demo = demo
        self.settings = settings or load_settings(store.data_dir)
        if not demo:
            write_template_if_missing(store.data_dir)
        use_ansi = _wants_ansi() if ansi is None else ansi
        super().__init__(ansi_color=use_ansi)
        if use_ansi:
            self.theme = "ansi-dark"
        self.session = Session(
            store,
            self.settings,
            clock=clock,
            call_in_ui=self._call_in_ui,
            start_saver=start_saver,
        )
        self.set_keymap(self.settings.keymap)
        self._too_small: TooSmallScreen | None = None
        self.today_on_start = today_on_start

    # -- lifecycle --------------------------------------------------------------------
    def get_default_screen(self) -> Screen[None]:
        return BoardScreen()

    def on_mount(self) -> None:
        for problem in self.settings.problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for hangup in (signal.SIGHUP, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(hangup, self._hang_up)
        self._check_size(self.size.width, self.size.height)
        self.call_after_refresh(self.resume_interrupted_interview)

    def _hang_up(self) -> None:
        """The SSH link dropped (SIGHUP) or we were told to stop: save, then leave."""
        self.session.close(timeout=5.0)
        self.exit(0)

    def _call_in_ui(self, callback: object) -> None:
        assert callable(callback)
        with contextlib.suppress(RuntimeError):
            # RuntimeError: the app has already stopped; the saver keeps writing.
            self.call_from_thread(callback)

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        if too_small(width, height):
            if self._too_small is None:
                self._too_small = TooSmallScreen()
                self.push_screen(self._too_small)
            else:
                self._too_small.show_size(width, height)
        elif self._too_small is not None:
            screen, self._too_small = self._too_small, None
            if self.screen is screen:
                self.pop_screen()

    # -- actions ----------------------------------------------------------------------
    async def action_quit(self) -> None:
        saved = await asyncio.to_thread(self.session.close, 10.0)
        if saved:
            self.exit(0)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit(1)

        error = self.session.save_error or "the disk did not answer"
        self.push_screen(
            ConfirmModal(
                "Some changes are NOT saved. Quit anyway and lose them?",
                f"{error}. Answer n to stay, fix the problem, and press r to retry.",
            ),
            answered,
        )

    def action_today(self) -> None:
        if not isinstance(self.screen, TodayScreen):
            self.push_screen(TodayScreen())

    def open_letter(self, contact_id: int, template: str | None = None) -> None:
        if contact_id in self.session.contacts:
            self.push_screen(LetterScreen(contact_id, template))

    def action_companies(self) -> None:
        if not isinstance(self.screen, CompaniesScreen):
            self.push_screen(CompaniesScreen())

    def action_stats(self) -> None:
        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen())

    def action_network(self) -> None:
        if not isinstance(self.screen, NetworkScreen):
            self.push_screen(NetworkScreen())

    def known_per_company(self) -> dict[str, int]:
        """People in the network per company; empty until the network has been read."""
        network = self.store.network
        if not network.loaded:
            return {}
        return people_per_company(network.all().values())

    def start_import(self, on_done: Callable[[], None] | None = None) -> None:
        """Ask for a file (LinkedIn export, CSV or vCard) and import it into the network."""

        def chosen(text: str | None) -> None:
            if not text:
                return
            path = Path(text.strip()).expanduser()
            if not path.is_file():
                self.notify(f"No file at {path}", severity="error")
                return
            self.push_screen(ImportScreen(path, on_done))

        self.push_screen(
            PromptModal(
                "Import which file? (LinkedIn Connections.csv, a CSV, or .vcf)",
                str(Path.home()) + "/",
            ),
            chosen,
        )

    def show_company_on_board(self, name: str) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, BoardScreen):
            self.pop_screen()
        board = self.board_screen
        if board is not None:
            board.filter_to(name)

    def action_profile(self) -> None:
        """Edit the profile letters sign with (name, contact details, background…)."""
        profile = self.store.profile

        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            updated = profile
            for name, value in values.items():
                updated = updated.with_value(name, value)
            self.save_profile(updated)
            self.notify("Profile saved")

        self.push_screen(RecordForm("Your profile", PROFILE_FIELDS, profile.to_dict()), saved)

    def save_profile(self, profile: Profile) -> None:
        self.session.save_document("profiles", profile, "Saved your profile")

    def log_interaction(self, contact_id: int) -> None:
        """Ask what happened (a reply, a call, a note…) and log it on the timeline."""
        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return

        def described(kind: str, text: str | None) -> None:
            if text is not None:
                self.notify(self.session.log_interaction(contact_id, kind, text.strip() or kind))

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.push_screen(
                    PromptModal(f"What happened ({kind})?", placeholder="a few words"),
                    lambda text: described(kind, text),
                )

        title = f"Log an interaction with {contact.name}"
        self.push_screen(ChoiceModal(title, interaction_choices()), chosen)

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpModal):
            return
        title = {
            "board": "Pipeline board",
            "contact": "Contact",
            "today": "Today",
            "interview": "Interview",
            "questions": "Questions",
            "companies": "Companies",
            "letter": "Letter editor",
            "network": "Network",
            "import": "Import",
        }.get(screen.id or "", screen.id or "this screen")
        self.push_screen(HelpModal(screen, title))

    def open_contact(self, contact_id: int) -> None:
        self.push_screen(ContactScreen(contact_id))

    def open_interview(self, contact_id: int) -> None:
        """The contact's open interview, or a new one; one interview runs at a time."""
        session = self.session
        contact = session.contacts.get(contact_id)
        if contact is None:
            return
        stored = list(self.store.interviews.all().values())
        running = interviews.current(stored, session.now())
        if running is not None and running.contact_id != contact_id:
            other = session.contacts.get(running.contact_id)
            name = other.name if other else "another contact"
            self.notify(f"The interview with {name} is still running: finish it first (x).")
            self.push_screen(InterviewScreen(running))
            return
        mine = [iv for iv in interviews.for_contact(stored, contact_id) if iv.is_open]
        interview = (
            mine[0]
            if mine
            else interviews.new_interview(
                contact, session.now(), minutes=self.store.profile.interview_minutes
            )
        )
        self.push_screen(InterviewScreen(interview))

    def resume_interrupted_interview(self) -> None:
        """After a dropped connection: show the interview still running, or ask about an old one.

        Otherwise, when something is due, start on Today."""
        session = self.session
        now = session.now()
        waiting = interviews.open_interviews(self.store.interviews.all().values())
        if not waiting:
            sections = agenda(session.contacts.values(), session.today(), session.settings.rules)
            if self.today_on_start and due_count(sections):
                self.push_screen(TodayScreen())
            return
        interview = waiting[0]
        contact = session.contacts.get(interview.contact_id)
        name = contact.name if contact else "a deleted contact"
        if not interviews.is_stale(interview, now):
            self.push_screen(InterviewScreen(interview))
            return

        def answered(end_it: bool | None) -> None:
            screen = InterviewScreen(interviews.end_stale(interview, now))
            if end_it:
                self.push_screen(screen, callback=None)
                self.call_after_refresh(screen.finish)
            else:
                self.push_screen(InterviewScreen(interview))

        started = interview.started_at.astimezone() if interview.started_at else now
        self.push_screen(
            ConfirmModal(
                f"The interview with {name} was never ended.",
                f"It started {started:%a %d %b %H:%M}. End it now and record it (y), "
                "or reopen it (n)?",
            ),
            answered,
        )

    def jump_to_contact(self, contact_id: int) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, BoardScreen):
            self.pop_screen()
        board = self.board_screen
        if board is not None:
            board.select_contact(contact_id)

    @property
    def board_screen(self) -> BoardScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        board = self.board_screen
        if board is not None and isinstance(screen, BoardScreen):
            yield SystemCommand(
                "New contact", "Add a contact to the current stage (n)", board.action_new
            )
            yield SystemCommand("Filter", "Filter the board as you type (/)", board.action_filter)
            yield SystemCommand(
                "Show or hide the Closed lane",
                "Toggle the Closed lane (c)",
                board.action_toggle_closed,
            )
            yield SystemCommand("Undo", "Undo the last change (u)", board.action_undo)
            yield SystemCommand("Redo", "Redo what was undone (U)", board.action_redo)
        yield SystemCommand(
            "Profile", "Your name, contact details and background (P)", self.action_profile
        )
        yield SystemCommand("Today", "What is due today (T)", self.action_today)
        yield SystemCommand("Companies", "Target companies, LAMP scores (C)", self.action_companies)
        yield SystemCommand("Stats", "Funnel, reply rate, outreach per week (S)", self.action_stats)
        yield SystemCommand(
            "Network", "Everyone you know; promote to Target (N)", self.action_network
        )
        yield SystemCommand("Import", "LinkedIn connections, a CSV or vCards", self.start_import)
        yield SystemCommand("Keys", "Every key of this screen (?)", self.action_help)
        yield SystemCommand("Theme", "Change the colour theme", self.action_change_theme)
        yield SystemCommand("Quit", "Save everything and quit (q)", self.action_quit)


def _wants_ansi() -> bool:
    """Use the terminal's own 16 colours when it cannot show more (or when asked)."""
    if os.environ.get("INFOINT_ANSI") == "1":
        return True
    term = os.environ.get("TERM", "")
    colorterm = os.environ.get("COLORTERM", "")
    return not colorterm and bool(term) and "256" not in term and term not in ("xterm-kitty",)
