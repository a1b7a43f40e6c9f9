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
from textual.screen import Screen
from textual.widget import Widget


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

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Text:
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
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            part = Text(key, style=key_style if enabled else disabled_style)
            part.append(
                f" {binding.description}", style=description_style if enabled else disabled_style
            )
            if line and cell_len(line.plain) + 1 + part.cell_len > self.size.width:
                break  # what does not fit is on the ? screen
            if line:
                line.append(" ")
            line.append_text(part)
        return line
