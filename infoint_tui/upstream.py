"""Fixes for bugs in the libraries we use, until their next release has them.

Each names the bug, where it bites a user, and the test that fails once the
library fixes it (then the fix goes).
"""

from __future__ import annotations

from typing import Literal

from textual.widgets import OptionList

_move_page = OptionList._move_page


def _move_page_once_laid_out(self: OptionList, direction: Literal[-1, 1]) -> None:
    # Textual 8.2.8: page up/down on an option list that has not been laid out
    # yet (the command palette's list right after tab, a Select's overlay)
    # raises KeyError from its line index. Nothing to page through yet: stay.
    if self.highlighted is not None and self.highlighted not in self._index_to_line:
        return
    _move_page(self, direction)


def apply() -> None:
    """Test: tests/unit/test_upstream.py shows each bug still there unfixed."""
    # Replacing a library's method is what mypy's method-assign is about: this one is meant.
    OptionList._move_page = _move_page_once_laid_out  # type: ignore[method-assign]
