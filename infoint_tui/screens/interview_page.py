"""A past interview, read as a page: how long it ran, the questions asked in
order with the short answers, the notes, and what came of it (advice, topics
to follow up on, introductions offered; ``a`` adds those people as targets)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from ..core.interviews.interview import Interview, length_text
from ..core.session.session import SessionEvent
from ..core.text import fold, strip_controls
from ..keys import BACK, LIST_KEYS, Command, bindings
from ..paths import style_path
from ..shell import ContactPlace
from ..widgets.keybar import KeyBar
from ..widgets.list_keys import Scroll

ADD_INTRODUCTIONS = Command(
    "interview_page.add_introductions",
    "a",
    "add_introductions",
    "Add introductions",
    "Add the people offered as introductions as targets (referred by this contact)",
    show=True,
    palette="Add the introductions as targets",
)


def interview_page(interview: Interview, known_names: set[str]) -> RenderableType:
    """One interview as the user reads it back."""
    parts: list[RenderableType] = [Text(length_text(interview), style="bold")]
    asked = [question for question in interview.questions if question.asked]
    if asked:
        parts.append(Text("\nQuestions asked", style="bold underline"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(overflow="fold")
        for number, question in enumerate(asked, start=1):
            table.add_row(f"{number}.", Text(strip_controls(question.text)))
            if question.answer:
                table.add_row("", Text(f"→ {strip_controls(question.answer)}", style="italic"))
        parts.append(table)
    skipped = len(interview.questions) - len(asked)
    if skipped:
        parts.append(Text(f"({skipped} prepared but not asked)", style="dim"))
    if interview.notes:
        parts.append(Text("\nNotes", style="bold underline"))
        parts.append(Text(strip_controls(interview.notes, multiline=True)))
    fruits = interview.fruits
    if fruits:
        parts.append(Text("\nWhat came of it", style="bold underline"))
        for advice in fruits.advice:
            parts.append(Text(f"Advice: {strip_controls(advice)}"))
        for topic in fruits.topics:
            parts.append(Text(f"Topic to follow up on: {strip_controls(topic)}"))
        for person in fruits.introductions:
            at = f" ({strip_controls(person.company)})" if person.company else ""
            added = fold(" ".join(person.name.split())) in known_names
            mark = "  ✓ in the pipeline" if added else "  a adds as a target"
            line = Text(f"Introduction offered: {strip_controls(person.name)}{at}")
            line.append(mark, style="dim")
            parts.append(line)
    return Group(*parts)


class InterviewPageScreen(ContactPlace):
    CSS_PATH = style_path("lists.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(BACK, ADD_INTRODUCTIONS, *LIST_KEYS)
    NAME = "Past interview"

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self._unlisten: object = None

    def compose(self) -> ComposeResult:
        yield Static(classes="page-title")
        with Scroll(classes="page-body"):
            yield Static(classes="page-text")
        yield KeyBar()

    def on_mount(self) -> None:
        self._unlisten = self.app.session.listen(self._on_session_event)
        self._show()

    def on_unmount(self) -> None:
        if callable(self._unlisten):
            self._unlisten()

    def _on_session_event(self, event: SessionEvent) -> None:
        if event.change_set is not None or event.reload:
            self._show()

    def _show(self) -> None:
        session = self.app.session
        contact = session.contacts.get(self.contact_id)
        name = contact.name if contact else "a deleted contact"
        held = session.interviews.ended_for(self.contact_id)
        title = Text(f"Interviews with {strip_controls(name)}", style="bold")
        title.append(f"  {len(held)} held", style="dim")
        self.query_one(".page-title", Static).update(title)
        known = {fold(" ".join(c.name.split())) for c in session.contacts.values()}
        pages: list[RenderableType] = [interview_page(interview, known) for interview in held]
        if not pages:
            pages = [Text("No interview with them was run on the clock yet (t starts one).")]
        spaced: list[RenderableType] = []
        for page in pages:
            spaced.extend((page, Text("")))
        self.query_one(".page-text", Static).update(Group(*spaced))

    def action_add_introductions(self) -> None:
        self.app.notify(self.app.session.add_introductions(self.contact_id))

    def action_cursor(self, delta: int) -> None:
        self.query_one(Scroll).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one(Scroll).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one(Scroll).edge(last)
