"""A list drawn as lines, with headings and a cursor on the selectable rows.

Textual's OptionList repaints every visible row when the highlight moves (about
6 KB per key at 80x24); this repaints the two rows that changed, so moving
costs a few hundred bytes over SSH however long the list is.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .lines import text_strip

R = TypeVar("R")


class RowList(ScrollView, Generic[R], can_focus=True, inherit_bindings=False):
    """Subclasses say which rows can be selected and how a row is drawn.

    It has no keys of its own (a ScrollView's arrows would scroll it without
    moving the cursor): the screen's list keys call ``move``, ``page``, ``edge``.
    """

    DEFAULT_CSS = """
    RowList {
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None, empty_text: str = "") -> None:
        super().__init__(id=id)
        self.rows: list[R] = []
        self.cursor = 0
        self.empty_text = empty_text

    # -- for subclasses ---------------------------------------------------------------
    def selectable(self, row: R) -> bool:
        raise NotImplementedError

    def render_row(self, row: R, selected: bool, width: int, base: Style) -> Strip:
        raise NotImplementedError

    def cursor_moved(self) -> None:
        """Called after the cursor moved to another row."""

    # -- the list ---------------------------------------------------------------------
    def show(self, rows: list[R], cursor: int = 0) -> None:
        self.rows = rows
        self.cursor = self._nearest(min(cursor, max(len(rows) - 1, 0)), 1)
        self.virtual_size = Size(self.size.width, max(len(rows), 1))
        self.refresh()
        self._scroll_to_cursor()
        self.cursor_moved()

    def selected(self) -> R | None:
        if not self.rows or not self.selectable(self.rows[self.cursor]):
            return None
        return self.rows[self.cursor]

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        target = max(0, min(len(self.rows) - 1, self.cursor + delta))
        target = self._nearest(target, 1 if delta >= 0 else -1)
        if target != self.cursor:
            previous, self.cursor = self.cursor, target
            self.refresh_lines(previous)
            self.refresh_lines(target)
            self._scroll_to_cursor()
            self.cursor_moved()

    def page(self, direction: int) -> None:
        self.move(direction * max(1, self.size.height - 1))

    def edge(self, last: int) -> None:
        self.move(len(self.rows) if last else -len(self.rows))

    def _nearest(self, index: int, direction: int) -> int:
        """Headings cannot be selected: step past them (backwards at the end)."""
        for step in (direction, -direction):
            probe = index
            while 0 <= probe < len(self.rows) and not self.selectable(self.rows[probe]):
                probe += step
            if 0 <= probe < len(self.rows):
                return probe
        return 0

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        index = round(self.scroll_offset.y) + y
        if not self.rows:
            if y == 0 and self.empty_text:
                return text_strip(Text(f" {self.empty_text}", style="italic"), width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        return self.render_row(row, index == self.cursor and self.selectable(row), width, base)
