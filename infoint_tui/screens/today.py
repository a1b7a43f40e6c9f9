"""Today: what is due, cleared with a few keys."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.strip import Strip
from textual.widgets import Static

from ..core.contacts.agenda import SECTIONS, AgendaItem, agenda, due_count
from ..core.contacts.followups import INTERACTIONS
from ..core.dates import DateError, parse_date
from ..core.session.session import SessionEvent
from ..core.text import strip_controls
from ..keys import (
    BACK,
    CANCEL_MEETING,
    INTERVIEW,
    LIST_KEYS,
    LOG,
    OPEN_CONTACT,
    QUESTIONS,
    REDO,
    SCHEDULE,
    TODAY,
    UNDO,
    WRITE,
    Command,
    bindings,
)
from ..modals.choice import ChoiceModal
from ..modals.prompt import Check, PromptModal
from ..shell import Place
from ..widgets.keybar import KeyBar
from ..widgets.lines import text_strip
from ..widgets.row_list import RowList
from ..widgets.status import StatusLine

MARKS = {
    "referrers": "✉",
    "held": "?",
    "interviews": "◆",
    "overdue": "!",
    "today": "●",
    "thank-you": "✉",
    "quiet": "…",
}


def item_text(item: AgendaItem) -> Text:
    text = Text(f" {MARKS[item.section]} ", style="bold")
    text.append(strip_controls(item.name), style="bold")
    if item.company:
        text.append(f" ({strip_controls(item.company)})", style="dim")
    text.append(f" — {strip_controls(item.label)}")
    if item.detail and item.detail != "today":
        text.append(f" · {item.detail}", style="italic")
    return text


class AgendaList(RowList[AgendaItem | Text]):
    """Today's items under their section headings (a heading is a Text)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"agenda-list--heading", "agenda-list--selected"}
    DEFAULT_CSS = """
    AgendaList > .agenda-list--heading {
        text-style: bold underline;
        color: $text-muted;
    }
    AgendaList > .agenda-list--selected {
        text-style: reverse;
    }
    """

    def selectable(self, row: AgendaItem | Text) -> bool:
        return isinstance(row, AgendaItem)

    def render_row(self, row: AgendaItem | Text, selected: bool, width: int, base: Style) -> Strip:
        if isinstance(row, Text):
            style = self.get_component_rich_style("agenda-list--heading")
            return text_strip(Text(f" {row.plain}", style=style), width, base)
        if selected:
            base = base + self.get_component_rich_style("agenda-list--selected")
        return text_strip(item_text(row), width, base)

    def cursor_moved(self) -> None:
        # Which keys apply depends on the item (w needs a letter to write).
        self.screen.refresh_bindings()


class TodayScreen(Place):
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        OPEN_CONTACT,
        Command("today.done", "d", "done", "Done", "Mark the step done", show=True, palette="Done"),
        Command(
            "today.snooze",
            "s",
            "snooze",
            "Snooze",
            "Snooze: a day, a week, a date",
            show=True,
            palette="Snooze",
        ),
        WRITE,
        LOG,
        INTERVIEW.hidden(),
        SCHEDULE.hidden(),
        CANCEL_MEETING,
        QUESTIONS.hidden(),
        UNDO,
        REDO,
        *LIST_KEYS,
    )
    OPENED_BY = TODAY.id
    AUTO_FOCUS = "#today-list"
    NAME = "Today"

    def __init__(self) -> None:
        super().__init__()
        self.status = StatusLine()
        self.items: dict[str, AgendaItem] = {}
        self._unlisten: object = None

    def compose(self) -> ComposeResult:
        yield Static(id="today-title")
        yield AgendaList(id="today-list")
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        self._unlisten = self.app.session.listen(self._on_session_event)
        self.show()

    def on_unmount(self) -> None:
        if callable(self._unlisten):
            self._unlisten()

    def _on_session_event(self, event: SessionEvent) -> None:
        if event.change_set is not None or event.message or event.reload:
            self.show()
        self.status.show_event(event, self.app.session.save_error)

    def show(self) -> None:
        session = self.app.session
        today = session.today()
        sections = agenda(
            session.contacts.values(), today, session.settings.rules, now=session.now()
        )
        title = Text("infoint", style="bold")
        title.append(f" · Today, {today:%A %d %B}")
        title.append(f"   {due_count(sections)} due", style="bold")
        self.query_one("#today-title", Static).update(title)
        listing = self.query_one("#today-list", AgendaList)
        rows: list[AgendaItem | Text] = []
        for section, items in sections.items():
            if items:
                rows.append(Text(f"{SECTIONS[section]} ({len(items)})"))
                rows.extend(items)
        self.items = {
            f"{item.section}-{item.contact_id}-{item.about}": item
            for item in rows
            if isinstance(item, AgendaItem)
        }
        if not self.items:
            listing.empty_text = (
                "Nothing due today. A good day to find a new target (n on the board)."
            )
        # Same place in the list: after "done" the next item is under the cursor.
        listing.show(rows, listing.cursor if listing.rows else 0)

    def selected(self) -> AgendaItem | None:
        row = self.query_one("#today-list", AgendaList).selected()
        return row if isinstance(row, AgendaItem) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        contact_actions = (
            "open",
            "done",
            "snooze",
            "write",
            "log",
            "schedule",
            "cancel_meeting",
            "questions",
            "interview",
        )
        if action in contact_actions and self.selected() is None:
            return None
        if action == "write":
            item = self.selected()
            return True if item is not None and item.template else None
        return True

    # -- actions ------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.query_one("#today-list", AgendaList).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#today-list", AgendaList).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#today-list", AgendaList).edge(last)

    def action_open(self) -> None:
        item = self.selected()
        if item is not None:
            self.app.open_contact(item.contact_id)

    def action_done(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.section == "held":
            self.app.meeting_outcome(item.contact_id, self.status.say)
        elif item.about is not None:  # told the referrer about the meeting
            self.status.say(self.app.session.people.told(item.contact_id, item.about))
        else:
            self.status.say(self.app.session.mark_done(item.contact_id))

    def action_schedule(self) -> None:
        item = self.selected()
        if item is not None:
            self.app.schedule_meeting(item.contact_id, self.status.say)

    def action_cancel_meeting(self) -> None:
        item = self.selected()
        if item is not None:
            self.app.cancel_meeting(item.contact_id, self.status.say)

    def action_interview(self) -> None:
        item = self.selected()
        if item is not None:
            self.app.open_interview(item.contact_id)

    def action_questions(self) -> None:
        from .questions import QuestionsScreen

        item = self.selected()
        if item is not None:
            self.app.navigator.open(QuestionsScreen(item.contact_id))

    def action_snooze(self) -> None:
        item = self.selected()
        if item is None:
            return
        today = self.app.session.today()

        def until(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "date":
                self.app.navigator.ask(
                    PromptModal(
                        "Snooze until (YYYY-MM-DD)",
                        placeholder="2026-12-15",
                        check=_future_date(today),
                    ),
                    lambda text: self._snooze(item, parse_date(text)) if text else None,
                )
                return
            days = int(choice)
            self._snooze(item, today + timedelta(days=days))

        self.app.navigator.ask(
            ChoiceModal(
                f"Snooze {item.name}",
                [("1 day", "1"), ("1 week", "7"), ("A date…", "date")],
            ),
            until,
        )

    def _snooze(self, item: AgendaItem, until: date) -> None:
        self.status.say(self.app.session.snooze(item.contact_id, until))

    def action_write(self) -> None:
        item = self.selected()
        if item is not None and item.template:
            self.app.open_letter(item.contact_id, item.template)

    def action_log(self) -> None:
        item = self.selected()
        if item is not None:
            self.app.log_interaction(item.contact_id)


def _future_date(today: date) -> Check:
    def check(text: str) -> str | None:
        try:
            day = parse_date(text)
        except DateError as error:
            return str(error)
        return None if day > today else "Pick a day after today"

    return check


def interaction_choices() -> list[tuple[str, str]]:
    labels = {"reply": "They replied", "call": "A call", "meeting": "A meeting"}
    return [(labels.get(kind, kind.capitalize()), kind) for kind in INTERACTIONS]
