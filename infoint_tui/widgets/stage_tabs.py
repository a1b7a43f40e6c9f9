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

from ..core.models import Stage

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
        self.update(render_tabs(stages, counts, current, visible, width))


def render_tabs(
    stages: tuple[Stage, ...],
    counts: dict[Stage, int],
    current: Stage,
    visible: tuple[Stage, ...],
    width: int,
) -> Text:
    separator = " │ "
    for level in range(3):
        labels = [_variants(stage, n, counts[stage])[level] for n, stage in enumerate(stages, 1)]
        if cell_len(separator.join(labels)) <= width or level == 2:
            break
        if level == 1:
            separator = " "
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
