"""A lane of the board: a header with the stage and its count, then the cards."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..core.contacts.model import Contact, Stage
from .card_list import CardList

_ACTIVE = Style(bold=True, reverse=True)


class LaneHeader(Static):
    """The stage and its count. The active lane's header is drawn with a style
    rather than a CSS class: a class change restyles the whole lane, and over
    SSH that repaint costs kilobytes for what is one line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lane-header--active"}

    _last: tuple[str, bool] = ("", False)

    def on_resize(self) -> None:
        text, active = self._last
        self.show(text, active=active)

    def show(self, text: str, *, active: bool = False) -> None:
        self._last = (text, active)
        # Before its styles are applied (the board draws on mount), a plain
        # reverse stands in; the resize that follows the first layout redraws it.
        style = (
            self.get_component_rich_style("lane-header--active", default=_ACTIVE)
            if active
            else Style()
        )
        # Padded to the full width so the active style fills the whole bar.
        width = max(self.size.width, len(text), 1)
        line = Text(text.ljust(width), style=style, no_wrap=True, overflow="ellipsis")
        self.update(line, layout=False)  # one line, fixed height: no layout pass


class Lane(Vertical):
    """One stage; the board decides which lanes are shown and which is active."""

    def __init__(self, stage: Stage) -> None:
        super().__init__(classes="lane")
        self.stage = stage  # which stage this lane shows changes as the board scrolls
        self.header = LaneHeader("", classes="lane-header")
        self.cards = CardList()
        self._header: tuple[str, bool] = ("", False)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.cards

    def set_header(
        self, number: int, shown: int, total: int, *, active: bool, at: int | None = None
    ) -> None:
        """``at``: the selected card's place, shown once the lane has scrolled."""
        count = f"{shown}/{total}" if shown != total else str(total)
        mark = "▸" if active else " "
        where = f" · #{at + 1}" if at is not None else ""
        text = f"{mark}{number} {self.stage.label}  {count}{where}"
        if (text, active) != self._header:
            self._header = (text, active)
            self.header.show(text, active=active)

    def show(
        self, cards: list[Contact], selected: int | None, today: date, *, length: int | None = None
    ) -> None:
        self.cards.show(cards, selected, today, length=length)
