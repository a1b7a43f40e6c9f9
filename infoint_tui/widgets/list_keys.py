"""Textual's list widgets, answering the app's list keys instead of their own.

OptionList and DataTable bind up, down, page up/down, home and end themselves
(and a DataTable's home scrolls sideways). These keep only enter, so the one
set of list keys in keys.LIST_KEYS, bound by the screen, works the same on
every list and follows a remapped keymap. ``move``, ``page`` and ``edge`` are
what a screen's list keys call, as on RowList.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList


class Options(OptionList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", show=False)]

    def move(self, delta: int) -> None:
        for _ in range(abs(delta)):
            self.action_cursor_down() if delta > 0 else self.action_cursor_up()

    def page(self, direction: int) -> None:
        self.move(direction * max(1, self.scrollable_content_region.height - 1))

    def edge(self, last: int) -> None:
        self.action_last() if last else self.action_first()


class Table(DataTable[Text], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", show=False)]

    def move(self, delta: int) -> None:
        self.move_cursor(row=max(0, self.cursor_row + delta))

    def page(self, direction: int) -> None:
        self.action_page_down() if direction > 0 else self.action_page_up()

    def edge(self, last: int) -> None:
        self.move_cursor(row=max(0, self.row_count - 1) if last else 0)


class Scroll(VerticalScroll, inherit_bindings=False):
    """Text to read (stats, the keys): the list keys scroll it."""

    def move(self, delta: int) -> None:
        self.scroll_relative(y=delta, animate=False)

    def page(self, direction: int) -> None:
        self.scroll_relative(y=direction * max(1, self.size.height - 1), animate=False)

    def edge(self, last: int) -> None:
        self.scroll_end(animate=False) if last else self.scroll_home(animate=False)
