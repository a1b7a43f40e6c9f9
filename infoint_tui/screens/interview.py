"""The interview: a big countdown, the questions in order, and a notes pane.

The clock is computed from the stored start time on every tick, never counted
down in memory, so a dropped SSH session or a closed laptop loses nothing:
reopening shows the right time left, or the overtime.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Digits, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..core.interviews import interview as interviews
from ..core.interviews import timer
from ..core.interviews.fruits import HOW_TO_MARK
from ..core.interviews.interview import Interview
from ..core.interviews.timer import Status
from ..core.text import strip_controls
from ..keys import BACK, LIST_KEYS, Command, bindings
from ..modals.confirm import ConfirmModal
from ..modals.prompt import PromptModal
from ..paths import style_path
from ..shell import ContactPlace
from ..widgets.keybar import KeyBar
from ..widgets.list_keys import Options
from ..widgets.progress_line import ProgressLine
from ..widgets.status import StatusLine

NOTES_SAVE_DELAY = 1.0  # seconds of quiet typing before the notes are saved
FLASH_SECONDS = 1.5


def question_prompt(question: interviews.InterviewQuestion, number: int) -> Text:
    mark = "☑" if question.asked else "☐"
    text = Text(f"{mark} {number}. ", style="bold" if not question.asked else "dim")
    text.append(strip_controls(question.text))
    text.append(f"  {question.category[:1].upper()}", style="dim")
    if question.answer:
        text.append(f"\n     ↳ {strip_controls(question.answer)}", style="italic")
    return text


class InterviewScreen(ContactPlace):
    CSS_PATH = style_path("interview.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        Command(
            "interview.start_pause",
            "space",
            "start_pause",
            "Start/pause",
            "Start, pause or resume the clock",
            show=True,
            palette="Start or pause the clock",
        ),
        Command(
            "interview.end",
            "x",
            "end",
            "End",
            "End the interview (asks first)",
            show=True,
            palette="End the interview",
        ),
        Command(
            "interview.longer",
            "plus,equals_sign",
            "adjust(5)",
            "±5 min",
            "Five minutes more",
            show=True,
            key_display="+/-",
            palette="Five minutes more",
        ),
        Command(
            "interview.shorter",
            "minus",
            "adjust(-5)",
            "-5 min",
            "Five minutes less",
            palette="Five minutes less",
        ),
        Command(
            "interview.asked",
            "a,enter",
            "asked",
            "Asked",
            "Mark the question asked",
            show=True,
            key_display="a",
            palette="Mark the question asked",
        ),
        Command(
            "interview.answer",
            "n",
            "answer",
            "Answer",
            "Note a short answer",
            show=True,
            palette="Note a short answer",
        ),
        Command(
            "interview.notes",
            "tab",
            "notes",
            "Notes",
            f"Write in the notes pane; {HOW_TO_MARK}",
            show=True,
        ),
        BACK,
        *LIST_KEYS,
    )
    AUTO_FOCUS = "#iv-questions"
    NAME = "Interview"

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview
        self.contact_id = interview.contact_id
        self.status = StatusLine()
        self._clock_text = ""
        self._notes_timer: Timer | None = None

    # -- building ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="iv-title")
        with Horizontal(id="iv-top"):
            yield Digits("", id="iv-clock")
            with Vertical(id="iv-side"):
                yield Static(id="iv-state")
                yield ProgressLine(id="iv-bar")
                yield Static(id="iv-warnings")
        with Horizontal(id="iv-body"):
            yield Options(id="iv-questions")
            yield TextArea(
                self.interview.notes, id="iv-notes", soft_wrap=True, tab_behavior="focus"
            )
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        contact = self.app.session.contacts.get(self.interview.contact_id)
        title = Text("Interview", style="bold")
        if contact is not None:
            title.append(f" · {contact.name}")
            if contact.company:
                title.append(f" ({contact.company})", style="dim")
        self.query_one("#iv-title", Static).update(title)
        notes = self.query_one("#iv-notes", TextArea)
        notes.border_title = "Notes"
        notes.border_subtitle = "advice: topic: intro:"
        questions = self.query_one("#iv-questions", OptionList)
        questions.border_title = "Questions (most important first)"
        self._show_questions()
        self.tick()
        self.set_interval(1.0, self.tick)

    # -- the clock ------------------------------------------------------------------------
    def tick(self) -> None:
        """Redraw the clock from the stored times; ring any warning that is due."""
        now = self.app.session.now()
        marks = self.app.settings.warnings
        if self.interview.status is Status.RUNNING:
            checked, due = interviews.check_warnings(self.interview, now, marks)
            if due:
                self.interview = checked
                self._save("Warning recorded")
                self._warn(due[-1])
        self._show_clock()

    def _warn(self, mark: int) -> None:
        # Bell and a visible flash: both travel over SSH, and neither needs colour.
        self.app.bell()
        message = timer.warning_text(mark)
        self.query_one("#iv-warnings", Static).update(Text(f"⚠ {message}", style="bold"))
        clock = self.query_one("#iv-clock", Digits)
        clock.add_class("-flash")
        self.set_timer(FLASH_SECONDS, lambda: clock.remove_class("-flash"))
        self.status.say(message)

    def _show_clock(self) -> None:
        now = self.app.session.now()
        state = self.interview.timer
        left = timer.remaining(state, now)
        text = timer.format_clock(left)
        if text != self._clock_text:
            self._clock_text = text
            self.query_one("#iv-clock", Digits).update(text)
        overtime = left < 0
        self.set_class(overtime, "-overtime")
        status = self.interview.status
        label = {
            Status.READY: f"READY · {self.interview.planned_minutes} min · space starts",
            Status.RUNNING: "OVERTIME · running" if overtime else "RUNNING",
            Status.PAUSED: "PAUSED · space resumes",
            Status.ENDED: "ENDED",
        }[status]
        minutes = f"{self.interview.planned_minutes} min planned"
        state_text = Text(label, style="bold")
        state_text.append(f"\n{minutes}" if status is not Status.READY else "")
        self.query_one("#iv-state", Static).update(state_text)
        self.query_one("#iv-bar", ProgressLine).fraction = timer.progress(state, now)

    # -- questions ----------------------------------------------------------------------
    def _show_questions(self, highlight: int | None = None) -> None:
        options = self.query_one("#iv-questions", OptionList)
        keep = options.highlighted if highlight is None else highlight
        options.clear_options()
        if not self.interview.questions:
            options.add_option(
                Option(
                    Text("No questions yet: add them from the contact screen (Q)"), disabled=True
                )
            )
            return
        options.add_options(
            Option(question_prompt(question, number), id=str(number - 1))
            for number, question in enumerate(self.interview.questions, 1)
        )
        if keep is not None:
            options.highlighted = min(keep, len(self.interview.questions) - 1)
        elif options.highlighted is None:
            options.highlighted = 0

    def _selected(self) -> int | None:
        index = self.query_one("#iv-questions", OptionList).highlighted
        if index is None or not self.interview.questions:
            return None
        return index if index < len(self.interview.questions) else None

    # -- actions ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ended = self.interview.status is Status.ENDED
        if action in ("start_pause", "end", "adjust") and ended:
            return None
        if action == "end" and self.interview.status is Status.READY:
            return None
        if action in ("asked", "answer") and self._selected() is None:
            return None
        return True

    def action_start_pause(self) -> None:
        now = self.app.session.now()
        before = self.interview.status
        self.interview = interviews.toggle_pause(self.interview, now, self.app.settings.warnings)
        verb = {Status.READY: "Started", Status.RUNNING: "Paused", Status.PAUSED: "Resumed"}
        self._save(f"{verb.get(before, 'Changed')} the interview")
        self.status.say(f"{verb.get(before, 'Changed')} the interview")
        self._show_clock()
        self.refresh_bindings()

    def action_adjust(self, delta: int) -> None:
        now = self.app.session.now()
        changed = interviews.adjust_minutes(self.interview, delta, now, self.app.settings.warnings)
        if changed is self.interview:
            self.status.say(
                f"The length stays between {timer.MIN_MINUTES} and {timer.MAX_MINUTES} min"
            )
            return
        self.interview = changed
        if self.interview.status is not Status.READY or self.interview.id:
            self._save(f"Length now {self.interview.planned_minutes} min")
        self.status.say(f"{self.interview.planned_minutes} minutes planned")
        self._show_clock()

    def action_cursor(self, delta: int) -> None:
        self.query_one("#iv-questions", Options).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#iv-questions", Options).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#iv-questions", Options).edge(last)

    def action_asked(self) -> None:
        index = self._selected()
        if index is None:
            return
        self.interview = interviews.toggle_asked(self.interview, index, self.app.session.now())
        self._save("Question checked")
        self._show_questions(index)

    @on(OptionList.OptionSelected, "#iv-questions")
    def _question_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_asked()

    def action_answer(self) -> None:
        index = self._selected()
        if index is None:
            return
        question = self.interview.questions[index]

        def noted(answer: str | None) -> None:
            if answer is None:
                return
            self.interview = interviews.set_answer(
                self.interview, index, answer, self.app.session.now()
            )
            self._save("Answer noted")
            self._show_questions(index)

        self.app.navigator.ask(
            PromptModal(f"Answer to: {strip_controls(question.text)}", question.answer), noted
        )

    def editing_keys(self) -> tuple[tuple[str, str], ...]:
        """The key line while writing notes (see KeyBar)."""
        if self.query_one("#iv-notes", TextArea).has_focus:
            return (
                ("tab/esc", "Back to the questions"),
                ("advice: topic: intro:", "mark a line"),
                ("ctrl+p", "Commands"),
            )
        return ()

    def action_notes(self) -> None:
        notes = self.query_one("#iv-notes", TextArea)
        # tab goes back and forth between the questions and the notes.
        if notes.has_focus:
            self.query_one("#iv-questions", OptionList).focus()
        else:
            notes.focus()

    def action_back(self) -> None:
        notes = self.query_one("#iv-notes", TextArea)
        if notes.has_focus:
            self.query_one("#iv-questions", OptionList).focus()
            return
        super().action_back()

    def before_close(self) -> None:
        self._save_notes()
        if self.interview.is_open:
            self.app.notify("The interview keeps running; t on the card comes back to it.")

    def action_end(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.finish()

        left = timer.remaining(self.interview.timer, self.app.session.now())
        detail = "The contact moves to Met and the thank-you note is due tomorrow."
        if left > 0:
            detail = f"{timer.format_clock(left)} are left. " + detail
        self.app.navigator.ask(ConfirmModal("End the interview now?", detail), answered)

    def finish(self) -> None:
        """Record the interview on the timeline, move the contact to Met, thank-you due."""
        self._save_notes(save=False)
        recorded = self.app.session.end_interview(self.interview, self._saved)
        if recorded is None:
            return
        self.interview, updated = recorded
        if updated is not None:
            due = updated.follow_up.isoformat() if updated.follow_up else "soon"
            offered = len(self.interview.fruits.introductions)
            intros = (
                f" {offered} introduction(s) offered: v on the contact, then a, adds them."
                if offered
                else ""
            )
            self.app.notify(f"Interview recorded. Thank-you note due {due}.{intros}")
        self.app.navigator.back(self)

    # -- notes ----------------------------------------------------------------------------
    @on(TextArea.Changed, "#iv-notes")
    def _notes_changed(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(NOTES_SAVE_DELAY, self._save_notes)

    def _save_notes(self, save: bool = True) -> None:
        text = self.query_one("#iv-notes", TextArea).text
        if text == self.interview.notes:
            return
        self.interview = interviews.set_notes(self.interview, text, self.app.session.now())
        if save:
            self._save("Notes saved")

    # -- saving ---------------------------------------------------------------------------
    def _save(self, description: str) -> None:
        """Queue a write (the service adds a new interview once, and learns its id)."""
        self.app.session.interviews.save(self.interview, description, self._saved)

    def _saved(self, stored: Interview) -> None:
        if not self.interview.id:
            self.interview = replace(self.interview, id=stored.id)
