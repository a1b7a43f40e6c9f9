"""Turning a line of rich Text into a Strip, for the line-based lists."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

# Only used to split Text into segments; it never writes anywhere.
_CONSOLE = Console(width=1000, color_system=None, legacy_windows=False)


def text_strip(text: Text, width: int, base: Style) -> Strip:
    """``text`` cut or padded to ``width`` cells, over the widget's base style."""
    text.truncate(width, overflow="ellipsis", pad=True)
    segments = [
        Segment(segment.text, base + segment.style if segment.style else base)
        for segment in text.render(_CONSOLE)
    ]
    return Strip(segments, width).crop_extend(0, width, base)
