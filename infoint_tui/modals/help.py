"""Every key of the screen underneath, generated from its bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Static

from ..keys import CLOSE, HELP, LIST_KEYS, bindings
from ..paths import style_path
from ..widgets.keybar import describe
from ..widgets.list_keys import Scroll
from .base import Dialog

_KEY_NAMES = {
    "slash": "/",
    "escape": "esc",
    "plus": "+",
    "minus": "-",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


def key_label(key: str) -> str:
    """How a key reads to a person: arrows as arrows, punctuation as itself."""
    *modifiers, name = key.split("+") if key != "plus" else ["plus"]
    shown = _KEY_NAMES.get(name)
    if shown is None:
        character = key_to_character(name)
        shown = character if character is not None and character.isprintable() else name
    return "+".join([*modifiers, shown])


def binding_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(keys, what it does, binding id) for the active bindings of ``screen``.

    Generated from the bindings themselves (the screen's, then the app's), so
    this list, the footer and a remapped keymap always agree.
    """
    keys: dict[str, list[str]] = {}
    descriptions: dict[str, str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or binding.id is None or not (binding.description or binding.tooltip):
            continue
        keys.setdefault(binding.id, [])
        label = key_label(key)
        if label not in keys[binding.id]:
            keys[binding.id].append(label)
        if binding.action == "back" or binding.id == getattr(screen, "OPENED_BY", ""):
            descriptions[binding.id] = f"Back to {describe(binding, screen)}"
        else:
            descriptions[binding.id] = binding.tooltip or binding.description
    return [(" / ".join(labels), descriptions[ident], ident) for ident, labels in keys.items()]


def bindings_table(rows: list[tuple[str, str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim", no_wrap=True)
    for keys, description, ident in rows:
        table.add_row(Text(keys), Text(description), Text(ident))
    return table


class HelpModal(Dialog[None]):
    CSS_PATH = style_path("modals.tcss")

    # ? again closes it: the app's ? (app bindings do not reach a dialog on their own).
    BINDINGS: ClassVar[list[BindingType]] = bindings(CLOSE, HELP.hidden(), *LIST_KEYS)

    def __init__(self, screen: Screen[object], title: str) -> None:
        super().__init__(classes="help")
        self.target = screen
        self.title_text = title
        self.rows = binding_rows(screen)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Text(f"Keys: {self.title_text}", style="bold"), id="help-title")
            with Scroll(id="help-keys"):
                yield Static(bindings_table(self.rows))
            yield Static(
                Text(
                    "Remap any key in settings.toml [keymap] by the id in the last column. "
                    "esc closes.",
                    style="dim",
                ),
                id="help-hint",
            )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor(self, delta: int) -> None:
        self.query_one("#help-keys", Scroll).move(delta)

    def action_page(self, direction: int) -> None:
        self.query_one("#help-keys", Scroll).page(direction)

    def action_edge(self, last: int) -> None:
        self.query_one("#help-keys", Scroll).edge(last)
