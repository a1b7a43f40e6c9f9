"""Fixes for bugs in the libraries we use, until their next release has them.

Each names the bug, where it bites a user, and the test that fails once the
library fixes it (then the fix goes).
"""

from __future__ import annotations

from typing import Any, Literal
from weakref import WeakKeyDictionary

from rich.console import RenderableType
from textual import _time, messages
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widgets import OptionList

_display = App._display
_on_update = Screen._on_update
_painted_whole: WeakKeyDictionary[Screen[Any], float] = WeakKeyDictionary()
_move_page = OptionList._move_page
_on_timer_update = Screen._on_timer_update
_size_updated = ScrollView._size_updated
_sizes_seen: WeakKeyDictionary[ScrollView, tuple[Size, Size, Size, Size]] = WeakKeyDictionary()


def _move_page_once_laid_out(self: OptionList, direction: Literal[-1, 1]) -> None:
    # Textual 8.2.8: page up/down on an option list that has not been laid out
    # yet (the command palette's list right after tab, a Select's overlay)
    # raises KeyError from its line index. Nothing to page through yet: stay.
    if self.highlighted is not None and self.highlighted not in self._index_to_line:
        return
    _move_page(self, direction)


def _on_timer_update_one_frame(self: Screen[object]) -> None:
    # Textual 8.2.8: an update tick that needs both a new layout and a whole
    # repaint (a screen just opened) sends the layout's frame, then the whole
    # screen again: two frames, twice the bytes over SSH. Painting the whole
    # screen with the layout sends one.
    if self._layout_required and self._repaint_required:
        self._dirty_widgets.add(self)
        self._repaint_required = False
    _on_timer_update(self)


def _display_noting_whole(
    self: App[Any], screen: Screen[Any], renderable: RenderableType | None
) -> None:
    _display(self, screen, renderable)
    if isinstance(renderable, LayoutUpdate):
        _painted_whole[screen] = _time.get_time()


async def _on_update_unless_painted(self: Screen[Any], message: messages.Update) -> None:
    # Textual 8.2.8: a widget asks for a repaint with a message that waits in
    # the queue; when the whole screen is painted meanwhile (the first frame at
    # start), the message still repaints it: the board went out twice at every
    # start, 6 KB more over SSH. A request older than the last whole frame is
    # in that frame already (both happen on the one UI thread).
    painted = _painted_whole.get(self)
    if painted is not None and message.time < painted:
        message.stop()
        message.prevent_default()
        return
    await _on_update(self, message)


def _size_updated_when_changed(
    self: ScrollView, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
) -> bool:
    # Textual 8.2.8: a scrolling list (DataTable, OptionList, TextArea, our
    # lists) compares the layout's idea of its virtual size with its own, which
    # never agree, so every layout redraws its scrollbar: a frame of up to
    # 1.5 KB that changes nothing, after every screen opens. Sizes seen before
    # change nothing: skip them.
    seen = (size, virtual_size, self.virtual_size, container_size)
    if _sizes_seen.get(self) == seen:
        return self._container_size != container_size  # as Textual would answer
    _sizes_seen[self] = seen
    return _size_updated(self, size, virtual_size, container_size, layout)


def apply() -> None:
    """Test: tests/unit/test_upstream.py shows each bug still there unfixed."""
    # Replacing a library's method is what mypy's method-assign is about: this one is meant.
    OptionList._move_page = _move_page_once_laid_out  # type: ignore[method-assign]
    Screen._on_timer_update = _on_timer_update_one_frame  # type: ignore[method-assign,assignment]
    ScrollView._size_updated = _size_updated_when_changed  # type: ignore[method-assign]
    App._display = _display_noting_whole  # type: ignore[method-assign]
    Screen._on_update = _on_update_unless_painted  # type: ignore[method-assign]
