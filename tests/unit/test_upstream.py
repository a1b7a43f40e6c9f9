"""Each fix in upstream.py is still needed: the library's own code still has the bug.

When one of these fails, the library fixed the bug: delete the fix and its test.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static

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


class Filled(App[None]):
    """Widgets given their content on mount, as the board's lanes are."""

    def compose(self) -> ComposeResult:
        yield from (Static(id=f"line-{number}") for number in range(5))

    def on_mount(self) -> None:
        for number, line in enumerate(self.query(Static)):
            line.update(f"line {number}", layout=False)


async def _frames_at_start(monkeypatch: pytest.MonkeyPatch, *, textuals_own: bool) -> list[str]:
    upstream.apply()
    if textuals_own:
        monkeypatch.setattr(Screen, "_on_update", upstream._on_update)
    frames: list[str] = []
    display = App._display

    def counted(app: App[object], screen: Screen[object], renderable: object) -> None:
        if renderable is not None:
            frames.append(type(renderable).__name__)
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", counted)
    app = Filled()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        assert app.query_one("#line-4", Static).render() == "line 4"
    return frames


async def test_textual_repaints_what_the_first_whole_frame_already_showed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual's own: the whole first frame, then the lines again, as asked on mount.
    # (A later whole frame, for the layout the lines asked for on mount, is not this bug.)
    frames = await _frames_at_start(monkeypatch, textuals_own=True)
    assert frames[:2] == ["LayoutUpdate", "ChopsUpdate"]


async def test_a_repaint_asked_for_before_a_whole_frame_is_not_sent_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frames = await _frames_at_start(monkeypatch, textuals_own=False)
    assert frames[0] == "LayoutUpdate"
    assert "ChopsUpdate" not in frames
