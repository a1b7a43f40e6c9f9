"""The memory settings the app makes at start."""

from __future__ import annotations

import gc
import platform
import sys

import pytest

from infoint_tui.memory import (
    give_back_free_memory,
    keep_big_buffers_returnable,
    pause_collection,
    resume_collection,
)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="mallopt's threshold exists in glibc only",
)
def test_glibc_takes_the_fixed_threshold_and_gives_pages_back() -> None:
    assert keep_big_buffers_returnable() is True
    assert keep_big_buffers_returnable() is True  # twice is harmless
    assert give_back_free_memory() is True


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert keep_big_buffers_returnable() is False
    assert give_back_free_memory() is False


def test_collection_paused_for_the_start_resumes_and_freezes() -> None:
    pause_collection()
    try:
        assert not gc.isenabled()
        assert resume_collection() is True
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what start made is out of later collections
    finally:
        gc.unfreeze()
        gc.enable()


def test_resume_without_a_pause_changes_nothing() -> None:
    assert gc.isenabled()
    assert resume_collection() is False
    assert gc.isenabled()
