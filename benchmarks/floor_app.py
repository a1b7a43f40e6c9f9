"""The floor: the least a Textual app can do, measured beside infoint on the same machine.

Header, Footer and one line of text. ``x`` changes the line (the smallest
update), ``t`` switches between a dark and a light theme (a full repaint),
``q`` quits. Run as a script in the same venv: ``python benchmarks/floor_app.py``.

``--read DIR`` first opens the data folder DIR the way infoint does before its
first paint (collection paused, infoint's core imported, the contacts read), and
draws nothing of it: what reading the data costs a start, whatever is drawn
(benchmarks/first_paint.py).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
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
        self.call_after_refresh(gc.enable)  # after --read, as infoint does after its paint

    def action_line(self) -> None:
        self.presses += 1
        self.query_one("#line", Static).update(f"line changed {self.presses} times")

    def action_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def read_folder(data_dir: Path) -> None:
    """What infoint does with the data folder before its first paint (cli.run_app)."""
    gc.disable()
    from infoint_tui.core.documents import READ_AFTER_PAINT, Store

    Store(data_dir).open(defer=READ_AFTER_PAINT)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--read"] and len(argv) == 2:
        read_folder(Path(argv[1]))
    FloorApp().run()


if __name__ == "__main__":
    main(sys.argv[1:])
