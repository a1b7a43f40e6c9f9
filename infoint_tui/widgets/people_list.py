"""The network as lines: tens of thousands of people, only the visible rows drawn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from ..core.exchange import Person
from ..core.text import strip_controls
from .lines import fit_cells, text_strip
from .row_list import RowList


@dataclass(frozen=True)
class PeopleRow:
    """A person (with their pipeline stage, if promoted) or a company heading."""

    person: Person | None
    stage: str = ""
    heading: str = ""


class PeopleList(RowList[PeopleRow]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "people-list--heading",
        "people-list--name",
        "people-list--selected",
        "people-list--detail",
        "people-list--stage",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            id=id, empty_text="Nobody yet: i imports your LinkedIn connections, a CSV or vCards."
        )

    def selectable(self, row: PeopleRow) -> bool:
        return row.person is not None

    def selected_person(self) -> Person | None:
        row = self.selected()
        return row.person if row is not None else None

    def render_row(self, row_entry: PeopleRow, selected: bool, width: int, base: Style) -> Strip:
        if row_entry.person is None:
            style = self.get_component_rich_style("people-list--heading")
            heading = Text(f" {strip_controls(row_entry.heading)}", style=style)
            return text_strip(heading, width, base)
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
