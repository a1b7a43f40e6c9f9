"""The core must run without a terminal: importing it may not load textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import infoint_tui.core


def test_core_modules_do_not_import_textual() -> None:
    modules = [
        info.name
        for info in pkgutil.walk_packages(infoint_tui.core.__path__, prefix="infoint_tui.core.")
    ]
    assert "infoint_tui.core.store.docfile" in modules and "infoint_tui.core.documents" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"core pulled in textual: {result.stdout}"
