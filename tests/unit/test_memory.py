"""The allocator setting the app makes at start."""

from __future__ import annotations

import platform
import sys

import pytest

from infoint_tui.memory import keep_big_buffers_returnable


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="mallopt's threshold exists in glibc only",
)
def test_glibc_takes_the_fixed_threshold() -> None:
    assert keep_big_buffers_returnable() is True
    assert keep_big_buffers_returnable() is True  # twice is harmless


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert keep_big_buffers_returnable() is False
