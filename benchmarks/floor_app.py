"""The floor: the least a Textual app can do, measured beside infoint on the same machine.

Header, Footer and one line of text. ``x`` changes the line (the smallest
update), ``t`` switches between a dark and a light theme (a full repaint),
``q`` quits. Run as a script in the same venv: ``python benchmarks/floor_app.py``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

READY_TEXT = "floor ready"
THEMES = ("textual-dark", "textual-light")


class FloorApp(App[None]):
    TITLE = "floor"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "line", "Change line"),
        Binding("t", "theme", "Theme"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY_TEXT, id="line")
        yield Footer()

    def on_mount(self) -> None:
        self.theme = THEMES[0]

    def action_line(self) -> None:
        self.presses += 1
        self.query_one("#line", Static).update(f"line changed {self.presses} times")

    def action_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


if __name__ == "__main__":
    FloorApp().run()
