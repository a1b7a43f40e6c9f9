"""A one-line overview of every stage with its count; the current one stands out.

At 80 columns only three lanes fit, so this line is how the user sees the
whole pipeline at once, and in the one-lane mode (narrow terminals) it is the
only way to see the other stages.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from ..core.contacts.model import Stage

_SHORT = {
    Stage.TARGET: "Target",
    Stage.REQUESTED: "Sent",
    Stage.FOLLOW_UP: "Follow",
    Stage.SCHEDULED: "Sched",
    Stage.MET: "Met",
    Stage.NURTURE: "Nurture",
    Stage.CLOSED: "Closed",
}


def _variants(stage: Stage, number: int, count: int) -> list[str]:
    return [
        f"{number} {stage.label} {count}",
        f"{number} {_SHORT[stage]} {count}",
        f"{number}:{count}",
    ]


class StageTabs(Static):
    def __init__(self) -> None:
        super().__init__("", id="stage-tabs")
        self._last: tuple[object, ...] = ()

    def show(
        self,
        stages: tuple[Stage, ...],
        counts: dict[Stage, int],
        current: Stage,
        visible: tuple[Stage, ...],
        width: int,
    ) -> None:
        key = (stages, tuple(counts[s] for s in stages), current, visible, width)
        if key == self._last:
            return
        self._last = key
        self.update(render_tabs(stages, counts, current, visible, width), layout=False)


def render_tabs(
    stages: tuple[Stage, ...],
    counts: dict[Stage, int],
    current: Stage,
    visible: tuple[Stage, ...],
    width: int,
) -> Text:
    """The richest line that fits: the current stage always in full, the others
    as long as the width allows ("2 Request sent 5", "2 Sent 5", "2:5")."""
    variants = {stage: _variants(stage, n, counts[stage]) for n, stage in enumerate(stages, 1)}

    def line(level: int, separator: str) -> list[str]:
        return [variants[s][0] if s is current else variants[s][level] for s in stages]

    labels, separator = line(2, " "), " "
    for level, candidate_separator in ((0, " │ "), (1, " │ "), (1, " "), (2, " ")):
        candidate = line(level, candidate_separator)
        # +4: the current stage's brackets and the line's padding on both sides.
        if cell_len(candidate_separator.join(candidate)) + 4 <= width:
            labels, separator = candidate, candidate_separator
            break
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (stage, label) in enumerate(zip(stages, labels, strict=True)):
        if index:
            text.append(separator, style=Style(dim=True))
        if stage is current:
            text.append(f"[{label}]", style=Style(bold=True, reverse=True))
        elif stage in visible:
            text.append(label, style=Style(bold=True))
        else:
            text.append(label, style=Style(dim=True))
    return text
