"""A lane of the board: a header with the stage and its count, then the cards."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from ..core.contacts.model import Contact, Stage
from .card_list import CardList


class LaneHeader(Widget):
    """The stage and its count. The active lane's header is drawn with a style
    rather than a CSS class: a class change restyles the whole lane, and over
    SSH that repaint costs kilobytes for what is one line."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"lane-header--active"}

    def __init__(self, *, classes: str) -> None:
        super().__init__(classes=classes)
        self._shown = ("", False)

    def show(self, text: str, *, active: bool = False) -> None:
        if (text, active) != self._shown:
            self._shown = (text, active)
            self.refresh()

    def render(self) -> Text:
        # Drawn at the width it was laid out to (so the active style fills the
        # whole bar), never before: the first frame is the finished header.
        text, active = self._shown
        style = self.get_component_rich_style("lane-header--active") if active else Style()
        width = max(self.size.width, 1)
        return Text(text.ljust(width), style=style, no_wrap=True, overflow="ellipsis")


class Lane(Vertical):
    """One stage; the board decides which lanes are shown and which is active."""

    def __init__(self, stage: Stage) -> None:
        super().__init__(classes="lane")
        self.stage = stage  # which stage this lane shows changes as the board scrolls
        self.header = LaneHeader(classes="lane-header")
        self.cards = CardList()

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
        self.header.show(f"{mark}{number} {self.stage.label}  {count}{where}", active=active)

    def show(
        self, cards: list[Contact], selected: int | None, today: date, *, length: int | None = None
    ) -> None:
        self.cards.show(cards, selected, today, length=length)
