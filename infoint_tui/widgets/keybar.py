"""The key line at the bottom: the screen's keys, drawn as one line of text.

Textual's Footer builds a widget per key and rebuilds them all whenever a key
becomes available or not, which relays out and repaints the whole screen. Over
SSH that is kilobytes per key press; this draws the same information as a
single line and repaints only that line.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

HELP_ID = "app.help"


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--disabled",
    }
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        dock: bottom;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .keybar--description {
        color: $footer-description-foreground;
    }
    KeyBar > .keybar--disabled {
        color: $text-disabled;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    _drawn: Text | None = None  # the line last drawn

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # Textual signals a change of bindings after every focus change and screen
        # switch; repainting an unchanged line was a frame of its own each time.
        if self.is_attached and screen is self.screen:
            line = self._line()
            if self._drawn is None or not _same(line, self._drawn):
                self.refresh()

    def render(self) -> Text:
        self._drawn = self._line()
        return self._drawn

    def _line(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        disabled_style = self.get_component_rich_style("keybar--disabled")
        line = Text(no_wrap=True, overflow="crop")
        # A screen where letters can type into a text box says, while they do,
        # which keys still work (its letter keys are gone): editing_keys().
        editing = getattr(self.screen, "editing_keys", None)
        editing_keys: tuple[tuple[str, str], ...] = editing() if editing else ()
        if editing_keys:
            for key, description in editing_keys:
                if line:
                    line.append(" ")
                line.append(key, style=key_style)
                line.append(f" {description}", style=description_style)
            return line
        parts: list[Text] = []
        help_part: Text | None = None
        seen: set[str] = set()
        opened_by = getattr(self.screen, "OPENED_BY", "")
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen or binding.id == opened_by:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            part = Text(key, style=key_style if enabled else disabled_style)
            part.append(
                f" {describe(binding, self.screen)}",
                style=description_style if enabled else disabled_style,
            )
            if binding.id == HELP_ID:
                help_part = part  # always shown: it leads to every other key
            else:
                parts.append(part)
        room = self.size.width - (help_part.cell_len + 1 if help_part is not None else 0)
        for part in parts:
            if line and cell_len(line.plain) + 1 + part.cell_len > room:
                break  # what does not fit is on the ? screen
            if line:
                line.append(" ")
            line.append_text(part)
        if help_part is not None:
            if line:
                line.append(" ")
            line.append_text(help_part)
        return line


def _same(first: Text, second: Text) -> bool:
    return first.plain == second.plain and first.spans == second.spans


def describe(binding: Binding, screen: Screen[object]) -> str:
    """A key's description; esc names the screen it goes back to."""
    if binding.action == "back" or binding.id == getattr(screen, "OPENED_BY", ""):
        back_label = getattr(screen, "back_label", None)
        if back_label is not None:
            label: str = back_label()
            return label
    return binding.description
