"""What the app does between screens: opening them, and the small flows that span several.

Screens are imported where they are first needed, so starting the app (and
painting the board) does not wait for the letter editor's Jinja2 or the
importer's parsers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.notifications import SeverityLevel

from .core.contacts.agenda import agenda, due_count
from .core.interviews import interview as interviews
from .core.profile import PROFILE_FIELDS, Profile
from .meeting_flows import MeetingFlows
from .merge_flows import MergeFlows
from .referral_flows import ReferralFlows
from .screens.board import BoardScreen


class Workflows(MeetingFlows, MergeFlows, ReferralFlows):
    """The app's flows between screens; ``InfointApp`` adds the bindings and the lifecycle."""

    today_on_start: bool
    resume_when_room: bool = False

    def action_today(self) -> None:
        from .screens.today import TodayScreen

        self.navigator.toggle(TodayScreen())

    def open_letter(self, contact_id: int, template: str | None = None) -> None:
        from .screens.letter import LetterScreen

        if contact_id in self.session.contacts:
            self.navigator.open(LetterScreen(contact_id, template))

    def action_companies(self) -> None:
        from .screens.companies import CompaniesScreen

        self.navigator.toggle(CompaniesScreen())

    def action_stats(self) -> None:
        from .screens.stats import StatsScreen

        self.navigator.toggle(StatsScreen())

    def action_network(self) -> None:
        from .screens.network import NetworkScreen

        self.navigator.toggle(NetworkScreen())

    def action_import(self) -> None:
        """Ask for a file (LinkedIn export, CSV or vCard) and import it into the network."""
        from .modals.prompt import PromptModal
        from .screens.importing import ImportScreen

        def chosen(text: str | None) -> None:
            if not text:
                return
            path = Path(text.strip()).expanduser()
            if not path.is_file():
                self.notify(f"No file at {path}", severity="error")
                return
            self.navigator.open(ImportScreen(path))

        self.navigator.ask(
            PromptModal(
                "Import which file? (LinkedIn Connections.csv, a CSV, or .vcf)",
                str(Path.home()) + "/",
            ),
            chosen,
        )

    def show_company_on_board(self, name: str) -> None:
        self.navigator.home()
        board = self.board_screen
        if board is not None:
            board.filter_to(name)

    def action_profile(self) -> None:
        """Edit the profile letters sign with (name, contact details, background…)."""
        from .modals.record_form import RecordForm

        profile = self.session.profile.get_profile()

        def saved(values: dict[str, str] | None) -> None:
            if values is None:
                return
            updated = profile
            for name, value in values.items():
                updated = updated.with_value(name, value)
            self.save_profile(updated)
            self.notify("Profile saved")

        self.navigator.ask(RecordForm("Your profile", PROFILE_FIELDS, profile.to_dict()), saved)

    def save_profile(self, profile: Profile) -> None:
        self.session.profile.save(profile, "Saved your profile")

    def log_interaction(self, contact_id: int) -> None:
        """Ask what happened (a reply, a call, a note…) and log it on the timeline.

        A reply asks, naming them, whether the others at that company who were
        promised a follow-up should still get it (kept unless told), and then
        when and where the meeting is.
        """
        from .modals.choice import ChoiceModal
        from .modals.prompt import PromptModal
        from .screens.today import interaction_choices

        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return

        def log(kind: str, text: str, stop_waiting: bool) -> None:
            self.notify(
                self.session.log_interaction(contact_id, kind, text, stop_waiting=stop_waiting)
            )
            if kind == "reply" and self.session.meetings.booked(contact_id) is None:
                self.schedule_meeting(contact_id)

        def ask_about_the_others(text: str) -> None:
            others = self.session.waiting_at_company(contact_id)
            if not others:
                log("reply", text, False)
                return
            promised = "; ".join(
                f"{other.name} (follow-up {other.follow_up:%a %-d %b})"
                if other.follow_up
                else other.name
                for other in others
            )
            self.navigator.ask(
                ChoiceModal(
                    f"{contact.name} replied. Also waiting for a reply at "
                    f"{contact.company}: {promised}",
                    [
                        ("Keep the follow-ups promised to them", "keep"),
                        ("Stop waiting for them: drop those follow-ups", "stop"),
                    ],
                ),
                # esc keeps them too: the default never drops a promise
                lambda choice: log("reply", text, choice == "stop"),
            )

        def described(kind: str, text: str | None) -> None:
            if text is None:
                return
            if kind == "reply":
                ask_about_the_others(text.strip() or kind)
            else:
                log(kind, text.strip() or kind, False)

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.navigator.ask(
                    PromptModal(f"What happened ({kind})?", placeholder="a few words"),
                    lambda text: described(kind, text),
                )

        title = f"Log an interaction with {contact.name}"
        self.navigator.ask(ChoiceModal(title, interaction_choices()), chosen)

    def confirm_delete(self, contact_id: int, then: Callable[[], None] | None = None) -> None:
        """Delete a contact after a yes (undoable with u)."""
        from .core.contacts.changes import ChangeSet, ContactChange
        from .modals.confirm import ConfirmModal

        contact = self.session.contacts.get(contact_id)
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                change = ChangeSet(f"Deleted {contact.name}", (ContactChange(contact, None),))
                self.session.perform(change)
                if then is not None:
                    then()

        question = ConfirmModal(f"Delete {contact.name}?", "You can undo this with u.")
        self.navigator.ask(question, answered)

    def open_contact(self, contact_id: int) -> None:
        from .screens.contact import ContactScreen

        if contact_id in self.session.contacts:
            self.navigator.open(ContactScreen(contact_id))

    def open_interview(self, contact_id: int) -> None:
        """The contact's open interview, or a new one; one interview runs at a time."""
        from .screens.interview import InterviewScreen

        session = self.session
        contact = session.contacts.get(contact_id)
        if contact is None:
            return
        running = session.interviews.running(session.now())
        if running is not None and running.contact_id != contact_id:
            other = session.contacts.get(running.contact_id)
            name = other.name if other else "another contact"
            self.notify(f"The interview with {name} is still running: finish it first (x).")
            self.navigator.open(InterviewScreen(running))
            return
        # Not ended: running, paused, or prepared with notes but not started yet.
        interview = session.interviews.not_ended_for(contact_id) or interviews.new_interview(
            contact, session.now(), minutes=session.profile.get_profile().interview_minutes
        )
        self.navigator.open(InterviewScreen(interview))

    def offer_unsaved_changes(self) -> None:
        """At start: changes the last session could not save (see core/recovery.py)
        are offered, to apply, discard or show; then on as usual."""
        from .core.session import recovery
        from .modals.choice import ChoiceModal
        from .modals.confirm import ConfirmModal

        found = recovery.find(self.session.data_dir)
        if found is None or self.terminal_too_small:
            self.resume_interrupted_interview()
            return
        when = found.ended_at.astimezone()
        count = len(found.changes)
        title = (
            f"{count} change(s) from the session that ended {when:%a %d %b %H:%M} were not saved"
        )

        def apply() -> None:
            applied = self.session.restore(found.applicable)
            recovery.discard(found)
            lost = count - len(found.applicable)
            extra = f"; {lost} could not be kept and are listed in the log" if lost else ""
            self.notify(f"Applied {applied} unsaved change(s) (u undoes each){extra}")
            self.resume_interrupted_interview()

        def show() -> None:
            listing = "\n".join(f"· {change.description}" for change in found.changes)
            self.navigator.ask(
                ConfirmModal(title, f"{listing}\n\nApply them now (y), or go back (n)?"),
                lambda yes: apply() if yes else ask(),
            )

        def chosen(choice: str | None) -> None:
            if choice == "apply":
                apply()
            elif choice == "discard":
                recovery.discard(found)
                self.notify("Discarded the unsaved changes")
                self.resume_interrupted_interview()
            elif choice == "show":
                show()
            else:
                self.resume_interrupted_interview()  # esc: ask again next time

        def ask() -> None:
            choices = [("Apply them", "apply"), ("Discard them", "discard"), ("Show them", "show")]
            self.navigator.ask(ChoiceModal(title, choices), chosen)

        ask()

    def resume_interrupted_interview(self) -> None:
        """After a dropped connection: show the interview still running, or ask about an old one.

        Otherwise, when something is due, start on Today."""
        from .modals.confirm import ConfirmModal
        from .screens.interview import InterviewScreen
        from .screens.today import TodayScreen

        if self.terminal_too_small:
            # Nothing opens over the "too small" notice: this runs again once
            # the terminal is big enough.
            self.resume_when_room = True
            return
        session = self.session
        now = session.now()
        waiting = session.interviews.open_ones()
        if not waiting:
            sections = agenda(
                session.contacts.values(), session.today(), session.settings.rules, now=now
            )
            if self.today_on_start and due_count(sections):
                self.navigator.open(TodayScreen())
            return
        interview = waiting[0]
        contact = session.contacts.get(interview.contact_id)
        name = contact.name if contact else "a deleted contact"
        if not interviews.is_stale(interview, now):
            self.navigator.open(InterviewScreen(interview))
            return

        def answered(end_it: bool | None) -> None:
            if end_it:
                screen = self.navigator.open(InterviewScreen(interviews.end_stale(interview, now)))
                self.call_after_refresh(screen.finish)
            else:
                self.navigator.open(InterviewScreen(interview))

        started = interview.started_at.astimezone() if interview.started_at else now
        self.navigator.ask(
            ConfirmModal(
                f"The interview with {name} was never ended.",
                f"It started {started:%a %d %b %H:%M}. End it now and record it (y), "
                "or reopen it (n)?",
            ),
            answered,
        )

    def jump_to_contact(self, contact_id: int) -> None:
        # Called as the palette closes: go back to the board, then select.
        self.call_later(self._jump_now, contact_id)

    def _jump_now(self, contact_id: int) -> None:
        self.navigator.home()
        board = self.board_screen
        if board is not None:
            board.select_contact(contact_id)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Messages often carry names and paths, which are data: never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def board_screen(self) -> BoardScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, BoardScreen):
                return screen
        return None
