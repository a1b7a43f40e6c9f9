"""What goes down the wire: colour codes sent as changes, not restated.

Rich writes every piece of a line as "reset, then the whole style, then the
text": a table row of ten cells in two colours restates both colours ten times,
and colour codes were three quarters of what a screen sent over SSH. The
driver below keeps track of the style the terminal has and sends only what
changes between pieces (or a reset and the whole style, when that is shorter).
What the terminal shows is exactly what it showed before, cell for cell
(tests/unit/test_wire.py checks it in an emulator).
"""

from __future__ import annotations

import re

from textual.drivers.linux_driver import LinuxDriver

_SGR = re.compile(r"(\x1b\[[0-9;]*m)")
# Cursor moves between rows: the style does not matter for them, so a change of
# style waits until text is written.
_MOTION = re.compile(r"(?:\r\n|\r|\n|\x1b\[\d*(?:;\d*)?H)+")
# Attribute -> the code that turns it off (bold and dim share one).
_OFF = {1: "22", 2: "22", 3: "23", 4: "24", 5: "25", 7: "27", 8: "28", 9: "29"}
Style = dict[object, str]  # "fg"/"bg" -> colour code; an attribute number -> its code


def parse(params: str, style: Style) -> Style:
    """``style`` after the SGR parameters ``params`` (what is inside ESC[...m)."""
    after = dict(style)
    codes = [int(code) if code else 0 for code in params.split(";")] if params else [0]
    index = 0
    while index < len(codes):
        code = codes[index]
        if code == 0:
            after = {}
        elif code in (38, 48) and index + 2 < len(codes) and codes[index + 1] == 5:
            after["fg" if code == 38 else "bg"] = f"{code};5;{codes[index + 2]}"
            index += 2
        elif code in (38, 48) and index + 4 < len(codes) and codes[index + 1] == 2:
            rgb = ";".join(str(part) for part in codes[index + 2 : index + 5])
            after["fg" if code == 38 else "bg"] = f"{code};2;{rgb}"
            index += 4
        elif 30 <= code <= 37 or 90 <= code <= 97:
            after["fg"] = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            after["bg"] = str(code)
        elif code == 39:
            after.pop("fg", None)
        elif code == 49:
            after.pop("bg", None)
        elif code == 22:
            after.pop(1, None)
            after.pop(2, None)
        elif code in (23, 24, 25, 27, 28, 29):
            after.pop(code - 20, None)
        else:
            after[code] = str(code)
        index += 1
    return after


def whole(style: Style) -> str:
    """Reset, then every part of ``style``."""
    parts = [code for key, code in style.items() if key not in ("fg", "bg")]
    parts += [style[key] for key in ("fg", "bg") if key in style]
    return "\x1b[" + ";".join(["0", *parts]) + "m" if parts else "\x1b[0m"


def transition(have: Style, want: Style) -> str:
    """The shortest codes that take the terminal from ``have`` to ``want``."""
    if have == want:
        return ""
    parts: list[str] = []
    for key in have:
        if key in want:
            continue
        if key == "fg":
            parts.append("39")
        elif key == "bg":
            parts.append("49")
        elif isinstance(key, int) and key in _OFF:
            parts.append(_OFF[key])
        else:
            return whole(want)  # an attribute with no "off" code: start afresh
    # "22" turns off bold and dim together: whichever of them stays is set again.
    dims_reset = "22" in parts
    for key, code in want.items():
        if have.get(key) != code or (dims_reset and key in (1, 2)):
            parts.append(code)
    changes = "\x1b[" + ";".join(dict.fromkeys(parts)) + "m"
    afresh = whole(want)
    return changes if len(changes) <= len(afresh) else afresh


class Transitions:
    """Rewrites output so each change of style is sent once, as a change."""

    def __init__(self) -> None:
        self.have: Style = {}  # what the terminal has
        self.want: Style = {}  # what the output asked for so far

    def rewrite(self, data: str) -> str:
        out: list[str] = []
        for token in _SGR.split(data):
            if not token:
                continue
            if token[0] == "\x1b" and token[-1] == "m" and _SGR.fullmatch(token):
                self.want = parse(token[2:-1], self.want)
                continue
            if not _MOTION.fullmatch(token):
                out.append(transition(self.have, self.want))
                self.have = dict(self.want)
            out.append(token)
        # Each write leaves the terminal as the output meant it to be (Rich ends
        # with a reset), so whatever writes next finds what it expects.
        out.append(transition(self.have, self.want))
        self.have = dict(self.want)
        return "".join(out)


class TransitionDriver(LinuxDriver):
    """Textual's driver for Linux and macOS terminals, sending style changes only."""

    _transitions: Transitions | None = None

    def write(self, data: str) -> None:
        if self._transitions is None:
            self._transitions = Transitions()
        super().write(self._transitions.rewrite(data))
