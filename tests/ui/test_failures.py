"""The error boundary: a failure in a screen, a dialog, a worker or while a screen
opens becomes a one-line notice and a log entry; the app stays usable and no
change is lost. A failure outside it ends the app with one line naming the log."""

from __future__ import annotations

import json
import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks.pty_driver import Terminal, terminal_env
from infoint_tui.core.contacts.model import Contact, Stage
from infoint_tui.core.documents import Store
from infoint_tui.core.session.session import Session
from infoint_tui.failure_log import LOG_NAME
from infoint_tui.screens.board import BoardScreen
from infoint_tui.screens.companies import CompaniesScreen
from infoint_tui.screens.network import NetworkScreen
from infoint_tui.screens.stats import StatsScreen
from tests.conftest import FakeClock
from tests.ui.helpers import disk_by_name, press, press_now, running, settle, type_text

SECRET = "Ada Okafor's private note"  # must never reach the log


def disk_companies(data_dir: Path) -> set[str]:
    raw = json.loads((data_dir / "companies.json").read_text(encoding="utf-8"))
    return {doc["name"] for doc in raw["companies"].values()}


def log_text(data_dir: Path) -> str:
    path = data_dir / LOG_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path.read_text(encoding="utf-8")


async def test_an_action_that_raises_is_a_notice_not_a_crash(
    demo_store: Store, clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: CompaniesScreen) -> None:
        raise ValueError(SECRET)

    monkeypatch.setattr(CompaniesScreen, "action_new", broken)
    async with running(demo_store, clock, notifications=True, failures_expected=True) as (
        app,
        pilot,
    ):
        await press(pilot, "L")  # a change made before the failure
        moved = app.board_screen.selected_contact()  # type: ignore[union-attr]
        assert moved is not None
        await press(pilot, "C", "n")
        assert isinstance(app.screen, CompaniesScreen)  # still there, still usable
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("that did not work (ValueError)" in toast for toast in toasts), toasts
        assert all(SECRET not in toast for toast in toasts)
        assert [failure.kind for failure in app.failures] == ["ValueError"]
        await press(pilot, "j", "escape", "L")  # keys still work; another change
        assert app.is_running
        await settle(pilot)
    log = log_text(data_dir)
    assert "ValueError" in log and "broken" in log
    assert SECRET not in log
    assert disk_by_name(data_dir)[moved.name]["stage"] == "follow-up"  # moved twice


async def test_a_dialog_answer_that_raises_keeps_the_data(
    demo_store: Store, clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Session.perform
    calls = {"n": 0}

    def fails_once(self: Session, change_set: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("disk gremlin")
        real(self, change_set, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Session, "perform", fails_once)
    async with running(demo_store, clock, failures_expected=True) as (app, pilot):
        chosen = app.board_screen.selected_contact()  # type: ignore[union-attr]
        assert chosen is not None
        await press(pilot, "d", "y")
        assert isinstance(app.screen, BoardScreen) and app.is_running
        assert [failure.kind for failure in app.failures] == ["RuntimeError"]
        assert chosen.name in disk_by_name(data_dir)  # nothing half-done
        await press(pilot, "d", "y")  # the same answer again now works
        await settle(pilot)
        assert chosen.name not in disk_by_name(data_dir)
    assert "RuntimeError" in log_text(data_dir)


async def test_a_worker_that_raises_is_reported(
    demo_store: Store, clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable() -> dict[int, object]:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(demo_store.network, "all", unreadable)
    async with running(demo_store, clock, failures_expected=True) as (app, pilot):
        await press(pilot, "N")
        await app.workers.wait_for_complete()
        await press(pilot)
        assert isinstance(app.screen, NetworkScreen) and app.is_running
        assert [failure.kind for failure in app.failures] == ["OSError"]
        await press(pilot, "escape", "S")
        assert isinstance(app.screen, StatsScreen)
    assert "OSError" in log_text(data_dir)


async def test_a_screen_that_fails_to_open_is_closed_again(
    demo_store: Store, clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: StatsScreen) -> None:
        raise KeyError("funnel")

    monkeypatch.setattr(StatsScreen, "on_mount", broken)
    async with running(demo_store, clock, failures_expected=True) as (app, pilot):
        await press(pilot, "S")
        await press(pilot)
        assert [type(screen) for screen in app.screen_stack] == [BoardScreen]
        assert [failure.kind for failure in app.failures] == ["KeyError"]
        await press(pilot, "C")  # the other screens still open
        assert isinstance(app.screen, CompaniesScreen)


async def test_failing_over_and_over_stops_the_app_with_one_line(
    demo_store: Store, clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always(self: BoardScreen, delta: int) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(BoardScreen, "action_cursor", always)
    with pytest.raises(ZeroDivisionError):
        async with running(demo_store, clock, failures_expected=True) as (app, pilot):
            for _ in range(12):
                await pilot.press("j")
    assert app.return_code == 1
    assert "ZeroDivisionError" in log_text(data_dir)


def test_a_crash_outside_the_boundary_ends_with_one_line_naming_the_log(
    tmp_path: Path,
) -> None:
    """In a real terminal: a Textual widget of its own fails (here the text box,
    made to raise on a key). No traceback fills the screen; the app says where
    the log is, exits 1, and the change made before it is on disk."""
    data_dir = tmp_path / "data"
    store = Store(data_dir).open()
    store.contacts.insert(Contact(name="Lee Park", rank=1.0))
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(
            """
            from textual.widgets import Input

            async def _on_key(self, event):
                raise RuntimeError("a bug in a widget")

            Input._on_key = _on_key
            """
        ),
        encoding="utf-8",
    )
    env = terminal_env()
    env["PYTHONPATH"] = os.pathsep.join([str(hook), *sys.path])
    argv = [sys.executable, "-m", "infoint_tui", "--data-dir", str(data_dir)]
    with Terminal(argv, cols=80, rows=24, env=env) as terminal:
        terminal.wait_for(["Lee Park"], timeout=60)
        terminal.press("L", quiet=0.2, idle=0.2, timeout=30)  # saved before the crash
        terminal.press("/", quiet=0.2, idle=0.2, timeout=30)  # the filter box takes focus
        os.write(terminal.fd, b"x")  # and fails on this key
        status = terminal.process.wait(timeout=60)
        while not terminal.closed:  # what it wrote on its way out
            terminal.read(0.2)
        shown = terminal.text()
    assert status == 1
    assert "infoint stopped after an error (RuntimeError)" in shown
    assert str(data_dir / LOG_NAME) in shown.replace("\n", "")
    assert "Traceback" not in shown
    assert "RuntimeError" in log_text(data_dir)
    saved = Store(data_dir).open().contacts.all()
    assert [contact.stage for contact in saved.values()] == [Stage.REQUESTED]


# -- regressions found by the random walk (tests/ui/test_random_keys.py) ----------


async def test_a_save_reported_after_its_screen_closed_touches_nothing(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    """Seed 16838: a company saved, Companies closed, then the save's report
    reached for the closed screen's table (NoMatches)."""
    async with running(demo_store, clock, start_saver=False) as (app, pilot):
        await press(pilot, "C", "n")
        await type_text(pilot, "Acme Robotics")
        await press(pilot, "enter", "escape")  # gone before the save is written
        assert isinstance(app.screen, BoardScreen)
        assert app.session.saver.flush(10)
        await press(pilot)
        assert "Acme Robotics" in disk_companies(data_dir)


async def test_a_promotion_reported_after_the_network_closed_still_reaches_the_board(
    demo_store: Store, clock: FakeClock, data_dir: Path
) -> None:
    """Seed 1500: the same after p on the Network screen."""
    async with running(demo_store, clock, start_saver=False) as (app, pilot):
        await press(pilot, "N")
        await app.workers.wait_for_complete()
        network = app.screen
        assert isinstance(network, NetworkScreen)
        person = next(p for p in network.people if not p.contact_id)
        await press(pilot, "slash")
        await type_text(pilot, person.name)
        await press(pilot, "enter", "p", "escape", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert app.session.saver.flush(10)
        await press(pilot)
        assert person.name in disk_by_name(data_dir)
        assert person.name in {contact.name for contact in app.session.contacts.values()}


async def test_page_up_in_the_palette_right_after_tab(demo_store: Store, clock: FakeClock) -> None:
    """Seed 2000: Textual's option list raised KeyError paging before its layout."""
    async with running(demo_store, clock) as (app, pilot):
        for key in ("ctrl+p", "tab", "pageup", "pagedown", "escape"):
            await press_now(app, key)  # as fast as typed: before the list is laid out
        assert app.is_running
