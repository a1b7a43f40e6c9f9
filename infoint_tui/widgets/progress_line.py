"""A one-line progress bar that reads without colour (filled and light blocks)."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class ProgressLine(Widget):
    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
    }
    """

    fraction: reactive[float] = reactive(0.0)

    def render(self) -> Text:
        width = max(self.size.width, 4)
        filled = round(max(0.0, min(1.0, self.fraction)) * width)
        return Text("█" * filled + "░" * (width - filled), no_wrap=True)
