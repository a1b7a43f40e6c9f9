"""A yes/no question: y or enter for yes, n or esc for no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ..keys import Command, bindings
from ..paths import style_path
from .base import Dialog


class ConfirmModal(Dialog[bool]):
    CSS_PATH = style_path("modals.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(
            Command("confirm.yes", "y,enter", "answer(True)", "Yes", show=True),
            Command("confirm.no", "n,escape,q", "answer(False)", "No", show=True),
        )
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(classes="confirm")
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.question, style="bold"), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static(Text("y / enter: yes    n / esc: no", style="dim"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
