"""One lane of the board as lines, not widgets.

A lane can hold thousands of contacts (a LinkedIn import lands in Target), so
this renders only the lines on screen, each card two lines tall. Moving the
selection repaints the two cards involved and nothing else, which keeps the
bytes per key small over SSH.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.contacts.board import booked_meeting, due_state
from ..core.contacts.model import Contact
from ..core.contacts.when import short
from ..core.text import strip_controls
from .lines import fit_cells, text_strip

CARD_HEIGHT = 2
MARKERS = {"overdue": "!", "today": "●", "upcoming": "›", "meeting": "◆"}


def due_label(contact: Contact, today: date) -> str:
    """The follow-up marker: a symbol first, so it reads without colour."""
    state = due_state(contact, today)
    meeting = booked_meeting(contact)
    if meeting is not None:
        return f"{MARKERS['meeting']} {short(meeting)}"
    if not state or contact.follow_up is None:
        return ""
    if state == "today":
        return f"{MARKERS['today']} today"
    days = (contact.follow_up - today).days
    if state == "overdue":
        return f"{MARKERS['overdue']} {-days}d late"
    when = "tomorrow" if days == 1 else f"{contact.follow_up:%b} {contact.follow_up.day}"
    return f"{MARKERS['upcoming']} {when}"


class CardList(ScrollView, can_focus=False):
    """The cards of one stage; the board screen owns the cursor and the data."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card-list--name",
        "card-list--company",
        "card-list--selected",
        "card-list--overdue",
        "card-list--today",
        "card-list--upcoming",
        "card-list--empty",
    }

    DEFAULT_CSS = """
    CardList {
        /* No scrollbar: redrawing it on every row of a moved lane doubles the
           bytes sent; the lane header shows the position instead. */
        scrollbar-size-vertical: 0;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards: list[Contact] = []
        self.selected: int | None = None
        self.today = date.today()
        self.empty_text = "(no contacts)"

    def show(
        self, cards: list[Contact], selected: int | None, today: date, *, length: int | None = None
    ) -> None:
        """Replace the cards; repaints the whole lane. ``length``: the lane's real
        length when ``cards`` holds only its first cards (the rest come later)."""
        self.cards = cards
        self.selected = selected
        self.today = today
        rows = max(len(cards), length or 0, 1) * CARD_HEIGHT
        self.virtual_size = Size(self.size.width, rows)
        self.refresh()
        self.scroll_to_selected()

    def select(self, selected: int | None) -> None:
        """Move the highlight: repaint only the old and the new card."""
        previous = self.selected
        if previous == selected:
            return
        self.selected = selected
        for index in (previous, selected):
            if index is not None:
                self.refresh_lines(index * CARD_HEIGHT, CARD_HEIGHT)
        self.scroll_to_selected()

    def scroll_to_selected(self) -> None:
        if self.selected is None or not self.cards:
            return
        top = self.selected * CARD_HEIGHT
        height = self.scrollable_content_region.height or self.size.height
        current = round(self.scroll_offset.y)
        if top < current:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + CARD_HEIGHT > current + height:
            self.scroll_to(y=top + CARD_HEIGHT - height, animate=False, immediate=True)

    def region_of(self, index: int) -> Region:
        return Region(0, index * CARD_HEIGHT, self.size.width, CARD_HEIGHT)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        line = round(self.scroll_offset.y) + y
        index, part = divmod(line, CARD_HEIGHT)
        if not self.cards:
            if line == 0:
                style = self.get_component_rich_style("card-list--empty")
                return text_strip(Text(f" {self.empty_text}", style=style), width, base)
            return Strip.blank(width, base)
        if index >= len(self.cards):
            return Strip.blank(width, base)
        contact = self.cards[index]
        selected = index == self.selected
        row = base + self.get_component_rich_style("card-list--selected") if selected else base
        gutter = "▌" if selected else " "
        # As few segments as possible: each costs its own colour codes on the wire.
        if part == 0:
            style = row + self.get_component_rich_style("card-list--name")
            return Strip([Segment(fit_cells(gutter + _literal(contact.name), width), style)], width)
        company = gutter + _literal(contact.company or contact.title or "")
        company_style = row + self.get_component_rich_style("card-list--company")
        label = due_label(contact, self.today)
        if not label or width < len(label) + 4:
            return Strip([Segment(fit_cells(company, width), company_style)], width)
        marker_style = row + self.get_component_rich_style(
            f"card-list--{due_state(contact, self.today)}"
        )
        room = width - cell_len(label)
        return Strip(
            [
                Segment(fit_cells(company, room - 1) + " ", company_style),
                Segment(label, marker_style),
            ],
            width,
        )


def _literal(value: str) -> str:
    """Stored text is clean already; this is a second fence at the terminal's door."""
    return strip_controls(value)
