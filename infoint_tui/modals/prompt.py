"""Ask for one line of text (an answer to note, a date to snooze to)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ..keys import CANCEL, bindings
from ..paths import style_path
from .base import Dialog

Check = Callable[[str], str | None]  # returns an error message, or None when fine
Preview = Callable[[str], str]  # what the answer so far would mean, shown as you type


class PromptModal(Dialog[str | None]):
    CSS_PATH = style_path("modals.tcss")

    BINDINGS: ClassVar[list[BindingType]] = bindings(CANCEL)

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        placeholder: str = "",
        check: Check | None = None,
        preview: Preview | None = None,
        select: bool = True,
        completions: Sequence[str] = (),
    ) -> None:
        """``select``: the value starts selected, so typing replaces it (False: the
        cursor waits at its end, for a path to finish rather than retype).
        ``preview``: under the box, what the answer would mean, before it is kept.
        ``completions``: what typing completes to (→ accepts)."""
        super().__init__(classes="prompt")
        self.title_text = title
        self.select = select
        self.value = value
        self.placeholder = placeholder
        self.check = check
        self.preview = preview
        self.completions = completions

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Text(self.title_text, style="bold"), id="prompt-title")
            yield Input(
                self.value,
                placeholder=self.placeholder,
                select_on_focus=self.select,
                id="prompt-input",
                suggester=(
                    SuggestFromList(self.completions, case_sensitive=False)
                    if self.completions
                    else None
                ),
            )
            yield Static("", id="prompt-error")
            yield Static(Text("enter: OK    esc: cancel", style="dim"), id="prompt-keys")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()
        if self.preview and self.value:
            self._show_preview(self.value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.preview:
            self._show_preview(event.value)

    def _show_preview(self, value: str) -> None:
        assert self.preview is not None
        meaning = self.preview(value) if value.strip() else ""
        self.query_one("#prompt-error", Static).update(Text(f"→ {meaning}" if meaning else ""))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        problem = self.check(event.value) if self.check else None
        if problem:
            self.query_one("#prompt-error", Static).update(Text(f"↳ {problem}"))
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
