"""A lane of the board: a header with the stage and its count, then the cards."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..core.models import Contact, Stage
from .card_list import CardList


class LaneHeader(Static):
    pass


class Lane(Vertical):
    """One stage; the board decides which lanes are shown and which is active."""

    def __init__(self, stage: Stage) -> None:
        super().__init__(id=f"lane-{stage.value}", classes="lane")
        self.stage = stage
        self.header = LaneHeader("", classes="lane-header")
        self.cards = CardList(id=f"cards-{stage.value}")
        self._header_text = ""

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.cards

    def set_header(self, number: int, shown: int, total: int, *, active: bool) -> None:
        count = f"{shown}/{total}" if shown != total else str(total)
        mark = "▸" if active else " "
        text = f"{mark}{number} {self.stage.label}  {count}"
        if text != self._header_text:
            self._header_text = text
            self.header.update(Text(text, no_wrap=True, overflow="ellipsis"))
        self.set_class(active, "-active")

    def show(self, cards: list[Contact], selected: int | None, today: date) -> None:
        self.cards.show(cards, selected, today)
