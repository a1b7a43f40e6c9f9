"""Pictures of the board, the contact screen, the form and help (reviewed before update)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.snapshots.conftest import AppFactory, keys_then_still

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_board(snap_compare: Snap, demo_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys_then_still("down"))


def test_board_narrow_50x20(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), terminal_size=(50, 20), run_before=keys_then_still("l"))


def test_board_16_colours(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(ansi=True), terminal_size=(80, 24))


def test_board_filtered(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("slash", "l", "u", "m", "e", "n"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_contact_screen(snap_compare: Snap, demo_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys_then_still("enter"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_contact_form(snap_compare: Snap, demo_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys_then_still("enter", "e"))


def test_new_contact_form_with_errors(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("n", "ctrl+o"))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_help(snap_compare: Snap, demo_app: AppFactory, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app(), terminal_size=size, run_before=keys_then_still("question_mark"))


def test_delete_confirmation(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), run_before=keys_then_still("d"))


def test_too_small(snap_compare: Snap, demo_app: AppFactory) -> None:
    assert snap_compare(demo_app(), terminal_size=(38, 10))
