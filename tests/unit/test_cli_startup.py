"""Opening the app must not wait for the subcommands' heavy imports."""

from __future__ import annotations

import subprocess
import sys

from infoint_tui.cli import opens_the_app


def test_only_app_options_open_the_app() -> None:
    assert opens_the_app([])
    assert opens_the_app(["--demo"])
    assert opens_the_app(["--data-dir", "/tmp/x", "--demo"])
    assert opens_the_app(["--data-dir=/tmp/x"])
    assert not opens_the_app(["list"])
    assert not opens_the_app(["--data-dir", "/tmp/x", "today"])
    assert not opens_the_app(["--help"])


def test_building_the_app_parser_imports_no_importer_jinja_icalendar_or_fuzzy_matcher() -> None:
    script = (
        "import sys\n"
        "from infoint_tui.cli import build_parser\n"
        "build_parser(with_commands=False).parse_args(['--demo'])\n"
        "import infoint_tui.app\n"
        "heavy = [m for m in ('jinja2', 'icalendar', 'infoint_tui.core.exchange.linkedin',\n"
        "                     'rapidfuzz', 'holidays')\n"
        "         if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
