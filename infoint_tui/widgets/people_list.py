"""The network as lines: tens of thousands of people, only the visible rows drawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.exchange import Person
from ..core.text import strip_controls
from .lines import fit_cells, text_strip


@dataclass(frozen=True)
class PeopleRow:
    """A person (with their pipeline stage, if promoted) or a company heading."""

    person: Person | None
    stage: str = ""
    heading: str = ""


class PeopleList(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "people-list--heading",
        "people-list--name",
        "people-list--selected",
        "people-list--detail",
        "people-list--stage",
    }
    DEFAULT_CSS = """
    PeopleList {
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[PeopleRow] = []
        self.cursor = 0
        self.empty_text = "Nobody yet: i imports your LinkedIn connections, a CSV or vCards."

    def show(self, rows: list[PeopleRow], cursor: int = 0) -> None:
        self.rows = rows
        self.cursor = self._nearest_person(min(cursor, max(len(rows) - 1, 0)), 1)
        self.virtual_size = Size(self.size.width, max(len(rows), 1))
        self.refresh()
        self._scroll_to_cursor()

    def selected(self) -> Person | None:
        if not self.rows:
            return None
        return self.rows[self.cursor].person

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        target = max(0, min(len(self.rows) - 1, self.cursor + delta))
        target = self._nearest_person(target, 1 if delta >= 0 else -1)
        if target != self.cursor:
            previous, self.cursor = self.cursor, target
            self.refresh_lines(previous)
            self.refresh_lines(target)
            self._scroll_to_cursor()

    def page(self, direction: int) -> None:
        self.move(direction * max(1, self.size.height - 1))

    def _nearest_person(self, index: int, direction: int) -> int:
        """Headings are not selectable: step past them."""
        if not self.rows:
            return 0
        probe = index
        while 0 <= probe < len(self.rows) and self.rows[probe].person is None:
            probe += direction
        if 0 <= probe < len(self.rows):
            return probe
        probe = index
        while 0 <= probe < len(self.rows) and self.rows[probe].person is None:
            probe -= direction
        return probe if 0 <= probe < len(self.rows) else 0

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        index = round(self.scroll_offset.y) + y
        if not self.rows:
            if y == 0:
                return text_strip(Text(f" {self.empty_text}", style="italic"), width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row_entry = self.rows[index]
        if row_entry.person is None:
            style = self.get_component_rich_style("people-list--heading")
            heading = Text(f" {strip_controls(row_entry.heading)}", style=style)
            return text_strip(heading, width, base)
        selected = index == self.cursor
        row = base + self.get_component_rich_style("people-list--selected") if selected else base
        person = row_entry.person
        name_width = max(12, min(28, width // 3))
        stage = f" [{row_entry.stage}]" if row_entry.stage else ""
        parts = (strip_controls(person.position), strip_controls(person.company))
        detail = " " + " · ".join(part for part in parts if part)
        detail_width = max(width - 1 - name_width - len(stage), 0)
        # Three segments at most: each costs its own colour codes on the wire.
        segments = [
            Segment(
                fit_cells(("▌" if selected else " ") + strip_controls(person.name), name_width + 1),
                row + self.get_component_rich_style("people-list--name"),
            ),
            Segment(
                fit_cells(detail, detail_width),
                row + self.get_component_rich_style("people-list--detail"),
            ),
        ]
        if stage:
            segments.append(
                Segment(stage, row + self.get_component_rich_style("people-list--stage"))
            )
        return Strip(segments, width).crop_extend(0, width, base)
