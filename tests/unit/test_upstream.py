"""Each fix in upstream.py is still needed: the library's own code still has the bug.

When one of these fails, the library fixed the bug: delete the fix and its test.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from infoint_tui import upstream


class Hidden(App[None]):
    def compose(self) -> ComposeResult:
        options = OptionList("a", "b", "c")
        options.display = False  # never laid out, like a palette list right after tab
        yield options


async def test_textual_option_list_pages_before_layout() -> None:
    upstream.apply()  # as the app does when it is imported
    app = Hidden()
    async with app.run_test():
        options = app.query_one(OptionList)
        options.highlighted = 1
        with pytest.raises(KeyError):
            upstream._move_page(options, 1)  # Textual's own
        options._move_page(1)  # ours
        options._move_page(-1)
        assert options.highlighted == 1
