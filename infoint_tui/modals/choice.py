"""Pick one of a few options with the arrow keys and enter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..keys import CLOSE, bindings
from ..paths import style_path
from .base import Dialog


class ChoiceModal(Dialog[str | None]):
    """Returns the chosen option's value, or None on esc."""

    CSS_PATH = style_path("modals.tcss")

    BINDINGS: ClassVar[list[BindingType]] = bindings(CLOSE)

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="choice")
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(Text(self.title_text, style="bold"))
            yield OptionList(
                *(Option(Text(label), id=value) for label, value in self.choices), id="choice-list"
            )
            yield Static(Text("↑↓ choose   enter: OK   esc: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#choice-list", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
