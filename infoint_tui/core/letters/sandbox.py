"""A Jinja2 sandbox for letter templates, which users write, copy and share.

``ImmutableSandboxedEnvironment`` already refuses Python internals
(``''.__class__``, ``cycler.__init__.__globals__`` …). It does not stop a
template from eating the machine: a string repeated into gigabytes, a padding
width of a billion, a loop that never ends. So here every operation that can
grow a value is checked *before* it runs, every value a template builds is
weighed, the output is capped, and a trace function stops a render that
overstays its time. Whatever goes wrong comes back as a ``TemplateProblem``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from types import BuiltinMethodType, FrameType, MethodType, TracebackType
from typing import Any, Literal

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .sandbox_limits import (
    MAX_OUTPUT,
    MAX_PARTS,
    MAX_SOURCE,
    LimitExceeded,
    RenderTimeout,
    build_budget,
    check_call,
    check_int_op,
    check_percent,
    check_sized_op,
    spend,
    weigh,
)
from .sandbox_values import (
    CheckedEscapeFormatter,
    CheckedFormatter,
    capped_range,
    checked_value,
    letter_filters,
)

ProblemKind = Literal["syntax", "runtime", "security", "timeout", "too-large"]
DEFAULT_TIME_LIMIT = 1.0
TEMPLATE_FILENAME = "<template>"  # what Jinja names the code compiled from_string


@dataclass(frozen=True)
class TemplateProblem:
    """Why a template could not be rendered, and where."""

    kind: ProblemKind
    message: str
    line: int | None = None
    line_text: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message}"


class TemplateNamespace:
    """Named values a template reads as ``name.field``; subclasses say what a field is."""

    def resolve(self, name: str) -> object:
        """The field's value; raises KeyError(message) for a name that is not a field."""
        raise KeyError(f"no field {name!r}")


class _CheckingCodeGenerator(CodeGenerator):
    """Routes ``~`` and list, tuple and dict literals through the size checks.

    Neither goes through an interceptable hook, and both can double a value
    per loop turn (``{% set ns.s = ns.s ~ ns.s %}``).
    """

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        # Jinja evaluates constant output at compile time, outside the time
        # limit and without a template line to blame; only plain text may be.
        if not isinstance(node, nodes.TemplateData):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("environment.checked_value(")
        super().visit_List(node, frame)
        self.write(")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("environment.checked_value(")
        super().visit_Dict(node, frame)
        self.write(")")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # an assignment target: `{% for a, b in … %}`
            super().visit_Tuple(node, frame)
            return
        self.write("environment.checked_value(")
        super().visit_Tuple(node, frame)
        self.write(")")


class LetterSandbox(ImmutableSandboxedEnvironment):
    """The environment every letter template renders in. Make a new one per render."""

    code_generator_class = _CheckingCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        # optimized=False: Jinja would otherwise fold constant expressions at
        # compile time, running `'x' * 10**9` before any check could see it.
        # StrictUndefined: a typo or a refused attribute is an error with a line
        # number, not a silently blank letter.
        super().__init__(
            undefined=StrictUndefined,
            optimized=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            autoescape=False,
        )
        self.globals.pop("lipsum", None)
        self.globals["range"] = capped_range
        self.filters = dict(letter_filters())

    # -- hooks the compiled template calls ------------------------------------------
    def checked_value(self, value: Any) -> Any:
        return checked_value(value)

    def checked_join(self, parts: tuple[Any, ...]) -> str:
        size = 0
        texts: list[str] = []
        for part in parts:
            weigh(part)
            text = str(part)
            size += len(text)
            if size > MAX_OUTPUT:
                raise LimitExceeded("too-large", f"~ would make over {MAX_OUTPUT:,} characters")
            texts.append(text)
        spend(size)
        return "".join(texts)

    def concat(self, parts: Iterable[str]) -> str:  # Jinja's "".join, bounded
        """The output of a template, macro or block, refused once it grows too long."""
        size = 0
        texts: list[str] = []
        for part in parts:
            size += len(part)
            texts.append(part)
            if size > MAX_OUTPUT or len(texts) > MAX_PARTS:
                # The template frame is suspended, not in the traceback: note its line.
                frame = getattr(parts, "gi_frame", None)
                raise LimitExceeded(
                    "too-large",
                    f"the output grew past {MAX_OUTPUT:,} characters; is a loop endless?",
                    code_line=frame.f_lineno if frame is not None else None,
                )
        spend(size)
        return "".join(texts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            check_percent(left, right)
        elif operator in ("*", "**"):
            check_int_op(operator, left, right)
        check_sized_op(operator, left, right)
        return checked_value(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        args = check_call(obj, args, kwargs)
        return checked_value(super().call(context, obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, TemplateNamespace) and not attribute.startswith("_"):
            return self._resolve(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if (
            isinstance(obj, TemplateNamespace)
            and isinstance(argument, str)
            and not argument.startswith("_")
        ):
            return self._resolve(obj, argument)
        return super().getitem(obj, argument)

    def _resolve(self, namespace: TemplateNamespace, name: str) -> Any:
        try:
            return namespace.resolve(name)
        except KeyError as error:
            return self.undefined(hint=str(error.args[0]), obj=namespace, name=name)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """The sandbox's own wrapper, with a formatter that bounds widths and size."""
        if not isinstance(value, MethodType | BuiltinMethodType) or value.__name__ not in (
            "format",
            "format_map",
        ):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        formatter: CheckedFormatter
        if isinstance(owner, Markup):
            formatter = CheckedEscapeFormatter(self, escape=owner.escape)
        else:
            formatter = CheckedFormatter(self)
        is_format_map = value.__name__ == "format_map"
        # Markup stays Markup; anything else (an empty-field marker too) is plain text.
        kind = Markup if isinstance(owner, Markup) else str

        @wraps(value)
        def format_checked(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return kind(formatter.vformat(owner, args, kwargs))

        return format_checked


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop Python code run inside the block once ``seconds`` have passed.

    A trace function sees every Python call, and every line of Jinja's
    compiled templates, so an endless loop is stopped wherever it spins. It
    replaces any other tracer (a debugger, coverage) for the block only.
    """
    deadline = time.monotonic() + seconds
    clock = time.monotonic

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        if clock() > deadline:
            raise RenderTimeout("timeout", f"the template ran longer than {seconds:g} s")
        # Line by line only in the template's own code, where loops spin; other
        # code is checked at each call, which keeps the tracer cheap.
        return tracer if frame.f_code.co_filename == TEMPLATE_FILENAME else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)


def render_sandboxed(
    source: str, variables: Mapping[str, Any], *, seconds: float = DEFAULT_TIME_LIMIT
) -> str | TemplateProblem:
    """Render ``source`` with ``variables``: the text, or the problem. Never raises."""
    if len(source) > MAX_SOURCE:
        return TemplateProblem(
            "too-large", f"the template has {len(source):,} characters; the limit is {MAX_SOURCE:,}"
        )
    environment = LetterSandbox()
    template: Template | None = None
    try:
        with time_limit(seconds), build_budget():
            template = environment.from_string(source)
            context = template.new_context(dict(variables))
            # root_render_func directly: Template.render would rewrite the
            # traceback, and the raw one maps cleanly back to template lines.
            return environment.concat(template.root_render_func(context))
    except TemplateSyntaxError as error:
        return _problem("syntax", error.message or str(error), error.lineno, source)
    except LimitExceeded as error:
        return _problem(error.kind, error.message, _error_line(error, template), source)
    except SecurityError as error:
        return _problem("security", f"not allowed: {error}", _error_line(error, template), source)
    except RecursionError as error:
        message = "the template calls itself too deeply"
        return _problem("runtime", message, _error_line(error, template), source)
    except MemoryError as error:
        message = "the template ran out of memory"
        return _problem("too-large", message, _error_line(error, template), source)
    except Exception as error:
        return _problem("runtime", _runtime_message(error), _error_line(error, template), source)


def _runtime_message(error: Exception) -> str:
    text = str(error)
    if "no loader" in text:
        return "a letter template cannot include, import or extend other templates"
    return text or type(error).__name__


def _error_line(error: BaseException, template: Template | None) -> int | None:
    """The template line of the innermost template frame in the traceback."""
    if template is None:
        return None
    line = None
    if isinstance(error, LimitExceeded) and error.code_line is not None:
        line = template.get_corresponding_lineno(error.code_line)
    trace: TracebackType | None = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == TEMPLATE_FILENAME:
            line = template.get_corresponding_lineno(trace.tb_lineno)
        trace = trace.tb_next
    return line


def _problem(kind: ProblemKind, message: str, line: int | None, source: str) -> TemplateProblem:
    lines = source.splitlines()
    text = lines[line - 1] if line and 0 < line <= len(lines) else ""
    return TemplateProblem(kind, message, line, text)
