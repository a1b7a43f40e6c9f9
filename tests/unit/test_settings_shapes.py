"""A settings file with a value where a table belongs: the defaults, and a problem named."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoint_tui.core.settings import Settings, load_settings, settings_path


@pytest.mark.parametrize("section", ["letters", "interview", "follow_up", "keymap"])
@pytest.mark.parametrize("value", ["3", '"text"', "[1, 2]", "true"])
def test_a_section_that_is_not_a_table(tmp_path: Path, section: str, value: str) -> None:
    settings_path(tmp_path).write_text(f"{section} = {value}\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.rules == Settings().rules
    assert settings.word_limit == Settings().word_limit
    assert settings.warnings == Settings().warnings
    assert len(settings.problems) == 1
    assert f"[{section}] must be a table" in settings.problems[0]
