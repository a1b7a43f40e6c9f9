"""Colour codes sent as changes (wire.py): what the terminal shows is the same,
cell for cell, in an emulator, and never more bytes are sent."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import Color
from rich.style import Style

from infoint_tui.wire import Transitions, parse, transition

COLOURS = st.one_of(
    st.none(),
    st.sampled_from(["red", "bright_blue", "default", "color(200)", "#102030", "grey50"]),
)
STYLES = st.builds(
    lambda fg, bg, bold, dim, italic, underline, reverse, strike: Style(
        color=fg,
        bgcolor=bg,
        bold=bold,
        dim=dim,
        italic=italic,
        underline=underline,
        reverse=reverse,
        strike=strike,
    ),
    COLOURS,
    COLOURS,
    *(st.sampled_from([None, True, False]) for _ in range(6)),
)
TEXT = st.text(alphabet="abc xyz│█", min_size=1, max_size=6)


def shown(output: str) -> list[list[tuple[str, str, str, bool, bool, bool, bool, bool]]]:
    screen = pyte.Screen(40, 6)
    pyte.Stream(screen).feed(output)
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)
            for c in (screen.buffer[y][x] for x in range(40))
        ]
        for y in range(6)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(STYLES, TEXT, st.sampled_from(["", "\r\n", "\x1b[3;5H"])),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["truecolor", "256", "standard"]),
)
def test_the_terminal_shows_the_same_with_fewer_or_as_many_bytes(
    pieces: list[tuple[Style, str, str]], system: str
) -> None:
    from rich.color import ColorSystem

    colour_system = {
        "truecolor": ColorSystem.TRUECOLOR,
        "256": ColorSystem.EIGHT_BIT,
        "standard": ColorSystem.STANDARD,
    }[system]
    # As Rich writes a line: each piece as reset + its whole style + text + reset.
    output = "".join(
        style.render(text, color_system=colour_system) + motion for style, text, motion in pieces
    )
    # Written in two parts, as two frames would be.
    half = len(pieces) // 2
    first = "".join(
        style.render(text, color_system=colour_system) + motion
        for style, text, motion in pieces[:half]
    )
    rewriter = Transitions()
    rewritten = rewriter.rewrite(first) + rewriter.rewrite(output[len(first) :])
    assert shown(rewritten) == shown(output)
    assert len(rewritten) <= len(output)


def test_a_change_of_one_colour_sends_that_colour_only() -> None:
    red_on_blue = parse("0;31;44", {})
    green_on_blue = parse("0;32;44", {})
    assert transition(red_on_blue, green_on_blue) == "\x1b[32m"
    assert transition(green_on_blue, {}) == "\x1b[0m"
    bold_dim = parse("1;2", {})
    assert transition(bold_dim, parse("2", {})) == "\x1b[0;2m"  # shorter than 22;2
    assert parse("38;2;1;2;3", {}) == {"fg": "38;2;1;2;3"}
    assert Color.parse("color(200)").number == 200  # the 256-colour form the test draws on
