"""The size limits of the letter sandbox, and the checks that enforce them.

Each check runs *before* the operation it guards, from what the operation
will be given: ``'x' * 10**9`` is refused without allocating a byte. A letter
is a few hundred characters; every limit here leaves a wide margin above that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from itertools import islice
from typing import Any, Literal

from jinja2.utils import Namespace

LimitKind = Literal["too-large", "timeout"]

MAX_SOURCE = 50_000  # characters of template source
MAX_OUTPUT = 100_000  # characters one render, macro, join or format may produce
MAX_PARTS = 100_000  # output pieces: an endless loop of empty strings is caught too
MAX_WEIGHT = 200_000  # characters plus items in any one value a template builds
MAX_DEPTH = 32  # nesting of lists and dicts (repr and == recurse in C, unstoppable)
MAX_RANGE = 10_000  # range() length; Jinja's own cap is 100,000
MAX_WIDTH = 1_000  # padding widths, precisions, tab sizes
MAX_INT_BITS = 4_096  # big-integer arithmetic runs in C, beyond the time limit's reach
# Everything one render builds, added up: many variables each just under the
# per-value limit (`{% set a = 'x' * 199999 %}` a thousand times) are caught too.
MAX_BUILT = 10_000_000

_built: ContextVar[list[int] | None] = ContextVar("infoint_sandbox_built", default=None)


class LimitExceeded(BaseException):
    """A template went past a limit.

    A BaseException so that no ``except Exception`` inside Jinja or a filter
    can swallow it and carry on.
    """

    def __init__(self, kind: LimitKind, message: str, *, code_line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.code_line = code_line  # a compiled-template line, when no frame shows it


class RenderTimeout(LimitExceeded):
    """The render ran past its time limit."""


@contextmanager
def build_budget() -> Iterator[None]:
    """Count what is built inside the block (one render) against MAX_BUILT."""
    token = _built.set([0])
    try:
        yield
    finally:
        _built.reset(token)


def spend(amount: int) -> None:
    """Charge ``amount`` characters to the running render's budget."""
    built = _built.get()
    if built is not None:
        built[0] += amount
        if built[0] > MAX_BUILT:
            raise _too_large(f"the template built over {MAX_BUILT:,} characters in all")


def _too_large(message: str) -> LimitExceeded:
    return LimitExceeded("too-large", message)


def weigh(value: object) -> int:
    """Characters plus items in ``value``, refused once past MAX_WEIGHT or MAX_DEPTH.

    Shared sub-lists count every time they appear, as they would when printed:
    ``[l, l]`` doubled forty times is tiny in memory and endless on screen. Each
    distinct list is weighed once, so that doubling is caught in forty steps.
    """
    # A string, the common case, is weighed without a walk.
    total = len(value) + 1 if type(value) is str else _weigh(value, 0, {})
    if total > MAX_WEIGHT:
        raise _too_large(f"a value grew past {MAX_WEIGHT:,} characters")
    return total


def _weigh(item: object, depth: int, seen: dict[int, int]) -> int:
    children: Iterable[object]
    if isinstance(item, str | bytes | bytearray):
        return len(item) + 1
    if isinstance(item, list | tuple | set | frozenset):
        children = item
    elif isinstance(item, dict):
        children = [*item.keys(), *item.values()]
    elif isinstance(item, Namespace):
        # Namespace hides its dict behind __getattribute__; this is how it reads it too.
        children = list(object.__getattribute__(item, "_Namespace__attrs").values())
    else:
        return 1
    known = seen.get(id(item))
    if known is not None:
        return known
    if depth >= MAX_DEPTH:
        raise _too_large(f"values may nest at most {MAX_DEPTH} levels deep")
    total = 1
    for child in children:
        # Strings inline: a call per item would wake the time limit's tracer.
        total += len(child) + 1 if type(child) is str else _weigh(child, depth + 1, seen)
        if total > MAX_WEIGHT:
            break
    seen[id(item)] = total
    return total


def _number(text: str) -> int:
    if len(text) > 7:
        raise _too_large(f"widths and precisions are limited to {MAX_WIDTH:,}")
    return int(text)


def check_width(width: object, what: str = "width") -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise _too_large(f"a {what} of {width:,} is over the limit of {MAX_WIDTH:,}")


def check_spec(spec: str) -> None:
    """A format spec (``>20``, ``.3f``, ``%Y``): every number in it within MAX_WIDTH."""
    for digits in re.findall(r"\d+", spec):
        check_width(_number(digits))


_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?"
    r"[hlL]?(?P<conversion>.?)",
    re.DOTALL,
)


def check_percent(template: str, args: object) -> None:
    """``template % args``: widths bounded, and the result predicted before it is built."""
    mapping = args if isinstance(args, Mapping) else None
    positional = list(args) if isinstance(args, tuple) else [args]
    taken = 0

    def take() -> object:
        nonlocal taken
        taken += 1
        return positional[taken - 1] if taken <= len(positional) else None

    size = len(template)
    for match in _PERCENT.finditer(template):
        if match["conversion"] == "%":
            continue
        room = 0
        for group in ("width", "precision"):
            text = match[group]
            number = take() if text == "*" else _number(text) if text else 0
            check_width(number)
            if isinstance(number, int):
                room = max(room, abs(number))
        key = match["key"]
        if mapping is not None:
            value = mapping.get(key) if key is not None else mapping
        else:
            value = take()
        size += room + weigh(value)
        if size > MAX_OUTPUT:
            raise _too_large(f"% formatting would make over {MAX_OUTPUT:,} characters")


def check_replace(text: str, old: object, new: object, count: object = -1) -> None:
    if not (isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_OUTPUT:
        raise _too_large(f"replace would make over {MAX_OUTPUT:,} characters")


def check_sized_op(operator: str, left: object, right: object) -> None:
    """``seq * n`` and ``seq + seq``, predicted from their operands."""
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, int) and isinstance(right, sequences):
            left, right = right, left
        if (
            isinstance(left, sequences)
            and isinstance(right, int)
            and right > 0
            and (right > MAX_WEIGHT or weigh(left) * right > MAX_WEIGHT)
        ):
            raise _too_large(f"repeating that would make over {MAX_WEIGHT:,} characters")
    elif (
        operator == "+"
        and isinstance(left, sequences)
        and isinstance(right, sequences)
        and weigh(left) + weigh(right) > MAX_WEIGHT
    ):
        raise _too_large(f"joining those would make over {MAX_WEIGHT:,} characters")


def check_int_op(operator: str, left: object, right: object) -> None:
    """Big-integer ``*`` and ``**``, bounded by the bits of the result."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return
    if operator == "*":
        bits = left.bit_length() + right.bit_length()
    elif right > 0 and abs(left) > 1:
        bits = abs(left).bit_length() * right
    else:
        return
    if bits > MAX_INT_BITS:
        raise _too_large(f"numbers are limited to {MAX_INT_BITS:,} bits")


def _materialize_strings(items: Iterable[Any], separator: str | bytes) -> list[Any]:
    """The items of a join, counted before they are joined."""
    taken = list(islice(items, MAX_WEIGHT + 1))
    size = len(separator) * max(len(taken) - 1, 0)
    for item in taken:
        size += len(item) if isinstance(item, str | bytes) else 1
    if size > MAX_OUTPUT:
        raise _too_large(f"join would make over {MAX_OUTPUT:,} characters")
    return taken


_PADDING = ("ljust", "rjust", "center", "zfill")


def check_call(obj: object, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse method calls that would amplify their input; returns the args to call with."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str | bytes | bytearray):
        if name in _PADDING:
            check_width(args[0] if args else kwargs.get("width"))
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            check_width(tab, "tab size")
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            if isinstance(tab, int) and len(owner) + tabs * tab > MAX_OUTPUT:
                raise _too_large(f"expandtabs would make over {MAX_OUTPUT:,} characters")
        elif name == "replace" and isinstance(owner, str) and len(args) >= 2:
            check_replace(owner, *args[:3])
        elif name == "join" and args and isinstance(owner, str):
            return (_materialize_strings(args[0], owner), *args[1:])
    elif isinstance(owner, date | datetime | time) and name == "strftime" and args:
        check_spec(str(args[0]))
    return args


def check_filter(name: str, arguments: Mapping[str, Any]) -> None:
    """The amplifying filters, checked from their bound arguments."""
    if name == "center":
        check_width(arguments.get("width"))
    elif name == "indent":
        width = arguments.get("width")
        if isinstance(width, str):
            text = str(arguments.get("s", ""))
            if (text.count("\n") + 1) * len(width) + len(text) > MAX_OUTPUT:
                raise _too_large(f"indent would make over {MAX_OUTPUT:,} characters")
        else:
            check_width(width)
    elif name == "wordwrap":
        text = str(arguments.get("s", ""))
        width = arguments.get("width")
        wrap = arguments.get("wrapstring") or "\n"
        lines = len(text) // max(width, 1) if isinstance(width, int) else len(text)
        if len(text) + (lines + text.count("\n") + 1) * len(str(wrap)) > MAX_OUTPUT:
            raise _too_large(f"wordwrap would make over {MAX_OUTPUT:,} characters")
    elif name == "replace":
        count = arguments.get("count")
        check_replace(
            str(arguments.get("s", "")),
            arguments.get("old"),
            arguments.get("new"),
            -1 if count is None else count,
        )
    elif name == "format":
        check_percent(str(arguments.get("value", "")), arguments.get("kwargs") or arguments["args"])
    elif name == "batch":
        check_width(arguments.get("linecount"), "batch size")
    elif name == "slice":
        check_width(arguments.get("slices"), "number of slices")
