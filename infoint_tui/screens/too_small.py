"""Shown instead of a cramped, broken layout when the terminal is below 40x12."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from ..keys import QUIT, bindings

MIN_WIDTH = 40
MIN_HEIGHT = 12


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(QUIT)

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            Text(
                f"Terminal too small: {width}x{height}.\n"
                f"infoint needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
                "Enlarge the window (or press q to quit).",
                justify="center",
            )
        )
