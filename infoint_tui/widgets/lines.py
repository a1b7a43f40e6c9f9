"""Turning a line of rich Text into a Strip, for the line-based lists."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
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
    # Text.render leaves out the Text's own style (a console adds it): add it here.
    own = text.style if isinstance(text.style, Style) else Style.parse(text.style or "")
    under = base + own
    segments = [
        Segment(segment.text, under + segment.style if segment.style else under)
        for segment in text.render(_CONSOLE)
    ]
    return Strip(segments, width).crop_extend(0, width, base)


def fit_cells(text: str, width: int) -> str:
    """Exactly ``width`` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
