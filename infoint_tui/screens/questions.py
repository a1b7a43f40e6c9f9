"""A contact's interview questions: picked from the TIARA bank, ordered most important first."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.contacts.changes import ChangeSet, ContactChange
from ..core.contacts.model import TIARA, Contact, Question
from ..core.interviews import questions as bank
from ..core.text import strip_controls
from ..keys import BACK, LIST_KEYS, ORDER_DOWN, ORDER_UP, REDO, UNDO, Command, bindings
from ..modals.choice import ChoiceModal
from ..modals.prompt import PromptModal
from ..paths import style_path
from ..shell import ContactPlace
from ..widgets.keybar import KeyBar
from ..widgets.list_keys import Options
from ..widgets.status import StatusLine


def _line(question: Question, number: int | None = None) -> Text:
    prefix = f"{number}. " if number is not None else "+ "
    text = Text(prefix, style="bold")
    text.append(strip_controls(question.text))
    text.append(f"  {question.category[:1].upper()}", style="dim")
    return text


class QuestionsScreen(ContactPlace):
    CSS_PATH = style_path("interview.tcss")
    BINDINGS: ClassVar[list[BindingType]] = bindings(
        BACK,
        Command(
            "questions.add",
            "a",
            "add",
            "Add",
            "Add the highlighted bank question",
            show=True,
            palette="Add the question",
        ),
        Command(
            "questions.remove",
            "d,delete",
            "remove",
            "Remove",
            "Remove the question",
            show=True,
            key_display="d",
            palette="Remove the question",
        ),
        ORDER_UP.shown(),
        ORDER_DOWN.shown(),
        Command(
            "questions.write",
            "n",
            "write",
            "New question",
            "Write a question of your own",
            show=True,
            palette="New question",
        ),
        Command(
            "questions.order",
            "o",
            "order",
            "TIARA order",
            "Put the questions in TIARA order",
            show=True,
            palette="TIARA order",
        ),
        Command("questions.switch", "tab", "switch", "Switch list"),
        UNDO,
        REDO,
        *LIST_KEYS,
    )
    AUTO_FOCUS = "#q-chosen"

    NAME = "Questions"

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.status = StatusLine()
        self._bank: tuple[Question, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="q-title")
        with Horizontal(id="q-body"):
            yield Options(id="q-chosen")
            yield Options(id="q-bank")
        yield self.status
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#q-chosen", OptionList).border_title = "Asked in this order"
        self.query_one("#q-bank", OptionList).border_title = "Question bank (TIARA)"
        self._show()
        contact = self.contact
        if contact is not None and not contact.questions:
            # Nothing to order yet: start where questions are picked.
            self.query_one("#q-bank", OptionList).focus()

    @property
    def contact(self) -> Contact | None:
        return self.app.session.contacts.get(self.contact_id)

    def _show(self, chosen_index: int | None = None) -> None:
        contact = self.contact
        if contact is None:
            self.app.navigator.back(self)
            return
        title = Text("Questions for ", style="bold")
        title.append(strip_controls(contact.name))
        title.append("  most important first; never ask for a job", style="dim")
        self.query_one("#q-title", Static).update(title)
        chosen = self.query_one("#q-chosen", OptionList)
        keep = chosen.highlighted if chosen_index is None else chosen_index
        chosen.clear_options()
        chosen.add_options(
            Option(_line(question, number)) for number, question in enumerate(contact.questions, 1)
        )
        if contact.questions:
            chosen.highlighted = min(keep or 0, len(contact.questions) - 1)
        self._bank = bank.available(self.app.session.questions.full_bank(), contact.questions)
        picker = self.query_one("#q-bank", OptionList)
        bank_keep = picker.highlighted
        picker.clear_options()
        for category, questions in bank.by_category(self._bank).items():
            if not questions:
                continue
            picker.add_option(
                Option(Text(bank.CATEGORY_LABELS[category], style="bold"), disabled=True)
            )
            picker.add_options(
                Option(_line(question), id=f"bank-{self._bank.index(question)}")
                for question in questions
            )
        if picker.option_count:
            picker.highlighted = min(bank_keep or 1, picker.option_count - 1)

    def _set(self, questions: tuple[Question, ...], description: str, index: int | None) -> None:
        contact = self.contact
        if contact is None or questions == contact.questions:
            return
        after = replace(contact, questions=questions, updated=self.app.session.now())
        self.app.session.perform(
            ChangeSet(f"{description} ({contact.name})", (ContactChange(contact, after),))
        )
        self._show(index)

    # -- actions ------------------------------------------------------------------
    def _list(self) -> Options:
        """The list the list keys move in: the one with focus."""
        focused = self.focused
        return focused if isinstance(focused, Options) else self.query_one("#q-chosen", Options)

    def action_cursor(self, delta: int) -> None:
        self._list().move(delta)

    def action_page(self, direction: int) -> None:
        self._list().page(direction)

    def action_edge(self, last: int) -> None:
        self._list().edge(last)

    def action_switch(self) -> None:
        target = "#q-bank" if self.focused and self.focused.id == "q-chosen" else "#q-chosen"
        self.query_one(target, OptionList).focus()

    def action_add(self) -> None:
        contact = self.contact
        picker = self.query_one("#q-bank", OptionList)
        if contact is None:
            return
        # a adds the bank's highlighted question wherever the focus is.
        index = picker.highlighted
        if index is None:
            return
        option_id = picker.get_option_at_index(index).id
        if not option_id:
            return
        question = self._bank[int(option_id.removeprefix("bank-"))]
        questions = bank.add_question(contact.questions, question)
        self._set(questions, "Added a question", len(questions) - 1)
        self.status.say(f"Added: {question.text}")

    @on(OptionList.OptionSelected, "#q-bank")
    def _bank_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_add()

    def _on_chosen_list(self) -> bool:
        """Removing and reordering act on the contact's list, so it must have focus."""
        if self.query_one("#q-chosen", OptionList).has_focus:
            return True
        self.status.say("tab to the list on the left to remove or reorder")
        return False

    def action_remove(self) -> None:
        contact = self.contact
        chosen = self.query_one("#q-chosen", OptionList)
        if not self._on_chosen_list():
            return
        if contact is None or chosen.highlighted is None or not contact.questions:
            return
        index = chosen.highlighted
        self._set(bank.remove_question(contact.questions, index), "Removed a question", index)

    def action_reorder(self, offset: int) -> None:
        contact = self.contact
        chosen = self.query_one("#q-chosen", OptionList)
        if not self._on_chosen_list():
            return
        if contact is None or chosen.highlighted is None:
            return
        questions, index = bank.move_question(contact.questions, chosen.highlighted, offset)
        self._set(questions, "Reordered the questions", index)

    def action_order(self) -> None:
        contact = self.contact
        if contact is not None:
            ordered = bank.default_order(contact.questions, bank.full_bank())
            self._set(ordered, "Put the questions in TIARA order", 0)

    def action_write(self) -> None:
        def chosen_category(text: str, category: str | None) -> None:
            if category is None:
                return
            if bank.asks_for_a_job(text):
                self.app.notify("That reads like asking for a job; the method says never ask.")
            after = self.app.session.add_own_question(self.contact_id, text, category)
            if after is not None:
                self._show(len(after.questions) - 1)

        def written(text: str | None) -> None:
            if not text or not text.strip():
                return
            choices = [(bank.CATEGORY_LABELS[category], category) for category in TIARA]
            self.app.navigator.ask(
                ChoiceModal("Which kind of question?", choices),
                lambda category: chosen_category(text.strip(), category),
            )

        self.app.navigator.ask(PromptModal("Your question", placeholder="What …?"), written)

    def action_undo(self) -> None:
        super().action_undo()
        self._show()

    def action_redo(self) -> None:
        super().action_redo()
        self._show()
