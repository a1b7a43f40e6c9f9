"""What a letter template can touch: the filters, ``range``, ``str.format``, empty fields.

Jinja's own filters, each wrapped so its amplifying arguments are checked
before it runs and its result weighed after (see ``sandbox_limits``). The HTML
helpers are left out: a letter is plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache, wraps
from inspect import signature
from typing import Any

from jinja2 import filters, pass_eval_context
from jinja2.sandbox import SandboxedFormatter
from markupsafe import EscapeFormatter

from .sandbox_limits import (
    MAX_OUTPUT,
    MAX_RANGE,
    LimitExceeded,
    check_filter,
    check_spec,
    spend,
    weigh,
)


class Missing(str):
    """An empty field: false in ``{% if %}``, yet visible when output.

    Its text is a marker the caller looks for in the output, so a field counts
    as needed only if it reached the letter, through filters and ``~`` too.
    Attribute access and calls give the same marker back, so
    ``contact.follow_up.strftime('%d')`` still marks ``contact.follow_up``.
    """

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __getattr__(self, name: str) -> Missing:
        if name.startswith("_") or name in ("jinja_pass_arg", "unsafe_callable", "alters_data"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> Missing:
        return self


def capped_range(*args: int) -> range:
    try:
        numbers = range(*args)
        too_long = len(numbers) > MAX_RANGE
    except OverflowError:
        too_long = True
    if too_long:
        raise LimitExceeded("too-large", f"range() is limited to {MAX_RANGE:,} numbers")
    return numbers


def _default(value: Any, default_value: Any = "", boolean: bool = False) -> Any:
    """``default`` that also fills an empty field: the author chose a fallback."""
    if isinstance(value, Missing):
        return default_value
    return filters.do_default(value, default_value, boolean)


@pass_eval_context
def _join(eval_ctx: Any, value: Any, d: str = "", attribute: str | int | None = None) -> str:
    """``join`` that counts what it joins before building the result."""
    if attribute is not None:
        value = map(filters.make_attrgetter(eval_ctx.environment, attribute), value)
    separator = str(d)
    pieces: list[str] = []
    size = 0
    for item in value:
        weigh(item)
        piece = str(item)
        size += len(piece) + len(separator)
        if size > MAX_OUTPUT:
            raise LimitExceeded("too-large", f"join would make more than {MAX_OUTPUT:,} characters")
        pieces.append(piece)
    return separator.join(pieces)


# HTML helpers make no sense in a plain-text letter and some (tojson, pprint,
# urlize) are hard to bound; random would make the live preview flicker.
_DROPPED_FILTERS = frozenset(
    {"e", "escape", "forceescape", "safe", "striptags", "urlize", "xmlattr", "tojson", "pprint"}
    | {"random"}
)
_OWN_FILTERS: dict[str, Callable[..., Any]] = {"default": _default, "d": _default, "join": _join}


@cache
def letter_filters() -> Mapping[str, Callable[..., Any]]:
    """Jinja's filters as a letter template gets them: checked, HTML ones left out."""
    return {
        name: _checked_filter(name, _OWN_FILTERS.get(name) or _sync(function))
        for name, function in filters.FILTERS.items()
        if name not in _DROPPED_FILTERS
    }


def _sync(function: Callable[..., Any]) -> Callable[..., Any]:
    """The plain version of a filter Jinja also offers as async (this env is never async)."""
    plain: Callable[..., Any] = getattr(filters, f"sync_{function.__name__}", function)
    return plain


def _checked_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    try:
        bind: Callable[..., Any] | None = signature(function).bind
    except (TypeError, ValueError):  # builtins such as len and abs
        bind = None

    @wraps(function)  # keeps jinja_pass_arg, so Jinja still passes the context
    def checked(*args: Any, **kwargs: Any) -> Any:
        if bind is not None:
            try:
                bound = bind(*args, **kwargs)
            except TypeError:
                bound = None  # let the filter raise its own, clearer, error
            if bound is not None:
                bound.apply_defaults()
                check_filter(name, bound.arguments)
        return checked_value(function(*args, **kwargs))

    return checked


def checked_value(value: Any) -> Any:
    """A value the template built, refused if too big; lazy iterators pass through."""
    if not isinstance(value, Iterator):
        spend(weigh(value))
    return value


class CheckedFormatter(SandboxedFormatter):
    """``str.format`` with bounded widths and a bounded result."""

    _produced = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self._produced = 0
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_spec(format_spec)
        weigh(value)
        text = super().format_field(value, format_spec)
        self._produced += len(text)
        if self._produced > MAX_OUTPUT:
            raise LimitExceeded("too-large", f"format() would make over {MAX_OUTPUT:,} characters")
        return text


class CheckedEscapeFormatter(CheckedFormatter, EscapeFormatter):
    pass
