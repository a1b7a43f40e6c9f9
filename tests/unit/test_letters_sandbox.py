"""The letter sandbox: no way out to Python internals, no way to eat the machine.

Every attempt must come back as a TemplateProblem (never an exception), quickly,
and without the process allocating more than a few megabytes on the way.
"""

from __future__ import annotations

import itertools
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace

import pytest

from infoint_tui.core.letters import sandbox
from infoint_tui.core.letters.sandbox import TemplateProblem, render_sandboxed, time_limit
from infoint_tui.core.letters.sandbox_limits import MAX_OUTPUT, RenderTimeout, weigh

MEGABYTE = 1024 * 1024


def problem_of(source: str, seconds: float = 1.0, **variables: object) -> TemplateProblem:
    result = render_sandboxed(source, variables, seconds=seconds)
    assert isinstance(result, TemplateProblem), f"rendered instead of refusing: {result[:80]!r}"
    return result


@pytest.fixture
def traced_memory() -> Iterator[None]:
    """Trace allocations during the test, so it can read the peak."""
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


def test_plain_rendering_works() -> None:
    source = (
        "Dear {{ name }},\n{% for n in range(3) %}{{ n }}{% endfor %}\n{{ '%s!'|format(name) }}"
    )
    # trim_blocks: the newline after a block tag goes, as in any text template
    assert render_sandboxed(source, {"name": "Ada"}) == "Dear Ada,\n012Ada!"


def test_everyday_filters_and_methods_still_work() -> None:
    source = (
        "{{ name.split()[0]|upper }} {{ name|center(9)|trim }} {{ '{:>4}'.format(7) }} "
        "{{ ['a', 'b']|join(', ') }} {{ 'x'.ljust(3) }}| {{ name|replace('Ada', 'Grace') }} "
        "{{ day.strftime('%d %B') }} {{ [3, 1, 2]|sort|list }} {{ '%05.1f'|format(2.5) }}"
    )
    result = render_sandboxed(source, {"name": "Ada Okafor", "day": date(2026, 12, 1)})
    assert result == "ADA Ada Okafor    7 a, b x  | Grace Okafor 01 December [1, 2, 3] 002.5"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ namespace.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ self.__dict__ }}",
        "{{ (1).__class__.__base__ }}",
        "{{ dict.mro() }}",
        "{{ range.__self__ }}",
        "{{ ''.format.__globals__ }}",
        "{{ '{0.__class__}'.format('') }}",
        "{{ loop }}{% for x in [1] %}{{ loop.__class__ }}{% endfor %}",
        "{% if ''.__class__ %}leak{% endif %}",
    ],
)
def test_python_internals_are_refused(source: str) -> None:
    problem = problem_of(source)
    assert problem.kind in ("security", "runtime")
    assert problem.line == 1


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("{{ lipsum.__globals__ }}", "runtime"),
        ("{{ lipsum() }}", "runtime"),
        ("{{ config.items() }}", "runtime"),
        ("{{ request.environ }}", "runtime"),
        ("{{ ''.__class__ }}", "security"),
    ],
)
def test_flask_globals_and_lipsum_do_not_exist(source: str, kind: str) -> None:
    assert problem_of(source).kind == kind


@pytest.mark.parametrize(
    "source",
    ["{% include 'x.txt' %}", "{% extends 'base' %}", "{% import 'macros' as m %}"],
)
def test_templates_cannot_read_other_files(source: str) -> None:
    problem = problem_of(source)
    assert problem.kind == "runtime"
    assert "cannot include" in problem.message


EXHAUSTION = [
    "{{ 'x' * 500000000 }}",
    "{{ 500000000 * 'x' }}",
    "{{ [1] * 500000000 }}",
    "{{ ('x',) * 500000000 }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'.rjust(10**9) }}",
    "{{ 'x'.center(10**9) }}",
    "{{ '1'.zfill(10**9) }}",
    "{{ '\t'.expandtabs(10**9) }}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'a\nb'|indent(1000000000) }}",
    "{{ '{:>1000000000}'.format('x') }}",
    "{{ '{:>{}}'.format('x', 10**9) }}",
    "{{ '{:.1000000000f}'.format(1.5) }}",
    "{{ '{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}'.format('x' * 100000) }}",
    "{{ '%*s'|format(1000000000, 'x') }}",
    "{{ '%*s' % (1000000000, 'x') }}",
    "{{ '%.1000000000f' % 1.5 }}",
    "{{ ('%(a)s' * 20000) % {'a': 'x' * 100000} }}",
    "{{ day.strftime('%1000000000d') }}",
    "{{ range(100000)|list|length }}",
    "{{ range(10**30)|length }}",
    "{{ 2 ** 100000000 }}",
    "{{ (10 ** 100) ** 100 }}",
    "{{ [1]|batch(1000000000, 'x')|list }}",
    "{{ [1]|slice(1000000000)|list }}",
    "{{ ('x' * 10000).replace('', 'y' * 10000) }}",
    "{{ ('x' * 10000)|replace('x', 'y' * 10000) }}",
    "{{ ('y' * 10000).join(['a'] * 10000) }}",
    "{{ (['y' * 10000] * 10)|join('z' * 50000) }}",
    "{{ ('x' * 50000)|wordwrap(1, wrapstring='y' * 1000) }}",
    "{{ {}.fromkeys(range(10000), 'x' * 100000)|length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = [ns.l, ns.l] %}"
    "{% endfor %}{{ ns.l }}",
    "{% set ns = namespace(d={}) %}{% for i in range(60) %}{% set ns.d = {'a': ns.d, 'b': ns.d} %}"
    "{% endfor %}{{ ns.d == ns.d }}",
    "{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
    "{% endfor %}{{ ns.n }}",
    "{% for i in range(10000) %}{% for j in range(10000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
    # many variables, each just under the size limit of one value
    "".join(f"{{% set v{n} = 'x' * 199000 %}}" for n in range(80)),
    "{% set ns = namespace() %}"
    + "".join(f"{{% set ns.a{n} = 'x' * 199000 %}}" for n in range(80)),
    "{% macro m() %}{{ 'x' * 99000 }}{% endmacro %}{% set ns = namespace() %}"
    + "".join(f"{{% set ns.m{n} = m() %}}" for n in range(80)),
    "{% macro m() %}{% for i in range(1000) %}{{ 'x' * 200 }}{% endfor %}{% endmacro %}"
    "{% set s = m() %}",
    "{% for i in range(10000) %}{% filter upper %}{{ 'x' * 1000 }}{% endfilter %}{% endfor %}",
]


@pytest.mark.parametrize("source", EXHAUSTION, ids=[source[:60] for source in EXHAUSTION])
@pytest.mark.usefixtures("traced_memory")
def test_memory_exhaustion_comes_back_as_a_problem(source: str) -> None:
    problem = problem_of(source, seconds=3.0, day=date(2026, 12, 1))
    assert problem.kind == "too-large", problem
    peak = tracemalloc.get_traced_memory()[1]
    assert peak < 40 * MEGABYTE, f"the attempt allocated {peak / MEGABYTE:.0f} MB"


def test_checks_say_what_was_too_large() -> None:
    assert "width" in problem_of("{{ 'x'.ljust(10**9) }}").message
    assert "range()" in problem_of("{{ range(100000)|list }}").message
    assert "bits" in problem_of("{{ 2 ** 100000000 }}").message


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(60) }}",
        "{% for i in range(10000) %}{% for j in range(10000) %}{{ [1, 2]|sort|first }}"
        "{% endfor %}{% endfor %}",
    ],
)
def test_a_runaway_render_is_stopped_by_the_time_limit(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clock that moves 1 µs at each look: the limit trips after 200,000 checks
    # (compiling takes a few thousand) however busy the machine is, so the
    # result never depends on its speed.
    ticks = itertools.count()
    monkeypatch.setattr(sandbox, "time", SimpleNamespace(monotonic=lambda: next(ticks) / 1e6))
    problem = problem_of(source, seconds=0.2)
    assert problem.kind == "timeout"
    assert "0.2 s" in problem.message
    assert problem.line == 1


def test_the_time_limit_restores_the_previous_tracer() -> None:
    previous = sys.gettrace()
    problem_of(
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", 0.05
    )
    assert sys.gettrace() is previous
    assert render_sandboxed("ok", {}) == "ok"
    assert sys.gettrace() is previous


def test_time_limit_checks_the_clock_at_every_call() -> None:
    # Outside template code only calls are watched (template loops are watched
    # line by line); a bounded loop keeps this test from ever hanging.
    def step() -> None:
        pass

    previous = sys.gettrace()
    with pytest.raises(RenderTimeout), time_limit(0.05):
        for _ in range(10**9):
            step()
    assert sys.gettrace() is previous


def test_deep_recursion_is_a_runtime_problem() -> None:
    problem = problem_of("{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}")
    assert problem.kind == "runtime"
    assert "too deeply" in problem.message


def test_the_output_is_capped_even_when_built_slowly() -> None:
    source = "{% for i in range(10000) %}" + "y" * 20 + "{% endfor %}"
    problem = problem_of(source)
    assert problem.kind == "too-large"
    assert f"{MAX_OUTPUT:,}" in problem.message
    assert problem.line == 1


def test_an_oversized_template_is_refused_before_compiling() -> None:
    problem = problem_of("x" * 60_000)
    assert problem.kind == "too-large"
    assert problem.line is None


def test_syntax_error_reports_line_and_text() -> None:
    problem = problem_of("Subject: hi\nDear {{ name }},\n{% if %}\nbye\n")
    assert problem.kind == "syntax"
    assert problem.line == 3
    assert problem.line_text == "{% if %}"
    assert "expression" in problem.message
    assert str(problem).startswith("line 3: ")


def test_unknown_filter_is_a_syntax_problem_with_its_line() -> None:
    problem = problem_of("a\nb\n{{ name|escape }}")
    assert (problem.kind, problem.line) == ("syntax", 3)
    assert "escape" in problem.message


def test_runtime_error_reports_the_template_line() -> None:
    problem = problem_of("Subject: x\n\nDear you,\n{{ 1 / 0 }}\n")
    assert (problem.kind, problem.line, problem.line_text) == ("runtime", 4, "{{ 1 / 0 }}")
    assert "division by zero" in problem.message


def test_runtime_error_inside_a_macro_points_into_the_macro() -> None:
    source = "{% macro greet(x) %}\nhello\n{{ x.missing.deeper }}\n{% endmacro %}\n{{ greet(1) }}"
    problem = problem_of(source)
    assert (problem.kind, problem.line) == ("runtime", 3)


def test_undefined_names_are_errors_not_blanks() -> None:
    problem = problem_of("Dear {{ nmae }},")
    assert problem.kind == "runtime"
    assert "nmae" in problem.message


def test_weigh_counts_shared_structure_as_printed() -> None:
    assert weigh("abc") == 4
    assert weigh(["ab", ["c"]]) == 1 + 3 + 1 + 2
    shared: list[object] = [1]
    for _ in range(10):
        shared = [shared, shared]
    assert weigh(shared) > 2**10


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(5000) %}{% for j in range(100) %}{{ 'x' * 40 }}{% endfor %}{% endfor %}",
        "{% macro m() %}{% for j in range(9000) %}" + "x" * 60 + "{% endfor %}{% endmacro %}"
        "{{ m() }}",
    ],
)
def test_the_output_of_a_template_or_a_macro_is_bounded(source: str) -> None:
    # LetterSandbox.concat stands in for Jinja's "".join at every level.
    problem = problem_of(source)
    assert problem.kind == "too-large" and "output grew past" in problem.message
