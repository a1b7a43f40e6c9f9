"""Random keys over every screen: nothing a key can do may crash the app or lose data.

A seeded random walk presses keys through Pilot (and now and then resizes the
terminal), on the demo data and on an empty folder, at 80x24 and at a small
size. It fails on any exception (caught by the error boundary or not), on the
app ending other than by q, on a data file that no longer reads, and on a
contact that vanished without being deleted. The seed is in every failure:

    INFOINT_MONKEY_SEED=1234 python -m pytest tests/ui/test_random_keys.py

More, for a long hunt: ``INFOINT_MONKEY_KEYS`` (keys per walk, default 1,000)
and ``INFOINT_MONKEY_SEEDS`` (walks per setting, default 1).
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from infoint_tui.app import InfointApp
from infoint_tui.core.contacts.changes import ChangeSet
from infoint_tui.core.demo import populate
from infoint_tui.core.documents import Store
from infoint_tui.core.session.session import Session
from tests.conftest import FakeClock
from tests.ui.helpers import press_now

KEYS = (
    list("abcdefghijklmnoprstuvwxyz")
    + list("ABCDEFGHIJKLMNOPRSTUVWXYZ")
    + list("0123456789")
    + ["question_mark", "slash", "plus", "minus", "full_stop", "comma", "space"]
    + ["up", "down", "left", "right", "home", "end", "pageup", "pagedown"]
    + ["shift+left", "shift+right", "shift+up", "shift+down", "tab", "shift+tab"]
    + ["enter", "escape", "backspace", "delete", "ctrl+p", "ctrl+o"]
    # what a user presses most, more often
    + ["escape", "escape", "enter", "enter", "j", "k", "h", "l", "tab", "y", "n"]
    + ["q", "Q"]  # q quits on the board: the walk then starts the app again
)
SIZES = {"80x24": (80, 24), "small": (44, 14)}
RESIZES = [(80, 24), (44, 14), (120, 40), (36, 10)]  # the last is "too small"
KEYS_PER_WALK = int(os.environ.get("INFOINT_MONKEY_KEYS", "1000"))
WALKS = int(os.environ.get("INFOINT_MONKEY_SEEDS", "1"))
REPLAY = os.environ.get("INFOINT_MONKEY_SEED")


@dataclass
class Watch:
    """What the walk saw happen to contacts, to check the disk against."""

    deleted: set[int] = field(default_factory=set)
    seen: set[int] = field(default_factory=set)


def settings_for(data_dir: Path, tmp_path: Path) -> None:
    # Files the walk writes (o in the letter editor) stay in the test's folder.
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        f'[letters]\nfolder = "{tmp_path / "letters"}"\n', encoding="utf-8"
    )


def check_the_disk(data_dir: Path, watch: Watch, label: str) -> None:
    for path in data_dir.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every file still reads
    store = Store(data_dir).open()
    on_disk = set(store.contacts.all())
    vanished = watch.seen - on_disk - watch.deleted
    assert not vanished, f"{label}: contacts {sorted(vanished)} vanished without a delete"


async def walk(data_dir: Path, size: tuple[int, int], seed: int, keys: int) -> None:
    rng = random.Random(seed)
    label = f"seed {seed} ({size[0]}x{size[1]}); replay with INFOINT_MONKEY_SEED={seed}"
    watch = Watch()
    real_perform = Session.perform

    def perform(self: Session, change_set: ChangeSet, **options: object) -> None:
        for change in change_set.changes:
            (watch.deleted.add if change.after is None else watch.deleted.discard)(
                change.contact_id
            )
        real_perform(self, change_set, **options)  # type: ignore[arg-type]

    real_quit = InfointApp.action_quit
    quits = 0

    async def quit_(self: InfointApp) -> None:
        nonlocal quits
        quits += 1
        await real_quit(self)

    pressed: list[str] = []
    left = keys
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Session, "perform", perform)
        patch.setattr(InfointApp, "action_quit", quit_)
        while left > 0:
            store = Store(data_dir, clock=FakeClock()).open()
            watch.seen |= set(store.contacts.all())
            app = InfointApp(store, clock=FakeClock(), ansi=False, today_on_start=seed % 2 == 0)
            quits_before = quits
            try:
                async with app.run_test(size=size) as pilot:
                    await pilot.pause()
                    while left > 0 and app.is_running and app.return_code is None:
                        left -= 1
                        if rng.random() < 0.01:
                            width, height = rng.choice(RESIZES)
                            pressed.append(f"<resize {width}x{height}>")
                            await pilot.resize_terminal(width, height)
                            continue
                        key = rng.choice(KEYS)
                        pressed.append(key)
                        await press_now(app, key)
                        watch.seen |= set(app.session.contacts)
                        if app.failures:
                            break
                    if app.is_running and app.return_code is None:
                        await pilot.exit(0)
            except Exception as error:
                raise AssertionError(f"{label}: {error!r} after {pressed[-15:]}") from error
            finally:
                app.session.close(10)
            failures = [f"{failure.where}: {failure.error!r}" for failure in app.failures]
            assert not failures, f"{label}: caught {failures} after {pressed[-15:]}"
            # q quits from the board (or the palette's Quit); its save takes a
            # moment, so a key or two may follow before the app has ended.
            assert app.return_code in (0, None), f"{label}: exit {app.return_code}"
            ended = f"{label}: the app ended without a quit after {pressed[-15:]}"
            assert left == 0 or quits > quits_before, ended
            watch.seen |= set(app.session.contacts)
            check_the_disk(data_dir, watch, label)


def seeds(base: int) -> list[int]:
    if REPLAY is not None:
        return [int(REPLAY)]
    return [base + 7919 * n for n in range(WALKS)]


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("data", ["demo", "empty"])
async def test_random_keys_never_crash_or_lose_data(
    tmp_path: Path, data: str, size_name: str
) -> None:
    base = {"demo": 1000, "empty": 2000}[data] + {"80x24": 0, "small": 500}[size_name]
    for seed in seeds(base):
        data_dir = tmp_path / f"data-{seed}"
        settings_for(data_dir, tmp_path)
        if data == "demo":
            populate(Store(data_dir, clock=FakeClock()).open())
        await walk(data_dir, SIZES[size_name], seed, KEYS_PER_WALK)
