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


class Listed(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*(str(n) for n in range(50)))


async def test_textual_sends_two_frames_when_a_tick_needs_layout_and_repaint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstream.apply()
    app = Listed()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        sent: list[int] = []
        monkeypatch.setattr(screen, "_compositor_refresh", lambda: sent.append(1))

        def tick(update: object) -> int:
            sent.clear()
            screen._layout_required = True
            screen._repaint_required = True
            update(screen)  # type: ignore[operator]
            return len(sent)

        assert tick(upstream._on_timer_update) == 2  # Textual's own: two frames
        assert tick(type(screen)._on_timer_update) == 1  # ours: one, the whole screen


async def test_textual_redraws_a_scrollbar_on_every_layout_of_the_same_sizes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstream.apply()
    app = Listed()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        updates: list[object] = []
        monkeypatch.setattr(options, "_scroll_update", updates.append)
        size, container = options.size, options.container_size
        region_size = options.region.size  # what the layout passes as the virtual size
        for _ in range(2):
            upstream._size_updated(options, size, region_size, container)  # Textual's own
        assert len(updates) == 2  # the same sizes, redrawn each time
        options._size_updated(size, region_size, container)  # ours: sizes now seen
        updates.clear()
        options._size_updated(size, region_size, container)
        assert updates == []  # the same sizes again: nothing to redraw
